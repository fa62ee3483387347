/**
 * The OP-TEE backend: the i.MX MP and OCOTP pseudo-TAs called through the GlobalPlatform TEE Client
 * API ({@code libteec}) with the Foreign Function &amp; Memory API, and the builder of Imprint's
 * libteec test double (an emulation, said so wherever it appears).
 */
package io.imprint.device.backend.optee;
