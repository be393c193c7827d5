package dev.baton.cli.kafka;

import dev.baton.schemas.Topic;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates topics as {@link Topic} describes them (partitions, compaction) when they do not exist
 * yet, so an operator command never relies on broker auto-creation, which would make a compacted
 * topic a delete one.
 */
public final class TopicBootstrap {
  private static final int MAX_REPLICATION = 3;
  private static final long TIMEOUT_SECONDS = 30;

  private TopicBootstrap() {}

  /** Creates the missing topics, replication factor min(3, brokers). Existing ones are left as they are. */
  public static void ensure(Admin admin, Collection<? extends Topic<?, ?>> topics) {
    try {
      Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      int brokers = admin.describeCluster().nodes().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).size();
      short rf = (short) Math.max(1, Math.min(MAX_REPLICATION, brokers));
      List<NewTopic> missing = new ArrayList<>();
      for (Topic<?, ?> t : topics) {
        if (!existing.contains(t.name())) {
          missing.add(t.newTopic(rf));
        }
      }
      if (missing.isEmpty()) {
        return;
      }
      try {
        admin.createTopics(missing).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        // Another client created it in between: that is what we wanted.
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    } catch (ExecutionException e) {
      throw new KafkaCommandException("cannot create topics " + names(topics) + ": " + e.getCause().getMessage(), e);
    } catch (TimeoutException e) {
      throw new KafkaCommandException("Kafka did not answer within " + TIMEOUT_SECONDS
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
