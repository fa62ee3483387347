/** Hardware-backed secret storage on the device. Emulations say so in {@code description()}. */
package io.imprint.device.storage;
