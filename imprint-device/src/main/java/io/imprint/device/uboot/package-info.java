/**
 * The U-Boot backend: a board's CAAM manufacturing-protection key driven from the station over the
 * board's serial console ({@code mfgprot pubk}, {@code mw}, {@code mfgprot sign}), with a console
 * driver that stops autoboot, strips echo and CR/LF, copes with slow output and reports time-outs and
 * U-Boot's errors as one line. See docs/devices.md.
 */
package io.imprint.device.uboot;
