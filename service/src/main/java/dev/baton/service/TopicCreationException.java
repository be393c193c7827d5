package dev.baton.service;

import org.apache.kafka.common.KafkaException;

/** Topics a service needs could not be created: the cluster is unreachable or refused. */
public class TopicCreationException extends KafkaException {
  private static final long serialVersionUID = 1L;

  public TopicCreationException(String message, Throwable cause) {
    super(message, cause);
  }
}
