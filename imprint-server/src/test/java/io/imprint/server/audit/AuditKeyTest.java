package io.imprint.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SignatureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditKeyTest {
    @TempDir Path dir;

    @Test
    void loadOrCreate_twice_sameKeyAndPrivateFileIsOwnerOnly() throws Exception {
        AuditKey first = AuditKey.loadOrCreate(dir);
        AuditKey second = AuditKey.loadOrCreate(dir);
        assertThat(second.publicKey().getEncoded()).isEqualTo(first.publicKey().getEncoded());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("keys/audit.key"))))
                .isEqualTo("rw-------");
        assertThat(first.toString()).doesNotContain("PRIVATE");
    }

    @Test
    void sign_verify_roundTripAndTamperFails() throws Exception {
        AuditKey key = AuditKey.loadOrCreate(dir);
        byte[] msg = "checkpoint 42".getBytes(StandardCharsets.US_ASCII);
        byte[] sig = key.sign(msg);
        assertThat(sig).hasSize(64);
        assertThatCode(() -> AuditKey.verify(AuditKey.publicKeyFromPem(key.publicKeyPem()), msg, sig)).doesNotThrowAnyException();
        msg[0] ^= 1;
        assertThatThrownBy(() -> AuditKey.verify(key.publicKey(), msg, sig)).isInstanceOf(SignatureException.class);
    }
}
