package dev.baton.cli.services;

import dev.baton.issuer.Issuer;
import dev.baton.issuer.IssuerConfig;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code baton issuer [--config FILE]}: runs the issuer until the process is stopped. */
@Command(name = "issuer", mixinStandardHelpOptions = true,
    description = {"Runs the issuer: keeps a fresh delegated credential for every (certificate, region) pair on Kafka.",
        "Keys: bootstrap.servers, schema.registry.url, issuer.inventory.dir, issuer.id, issuer.credential.lifetime, "
        + "issuer.renewal.fraction, issuer.jitter.fraction, issuer.dc.scheme, management.host, management.port, kafka.*.",
        "Management: /healthy /ready /metrics /credentials."})
public final class IssuerCommand extends ServiceCommand<IssuerConfig, Issuer> {

  @Override
  protected IssuerConfig load(Path file, Map<String, String> env) {
    return IssuerConfig.load(file, env);
  }

  @Override
  protected Issuer start(IssuerConfig config) {
    Issuer issuer = new Issuer(config);
    try {
      return issuer.start();
    } catch (RuntimeException e) {
      issuer.close();
      throw e;
    }
  }

  @Override
  protected String banner(IssuerConfig config, Issuer running) {
    return "issuer running; management on " + config.management().host() + ":" + running.managementPort();
  }
}
