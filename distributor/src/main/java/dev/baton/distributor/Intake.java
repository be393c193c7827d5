package dev.baton.distributor;

import dev.baton.avro.v1.CredentialIssued;
import dev.baton.avro.v1.GeoPolicy;
import dev.baton.schemas.Topics;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The first step of each input: check the record against its topic's rules, stamp its source
 * coordinates, and key it by certificate id for the repartition that follows. A record that breaks a
 * rule throws {@link MalformedRecordException}: the processing handler dead-letters it with its
 * original bytes and coordinates, before anything was stored or routed.
 */
final class Intake {

  private Intake() {}

  /** {@code baton.credentials.issued}: key {@code certificateId/region} must match the value. */
  static final class Credentials extends Stamping<CredentialIssued> {
    @Override
    public void process(Record<String, CredentialIssued> record) {
      CredentialIssued c = record.value();
      if (c == null) {
        throw new MalformedRecordException("credential record with key '" + record.key()
            + "' has no value (" + Topics.CREDENTIALS_ISSUED.name() + " carries no tombstones)");
      }
      requireRegion(c.getRegion(), "credential");
      if (c.getCertificateId().isBlank()) {
        throw new MalformedRecordException("credential " + c.getSerial() + " has a blank certificateId");
      }
      String expectedKey = Topics.credentialKey(c.getCertificateId(), c.getRegion());
      if (!expectedKey.equals(record.key())) {
        throw new MalformedRecordException("record key '" + record.key() + "' does not match the credential's "
            + "certificateId/region '" + expectedKey + "'");
      }
      if (!c.getExpiresAt().isAfter(c.getIssuedAt())) {
        throw new MalformedRecordException("credential " + c.getSerial() + " for " + expectedKey + " expires at "
            + c.getExpiresAt() + ", not after its issue time " + c.getIssuedAt());
      }
      forward(record.withKey(c.getCertificateId()));
    }
  }

  /** {@code baton.policy}: key certificate id must match the value; every region a valid name. */
  static final class Policies extends Stamping<GeoPolicy> {
    @Override
    public void process(Record<String, GeoPolicy> record) {
      GeoPolicy p = record.value();
      if (record.key() == null || record.key().isBlank()) {
        throw new MalformedRecordException("policy record has no certificate id key");
      }
      if (p != null) {
        if (!record.key().equals(p.getCertificateId())) {
          throw new MalformedRecordException("record key '" + record.key() + "' does not match the policy's "
              + "certificateId '" + p.getCertificateId() + "'");
        }
        p.getRegions().forEach(r -> requireRegion(r, "policy for " + p.getCertificateId()));
      }
      // A null value is a deleted policy: the certificate falls back to the default.
      forward(record);
    }
  }

  /** Forwards records with their source coordinates stamped in the {@code baton.dlq.source.*} headers. */
  abstract static class Stamping<V> implements Processor<String, V, String, V> {
    private ProcessorContext<String, V> context;

    @Override
    public void init(ProcessorContext<String, V> context) {
      this.context = context;
    }

    final void forward(Record<String, V> record) {
      DeadLetters.Source source = DeadLetters.Source.of(null, context.recordMetadata());
      context.forward(record.withHeaders(DeadLetters.stamped(record.headers(), source)));
    }

    static void requireRegion(String region, String what) {
      try {
        Topics.requireValidRegion(region);
      } catch (IllegalArgumentException e) {
        throw new MalformedRecordException(what + ": " + e.getMessage());
      }
    }
  }
}
