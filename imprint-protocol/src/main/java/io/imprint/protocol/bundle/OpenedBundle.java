package io.imprint.protocol.bundle;

import io.imprint.protocol.envelope.SecretItems;

/**
 * A bundle whose OEM signature verified, whose header matched the device's expectations and whose
 * items for one serial all decrypted. Only {@link BundleOpener} constructs it. Holds secrets:
 * {@link #destroy()} after storing; {@link #toString()} shows names only.
 */
public final class OpenedBundle {
    private final BundleHeader header;
    private final String serial;
    private final SecretItems items;

    OpenedBundle(BundleHeader header, String serial, SecretItems items) {
        this.header = header;
        this.serial = serial;
        this.items = items;
    }

    public BundleHeader header() { return header; }

    /** The serial the items were opened for. */
    public String serial() { return serial; }

    /** Lot-wide items first, then this unit's items, in header order. */
    public SecretItems items() { return items; }

    public void destroy() {
        items.destroy();
    }

    @Override
    public String toString() {
        return "OpenedBundle[" + header.bundleIdHex() + " serial=" + serial + " " + items + "]";
    }
}
