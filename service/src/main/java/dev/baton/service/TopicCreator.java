package dev.baton.service;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics a Baton component needs, through Admin, when they do not exist. Nothing
 * relies on broker auto-creation: it would make a compacted topic a delete one. Several services
 * may race to create the same topic; the loser's TopicExistsException is what it wanted.
 */
public final class TopicCreator {
  private static final Logger LOG = LoggerFactory.getLogger(TopicCreator.class);

  private TopicCreator() {}

  /**
   * Creates those of {@code topics} that the cluster lacks; existing topics are left as they are.
   *
   * @return the names of the topics this call created
   * @throws TopicCreationException naming the topic and the cause when Kafka refuses or does not
   *     answer within {@code timeout}
   */
  public static List<String> ensure(Admin admin, Collection<NewTopic> topics, Duration timeout) {
    requireNonNull(admin, "admin must not be null");
    requireNonNull(topics, "topics must not be null");
    requireNonNull(timeout, "timeout must not be null");
    if (topics.isEmpty()) {
      return List.of();
    }
    Set<String> existing = await(admin.listTopics().names(), "list topics", timeout);
    List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t.name())).toList();
    if (missing.isEmpty()) {
      return List.of();
    }
    List<String> created = new ArrayList<>();
    for (Map.Entry<String, KafkaFuture<Void>> result : admin.createTopics(missing).values().entrySet()) {
      try {
        await(result.getValue(), "create topic " + result.getKey(), timeout);
        created.add(result.getKey());
        LOG.info("created topic {}", result.getKey());
      } catch (TopicCreationException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    }
    return List.copyOf(created);
  }

  private static <T> T await(KafkaFuture<T> future, String what, Duration timeout) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new TopicCreationException("cannot " + what + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new TopicCreationException("Kafka did not answer within " + timeout.toSeconds() + " s to " + what
          + " (check bootstrap.servers)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TopicCreationException("interrupted while waiting to " + what, e);
    }
  }
}
