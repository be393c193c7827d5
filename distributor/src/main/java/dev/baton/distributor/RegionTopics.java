package dev.baton.distributor;

/** Makes sure a region's compacted topic exists before records are sent to it. */
@FunctionalInterface
public interface RegionTopics {

  /**
   * Returns once {@code baton.region.<region>} exists.
   *
   * @throws RegionTopicException when it neither exists nor can be created
   */
  void ensure(String region);

  /** For clusters (and TopologyTestDriver) where the topics are known to exist. */
  static RegionTopics assumeExisting() {
    return region -> { };
  }
}
