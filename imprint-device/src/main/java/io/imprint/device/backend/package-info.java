/**
 * Device backends: {@link io.imprint.device.backend.DeviceBackend} is what proves the device and
 * where it keeps its secrets; {@link io.imprint.device.backend.CaamMpDevice} is the i.MX MP one, on
 * an {@link io.imprint.device.backend.MpBackend} (what signs with the chip's manufacturing-protection
 * key) and {@link io.imprint.device.backend.ChipFuses} (what reads the chip's fuses). Emulations say
 * so in {@code description()}.
 */
package io.imprint.device.backend;
