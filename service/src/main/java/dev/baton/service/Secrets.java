package dev.baton.service;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Masks secret-looking settings before a config is printed or logged. */
public final class Secrets {
  private static final String MASK = "****";

  private Secrets() {}

  /** True for keys that may hold a secret (passwords, JAAS configs, user info, keys). */
  public static boolean isSecret(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return k.contains("password") || k.contains("secret") || k.contains("jaas") || k.contains("user.info")
        || k.endsWith(".key") || k.contains("token") || k.contains("credentials");
  }

  /** A copy of the settings with secret values masked. */
  public static Map<String, String> masked(Map<String, String> settings) {
    Map<String, String> out = new TreeMap<>();
    settings.forEach((k, v) -> out.put(k, isSecret(k) ? MASK : v));
    return out;
  }
}
