package dev.baton.cli.kafka;

import dev.baton.schemas.Topic;
import dev.baton.service.TopicCreationException;
import dev.baton.service.TopicCreator;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;

/**
 * Creates topics as {@link Topic} describes them (partitions, compaction) when they do not exist
 * yet, so an operator command never relies on broker auto-creation, which would make a compacted
 * topic a delete one.
 */
public final class TopicBootstrap {
  private static final int MAX_REPLICATION = 3;
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private TopicBootstrap() {}

  /** Creates the missing topics, replication factor min(3, brokers). Existing ones are left as they are. */
  public static void ensure(Admin admin, Collection<? extends Topic<?, ?>> topics) {
    try {
      int brokers = admin.describeCluster().nodes().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).size();
      short rf = (short) Math.max(1, Math.min(MAX_REPLICATION, brokers));
      TopicCreator.ensure(admin, topics.stream().map(t -> t.newTopic(rf)).toList(), TIMEOUT);
    } catch (TopicCreationException e) {
      throw new KafkaCommandException("cannot create topics " + names(topics) + ": " + e.getMessage(), e);
    } catch (ExecutionException e) {
      throw new KafkaCommandException("cannot reach Kafka: " + e.getCause().getMessage(), e);
    } catch (TimeoutException e) {
      throw new KafkaCommandException("Kafka did not answer within " + TIMEOUT.toSeconds()
          + " s while creating topics " + names(topics) + "; is --bootstrap-server right?", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaCommandException("interrupted while creating topics", e);
    }
  }

  private static List<String> names(Collection<? extends Topic<?, ?>> topics) {
    return topics.stream().map(Topic::name).toList();
  }
}
