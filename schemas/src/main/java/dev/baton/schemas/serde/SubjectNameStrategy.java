package dev.baton.schemas.serde;

import org.apache.avro.Schema;

/** How a serde names the registry subject of a topic's keys or values (Confluent's three strategies). */
public enum SubjectNameStrategy {
  /** {@code <topic>-key} / {@code <topic>-value}: the default. */
  TOPIC_NAME("io.confluent.kafka.serializers.subject.TopicNameStrategy"),
  /** The record's full name. */
  RECORD_NAME("io.confluent.kafka.serializers.subject.RecordNameStrategy"),
  /** {@code <topic>-<record full name>}. */
  TOPIC_RECORD_NAME("io.confluent.kafka.serializers.subject.TopicRecordNameStrategy");

  private final String confluentClass;

  SubjectNameStrategy(String confluentClass) {
    this.confluentClass = confluentClass;
  }

  /** The subject for a topic's key or value schema. */
  public String subject(String topic, boolean isKey, Schema schema) {
    return switch (this) {
      case TOPIC_NAME -> topic + (isKey ? "-key" : "-value");
      case RECORD_NAME -> schema.getFullName();
      case TOPIC_RECORD_NAME -> topic + "-" + schema.getFullName();
    };
  }

  /** Accepts Confluent's class names, their simple names, or this enum's names. */
  static SubjectNameStrategy parse(String key, Object value) {
    if (value == null) {
      return TOPIC_NAME;
    }
    String v = value instanceof Class<?> c ? c.getName() : value.toString().trim();
    for (SubjectNameStrategy s : values()) {
      if (v.equals(s.confluentClass) || v.equals(s.name())
          || v.equals(s.confluentClass.substring(s.confluentClass.lastIndexOf('.') + 1))) {
        return s;
      }
    }
    throw new IllegalArgumentException(key + " '" + v + "' is not supported; use TopicNameStrategy, "
        + "RecordNameStrategy or TopicRecordNameStrategy");
  }
}
