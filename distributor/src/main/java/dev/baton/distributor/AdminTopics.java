package dev.baton.distributor;

import static java.util.Objects.requireNonNull;

import dev.baton.schemas.Topic;
import dev.baton.schemas.Topics;
import dev.baton.service.TopicCreationException;
import dev.baton.service.TopicCreator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates the topics the distributor writes, through Admin: producers of most clusters may not
 * auto-create topics, and a region topic must be compacted from its first record. Region topics
 * known to exist are cached, so only the first record for a new region pays for a round trip.
 */
final class AdminTopics implements RegionTopics {

  private final Admin admin;
  private final int regionPartitions;
  private final short replicationFactor;
  private final Duration timeout;
  private final Set<String> existingRegions = ConcurrentHashMap.newKeySet();

  AdminTopics(Admin admin, int regionPartitions, short replicationFactor, Duration timeout) {
    this.admin = requireNonNull(admin, "admin must not be null");
    this.regionPartitions = regionPartitions;
    this.replicationFactor = replicationFactor;
    this.timeout = requireNonNull(timeout, "timeout must not be null");
  }

  @Override
  public void ensure(String region) {
    if (!existingRegions.contains(region)) {
      ensureRegions(List.of(region));
    }
  }

  /** Creates the missing topics of these regions in one request. */
  void ensureRegions(Collection<String> regions) {
    List<NewTopic> topics = new ArrayList<>();
    for (String region : regions) {
      Topic<?, ?> t = Topics.region(region);
      topics.add(new NewTopic(t.name(), regionPartitions, replicationFactor).configs(t.config()));
    }
    create(topics);
    existingRegions.addAll(regions);
  }

  /** Creates these topics, as {@link Topics} describes them, when missing. */
  void ensureTopics(Collection<Topic<?, ?>> topics) {
    create(topics.stream().map(t -> t.newTopic(replicationFactor)).toList());
  }

  /** The names of the topics in the cluster. */
  Set<String> existing() {
    try {
      return admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new RegionTopicException("cannot list topics: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegionTopicException("interrupted while listing topics", e);
    }
  }

  private void create(List<NewTopic> topics) {
    try {
      TopicCreator.ensure(admin, topics, timeout);
    } catch (TopicCreationException e) {
      throw new RegionTopicException(e.getMessage(), e);
    }
  }
}
