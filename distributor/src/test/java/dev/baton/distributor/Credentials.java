package dev.baton.distributor;

import dev.baton.avro.v1.CredentialIssued;
import dev.baton.avro.v1.GeoPolicy;
import dev.baton.avro.v1.SealedKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Test events: opaque bytes where the distributor never looks (it cannot open seals anyway). */
final class Credentials {

  private Credentials() {}

  static CredentialIssued credential(String certificateId, String region, Instant issuedAt, Duration validity) {
    String serial = Integer.toHexString((certificateId + region + issuedAt + validity).hashCode());
    return CredentialIssued.newBuilder()
        .setCertificateId(certificateId)
        .setRegion(region)
        .setSerial(serial)
        .setCertificateChain(List.of(bytes("chain-" + certificateId)))
        .setDelegatedCredential(bytes("dc-" + serial))
        .setSealedKey(SealedKey.newBuilder()
            .setKemId(0x20).setKdfId(1).setAeadId(1).setRegionKeyId("key-" + region)
            .setEncapsulatedKey(bytes("enc-" + serial)).setCiphertext(bytes("sealed-" + serial))
            .build())
        .setIssuedAt(issuedAt)
        .setExpiresAt(issuedAt.plus(validity))
        .setIssuerId("issuer-test")
        .build();
  }

  static GeoPolicy policy(String certificateId, long version, String... regions) {
    return GeoPolicy.newBuilder()
        .setCertificateId(certificateId)
        .setRegions(List.of(regions))
        .setVersion(version)
        .setUpdatedAt(Instant.ofEpochMilli(1_700_000_000_000L + version))
        .build();
  }

  private static ByteBuffer bytes(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
  }
}
