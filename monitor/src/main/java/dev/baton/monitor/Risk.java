package dev.baton.monitor;

/** Why a datacenter is flagged at risk, before anything has actually expired. */
public enum Risk {
  /** Its earliest-expiring newest credential has less headroom left than the alert threshold. */
  LOW_HEADROOM,
  /** No heartbeat for more than the allowed number of heartbeat intervals: silence means trouble. */
  HEARTBEAT_SILENT,
  /** It rejected the newest credential of one of its certificates and has not installed it since. */
  REJECTED_NEWEST
}
