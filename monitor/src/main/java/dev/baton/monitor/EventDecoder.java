package dev.baton.monitor;

import static java.util.Objects.requireNonNull;

import dev.baton.avro.v1.CredentialIssued;
import dev.baton.avro.v1.GeoPolicy;
import dev.baton.avro.v1.RolloutStatus;
import dev.baton.schemas.Topics;
import dev.baton.schemas.registry.SchemaRegistryException;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;

/** Decodes the raw values the monitor reads (and stores) into events. */
final class EventDecoder implements AutoCloseable {

  private final Deserializer<CredentialIssued> issued;
  private final Deserializer<RolloutStatus> status;
  private final Deserializer<GeoPolicy> policy;

  EventDecoder(Map<String, ?> serdeConfig) {
    requireNonNull(serdeConfig, "serdeConfig must not be null");
    this.issued = Topics.CREDENTIALS_ISSUED.valueSerde(serdeConfig).deserializer();
    this.status = Topics.ROLLOUT_STATUS.valueSerde(serdeConfig).deserializer();
    this.policy = Topics.POLICY.valueSerde(serdeConfig).deserializer();
  }

  /** @throws org.apache.kafka.common.errors.SerializationException when the bytes are not a CredentialIssued */
  CredentialIssued issued(byte[] value) {
    return issued.deserialize(Topics.CREDENTIALS_ISSUED.name(), value);
  }

  /** @throws org.apache.kafka.common.errors.SerializationException when the bytes are not a RolloutStatus */
  RolloutStatus status(byte[] value) {
    return status.deserialize(Topics.ROLLOUT_STATUS.name(), value);
  }

  /** @throws org.apache.kafka.common.errors.SerializationException when the bytes are not a GeoPolicy */
  GeoPolicy policy(byte[] value) {
    return policy.deserialize(Topics.POLICY.name(), value);
  }

  /**
   * True when decoding failed because the registry could not be reached or failed (no answer or
   * 5xx), not because of the record: such a record must be retried, not dead-lettered.
   */
  static boolean isTransient(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SchemaRegistryException r && (r.httpStatus() == 0 || r.httpStatus() >= 500)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() {
    issued.close();
    status.close();
    policy.close();
  }
}
