/** Offline bundles on the build server: building signed bundles and verifying the receipts devices write. */
package io.imprint.server.bundle;
