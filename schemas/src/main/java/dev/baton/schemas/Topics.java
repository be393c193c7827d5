package dev.baton.schemas;

import static java.util.Objects.requireNonNull;

import dev.baton.avro.v1.CredentialIssued;
import dev.baton.avro.v1.GeoPolicy;
import dev.baton.avro.v1.IssueRequest;
import dev.baton.avro.v1.RegionKey;
import dev.baton.avro.v1.RolloutStatus;
import dev.baton.schemas.serde.AvroFormat;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Every Baton topic. Topic names exist here and nowhere else. */
public final class Topics {

  /** Prefix of the per-region compacted topics. */
  public static final String REGION_TOPIC_PREFIX = "baton.region.";

  private static final Pattern REGION_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final String COMPACT = "compact";
  private static final String DELETE = "delete";

  /** Every credential the issuer mints; key {@code certificateId/region}. Retention > 2 max lifetimes. */
  public static final Topic<String, CredentialIssued> CREDENTIALS_ISSUED = new Topic<>(
      "baton.credentials.issued", Topic.Format.string(), AvroFormat.of(CredentialIssued.class), 6,
      Map.of("cleanup.policy", DELETE, "retention.ms", millis(Duration.ofDays(15))));

  /** Region HPKE public keys; key region. */
  public static final Topic<String, RegionKey> REGIONS = new Topic<>(
      "baton.regions", Topic.Format.string(), AvroFormat.of(RegionKey.class), 1,
      Map.of("cleanup.policy", COMPACT));

  /** Geo policy per certificate; key certificate id. */
  public static final Topic<String, GeoPolicy> POLICY = new Topic<>(
      "baton.policy", Topic.Format.string(), AvroFormat.of(GeoPolicy.class), 3,
      Map.of("cleanup.policy", COMPACT));

  /** Operator requests to mint now ({@code baton issue-now}); key certificate id. */
  public static final Topic<String, IssueRequest> ISSUE_REQUESTS = new Topic<>(
      "baton.issuer.requests", Topic.Format.string(), AvroFormat.of(IssueRequest.class), 1,
      Map.of("cleanup.policy", DELETE, "retention.ms", millis(Duration.ofDays(7))));

  /** Edge reports; key {@code datacenter/certificateId}, or datacenter for heartbeats. */
  public static final Topic<String, RolloutStatus> ROLLOUT_STATUS = new Topic<>(
      "baton.rollout.status", Topic.Format.string(), AvroFormat.of(RolloutStatus.class), 3,
      Map.of("cleanup.policy", DELETE, "retention.ms", millis(Duration.ofDays(7))));

  /** Records no consumer could process: original key and bytes, the reason in headers. */
  public static final Topic<byte[], byte[]> DLQ = new Topic<>(
      "baton.dlq", Topic.Format.bytes(), Topic.Format.bytes(), 1,
      Map.of("cleanup.policy", DELETE, "retention.ms", millis(Duration.ofDays(14))));

  /** DLQ header: why the record was dead-lettered (a short reason code). */
  public static final String DLQ_HEADER_REASON = "baton.dlq.reason";
  /** DLQ header: human-readable detail of the reason. */
  public static final String DLQ_HEADER_DETAIL = "baton.dlq.detail";
  /** DLQ header: the topic the record came from. */
  public static final String DLQ_HEADER_SOURCE_TOPIC = "baton.dlq.source.topic";
  /** DLQ header: the partition the record came from (decimal string). */
  public static final String DLQ_HEADER_SOURCE_PARTITION = "baton.dlq.source.partition";
  /** DLQ header: the offset of the record in its source partition (decimal string). */
  public static final String DLQ_HEADER_SOURCE_OFFSET = "baton.dlq.source.offset";

  private Topics() {}

  /**
   * The compacted topic of one region; key certificate id, tombstone = revoke.
   *
   * @throws IllegalArgumentException when the region name is not a valid region name
   */
  public static Topic<String, CredentialIssued> region(String region) {
    return new Topic<>(
        REGION_TOPIC_PREFIX + requireValidRegion(region), Topic.Format.string(),
        AvroFormat.of(CredentialIssued.class), 3, Map.of("cleanup.policy", COMPACT));
  }

  /** Region names are lowercase letters, digits and dashes, 1 to 63 characters, like a DNS label. */
  public static String requireValidRegion(String region) {
    requireNonNull(region, "region must not be null");
    if (!REGION_NAME.matcher(region).matches()) {
      throw new IllegalArgumentException(
          "invalid region name '" + region + "': use 1-63 lowercase letters, digits or '-', starting with a letter or digit");
    }
    return region;
  }

  /** The record key of {@link #CREDENTIALS_ISSUED}. */
  public static String credentialKey(String certificateId, String region) {
    return requireNonNull(certificateId, "certificateId must not be null") + "/" + requireValidRegion(region);
  }

  /** The record key of {@link #ROLLOUT_STATUS} for a credential outcome. */
  public static String statusKey(String datacenter, String certificateId) {
    return requireNonNull(datacenter, "datacenter must not be null") + "/"
        + requireNonNull(certificateId, "certificateId must not be null");
  }

  /** Every topic with a fixed name (the per-region topics come from {@link #region(String)}). */
  public static List<Topic<?, ?>> fixed() {
    return List.of(CREDENTIALS_ISSUED, REGIONS, POLICY, ISSUE_REQUESTS, ROLLOUT_STATUS, DLQ);
  }

  /**
   * The Baton topic of this name: a fixed topic, or {@code baton.region.<region>} for a valid
   * region name; empty for any other name.
   */
  public static Optional<Topic<?, ?>> forName(String name) {
    requireNonNull(name, "name must not be null");
    for (Topic<?, ?> t : fixed()) {
      if (t.name().equals(name)) {
        return Optional.of(t);
      }
    }
    return regionOf(name).map(Topics::region);
  }

  /** The region of a {@code baton.region.<region>} topic name; empty for any other name. */
  public static Optional<String> regionOf(String topicName) {
    requireNonNull(topicName, "topicName must not be null");
    if (!topicName.startsWith(REGION_TOPIC_PREFIX)) {
      return Optional.empty();
    }
    String region = topicName.substring(REGION_TOPIC_PREFIX.length());
    return REGION_NAME.matcher(region).matches() ? Optional.of(region) : Optional.empty();
  }

  private static String millis(Duration d) {
    return Long.toString(d.toMillis());
  }
}
