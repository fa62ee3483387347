/** The Imprint device agent: hardware backends, secure storage, the networked flow and bundle apply. */
package io.imprint.device;
