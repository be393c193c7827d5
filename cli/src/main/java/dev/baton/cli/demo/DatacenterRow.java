package dev.baton.cli.demo;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;

/**
 * What the progress table shows for one datacenter.
 *
 * @param datacenter the datacenter
 * @param tlsAddress where its edge serves TLS ({@code 127.0.0.1:<port>}), or "-" before it listens
 * @param installed certificates with a valid credential in its key store
 * @param expected certificates the current policy allows it to hold
 * @param newestExpiry the latest expiry among its credentials (null: none)
 * @param lastLag issued-to-installed time of its last install (null: none yet)
 */
public record DatacenterRow(Datacenter datacenter, String tlsAddress, int installed, int expected,
    Instant newestExpiry, Duration lastLag) {
  public DatacenterRow {
    requireNonNull(datacenter, "datacenter must not be null");
    requireNonNull(tlsAddress, "tlsAddress must not be null");
  }

  /** True when it holds exactly what the policy allows. */
  public boolean covered() {
    return installed == expected;
  }
}
