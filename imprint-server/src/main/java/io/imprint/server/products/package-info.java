/** Product enrollment: MP public key, SRK hash, secret template and the product CA. */
package io.imprint.server.products;
