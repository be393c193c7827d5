package dev.baton.cli.demo;

import dev.baton.cli.demo.KeyStoreInspector.StoredCredential;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The demo's verdict, from key store files alone: every datacenter holds a valid credential for
 * every certificate its region is allowed, and none for a certificate it is not.
 */
public final class CoverageCheck {
  private CoverageCheck() {}

  /**
   * What is wrong (empty: all good).
   *
   * @param datacenters the datacenters
   * @param policy allowed regions per certificate id
   * @param stores each datacenter's inspected store, by datacenter name
   */
  public static List<String> problems(List<Datacenter> datacenters, Map<String, List<String>> policy,
      Map<String, Map<String, StoredCredential>> stores) {
    List<String> problems = new ArrayList<>();
    for (Datacenter dc : datacenters) {
      Map<String, StoredCredential> store = stores.getOrDefault(dc.name(), Map.of());
      for (Map.Entry<String, List<String>> p : policy.entrySet()) {
        String cert = p.getKey();
        StoredCredential held = store.get(cert);
        boolean allowed = p.getValue().contains(dc.region());
        if (allowed && held == null) {
          problems.add(dc.name() + " (" + dc.region() + ") holds no credential for " + cert);
        } else if (allowed && !held.valid()) {
          problems.add(dc.name() + " holds an invalid credential for " + cert + ": " + String.join("; ", held.problems()));
        } else if (!allowed && held != null) {
          problems.add(dc.name() + " (" + dc.region() + ") holds a credential for " + cert
              + " although its policy allows only " + p.getValue());
        }
      }
      for (String cert : store.keySet()) {
        if (!policy.containsKey(cert)) {
          problems.add(dc.name() + " holds a credential for unknown certificate " + cert);
        }
      }
    }
    return problems;
  }

  /** Certificates with a valid credential in a store and allowed there. */
  public static int installed(Datacenter dc, Map<String, List<String>> policy, Map<String, StoredCredential> store) {
    int n = 0;
    for (Map.Entry<String, StoredCredential> e : store.entrySet()) {
      List<String> allowed = policy.get(e.getKey());
      if (allowed != null && allowed.contains(dc.region()) && e.getValue().valid()) {
        n++;
      }
    }
    return n;
  }

  /** Certificates a datacenter should hold under the policy. */
  public static int expected(Datacenter dc, Map<String, List<String>> policy) {
    return (int) policy.values().stream().filter(r -> r.contains(dc.region())).count();
  }
}
