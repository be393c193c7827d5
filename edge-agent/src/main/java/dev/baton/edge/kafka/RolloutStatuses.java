package dev.baton.edge.kafka;

import static java.util.Objects.requireNonNull;

import dev.baton.avro.v1.RejectReason;
import dev.baton.avro.v1.RolloutState;
import dev.baton.avro.v1.RolloutStatus;
import dev.baton.edge.store.InstalledCredential;
import java.time.Clock;
import java.time.Instant;

/** Builds the {@code RolloutStatus} events of one datacenter, stamped with the agent's clock. */
public final class RolloutStatuses {

  private final String datacenter;
  private final String region;
  private final Clock clock;

  public RolloutStatuses(String datacenter, String region, Clock clock) {
    this.datacenter = requireNonNull(datacenter, "datacenter must not be null");
    this.region = requireNonNull(region, "region must not be null");
    this.clock = requireNonNull(clock, "clock must not be null");
  }

  /** INSTALLED: the credential is durable in the store and served. */
  public RolloutStatus installed(InstalledCredential c, Instant issuedAt, Instant installedAt) {
    return base(RolloutState.INSTALLED).setCertificateId(c.certificateId()).setSerial(c.serial())
        .setIssuedAt(issuedAt).setInstalledAt(installedAt).setExpiresAt(c.expiresAt()).build();
  }

  /** REJECTED with a reason; certificate id and serial when they were readable. */
  public RolloutStatus rejected(String certificateId, String serial, RejectReason reason, String message) {
    return base(RolloutState.REJECTED).setCertificateId(certificateId).setSerial(serial)
        .setReasonCode(reason).setReasonMessage(message).build();
  }

  /** REMOVED: a tombstone purged the certificate's keys. */
  public RolloutStatus removed(String certificateId) {
    return base(RolloutState.REMOVED).setCertificateId(certificateId).build();
  }

  /** HEARTBEAT: how many certificates have a credential and the earliest expiry among them. */
  public RolloutStatus heartbeat(int installedCount, Instant earliestExpiry) {
    return base(RolloutState.HEARTBEAT).setInstalledCount(installedCount).setEarliestExpiry(earliestExpiry).build();
  }

  private RolloutStatus.Builder base(RolloutState state) {
    return RolloutStatus.newBuilder().setDatacenter(datacenter).setRegion(region).setState(state)
        .setAgentTime(clock.instant());
  }
}
