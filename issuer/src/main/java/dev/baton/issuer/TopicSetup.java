package dev.baton.issuer;

import dev.baton.schemas.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the topics a service needs when they are missing (another service may race us: fine). */
final class TopicSetup {

  private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);

  private TopicSetup() {}

  /**
   * Creates each missing topic with its partitions and config.
   *
   * @param replicationFactor -1 for the broker's default
   * @throws KafkaException when the cluster cannot be reached or refuses
   */
  static void ensure(Admin admin, short replicationFactor, Duration timeout, List<Topic<?, ?>> topics) {
    try {
      Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      for (Topic<?, ?> topic : topics) {
        if (existing.contains(topic.name())) {
          continue;
        }
        NewTopic newTopic = topic.newTopic(replicationFactor);
        try {
          admin.createTopics(List.of(newTopic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
          LOG.info("created topic {} ({} partitions, config {})", topic.name(), topic.partitions(), topic.config());
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
        }
      }
    } catch (ExecutionException e) {
      throw new KafkaException("cannot create topics: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new KafkaException("cannot reach Kafka to create topics within " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted while creating topics", e);
    }
  }
}
