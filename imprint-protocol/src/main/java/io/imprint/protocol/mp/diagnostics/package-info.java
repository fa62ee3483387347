/** MPMR troubleshooting: parse U-Boot {@code mfgprot sign} output and tell which MPMR a chip signed with. */
package io.imprint.protocol.mp.diagnostics;
