package io.imprint.protocol.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.protocol.mp.Mpmr;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Why receipts are sealed: an exposed MP signature over a known message gives away the MP public
 * key, which is the secret every bundle key of the product is derived from.
 */
class ReceiptKeyRecoveryTest {
    private static final byte[] BUNDLE_ID = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");

    private static byte[] receipt() {
        return BundleReceiptCodec.encode(new BundleReceipt(new byte[] {9, 8, 7, 6, 5, 4, 3, 2}, "SN000001", BUNDLE_ID,
                "widget", new byte[32], 1_700_000_000L, 0));
    }

    @Test
    void recover_clearMpSignature_yieldsTheMpPublicKey() throws Exception {
        FixtureMpKey mp = new FixtureMpKey();
        byte[] msg = receipt();
        byte[] rs = mp.sign(Mpmr.OPTEE_FILL, msg);

        List<byte[]> candidates = EcdsaRecovery.candidates(Mpmr.OPTEE_FILL.bytes(), msg, rs);

        assertThat(candidates).hasSize(2);
        assertThat(candidates).anySatisfy(q -> assertThat(q).isEqualTo(mp.publicKey().xy()));
    }

    @Test
    void recover_sealedLine_hasNoSignatureOrMpmrToRecoverFrom() throws Exception {
        FixtureMpKey mp = new FixtureMpKey();
        byte[] msg = receipt();
        byte[] rs = mp.sign(Mpmr.OPTEE_FILL, msg);
        String line = ReceiptSeal.seal(new FixtureReceiptKey().publicKey(), new SignedReceipt(msg, Mpmr.OPTEE_FILL, rs))
                .format();

        String[] fields = line.split(" ");
        assertThat(fields).hasSize(5);
        assertThat(fields[0]).isEqualTo(SealedReceiptLine.TAG);
        assertThat(fields[1]).isEqualTo(HexFormat.of().formatHex(BUNDLE_ID));
        assertThat(fields[2]).isEqualTo("SN000001");
        byte[] ephemeral = Base64.getDecoder().decode(fields[3]);
        byte[] sealed = Base64.getDecoder().decode(fields[4]);
        assertThat(ephemeral).hasSize(65);
        String lower = line.toLowerCase();
        for (byte[] clear : List.of(rs, Arrays.copyOfRange(rs, 0, 32), Arrays.copyOfRange(rs, 32, 64),
                Mpmr.OPTEE_FILL.bytes(), msg)) {
            assertThat(lower).doesNotContain(HexFormat.of().formatHex(clear));
            assertThat(line).doesNotContain(Base64.getEncoder().encodeToString(clear));
            assertThat(indexOf(sealed, clear)).isEqualTo(-1);
            assertThat(indexOf(ephemeral, clear)).isEqualTo(-1);
        }
        // Even an attacker who knows the exact message and MPMR finds no (r, s) in the line: every
        // 64-byte window of its binary fields, taken as r||s, recovers keys other than the MP key.
        byte[] mpKey = mp.publicKey().xy();
        for (byte[] field : List.of(ephemeral, sealed)) {
            for (int i = 0; i + 64 <= field.length; i++) {
                for (byte[] q : EcdsaRecovery.candidates(Mpmr.OPTEE_FILL.bytes(), msg,
                        Arrays.copyOfRange(field, i, i + 64))) {
                    assertThat(q).isNotEqualTo(mpKey);
                }
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
