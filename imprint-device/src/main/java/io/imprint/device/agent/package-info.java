/** The device agent: the networked provisioning flow from challenge to signed receipt. */
package io.imprint.device.agent;
