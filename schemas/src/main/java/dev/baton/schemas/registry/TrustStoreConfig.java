package dev.baton.schemas.registry;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Which certificates the registry client trusts for https:// registries: Confluent's
 * {@code schema.registry.ssl.truststore.location/password/type}. Types: JKS (Confluent's default),
 * PKCS12, or PEM (a file of one or more CA certificates, no password).
 *
 * @param location the truststore file
 * @param password the store password (empty for PEM); never shown by {@link #toString()}
 * @param type JKS, PKCS12 or PEM
 */
public record TrustStoreConfig(Path location, String password, String type) {

  public TrustStoreConfig {
    requireNonNull(location, "location must not be null");
    requireNonNull(password, "password must not be null");
    type = requireNonNull(type, "type must not be null").toUpperCase(Locale.ROOT);
    if (!type.equals("JKS") && !type.equals("PKCS12") && !type.equals("PEM")) {
      throw new IllegalArgumentException(RegistryClientConfig.SSL_TRUSTSTORE_TYPE + " '" + type
          + "' is not supported; use JKS, PKCS12 or PEM");
    }
  }

  /** The trust settings of a client config, if {@code schema.registry.ssl.truststore.location} is set. */
  static Optional<TrustStoreConfig> parse(Map<String, ?> configs) {
    Object location = configs.get(RegistryClientConfig.SSL_TRUSTSTORE_LOCATION);
    if (location == null || location.toString().isBlank()) {
      return Optional.empty();
    }
    Object password = configs.get(RegistryClientConfig.SSL_TRUSTSTORE_PASSWORD);
    Object type = configs.get(RegistryClientConfig.SSL_TRUSTSTORE_TYPE);
    return Optional.of(new TrustStoreConfig(
        Path.of(location.toString().trim()),
        password == null ? "" : password.toString(),
        type == null || type.toString().isBlank() ? "JKS" : type.toString().trim()));
  }

  /**
   * An SSL context that trusts exactly this store's certificates.
   *
   * @throws IllegalArgumentException naming the setting and the file when the store cannot be read
   */
  public SSLContext sslContext() {
    try {
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(load());
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot load " + RegistryClientConfig.SSL_TRUSTSTORE_LOCATION + " '"
          + location + "' as " + type + ": " + e.getMessage() + (type.equals("PEM") ? "" : " (check "
          + RegistryClientConfig.SSL_TRUSTSTORE_PASSWORD + " and " + RegistryClientConfig.SSL_TRUSTSTORE_TYPE + ")"), e);
    }
  }

  private KeyStore load() throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(location)) {
      if (type.equals("PEM")) {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        if (certs.isEmpty()) {
          throw new GeneralSecurityException("no certificate in the file");
        }
        int i = 0;
        for (Certificate c : certs) {
          ks.setCertificateEntry("ca-" + i++, c);
        }
        return ks;
      }
      KeyStore ks = KeyStore.getInstance(type);
      ks.load(in, password.toCharArray());
      return ks;
    }
  }

  @Override
  public String toString() {
    return "TrustStoreConfig[location=" + location + ", type=" + type
        + ", password=" + (password.isEmpty() ? "none" : "********") + "]";
  }
}
