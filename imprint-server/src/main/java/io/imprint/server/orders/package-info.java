/** Production orders: who may build how many units of a product, under which serial range. */
package io.imprint.server.orders;
