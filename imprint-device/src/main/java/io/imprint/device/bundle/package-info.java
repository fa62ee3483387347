/** Offline bundle apply on the device: verify, decrypt with the chip's own MP key, store, write an MP-signed receipt. */
package io.imprint.device.bundle;
