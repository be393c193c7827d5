package dev.baton.distributor;

/** Why a record went to {@code baton.dlq}; the code is the value of the reason header. */
public enum DeadLetterReason {
  /** The bytes are not a record of the topic's schema (wire format, schema id, Avro). */
  DESERIALIZATION("deserialization"),
  /** A well-formed record that breaks a rule (key does not match the value, bad region name, ...). */
  MALFORMED("malformed"),
  /** An unexpected failure while routing the record. */
  PROCESSING("processing"),
  /** The credential had expired when it would have been routed. */
  EXPIRED("expired");

  private final String code;

  DeadLetterReason(String code) {
    this.code = code;
  }

  /** The header value, e.g. {@code expired}. */
  public String code() {
    return code;
  }
}
