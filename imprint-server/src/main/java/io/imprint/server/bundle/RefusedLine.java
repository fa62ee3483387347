package io.imprint.server.bundle;

/**
 * One receipts-file line a receipts import refused, to name the unit to whoever fixes it.
 *
 * @param line 1-based line number in the file
 * @param serial the serial the receipt claims, or null when the line did not open or parse
 * @param chip the chip id (hex) the receipt names, or null when the line did not open or parse
 * @param code the refusal's problem code slug
 * @param detail why, in one line (no secret: receipts carry digests, never secret values)
 */
public record RefusedLine(int line, String serial, String chip, String code, String detail) {
}
