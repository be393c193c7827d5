package dev.baton.monitor;

import dev.baton.avro.v1.CredentialIssued;
import dev.baton.avro.v1.GeoPolicy;
import dev.baton.avro.v1.RejectReason;
import dev.baton.avro.v1.RolloutState;
import dev.baton.avro.v1.RolloutStatus;
import dev.baton.avro.v1.SealedKey;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;

/** Builds the events the monitor consumes, with dummy bytes where the monitor never looks. */
final class Events {

  private Events() {}

  static CredentialIssued issued(String cert, String region, String serial, Instant issuedAt, Instant expiresAt) {
    ByteBuffer dummy = ByteBuffer.wrap(new byte[] {1, 2, 3});
    return CredentialIssued.newBuilder()
        .setCertificateId(cert).setRegion(region).setSerial(serial)
        .setCertificateChain(List.of(dummy)).setDelegatedCredential(dummy)
        .setSealedKey(SealedKey.newBuilder().setKemId(0x20).setKdfId(1).setAeadId(1).setRegionKeyId("rk")
            .setEncapsulatedKey(dummy).setCiphertext(dummy).build())
        .setIssuedAt(issuedAt).setExpiresAt(expiresAt).setIssuerId("issuer-test")
        .build();
  }

  static RolloutStatus installed(String dc, String region, String cert, String serial, Instant issuedAt,
      Instant installedAt, Instant expiresAt) {
    return status(dc, region, RolloutState.INSTALLED, installedAt).setCertificateId(cert).setSerial(serial)
        .setIssuedAt(issuedAt).setInstalledAt(installedAt).setExpiresAt(expiresAt).build();
  }

  static RolloutStatus rejected(String dc, String region, String cert, String serial, RejectReason reason,
      Instant at) {
    return status(dc, region, RolloutState.REJECTED, at).setCertificateId(cert).setSerial(serial)
        .setReasonCode(reason).setReasonMessage("test rejection").build();
  }

  static RolloutStatus removed(String dc, String region, String cert, Instant at) {
    return status(dc, region, RolloutState.REMOVED, at).setCertificateId(cert).build();
  }

  static RolloutStatus heartbeat(String dc, String region, Instant at, int installedCount, Instant earliestExpiry) {
    return status(dc, region, RolloutState.HEARTBEAT, at).setInstalledCount(installedCount)
        .setEarliestExpiry(earliestExpiry).build();
  }

  static GeoPolicy policy(String cert, String... regions) {
    return GeoPolicy.newBuilder().setCertificateId(cert).setRegions(List.of(regions)).setVersion(1)
        .setUpdatedAt(Instant.EPOCH).build();
  }

  private static RolloutStatus.Builder status(String dc, String region, RolloutState state, Instant at) {
    return RolloutStatus.newBuilder().setDatacenter(dc).setRegion(region).setState(state).setAgentTime(at);
  }
}
