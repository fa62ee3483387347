package io.imprint.device.tpm;

import java.util.Arrays;

/** The length of a DER SEQUENCE at the start of a buffer, to cut NV padding off a certificate. */
final class DerLength {
    private DerLength() {
    }

    /** The DER SEQUENCE at the start of {@code data}; the rest must be zero padding. */
    static byte[] trimmed(byte[] data) throws TpmCommandException {
        if (data.length < 2 || data[0] != 0x30) {
            throw new TpmCommandException("the EK certificate NV index does not hold a DER certificate");
        }
        int first = data[1] & 0xFF;
        int length;
        int header;
        if (first < 0x80) {
            length = first;
            header = 2;
        } else {
            int n = first & 0x7F;
            if (n == 0 || n > 3 || data.length < 2 + n) {
                throw new TpmCommandException("the EK certificate has an impossible DER length");
            }
            length = 0;
            for (int i = 0; i < n; i++) {
                length = (length << 8) | (data[2 + i] & 0xFF);
            }
            header = 2 + n;
        }
        int total = header + length;
        if (total > data.length) {
            throw new TpmCommandException("the EK certificate in NV is truncated");
        }
        for (int i = total; i < data.length; i++) {
            if (data[i] != 0 && data[i] != (byte) 0xFF) {
                throw new TpmCommandException("the EK certificate NV index holds data after the certificate");
            }
        }
        return Arrays.copyOf(data, total);
    }
}
