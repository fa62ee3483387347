/** JMH benchmarks of the protocol hot paths: MP signature verification, evidence decoding, envelope sealing. */
package io.imprint.bench;
