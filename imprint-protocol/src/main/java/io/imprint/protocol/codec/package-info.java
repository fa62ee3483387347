/**
 * The exact bytes that are signed. Every signed structure starts with a fixed context string
 * (domain separation: no signed message can be taken for another type) followed by fields in a
 * fixed order, each length-prefixed. Decoding is strict: lengths are bounded, trailing bytes are
 * refused and every field is validated.
 */
package io.imprint.protocol.codec;
