package io.imprint.server.attest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.protocol.codec.Receipt;
import io.imprint.protocol.codec.ReceiptCodec;
import io.imprint.protocol.envelope.SecretItems;
import io.imprint.protocol.message.Base64Field;
import io.imprint.protocol.message.ReceiptRequest;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.protocol.testing.DeterministicEcdsa;
import io.imprint.protocol.testing.VectorFile;
import io.imprint.server.Imprint;
import io.imprint.server.ServerConfig;
import io.imprint.server.issuance.CertificateChains;
import io.imprint.server.issuance.FileKeyEscrow;
import io.imprint.server.issuance.PemFiles;
import io.imprint.server.orders.Order;
import io.imprint.server.orders.OrderRequest;
import io.imprint.server.products.ProductEnrollment;
import io.imprint.server.store.JdbcUnitRepository;
import io.imprint.server.store.UnitRow;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server accepts the receipt of {@code vectors/receipt-v1.txt} for a unit issued with that
 * vector's secrets and certificate chain, and refuses the stored-digest layout docs/protocol.md once
 * showed (certificates without their own length prefix).
 */
class ReceiptsVectorTest {
    private static final VectorFile V = VectorFile.load("receipt-v1.txt");
    private static final HexFormat HEX = HexFormat.of();

    @TempDir Path dir;
    private Imprint imprint;

    @BeforeEach
    void issueTheVectorUnit() throws Exception {
        imprint = Imprint.openOrCreate(ServerConfig.defaults(dir));
        // Enrolled the way an operator pastes U-Boot 'mfgprot pubk' output.
        String ubootPubk = "=> mfgprot pubk\nPublic key:\n" + HEX.withUpperCase().formatHex(V.hex("mpPublicKey")) + "\n=> ";
        imprint.products().enroll(new ProductEnrollment("gateway-x", "MIMX8MM6DVTLZAA",
                VectorFile.load("evidence-v1.txt").text("srkHash"), ubootPubk, null));
        Order order = imprint.orders().create(new OrderRequest("PO-1", "gateway-x", "Acme EMS", 10,
                "SN000040..SN000049"));
        SecretItems.Builder secrets = SecretItems.builder();
        V.withPrefix("secret.").forEach((name, hex) -> secrets.add(name, HEX.parseHex(hex)));
        String chip = V.text("chipId").toUpperCase();
        String escrow = Base64.getEncoder().encodeToString(FileKeyEscrow.load(dir).seal("gateway-x", chip,
                secrets.build()));
        UnitRow unit = new UnitRow(chip, "gateway-x", V.text("serial"), order.id(), UnitRow.ISSUED,
                V.text("sessionId"), escrow, pem(V.hex("certificate.1")) + pem(V.hex("certificate.2")), Instant.now(),
                null);
        imprint.database().transaction(c -> {
            JdbcUnitRepository units = new JdbcUnitRepository();
            units.insert(c, unit);
            units.recordSession(c, unit.sessionId(), unit.chipId(), unit.certificateChain(), Instant.now());
            return null;
        });
    }

    @AfterEach
    void close() {
        imprint.close();
    }

    @Test
    void der_storedChain_isTheVectorCertificatesInOrder() throws Exception {
        String chain = pem(V.hex("certificate.1")) + pem(V.hex("certificate.2"));
        List<byte[]> der = CertificateChains.der(CertificateChains.split(chain));
        assertThat(der).hasSize(2);
        assertThat(der.get(0)).isEqualTo(V.hex("certificate.1"));
        assertThat(der.get(1)).isEqualTo(V.hex("certificate.2"));
    }

    @Test
    void confirm_vectorReceipt_provisioned() {
        ReceiptRequest request = new ReceiptRequest(Base64Field.encode(V.hex("receipt")),
                Base64Field.encode(V.hex("mpmr")), Base64Field.encode(V.hex("signature")));
        assertThat(imprint.receipts().confirm(request, new io.imprint.server.events.Attempt()).state()).isEqualTo("provisioned");
        assertThat(imprint.events().unitsByState(null, null)).isEqualTo(Map.of("provisioned", 1L));
    }

    @Test
    void confirm_certificatesWithoutLengthPrefixes_receiptMismatch() throws Exception {
        byte[] stored = V.hex("stored");
        byte[] cert1 = V.hex("certificate.1");
        byte[] cert2 = V.hex("certificate.2");
        // "u16 m, m x certificateDer": drop the two per-certificate lengths from the documented bytes.
        ByteArrayOutputStream unprefixed = new ByteArrayOutputStream();
        int certsAt = stored.length - (2 + cert1.length + 2 + cert2.length);
        unprefixed.write(stored, 0, certsAt);
        unprefixed.writeBytes(cert1);
        unprefixed.writeBytes(cert2);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(unprefixed.toByteArray());

        assertThatThrownBy(() -> imprint.receipts().confirm(signed(digest), new io.imprint.server.events.Attempt()))
                .isInstanceOfSatisfying(ImprintException.class,
                        e -> assertThat(e.code()).isEqualTo(ProblemCode.RECEIPT_MISMATCH));
        assertThat(imprint.events().unitsByState(null, null)).isEqualTo(Map.of("issued", 1L));
    }

    private static ReceiptRequest signed(byte[] storedDigest) {
        byte[] receipt = ReceiptCodec.encode(new Receipt(V.hex("sessionId"), V.hex("chipId"), V.text("serial"),
                storedDigest));
        byte[] rs = DeterministicEcdsa.signMp(new BigInteger(1, V.hex("mpScalar")), V.hex("mpmr"), receipt);
        return new ReceiptRequest(Base64Field.encode(receipt), Base64Field.encode(V.hex("mpmr")), Base64Field.encode(rs));
    }

    private static String pem(byte[] der) throws Exception {
        return PemFiles.pem(CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der)));
    }
}
