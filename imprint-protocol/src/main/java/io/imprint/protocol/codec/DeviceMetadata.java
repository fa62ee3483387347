package io.imprint.protocol.codec;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the device states about itself beside its identifiers.
 *
 * @param srkHash SHA-256 of the SRK table fused into the chip (32 bytes)
 * @param softwareVersion version of the provisioning image
 * @param lifecycle chip lifecycle as read from the fuses, e.g. {@code closed} or {@code open}
 * @param extra further named claims, sorted by key so the encoding is canonical
 */
public record DeviceMetadata(byte[] srkHash, String softwareVersion, String lifecycle, SortedMap<String, String> extra) {
    public DeviceMetadata {
        srkHash = srkHash.clone();
        extra = Collections.unmodifiableSortedMap(new TreeMap<>(extra));
    }

    @Override
    public byte[] srkHash() {
        return srkHash.clone();
    }
}
