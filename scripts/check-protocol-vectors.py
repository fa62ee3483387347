#!/usr/bin/env python3
"""Recomputes every checked-in protocol vector from the layouts in docs/protocol.md, without the Java code.

A client in another language, written from the document alone: if this passes, the document and the
vector files agree byte for byte. Needs Python 3.9+ and the 'cryptography' package, 44 or later
(for RFC 6979 deterministic ECDSA). Usage: scripts/check-protocol-vectors.py
"""
import base64, hashlib, hmac, struct, sys, pathlib
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature, encode_dss_signature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

ROOT = pathlib.Path(__file__).resolve().parent.parent
D = ROOT / "imprint-protocol/src/test/resources/vectors"

def load(name, directory=D):
    v, last = {}, None
    for line in (directory / name).read_text().split("\n"):
        if not line.strip() or line.startswith("#"): continue
        if line[0].isspace(): v[last] += line.strip(); continue
        k, _, val = line.partition(" =")
        last = k.strip(); v[last] = val.strip()
    return v

h = bytes.fromhex
sha = lambda b: hashlib.sha256(b).digest()
u16 = lambda n: struct.pack(">H", n)
u32 = lambda n: struct.pack(">I", n)
u64 = lambda n: struct.pack(">Q", n)
ctx = lambda s: s.encode("ascii") + b"\0"
lp = lambda b: u16(len(b)) + b          # "| x"
lp32 = lambda b: u32(len(b)) + b
s = lambda t: t.encode("utf-8")

def eq(what, a, b):
    if a != b: raise SystemExit(f"MISMATCH {what}:\n  {a.hex() if isinstance(a, bytes) else a}\n  {b.hex() if isinstance(b, bytes) else b}")

def priv(hexscalar): return ec.derive_private_key(int(hexscalar, 16), ec.SECP256R1())
def sec1(k): return k.public_key().public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
def pub_from_xy(xy): return ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), b"\x04" + xy)

def rs_sign_det(k, msg):
    r, s_ = decode_dss_signature(k.sign(msg, ec.ECDSA(hashes.SHA256(), deterministic_signing=True)))
    return r.to_bytes(32, "big") + s_.to_bytes(32, "big")

def rs_verify(pub, sig, msg):
    pub.verify(encode_dss_signature(int.from_bytes(sig[:32], "big"), int.from_bytes(sig[32:], "big")), msg, ec.ECDSA(hashes.SHA256()))

def hkdf_extract(salt, ikm): return hmac.new(salt or b"\0" * 32, ikm, hashlib.sha256).digest()
def hkdf_expand(prk, info, n=32): return hmac.new(prk, info + b"\x01", hashlib.sha256).digest()[:n]

def mp_check(v, msg):
    eq("mpDigest", sha(h(v["mpmr"]) + msg), h(v["mpDigest"]))
    rs_verify(pub_from_xy(h(v["mpPublicKey"])), h(v["signature"]), h(v["mpmr"]) + msg)
    if "mpScalar" in v:
        k = priv(v["mpScalar"]); eq("mpPublicKey", sec1(k)[1:], h(v["mpPublicKey"]))
        eq("signature (RFC 6979)", rs_sign_det(k, h(v["mpmr"]) + msg), h(v["signature"]))

# MP signature (NXP)
v = load("mp-signature-v1.txt"); mp_check(v, h(v["message"]))

# Evidence
v = load("evidence-v1.txt")
meta = sorted((k[9:], val) for k, val in v.items() if k.startswith("metadata."))
ev = (ctx("IMPRINT/ATTEST/v1") + lp(s(v["product"])) + lp(h(v["chipId"])) + lp(s(v["serial"])) + lp(h(v["srkHash"]))
      + lp(s(v["softwareVersion"])) + lp(s(v["lifecycle"])) + u16(len(meta))
      + b"".join(lp(s(k)) + lp(s(x)) for k, x in meta)
      + lp(h(v["sessionId"])) + lp(h(v["nonce"])) + lp(h(v["deviceKey"])) + lp(h(v["csr"])))
eq("evidence", ev, h(v["evidence"])); eq("deviceKey", sec1(priv(v["deviceScalar"])), h(v["deviceKey"]))
mp_check(v, ev)

# pkcs11-se: chipId from the device certificate, the same evidence layout, ECDSA over SHA-256(evidence)
from cryptography import x509
e1 = v; v = load("pkcs11-se-v1.txt")
dev = x509.load_der_x509_certificate(h(v["deviceCertificate"])); root = x509.load_der_x509_certificate(h(v["vendorCertificate"]))
spki = dev.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
eq("subjectPublicKeyInfo", spki, h(v["subjectPublicKeyInfo"])); eq("chipId", sha(spki), h(v["chipId"]))
dev.verify_directly_issued_by(root)
meta = sorted((k[9:], val) for k, val in v.items() if k.startswith("metadata."))
se_ev = (ctx("IMPRINT/ATTEST/v1") + lp(s(v["product"])) + lp(h(v["chipId"])) + lp(s(v["serial"])) + lp(h(v["srkHash"]))
         + lp(s(v["softwareVersion"])) + lp(s(v["lifecycle"])) + u16(len(meta))
         + b"".join(lp(s(k)) + lp(s(x)) for k, x in meta)
         + lp(h(v["sessionId"])) + lp(h(v["nonce"])) + lp(h(e1["deviceKey"])) + lp(h(e1["csr"])))
eq("pkcs11-se evidence", se_ev, h(v["evidence"])); eq("evidenceDigest", sha(se_ev), h(v["evidenceDigest"]))
k = priv(v["seScalar"]); eq("seScalar key", k.public_key().public_bytes(serialization.Encoding.DER,
    serialization.PublicFormat.SubjectPublicKeyInfo), spki)
eq("pkcs11-se signature (RFC 6979)", rs_sign_det(k, se_ev), h(v["signature"])); rs_verify(dev.public_key(), h(v["signature"]), se_ev)

# Envelope
v = load("envelope-v1.txt")
secrets = [(k[7:], h(x)) for k, x in v.items() if k.startswith("secret.")]
pt = ctx("IMPRINT/SECRETS/v1") + u16(len(secrets)) + b"".join(lp(s(n)) + lp(x) for n, x in secrets)
eq("plaintext", pt, h(v["plaintext"]))
dev, eph = priv(v["deviceScalar"]), priv(v["ephemeralScalar"])
eq("ephemeralKey", sec1(eph), h(v["ephemeralKey"]))
z = eph.exchange(ec.ECDH(), dev.public_key()); eq("z", z, h(v["z"]))
eq("z (device side)", dev.exchange(ec.ECDH(), eph.public_key()), z)
salt = sha(h(v["evidence"])); eq("salt", salt, h(v["salt"]))
info = ctx("IMPRINT/ENVELOPE/v1") + lp(h(v["sessionId"])) + lp(sec1(eph)) + lp(h(v["deviceKey"])); eq("info", info, h(v["info"]))
prk = hkdf_extract(salt, z); eq("prk", prk, h(v["prk"]))
key = hkdf_expand(prk, info); eq("key", key, h(v["key"]))
aad = ctx("IMPRINT/ENVELOPE/v1") + lp(h(v["sessionId"])) + lp(sec1(eph)) + lp(salt); eq("aad", aad, h(v["aad"]))
eq("ciphertext", AESGCM(key).encrypt(h(v["iv"]), pt, aad), h(v["ciphertext"]))

# Networked receipt and stored digest
v = load("receipt-v1.txt")
secrets = [(k[7:], h(x)) for k, x in v.items() if k.startswith("secret.")]
certs = [h(v["certificate.1"]), h(v["certificate.2"])]
stored = (ctx("IMPRINT/STORED/v1") + u16(len(secrets)) + b"".join(lp(s(n)) + lp(x) for n, x in secrets)
          + u16(len(certs)) + b"".join(lp(c) for c in certs))
eq("stored", stored, h(v["stored"])); eq("storedDigest", sha(stored), h(v["storedDigest"]))
rc = ctx("IMPRINT/RECEIPT/v1") + lp(h(v["sessionId"])) + lp(h(v["chipId"])) + lp(s(v["serial"])) + lp(sha(stored))
eq("receipt", rc, h(v["receipt"])); mp_check(v, rc)

# Offline bundle
v = load("bundle-v1.txt")
hdr = (ctx("IMPRINT/BUNDLE-HEADER/v1") + u16(int(v["formatVersion"])) + lp(h(v["bundleId"])) + lp(s(v["product"]))
       + lp(s(v["lot"])) + u16(int(v["kdfAlgorithm"])) + lp(h(v["salt"])) + lp(h(v["receiptKey"]))
       + u16(1) + lp(s(v["lotItemNames"])) + u16(1) + lp(s(v["unitItemNames"]))
       + u64(int(v["unitCount"])) + lp(h(v["imageDigest"])) + u64(int(v["createdAt"])) + u64(int(v["expiresAt"])))
eq("header", hdr, h(v["header"])); hd = sha(hdr); eq("headerDigest", hd, h(v["headerDigest"]))
eq("receiptKey", sec1(priv(v["receiptScalar"])), h(v["receiptKey"]))
kinfo = ctx("IMPRINT/BUNDLE-KDF/v1") + lp(h(v["salt"])) + lp(s(v["product"])) + lp(s(v["lot"])) + lp(h(v["bundleId"]))
eq("kdfInfo", kinfo, h(v["kdfInfo"]))
bkey = hkdf_expand(h(v["mpPublicKey"]), kinfo); eq("bundleKey", bkey, h(v["bundleKey"]))
def item(prefix, name, serial):
    aad = ctx("IMPRINT/BUNDLE-ITEM/v1") + lp(hd) + lp(s(name)) + lp(s(serial)); eq(prefix + "aad", aad, h(v[prefix + "aad"]))
    iv = h(v[prefix + "iv"]); sealed = iv + AESGCM(bkey).encrypt(iv, h(v[prefix + "value"]), aad)
    eq(prefix + "sealed", sealed, h(v[prefix + "sealed"])); return sealed
lot = item("lot.disk-key.", "disk-key", "")
units = [(sn, item(sn + ".device-secret.", "device-secret", sn)) for sn in ("SN000001", "SN000002")]
body = (ctx("IMPRINT/BUNDLE/v1") + lp32(hdr) + u32(1) + lp32(lot) + u32(len(units))
        + b"".join(lp32(s(sn)) + lp32(x) for sn, x in units))
signed = ctx("IMPRINT/BUNDLE-SIGNATURE/v1") + lp(sha(body)); eq("signed", signed, h(v["signed"]))
oem = priv(v["oemScalar"]); eq("oemPublicKey", sec1(oem), h(v["oemPublicKey"]))
sig = rs_sign_det(oem, signed); eq("bundle signature", sig, h(v["signature"])); rs_verify(oem.public_key(), sig, signed)
eq("bundle", body + lp32(sig), h(v["bundle"]))

# Offline receipt, sealed line
b = v; v = load("bundle-receipt-v1.txt")
items = [("disk-key", h(v["item.disk-key"])), ("device-secret", h(v["item.device-secret"]))]
stored = ctx("IMPRINT/STORED/v1") + u16(2) + b"".join(lp(s(n)) + lp(x) for n, x in items) + u16(0)
eq("offline stored", stored, h(v["stored"])); eq("offline storedDigest", sha(stored), h(v["storedDigest"]))
rc = (ctx("IMPRINT/BUNDLE-RECEIPT/v1") + lp(h(v["chipId"])) + lp(s(v["serial"])) + lp(h(v["bundleId"]))
      + lp(s(v["product"])) + lp(sha(stored)) + u64(int(v["appliedAt"])) + u64(int(v["counter"])))
eq("bundle receipt", rc, h(v["receipt"])); mp_check(v, rc)
content = ctx("IMPRINT/RECEIPT-SEALED-CONTENT/v1") + lp(rc) + lp(h(v["mpmr"])) + lp(h(v["signature"]))
eq("content", content, h(v["content"]))
rk, reph = priv(v["receiptScalar"]), priv(v["ephemeralScalar"])
eq("receiptKey", sec1(rk), h(v["receiptKey"])); eq("ephemeralKey", sec1(reph), h(v["ephemeralKey"]))
z = reph.exchange(ec.ECDH(), rk.public_key()); eq("z", z, h(v["z"]))
info = ctx("IMPRINT/RECEIPT-SEAL/v1") + lp(sec1(reph)) + lp(sec1(rk)) + lp(h(v["bundleId"])); eq("info", info, h(v["info"]))
key = hkdf_expand(hkdf_extract(b"", z), info); eq("key", key, h(v["key"]))
aad = ctx("IMPRINT/RECEIPT-SEAL/v1") + lp(h(v["bundleId"])) + lp(s(v["serial"])) + lp(sec1(reph)); eq("aad", aad, h(v["aad"]))
sealed = h(v["iv"]) + AESGCM(key).encrypt(h(v["iv"]), content, aad); eq("sealed", sealed, h(v["sealed"]))
line = " ".join(["imprint-bundle-receipt-v2", v["bundleId"], v["serial"], base64.b64encode(sec1(reph)).decode(),
                 base64.b64encode(sealed).decode()])
eq("line", line, v["line"])
# Audit trail (docs/audit.md): entry hash and checkpoint signature
v = load("audit-v1.txt", ROOT / "imprint-server/src/test/resources/vectors")
entry = (ctx("IMPRINT/AUDIT/v1") + u64(int(v["seq"])) + lp(h(v["prevHash"])) + u64(int(v["recordedAt"]))
         + lp(s(v["kind"])) + lp(s(v["actor"])) + lp(s(v["payload"])))
eq("audit entry", entry, h(v["entry"])); eq("entryHash", sha(entry), h(v["entryHash"]))
cp = ctx("IMPRINT/AUDIT-CHECKPOINT/v1") + u64(int(v["seq"])) + lp(sha(entry)) + u64(int(v["signedAt"]))
eq("checkpoint", cp, h(v["checkpoint"]))
ak = priv(v["auditScalar"]); eq("auditPublicKey", sec1(ak), h(v["auditPublicKey"]))
eq("checkpoint signature", rs_sign_det(ak, cp), h(v["signature"])); rs_verify(ak.public_key(), h(v["signature"]), cp)
# TPM 2.0 (docs/protocol.md, "TPM 2.0 attestation"): names, qualified name, chip id, the quote and its signature
from cryptography import x509
v = load("tpm-quote-v1.txt")
ek_pub, ak_pub = h(v["ekPublic"])[2:], h(v["akPublic"])[2:]          # TPM2B_PUBLIC -> TPMT_PUBLIC
eq("akName", b"\x00\x0b" + sha(ak_pub), h(v["akName"]))
qn_ek = b"\x00\x0b" + sha(u32(0x4000000B) + b"\x00\x0b" + sha(ek_pub))
eq("akQualifiedName", b"\x00\x0b" + sha(qn_ek + h(v["akName"])), h(v["akQualifiedName"]))
ek_cert = x509.load_der_x509_certificate(h(v["ekCertificate"]))
eq("chipId", sha(ek_cert.public_key().public_bytes(serialization.Encoding.DER,
   serialization.PublicFormat.SubjectPublicKeyInfo)), h(v["chipId"]))
x509.load_der_x509_certificate(h(v["vendorIssuer"])).public_key().verify(ek_cert.signature,
   ek_cert.tbs_certificate_bytes, __import__("cryptography.hazmat.primitives.asymmetric.padding",
   fromlist=["PKCS1v15"]).PKCS1v15(), ek_cert.signature_hash_algorithm)
att = h(v["attest"])
eq("magic/type", att[:6], h("ff5443478018"))
n = int.from_bytes(att[6:8], "big"); eq("qualifiedSigner", att[8:8 + n], h(v["akQualifiedName"]))
m = int.from_bytes(att[8 + n:10 + n], "big"); eq("extraData", att[10 + n:10 + n + m], h(v["extraData"]))
sig = h(v["signature"]); eq("sigAlg/hash", sig[:4], h("0018000b"))
rl = int.from_bytes(sig[4:6], "big"); r = int.from_bytes(sig[6:6 + rl], "big")
sl = int.from_bytes(sig[6 + rl:8 + rl], "big"); s_ = int.from_bytes(sig[8 + rl:8 + rl + sl], "big")
# AK TPMT_PUBLIC (ECC): type, nameAlg, attributes, authPolicy, symmetric NULL, scheme ECDSA+hash, curve, kdf NULL, x, y
pol = int.from_bytes(ak_pub[8:10], "big"); o = 10 + pol + 2 + 4 + 2 + 2
xl = int.from_bytes(ak_pub[o:o + 2], "big"); x = ak_pub[o + 2:o + 2 + xl]; o += 2 + xl
yl = int.from_bytes(ak_pub[o:o + 2], "big"); y = ak_pub[o + 2:o + 2 + yl]
ak_key = ec.EllipticCurvePublicNumbers(int.from_bytes(x, "big"), int.from_bytes(y, "big"), ec.SECP256R1()).public_key()
ak_key.verify(encode_dss_signature(r, s_), att, ec.ECDSA(hashes.SHA256()))
print("all vectors recomputed")
