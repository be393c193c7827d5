package dev.baton.schemas;

import dev.baton.avro.v1.CredentialIssued;
import dev.baton.avro.v1.GeoPolicy;
import dev.baton.avro.v1.IssueRequest;
import dev.baton.avro.v1.RegionKey;
import dev.baton.avro.v1.RejectReason;
import dev.baton.avro.v1.RolloutState;
import dev.baton.avro.v1.RolloutStatus;
import dev.baton.avro.v1.SealedKey;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** One filled-in value of every event type, with every optional field set, for round trips. */
public final class Samples {

  private static final Instant T0 = Instant.ofEpochMilli(1_767_225_600_123L);

  private Samples() {}

  private static ByteBuffer bytes(int n, int seed) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (seed + i * 31);
    }
    return ByteBuffer.wrap(b);
  }

  public static CredentialIssued credentialIssued() {
    return CredentialIssued.newBuilder()
        .setCertificateId("www-example")
        .setRegion("eu")
        .setSerial("0123456789abcdef0123456789abcdef")
        .setCertificateChain(List.of(bytes(300, 1), bytes(280, 2)))
        .setDelegatedCredential(bytes(120, 3))
        .setSealedKey(SealedKey.newBuilder()
            .setKemId(0x0020).setKdfId(0x0001).setAeadId(0x0001)
            .setRegionKeyId("rk-eu-1")
            .setEncapsulatedKey(bytes(32, 4))
            .setCiphertext(bytes(150, 5))
            .build())
        .setIssuedAt(T0)
        .setExpiresAt(T0.plusSeconds(7 * 24 * 3600))
        .setIssuerId("issuer-1")
        .build();
  }

  public static RegionKey regionKey() {
    return RegionKey.newBuilder().setRegion("eu").setKeyId("rk-eu-1").setKemId(0x0020)
        .setPublicKey(bytes(32, 6)).setCreatedAt(T0).build();
  }

  public static GeoPolicy geoPolicy() {
    return GeoPolicy.newBuilder().setCertificateId("www-example").setRegions(List.of("eu", "us"))
        .setVersion(3).setUpdatedAt(T0).build();
  }

  public static IssueRequest issueRequest() {
    return IssueRequest.newBuilder().setCertificateId("www-example").setRegion("us")
        .setRequestedAt(T0).setRequestedBy("oncall").setReason("suspected compromise").build();
  }

  public static RolloutStatus rejected() {
    return RolloutStatus.newBuilder().setDatacenter("fra1").setRegion("eu").setState(RolloutState.REJECTED)
        .setCertificateId("www-example").setSerial("0123456789abcdef0123456789abcdef")
        .setReasonCode(RejectReason.UNTRUSTED_CHAIN).setReasonMessage("chain does not validate")
        .setIssuedAt(T0).setInstalledAt(null).setExpiresAt(T0.plusSeconds(3600))
        .setAgentTime(T0.plusSeconds(5)).setInstalledCount(null).setEarliestExpiry(null).build();
  }

  public static RolloutStatus heartbeat() {
    return RolloutStatus.newBuilder().setDatacenter("fra1").setRegion("eu").setState(RolloutState.HEARTBEAT)
        .setAgentTime(T0.plusSeconds(30)).setInstalledCount(12).setEarliestExpiry(T0.plusSeconds(86_400)).build();
  }

  /** One value per topic of {@link Topics}, keyed by the topic it belongs on. */
  public static Map<Topic<String, ? extends SpecificRecord>, SpecificRecord> perTopic() {
    return Map.of(
        Topics.CREDENTIALS_ISSUED, credentialIssued(),
        Topics.REGIONS, regionKey(),
        Topics.POLICY, geoPolicy(),
        Topics.ISSUE_REQUESTS, issueRequest(),
        Topics.ROLLOUT_STATUS, rejected(),
        Topics.region("eu"), credentialIssued());
  }
}
