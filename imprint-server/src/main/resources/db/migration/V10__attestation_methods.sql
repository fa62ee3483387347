-- Attestation methods (docs/protocol.md, "Attestation methods"). A product accepts one or more
-- methods, each with its trust roots (TPM-vendor or secure-element vendor CA certificates; caam-mp's
-- trust is the product's MP key and SRK hash, which stay in products, '' when the product has none).
-- Portable SQL (SQLite and PostgreSQL).
CREATE TABLE product_methods (
    product    VARCHAR(64) NOT NULL REFERENCES products (name),
    method     VARCHAR(16) NOT NULL,
    created_at BIGINT      NOT NULL,
    PRIMARY KEY (product, method)
);
-- Every product enrolled before V10 is an i.MX MP product.
INSERT INTO product_methods (product, method, created_at) SELECT name, 'caam-mp', created_at FROM products;

CREATE TABLE product_trust_roots (
    product     VARCHAR(64) NOT NULL REFERENCES products (name),
    method      VARCHAR(16) NOT NULL,
    fingerprint VARCHAR(64) NOT NULL,
    certificate TEXT        NOT NULL,
    subject     VARCHAR(512) NOT NULL,
    created_at  BIGINT      NOT NULL,
    PRIMARY KEY (product, method, fingerprint)
);

-- A method with an extra round trip (TPM 2.0 credential activation) keeps what it needs to check the
-- attestation of the session here (e.g. the credential secret), written once by POST /v1/preparations.
ALTER TABLE challenges ADD COLUMN method_state TEXT;

-- Which method attested each delivering session and the public key (SubjectPublicKeyInfo, Base64)
-- that signs its receipt; NULL for caam-mp (the product's MP key signs).
ALTER TABLE unit_sessions ADD COLUMN method VARCHAR(16) NOT NULL DEFAULT 'caam-mp';
ALTER TABLE unit_sessions ADD COLUMN receipt_key TEXT;
