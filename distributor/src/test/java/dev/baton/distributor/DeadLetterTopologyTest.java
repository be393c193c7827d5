package dev.baton.distributor;

import static dev.baton.distributor.Credentials.credential;
import static dev.baton.distributor.Credentials.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.avro.v1.CredentialIssued;
import dev.baton.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** What is not routed: expired credentials, poison and malformed records, unavailable region topics. */
class DeadLetterTopologyTest extends TopologyTestSupport {

  @Test
  void expiredCredential_isNotRouted_andGoesToDlqWithReasonExpired() {
    start(UnknownPolicy.ALL);
    CredentialIssued expired = credential("www", "eu", NOW.minus(Duration.ofDays(8)), DAYS_7);
    issue(expired);

    assertThat(drain("eu")).isEmpty();
    List<TestRecord<byte[], byte[]>> dead = drainDeadLetters();
    assertThat(dead).hasSize(1);
    TestRecord<byte[], byte[]> letter = dead.get(0);
    assertThat(header(letter.headers(), Topics.DLQ_HEADER_REASON)).isEqualTo("expired");
    assertThat(header(letter.headers(), Topics.DLQ_HEADER_DETAIL)).contains(expired.getSerial()).contains("www");
    assertThat(header(letter.headers(), Topics.DLQ_HEADER_SOURCE_TOPIC)).isEqualTo(Topics.CREDENTIALS_ISSUED.name());
    assertThat(header(letter.headers(), Topics.DLQ_HEADER_SOURCE_PARTITION)).isEqualTo("0");
    assertThat(header(letter.headers(), Topics.DLQ_HEADER_SOURCE_OFFSET)).isEqualTo("0");
    assertThat(new String(letter.key(), StandardCharsets.UTF_8)).isEqualTo("www/eu");
    assertThat(Topics.CREDENTIALS_ISSUED.valueSerde(serdeConfig).deserializer()
        .deserialize(Topics.CREDENTIALS_ISSUED.name(), letter.value())).isEqualTo(expired);
    assertThat(metrics.count("baton.distributor.dlq", "reason", "expired")).isEqualTo(1);
  }

  @Test
  void credentialExpiredByTheTimeItsRegionIsAllowed_isDeadLetteredNotRouted() {
    start(UnknownPolicy.DENY);
    issue(credential("www", "eu", EARLIER, Duration.ofDays(1)));
    clock.advance(Duration.ofDays(2));

    setPolicy(policy("www", 1, "eu"));

    assertThat(drain("eu")).isEmpty();
    assertThat(drainDeadLetters()).singleElement()
        .satisfies(r -> assertThat(header(r.headers(), Topics.DLQ_HEADER_REASON)).isEqualTo("expired"));
  }

  @Test
  void undeserializableRecord_goesToDlqWithHeaders_andLaterRecordsAreRouted() {
    // TopologyTestDriver deserializes while enqueueing, outside a transaction, and under
    // exactly_once_v2 it clears the mock producer's uncommitted sends before capturing output, so
    // the dead letter would vanish in the test driver only. DistributorIT checks it on a broker
    // under exactly_once_v2.
    start(UnknownPolicy.ALL, Map.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE));
    TestInputTopic<byte[], byte[]> raw = driver.createInputTopic(
        Topics.CREDENTIALS_ISSUED.name(), new ByteArraySerializer(), new ByteArraySerializer());
    byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
    raw.pipeInput("www/eu".getBytes(StandardCharsets.UTF_8), garbage);
    CredentialIssued good = credential("www", "eu", EARLIER, DAYS_7);
    issue(good);

    TestRecord<byte[], byte[]> letter = drainDeadLetters().get(0);
    assertThat(letter.value()).isEqualTo(garbage);
    assertThat(letter.key()).isEqualTo("www/eu".getBytes(StandardCharsets.UTF_8));
    assertThat(header(letter.headers(), Topics.DLQ_HEADER_REASON)).isEqualTo("deserialization");
    assertThat(header(letter.headers(), Topics.DLQ_HEADER_DETAIL)).contains("magic byte");
    assertThat(header(letter.headers(), Topics.DLQ_HEADER_SOURCE_TOPIC)).isEqualTo(Topics.CREDENTIALS_ISSUED.name());
    assertThat(header(letter.headers(), Topics.DLQ_HEADER_SOURCE_PARTITION)).isEqualTo("0");
    assertThat(header(letter.headers(), Topics.DLQ_HEADER_SOURCE_OFFSET)).isEqualTo("0");
    assertThat(drain("eu")).containsExactly(KeyValue.pair("www", good));
    assertThat(metrics.count("baton.distributor.dlq", "reason", "deserialization")).isEqualTo(1);
  }

  @Test
  void credentialWhoseKeyDoesNotMatchItsValue_goesToDlqAsMalformed_withOriginalBytes() {
    start(UnknownPolicy.ALL);
    CredentialIssued eu = credential("www", "eu", EARLIER, DAYS_7);
    credentials.pipeInput("www/us", eu);
    byte[] original = Topics.CREDENTIALS_ISSUED.valueSerde(serdeConfig).serializer()
        .serialize(Topics.CREDENTIALS_ISSUED.name(), eu);

    TestRecord<byte[], byte[]> letter = drainDeadLetters().get(0);
    assertThat(header(letter.headers(), Topics.DLQ_HEADER_REASON)).isEqualTo("malformed");
    assertThat(header(letter.headers(), Topics.DLQ_HEADER_DETAIL)).contains("www/us").contains("www/eu");
    assertThat(header(letter.headers(), Topics.DLQ_HEADER_SOURCE_OFFSET)).isEqualTo("0");
    assertThat(letter.value()).isEqualTo(original);
    assertThat(drain("eu")).isEmpty();
    assertThat(drain("us")).isEmpty();
  }

  @Test
  void policyWithInvalidRegionName_goesToDlqAsMalformed_andThePreviousPolicyStays() {
    start(UnknownPolicy.DENY);
    setPolicy(policy("www", 1, "eu"));
    CredentialIssued eu = credential("www", "eu", EARLIER, DAYS_7);
    issue(eu);
    drain("eu");

    setPolicy(policy("www", 2, "us", "../etc"));

    TestRecord<byte[], byte[]> letter = drainDeadLetters().get(0);
    assertThat(header(letter.headers(), Topics.DLQ_HEADER_REASON)).isEqualTo("malformed");
    assertThat(header(letter.headers(), Topics.DLQ_HEADER_SOURCE_TOPIC)).isEqualTo(Topics.POLICY.name());
    assertThat(header(letter.headers(), Topics.DLQ_HEADER_DETAIL)).contains("../etc");
    assertThat(drain("eu")).as("no tombstone: the bad policy was not applied").isEmpty();
  }

  @Test
  void regionTopicThatCannotBeCreated_failsTheTaskForRetry_insteadOfDeadLetteringTheCredential() {
    List<String> ensured = new java.util.ArrayList<>();
    start(UnknownPolicy.ALL, Map.of(), region -> {
      ensured.add(region);
      throw new RegionTopicException("cannot create topic " + Topics.region(region).name() + ": not authorized", null);
    });

    assertThatThrownBy(() -> issue(credential("www", "eu", EARLIER, DAYS_7)))
        .isInstanceOf(StreamsException.class);
    assertThat(ensured).containsExactly("eu");
    assertThat(driver.producedTopicNames()).doesNotContain(Topics.DLQ.name(), Topics.region("eu").name());
  }
}
