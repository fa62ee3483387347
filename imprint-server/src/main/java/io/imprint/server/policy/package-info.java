/** Per-product provisioning policy (deny by default) and the optional external decision hook. */
package io.imprint.server.policy;
