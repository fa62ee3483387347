package io.imprint.device.tpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.device.backend.PlatformClaims;
import io.imprint.protocol.method.AttestationMethod;
import io.imprint.protocol.tpm.EkTrust;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tpm2 backend's identity and life cycle on a swtpm. */
class Tpm2BackendTest {
    @Test
    void chipId_isSha256OfTheEkCertificateKey_andCloseStopsTheOwnedSwtpm(@TempDir Path dir) throws Exception {
        SwtpmVendorCa vendor = new SwtpmVendorCa(dir.resolve("vendor"));
        Swtpm.manufacture(dir.resolve("state"), vendor);
        Swtpm swtpm = Swtpm.start(dir.resolve("state"));
        Tpm2Device tpm = new Tpm2Device(swtpm.tcti(), Duration.ofSeconds(10), dir.resolve("work"),
                Tpm2Device.DEFAULT_PCRS);
        Tpm2Backend backend = new Tpm2Backend(tpm, new Tpm2SealedStore(tpm, dir.resolve("sealed"), ""),
                new PlatformClaims(PlatformClaims.NO_SRK_HASH, "closed"), swtpm);

        assertThat(backend.method()).isEqualTo(AttestationMethod.TPM2);
        assertThat(backend.chipId()).isEqualTo(MessageDigest.getInstance("SHA-256")
                .digest(EkTrust.parse(tpm.ekCertificate()).getPublicKey().getEncoded()));
        assertThat(backend.description()).startsWith("EMULATED TPM 2.0 (swtpm");
        backend.close();
        backend.close();

        assertThatThrownBy(tpm::ekCertificate).isInstanceOf(TpmCommandException.class);
    }
}
