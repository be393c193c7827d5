package dev.baton.edge.verify;

import static java.util.Objects.requireNonNull;

import dev.baton.avro.v1.RejectReason;

/**
 * A credential the agent refuses to install, with the reason reported on the status topic. The
 * message names what was wrong and never contains key material.
 */
public class Rejection extends Exception {
  private static final long serialVersionUID = 1L;

  private final RejectReason reason;

  public Rejection(RejectReason reason, String message) {
    super(message);
    this.reason = requireNonNull(reason, "reason must not be null");
  }

  public Rejection(RejectReason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = requireNonNull(reason, "reason must not be null");
  }

  /** The reason code reported in the REJECTED status. */
  public RejectReason reason() {
    return reason;
  }
}
