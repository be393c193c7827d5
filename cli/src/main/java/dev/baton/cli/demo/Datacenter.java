package dev.baton.cli.demo;

import static java.util.Objects.requireNonNull;

import dev.baton.schemas.Topics;
import java.util.regex.Pattern;

/**
 * One demo datacenter: its region and its name ({@code eu:fra1}).
 *
 * @param region the region it belongs to
 * @param name the datacenter name
 */
public record Datacenter(String region, String name) {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  public Datacenter {
    Topics.requireValidRegion(region);
    requireNonNull(name, "name must not be null");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid datacenter name '" + name
          + "': use 1-63 lowercase letters, digits or '-'");
    }
  }

  /** Parses {@code region:name}. */
  public static Datacenter parse(String spec) {
    requireNonNull(spec, "datacenter must not be null");
    int colon = spec.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("datacenter '" + spec + "' must be region:name, e.g. eu:fra1");
    }
    return new Datacenter(spec.substring(0, colon).trim(), spec.substring(colon + 1).trim());
  }

  @Override
  public String toString() {
    return region + ":" + name;
  }
}
