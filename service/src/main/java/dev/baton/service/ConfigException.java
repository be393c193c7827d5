package dev.baton.service;

/** A service setting that is missing or invalid; the message names the key and the bad value. */
public class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String key;

  public ConfigException(String key, String message) {
    super(key + ": " + message);
    this.key = key;
  }

  public ConfigException(String key, String message, Throwable cause) {
    super(key + ": " + message, cause);
    this.key = key;
  }

  /** The setting that was wrong. */
  public String key() {
    return key;
  }
}
