package io.imprint.server.policy;

import java.util.SortedMap;

/**
 * The verified claims sent to a decision hook (as JSON).
 *
 * @param serial the claimed serial, or {@code ""} when the server assigns it
 * @param order the order the serial falls in, or null when not known yet
 * @param mpmr uppercase hex of the MPMR the chip signed with; empty for methods other than {@code caam-mp}
 * @param method slug of the attestation method whose verifier vouched for the device ({@code caam-mp},
 *     {@code tpm2}, {@code pkcs11-se})
 */
public record HookClaims(String product, String chipId, String serial, String softwareVersion, String lifecycle,
                         SortedMap<String, String> metadata, String order, String mpmr, String method) {
}
