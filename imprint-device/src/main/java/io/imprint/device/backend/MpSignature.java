package io.imprint.device.backend;

import io.imprint.protocol.mp.Mpmr;

/**
 * One MP signature as the chip returns it: the MPMR it signed over and raw r||s.
 */
public record MpSignature(Mpmr mpmr, byte[] rs) {
    public MpSignature {
        rs = rs.clone();
    }

    @Override
    public byte[] rs() {
        return rs.clone();
    }
}
