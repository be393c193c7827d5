package dev.baton.issuer.inventory;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * The inventory as one scan found it.
 *
 * @param valid usable certificates by id
 * @param rejected unusable entries by id
 * @param newRejections rejections first seen in this scan (each is logged and counted once)
 */
public record InventoryScan(Map<String, InventoryEntry> valid, Map<String, Rejection> rejected, List<Rejection> newRejections) {
  public InventoryScan {
    valid = Map.copyOf(requireNonNull(valid, "valid must not be null"));
    rejected = Map.copyOf(requireNonNull(rejected, "rejected must not be null"));
    newRejections = List.copyOf(requireNonNull(newRejections, "newRejections must not be null"));
  }
}
