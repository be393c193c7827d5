package dev.baton.distributor;

import static java.util.Objects.requireNonNull;

import dev.baton.avro.v1.CredentialIssued;
import dev.baton.schemas.Topics;

/**
 * What the routing processors emit; the value of the one sink, which picks the topic from it.
 * Keeping the destination in the value (not in a header) means nothing extra reaches the edges.
 */
sealed interface Outbound {

  /** The topic this record goes to. */
  String topic();

  /**
   * A credential (or, when {@code credential} is null, a tombstone) for a region's topic.
   *
   * @param region destination region
   * @param credential the newest credential of the pair, or null to revoke it
   */
  record ToRegion(String region, CredentialIssued credential) implements Outbound {
    public ToRegion {
      Topics.requireValidRegion(region);
    }

    @Override
    public String topic() {
      return Topics.region(region).name();
    }
  }

  /**
   * A credential that may not be routed (it expired), for {@code baton.dlq}.
   *
   * @param credential the credential, written as it was on its input topic
   */
  record ToDeadLetters(CredentialIssued credential) implements Outbound {
    public ToDeadLetters {
      requireNonNull(credential, "credential must not be null");
    }

    @Override
    public String topic() {
      return Topics.DLQ.name();
    }
  }
}
