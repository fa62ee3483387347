/**
 * Device backends on the command line: the one selection point for {@code --backend}
 * ({@link io.imprint.cli.backend.Backends}), each backend's {@link io.imprint.cli.backend.BackendProvider}
 * (how to open a device kept in a directory) and {@link io.imprint.cli.backend.DeviceLine} (how the
 * demo and the contract tests make a product line of it: enrollment, genuine and untrusted devices).
 */
package io.imprint.cli.backend;
