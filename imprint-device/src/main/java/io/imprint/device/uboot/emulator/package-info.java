/**
 * An EMULATED U-Boot console on a pseudo-terminal (software, not a board), built on the emulated
 * CAAM: the prompt, autoboot countdown, echo, CR/LF, slow output, errors, {@code mw} and
 * {@code mfgprot}, printed as U-Boot prints them. Tests and {@code imprint device uboot-emulator} use it.
 */
package io.imprint.device.uboot.emulator;
