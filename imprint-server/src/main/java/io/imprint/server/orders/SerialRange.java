package io.imprint.server.orders;

import io.imprint.protocol.codec.Fields;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A range of serials written {@code SN000001..SN001000}: one non-digit-ending prefix, a fixed count
 * of digits, and a numeric range. A serial inside it is written with exactly its digit count; two
 * ranges of one prefix overlap when their numbers do, whatever their zero padding ({@code SN00995}
 * and {@code SN000995} name the same unit number, so no two orders may authorize both).
 */
public record SerialRange(String prefix, int digits, long first, long last) {
    private static final Pattern SERIAL = Pattern.compile("(.*?)([0-9]{1,18})");

    public SerialRange {
        if (digits < 1 || digits > 18 || first < 0 || last < first) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "invalid serial range");
        }
    }

    /** Parses {@code FIRST..LAST}. */
    public static SerialRange parse(String text) {
        String[] ends = text == null ? new String[0] : text.strip().split("\\.\\.", -1);
        if (ends.length != 2) {
            throw bad("serial range must be written FIRST..LAST, e.g. SN000001..SN001000");
        }
        Serial a = Serial.parse(ends[0]).orElseThrow(() -> bad("first serial must end in digits"));
        Serial b = Serial.parse(ends[1]).orElseThrow(() -> bad("last serial must end in digits"));
        if (!a.prefix().equals(b.prefix()) || a.digits() != b.digits()) {
            throw bad("both ends of a serial range need the same prefix and digit count");
        }
        if (b.number() < a.number()) {
            throw bad("serial range ends before it starts");
        }
        return new SerialRange(a.prefix(), a.digits(), a.number(), b.number());
    }

    public long size() {
        return last - first + 1;
    }

    public boolean contains(Serial s) {
        return s.prefix().equals(prefix) && s.digits() == digits && s.number() >= first && s.number() <= last;
    }

    /** Same prefix and a common number; the digit count (zero padding) does not separate ranges. */
    public boolean overlaps(SerialRange o) {
        return prefix.equals(o.prefix) && first <= o.last && o.first <= last;
    }

    public String format(long number) {
        return prefix + String.format("%0" + digits + "d", number);
    }

    @Override
    public String toString() {
        return format(first) + ".." + format(last);
    }

    private static ImprintException bad(String detail) {
        return new ImprintException(ProblemCode.MALFORMED_REQUEST, detail);
    }

    /** A serial split into prefix, digit count and number. */
    public record Serial(String prefix, int digits, long number) {
        /** Empty unless {@code serial} is an identifier ending in 1..18 digits. */
        public static Optional<Serial> parse(String serial) {
            if (serial == null || !Fields.IDENTIFIER.matcher(serial).matches()) {
                return Optional.empty();
            }
            Matcher m = SERIAL.matcher(serial);
            if (!m.matches()) {
                return Optional.empty();
            }
            return Optional.of(new Serial(m.group(1), m.group(2).length(), Long.parseLong(m.group(2))));
        }
    }
}
