package io.imprint.protocol.testing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Fuzz inputs for jqwik properties: mutations of valid inputs (bit flips, byte overwrites,
 * truncations, insertions, deletions, duplicated ranges, 16- and 32-bit length fields set to
 * boundary values or nudged by one), which reach far deeper into a strict parser than random bytes,
 * and random inputs. Every generated value is bounded in size. Shared via the test-jar.
 */
public final class Mutations {
    /** The edits; a position is taken modulo the input length. */
    public enum Kind { FLIP_BIT, SET_BYTE, TRUNCATE, DELETE, INSERT, DUPLICATE, LENGTH16, LENGTH32, NUDGE16, NUDGE32 }

    /** One edit: its kind, a position, a value (byte, boundary index or delta) and a run length. */
    public record Edit(Kind kind, int position, int value, int length) {
    }

    private static final long[] BOUNDARIES = {0, 1, 2, 0x7F, 0x80, 0xFF, 0x100, 0x3FFF, 0x7FFF, 0x8000, 0xFFFE, 0xFFFF,
        0x10000, 0x7FFFFFFFL, 0x80000000L, 0xFFFFFFFEL, 0xFFFFFFFFL};
    private static final int MAX_RUN = 64;

    private Mutations() {
    }

    /** One to four edits of one of {@code valid}. */
    public static Arbitrary<byte[]> of(List<byte[]> valid) {
        Arbitrary<byte[]> base = Arbitraries.of(valid);
        return Combinators.combine(base, edits()).as(Mutations::apply);
    }

    /** One to four edits of {@code valid}. */
    public static Arbitrary<byte[]> of(byte[] valid) {
        return of(List.of(valid));
    }

    /** Edits of the UTF-8 bytes of {@code valid}, decoded again (bad sequences become U+FFFD). */
    public static Arbitrary<String> ofText(List<String> valid) {
        return of(valid.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList())
                .map(b -> new String(b, StandardCharsets.UTF_8));
    }

    /** Random bytes, at most {@code maxLength}. */
    public static Arbitrary<byte[]> randomBytes(int maxLength) {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(maxLength);
    }

    /** Random text over printable ASCII, whitespace and a few non-ASCII characters, at most {@code maxLength}. */
    public static Arbitrary<String> randomText(int maxLength) {
        return Arbitraries.strings().withCharRange(' ', '~').withChars('\n', '\r', '\t', '\u0000', '\u00e9', '\u2028',
                '\uFFFD').ofMaxLength(maxLength);
    }

    private static Arbitrary<List<Edit>> edits() {
        Arbitrary<Edit> edit = Combinators.combine(Arbitraries.of(Kind.class),
                Arbitraries.integers().between(0, Integer.MAX_VALUE), Arbitraries.integers().between(0, 255),
                Arbitraries.integers().between(1, MAX_RUN)).as(Edit::new);
        return edit.list().ofMinSize(1).ofMaxSize(4);
    }

    /** {@code input} with {@code edits} applied in order. */
    public static byte[] apply(byte[] input, List<Edit> edits) {
        byte[] out = input.clone();
        for (Edit e : edits) {
            out = apply(out, e);
        }
        return out;
    }

    private static byte[] apply(byte[] in, Edit e) {
        int at = in.length == 0 ? 0 : Math.floorMod(e.position(), in.length);
        return switch (e.kind()) {
            case FLIP_BIT -> in.length == 0 ? in : with(in, at, (byte) (in[at] ^ (1 << (e.value() & 7))));
            case SET_BYTE -> in.length == 0 ? in : with(in, at, (byte) e.value());
            case TRUNCATE -> Arrays.copyOf(in, at);
            case DELETE -> splice(in, at, Math.min(e.length(), in.length - at), new byte[0]);
            case INSERT -> splice(in, at, 0, filled(e.length(), (byte) e.value()));
            case DUPLICATE -> splice(in, at, 0, Arrays.copyOfRange(in, at, Math.min(in.length, at + e.length())));
            case LENGTH16 -> number(in, at, 2, BOUNDARIES[e.value() % BOUNDARIES.length]);
            case LENGTH32 -> number(in, at, 4, BOUNDARIES[e.value() % BOUNDARIES.length]);
            case NUDGE16 -> number(in, at, 2, read(in, at, 2) + delta(e.value()));
            case NUDGE32 -> number(in, at, 4, read(in, at, 4) + delta(e.value()));
        };
    }

    private static long delta(int value) {
        return (value & 1) == 0 ? 1 + (value >> 5) : -1 - (value >> 5);
    }

    private static byte[] with(byte[] in, int at, byte b) {
        byte[] out = in.clone();
        out[at] = b;
        return out;
    }

    private static byte[] splice(byte[] in, int at, int remove, byte[] insert) {
        byte[] out = new byte[in.length - remove + insert.length];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(in, at + remove, out, at + insert.length, in.length - at - remove);
        return out;
    }

    private static byte[] filled(int n, byte b) {
        byte[] out = new byte[n];
        Arrays.fill(out, b);
        return out;
    }

    private static long read(byte[] in, int at, int width) {
        long v = 0;
        for (int i = 0; i < width && at + i < in.length; i++) {
            v = (v << 8) | (in[at + i] & 0xFF);
        }
        return v;
    }

    /** Overwrites {@code width} big-endian bytes at {@code at} (as many as fit). */
    private static byte[] number(byte[] in, int at, int width, long value) {
        byte[] out = in.clone();
        for (int i = 0; i < width && at + i < out.length; i++) {
            out[at + i] = (byte) (value >>> (8 * (width - 1 - i)));
        }
        return out;
    }
}
