package dev.baton.issuer.inventory;

import static java.util.Objects.requireNonNull;

/** An inventory entry that cannot be loaded; carries the rejection reason. Never key material. */
public class InventoryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Rejection.Reason reason;

  public InventoryException(Rejection.Reason reason, String message) {
    super(message);
    this.reason = requireNonNull(reason, "reason must not be null");
  }

  public InventoryException(Rejection.Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = requireNonNull(reason, "reason must not be null");
  }

  public Rejection.Reason reason() {
    return reason;
  }
}
