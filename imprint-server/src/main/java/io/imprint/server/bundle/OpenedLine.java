package io.imprint.server.bundle;

import io.imprint.protocol.bundle.BundleReceipt;
import io.imprint.protocol.bundle.ReceiptKeyAgreement;
import io.imprint.protocol.bundle.ReceiptSeal;
import io.imprint.protocol.bundle.SealedReceiptLine;
import io.imprint.protocol.bundle.SignedReceipt;
import io.imprint.protocol.problem.ImprintException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One non-blank line of a receipts file after opening it with the OEM receipt key: the signed
 * receipt inside, or why it cannot be read (not a sealed line, sealed to another key, altered).
 *
 * @param number 1-based line number in the file
 * @param signed the opened receipt and its MP signature (still to be verified), if the line opened
 * @param problem why the line did not open (empty when it did)
 */
public record OpenedLine(int number, Optional<SignedReceipt> signed, String problem) {
    /** The decoded receipt of an opened line. */
    public Optional<BundleReceipt> receipt() {
        return signed.map(SignedReceipt::receipt);
    }

    /** Opens every non-blank line; a line that does not open is kept with its problem, never thrown. */
    public static List<OpenedLine> openAll(List<String> lines, ReceiptKeyAgreement key) {
        List<OpenedLine> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                out.add(open(i + 1, lines.get(i), key));
            }
        }
        return out;
    }

    private static OpenedLine open(int number, String text, ReceiptKeyAgreement key) {
        try {
            SealedReceiptLine line = SealedReceiptLine.parse(text);
            SignedReceipt signed = ReceiptSeal.open(key, line);
            signed.receipt();
            return new OpenedLine(number, Optional.of(signed), "");
        } catch (ImprintException e) {
            return new OpenedLine(number, Optional.empty(), e.detail());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return new OpenedLine(number, Optional.empty(), "sealed receipt does not open with receipt key ("
                    + key.description() + "): sealed to another key, or altered");
        }
    }
}
