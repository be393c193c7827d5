package dev.baton.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;

/** Minting from an rsaEncryption certificate works (rsa_pss_rsae_*) but warns about NSS. */
class RsaWarningTest {
  @Test
  void mint_fromRsaEncryptionCertificate_signsWithRsaeAndWarnsAboutNss() {
    List<String> warnings = new CopyOnWriteArrayList<>();
    AbstractAppender capture = new AbstractAppender("capture", null, null, true, Property.EMPTY_ARRAY) {
      @Override
      public void append(LogEvent event) {
        if (event.getLevel().isMoreSpecificThan(Level.WARN)) {
          warnings.add(event.getMessage().getFormattedMessage());
        }
      }
    };
    capture.start();
    Logger logger = (Logger) LogManager.getLogger(CredentialMinter.class);
    logger.addAppender(capture);
    try {
      CertificateMaker.Made rsa = Fixtures.cert(KeyType.RSA2048);
      MintedCredential minted = new CredentialMinter(Fixtures.CLOCK).mint(DelegationCertificate.of(rsa.chain()), rsa.signer(),
          SignatureScheme.ECDSA_SECP256R1_SHA256, Duration.ofHours(1));
      assertThat(minted.credential().algorithm()).isEqualTo(SignatureScheme.RSA_PSS_RSAE_SHA256);
      assertThat(warnings).singleElement().asString().contains("NSS").contains("rsaEncryption");
    } finally {
      logger.removeAppender(capture);
    }
  }
}
