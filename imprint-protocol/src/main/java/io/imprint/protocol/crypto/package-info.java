/** Small cryptographic building blocks shared by the MP format, the envelope and the bundle. */
package io.imprint.protocol.crypto;
