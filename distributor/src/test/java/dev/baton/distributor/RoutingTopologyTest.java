package dev.baton.distributor;

import static dev.baton.distributor.Credentials.credential;
import static dev.baton.distributor.Credentials.policy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.avro.v1.CredentialIssued;
import dev.baton.avro.v1.GeoPolicy;
import dev.baton.schemas.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** The routing rules: policy, default, expand, shrink, newest wins. */
class RoutingTopologyTest extends TopologyTestSupport {

  @Test
  void credential_inRegionItsPolicyAllows_isRoutedToThatRegionKeyedByCertificate() {
    start(UnknownPolicy.DENY);
    setPolicy(policy("www", 1, "eu", "us"));
    CredentialIssued eu = credential("www", "eu", EARLIER, DAYS_7);
    issue(eu);

    assertThat(drain("eu")).containsExactly(KeyValue.pair("www", eu));
    assertThat(drain("us")).isEmpty();
    assertThat(metrics.count("baton.distributor.routed", "region", "eu")).isEqualTo(1);
  }

  @Test
  void credential_inRegionItsPolicyDoesNotList_isNotRouted() {
    start(UnknownPolicy.ALL);
    setPolicy(policy("www", 1, "eu"));
    issue(credential("www", "us", EARLIER, DAYS_7));

    assertThat(drain("us")).isEmpty();
    assertThat(driver.producedTopicNames()).doesNotContain(Topics.region("us").name());
  }

  @Test
  void credential_withoutPolicy_underDefaultDeny_isNotRouted() {
    start(UnknownPolicy.DENY);
    issue(credential("www", "eu", EARLIER, DAYS_7));

    assertThat(drain("eu")).isEmpty();
    assertThat(driver.producedTopicNames()).noneMatch(t -> t.startsWith(Topics.REGION_TOPIC_PREFIX));
  }

  @Test
  void credential_withoutPolicy_underDefaultAll_isRoutedToItsRegion() {
    start(UnknownPolicy.ALL);
    CredentialIssued eu = credential("www", "eu", EARLIER, DAYS_7);
    CredentialIssued us = credential("www", "us", EARLIER, DAYS_7);
    issue(eu);
    issue(us);

    assertThat(drain("eu")).containsExactly(KeyValue.pair("www", eu));
    assertThat(drain("us")).containsExactly(KeyValue.pair("www", us));
  }

  @Test
  void policyAddingRegion_sendsTheNewestHeldCredentialAtOnce() {
    start(UnknownPolicy.DENY);
    setPolicy(policy("www", 1, "eu"));
    CredentialIssued eu = credential("www", "eu", EARLIER, DAYS_7);
    CredentialIssued usOld = credential("www", "us", EARLIER.minus(Duration.ofDays(1)), DAYS_7);
    CredentialIssued usNew = credential("www", "us", EARLIER, DAYS_7);
    issue(eu);
    issue(usOld);
    issue(usNew);
    assertThat(drain("us")).isEmpty();
    drain("eu");

    setPolicy(policy("www", 2, "eu", "us"));

    assertThat(drain("us")).containsExactly(KeyValue.pair("www", usNew));
    assertThat(drain("eu")).as("eu was allowed before: nothing to resend").isEmpty();
  }

  @Test
  void policyDroppingRegion_writesTombstoneToThatRegionOnly() {
    start(UnknownPolicy.DENY);
    setPolicy(policy("www", 1, "eu", "us"));
    issue(credential("www", "eu", EARLIER, DAYS_7));
    issue(credential("www", "us", EARLIER, DAYS_7));
    drain("eu");
    drain("us");

    setPolicy(policy("www", 2, "eu"));

    assertThat(drain("us")).containsExactly(KeyValue.pair("www", null));
    assertThat(drain("eu")).isEmpty();
    assertThat(metrics.count("baton.distributor.tombstones", "region", "us")).isEqualTo(1);
  }

  @Test
  void twoPoliciesInARow_eachComparedWithThePreviousOne() {
    start(UnknownPolicy.DENY);
    CredentialIssued eu = credential("www", "eu", EARLIER, DAYS_7);
    CredentialIssued us = credential("www", "us", EARLIER, DAYS_7);
    issue(eu);
    issue(us);

    setPolicy(policy("www", 1, "eu"));
    setPolicy(policy("www", 2, "us"));

    assertThat(drain("eu")).containsExactly(KeyValue.pair("www", eu), KeyValue.pair("www", null));
    assertThat(drain("us")).containsExactly(KeyValue.pair("www", us));

    setPolicy(policy("www", 3, "us"));
    assertThat(drain("eu")).isEmpty();
    assertThat(drain("us")).as("an unchanged policy sends nothing").isEmpty();
  }

  @Test
  void deletedPolicy_fallsBackToTheDefault_denyRevokesEverywhere() {
    start(UnknownPolicy.DENY);
    setPolicy(policy("www", 1, "eu"));
    issue(credential("www", "eu", EARLIER, DAYS_7));
    drain("eu");

    policies.pipeInput("www", (GeoPolicy) null);

    assertThat(drain("eu")).containsExactly(KeyValue.pair("www", null));
  }

  @Test
  void lateOlderCredential_neverReplacesTheNewerOne() {
    start(UnknownPolicy.DENY);
    CredentialIssued newer = credential("www", "eu", EARLIER, DAYS_7);
    CredentialIssued older = credential("www", "eu", EARLIER.minus(Duration.ofDays(2)), DAYS_7);
    CredentialIssued sameExpiryIssuedEarlier = credential("www", "eu", EARLIER.minus(Duration.ofHours(1)),
        DAYS_7.plus(Duration.ofHours(1)));
    issue(newer);
    issue(older);
    issue(sameExpiryIssuedEarlier);
    issue(newer);

    setPolicy(policy("www", 1, "eu"));

    assertThat(drain("eu")).containsExactly(KeyValue.pair("www", newer));
    assertThat(metrics.count("baton.distributor.superseded", null, null)).isEqualTo(3);
  }

  @Test
  void lateOlderCredential_whileRouting_isNotSentAfterTheNewerOne() {
    start(UnknownPolicy.ALL);
    CredentialIssued newer = credential("www", "eu", EARLIER, DAYS_7);
    issue(newer);
    issue(credential("www", "eu", EARLIER.minus(Duration.ofDays(1)), DAYS_7));

    assertThat(drain("eu")).containsExactly(KeyValue.pair("www", newer));
  }

  @Test
  void certificateIdPrefixingAnother_doesNotReceiveTheOthersCredentials() {
    start(UnknownPolicy.DENY);
    issue(credential("a/b", "eu", EARLIER, DAYS_7));
    CredentialIssued mine = credential("a", "us", EARLIER, DAYS_7);
    issue(mine);

    setPolicy(policy("a", 1, "eu", "us"));

    assertThat(drain("eu")).isEmpty();
    assertThat(drain("us")).containsExactly(KeyValue.pair("a", mine));
  }

  @Test
  void routedRecords_carryNoInternalHeaders() {
    start(UnknownPolicy.ALL);
    issue(credential("www", "eu", EARLIER, DAYS_7));

    TestRecord<String, CredentialIssued> out = driver.createOutputTopic(Topics.region("eu").name(),
        new StringDeserializer(), Topics.region("eu").valueSerde(serdeConfig).deserializer()).readRecord();
    assertThat(out.headers().toArray()).isEmpty();
  }

  @Test
  void manyCertificates_mixedPolicies_eachAllowedPairRoutedOnce() {
    start(UnknownPolicy.DENY);
    List<String> regions = List.of("eu", "us", "apac");
    Map<String, Integer> expected = new HashMap<>();
    for (int i = 0; i < 30; i++) {
      List<String> allowed = regions.subList(0, i % 4);
      setPolicy(policy("cert-" + i, 1, allowed.toArray(String[]::new)));
      allowed.forEach(r -> expected.merge(r, 1, Integer::sum));
      for (String r : regions) {
        issue(credential("cert-" + i, r, EARLIER, DAYS_7));
      }
    }
    Map<String, Integer> actual = regions.stream()
        .collect(Collectors.toMap(r -> r, r -> drain(r).size()));
    assertThat(actual).isEqualTo(Map.of("eu", expected.get("eu"), "us", expected.get("us"), "apac",
        expected.get("apac")));
  }

  /** The stores as a previous run under {@code previousDefault} left them. */
  private void previousRun(String previousDefault, CredentialIssued... held) {
    driver.<String, String>getKeyValueStore(Routing.SETTINGS_STORE).put(Routing.UNKNOWN_POLICY_KEY, previousDefault);
    KeyValueStore<String, CredentialIssued> store = driver.getKeyValueStore(Routing.CREDENTIALS_STORE);
    for (CredentialIssued c : held) {
      store.put(Topics.credentialKey(c.getCertificateId(), c.getRegion()), c);
    }
    driver.<String, GeoPolicy>getKeyValueStore(Routing.POLICIES_STORE).put("governed", policy("governed", 1, "us"));
  }

  @Test
  void defaultChangedFromDenyToAll_sendsHeldCredentialsOfCertificatesWithoutPolicy_onStart() {
    start(UnknownPolicy.ALL);
    CredentialIssued free = credential("free", "eu", EARLIER, DAYS_7);
    previousRun("deny", free, credential("governed", "eu", EARLIER, DAYS_7));

    driver.advanceWallClockTime(Duration.ofSeconds(2));

    assertThat(drain("eu")).containsExactly(KeyValue.pair("free", free));
    driver.advanceWallClockTime(Duration.ofSeconds(2));
    issue(credential("other", "us", EARLIER, DAYS_7));
    assertThat(drain("eu")).as("applied once").isEmpty();
  }

  @Test
  void defaultChangedFromAllToDeny_revokesCredentialsOfCertificatesWithoutPolicy_beforeTheNextRecord() {
    start(UnknownPolicy.DENY);
    previousRun("all", credential("free", "eu", EARLIER, DAYS_7), credential("governed", "eu", EARLIER, DAYS_7));

    setPolicy(policy("unrelated", 1, "us"));

    assertThat(drain("eu")).containsExactly(KeyValue.pair("free", null));
  }
}
