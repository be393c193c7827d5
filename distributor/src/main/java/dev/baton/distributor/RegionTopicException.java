package dev.baton.distributor;

/**
 * A region topic could not be created or checked. Not the record's fault: the stream thread fails
 * (and is replaced), so the record is routed again once the cluster lets the topic exist.
 */
public final class RegionTopicException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RegionTopicException(String message, Throwable cause) {
    super(message, cause);
  }
}
