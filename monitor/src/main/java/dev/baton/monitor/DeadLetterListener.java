package dev.baton.monitor;

/** Told about every record the monitor dead-lettered (for counting; the record itself went to the DLQ). */
@FunctionalInterface
public interface DeadLetterListener {

  /** A listener that does nothing. */
  DeadLetterListener NONE = (topic, reason) -> { };

  /**
   * @param sourceTopic the topic the record came from
   * @param reason the short reason code written in the DLQ header
   */
  void deadLettered(String sourceTopic, String reason);
}
