/*
 * EMULATION, not a TEE: Imprint's test double of libteec.so.1 (GlobalPlatform TEE Client API as
 * OP-TEE's optee_client implements it) with two emulated pseudo-TAs behind it:
 *
 *  - the i.MX manufacturing-protection PTA (UUID 83268b7c-85e3-11e8-adc0-fa7ae01bbebc,
 *    optee_os core/pta/imx/manufacturing_protection.c): command 0 signs SHA-256(MPMR || message)
 *    with the MP key and returns raw r||s and the 32-byte MPMR; command 1 returns X||Y;
 *  - the i.MX OCOTP PTA (UUID 9abdf255-d8fa-40de-8f60-4d0b27927b7d, core/pta/imx/ocotp.c):
 *    command 0 returns the 64-bit chip UID, command 1 reads one fuse word (bank, word).
 *
 * The MPMR is OP-TEE's fill as read back on i.MX8MM (shared/reference/hardware-facts.md), never zeros.
 * The emulated chip is described by a text file read at TEEC_InitializeContext and TEEC_OpenSession:
 * $IMPRINT_TEEC_DOUBLE_CHIP, else "teec-double-chip.txt" beside this library. Several chips in one
 * process: load several copies of the library from different directories.
 *
 *   curve=P-256              (or P-521, as OP-TEE picks on some open parts)
 *   mp-seed=<hex>            the emulated MP key derives from it: chips sharing it share the key
 *   chip-uid=<16 hex>
 *   fuse=<bank>,<word>,0x<32-bit value>   (repeatable; unlisted fuse words read as 0)
 *   fault=<none|no-device|access-denied|communication>
 *
 * Structures follow libteec/include/tee_client_api.h of OP-TEE/optee_client (same ABI).
 */
#define OPENSSL_API_COMPAT 10101
#define _GNU_SOURCE
#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/ecdsa.h>
#include <openssl/obj_mac.h>
#include <openssl/sha.h>

/* ---- The client API ABI (values from tee_client_api.h) ---- */
typedef uint32_t TEEC_Result;
typedef struct { struct { int fd; bool reg_mem; bool memref_null; } imp; } TEEC_Context;
typedef struct { uint32_t timeLow; uint16_t timeMid; uint16_t timeHiAndVersion; uint8_t clockSeqAndNode[8]; } TEEC_UUID;
typedef struct { void *buffer; size_t size; } TEEC_TempMemoryReference;
typedef struct { void *parent; size_t size; size_t offset; } TEEC_RegisteredMemoryReference;
typedef struct { uint32_t a; uint32_t b; } TEEC_Value;
typedef union { TEEC_TempMemoryReference tmpref; TEEC_RegisteredMemoryReference memref; TEEC_Value value; } TEEC_Parameter;
typedef struct { struct { TEEC_Context *ctx; uint32_t session_id; } imp; } TEEC_Session;
typedef struct { uint32_t started; uint32_t paramTypes; TEEC_Parameter params[4]; struct { TEEC_Session *session; } imp; } TEEC_Operation;

#define TEEC_SUCCESS 0x00000000u
#define TEEC_ERROR_GENERIC 0xFFFF0000u
#define TEEC_ERROR_ACCESS_DENIED 0xFFFF0001u
#define TEEC_ERROR_EXCESS_DATA 0xFFFF0004u
#define TEEC_ERROR_BAD_FORMAT 0xFFFF0005u
#define TEEC_ERROR_BAD_PARAMETERS 0xFFFF0006u
#define TEEC_ERROR_BAD_STATE 0xFFFF0007u
#define TEEC_ERROR_ITEM_NOT_FOUND 0xFFFF0008u
#define TEEC_ERROR_OUT_OF_MEMORY 0xFFFF000Cu
#define TEEC_ERROR_BUSY 0xFFFF000Du
#define TEEC_ERROR_COMMUNICATION 0xFFFF000Eu
#define TEEC_ERROR_SHORT_BUFFER 0xFFFF0010u
#define TEEC_ORIGIN_API 1u
#define TEEC_ORIGIN_COMMS 2u
#define TEEC_ORIGIN_TEE 3u
#define TEEC_ORIGIN_TRUSTED_APP 4u
#define TEEC_NONE 0x0u
#define TEEC_VALUE_INPUT 0x1u
#define TEEC_VALUE_OUTPUT 0x2u
#define TEEC_MEMREF_TEMP_INPUT 0x5u
#define TEEC_MEMREF_TEMP_OUTPUT 0x6u
#define TEEC_LOGIN_PUBLIC 0x0u
#define PARAM_TYPES(p0, p1, p2, p3) ((p0) | ((p1) << 4) | ((p2) << 8) | ((p3) << 12))

/* ---- The emulated chip ---- */
#define DOUBLE_CONTEXT_FD 0x7EED /* no file descriptor: marks a context this double initialized */
#define MAX_SESSIONS 256
#define MAX_FUSES 64
#define MP_MAX_MESSAGE 4096 /* MP_SIGN_MAX_MSG_SIZE, optee_os core/drivers/crypto/caam/mp/caam_mp.c */
#define MPMR_BYTES 32
#define UID_BYTES 8
#define CHIP_FILE "teec-double-chip.txt"
#define KEY_CONTEXT "IMPRINT/TEEC-DOUBLE/MP-KEY/v1"

static const uint8_t OPTEE_MPMR_FILL[MPMR_BYTES] = {
	0x75, 0x6C, 0x61, 0x76, 0x6F, 0x74, 0x20, 0x65, 0x6C, 0x69, 0x66, 0x20, 0x68, 0x74, 0x20, 0x6C,
	0x50, 0x4D, 0x20, 0x65, 0x63, 0x20, 0x52, 0x4D, 0x65, 0x74, 0x6E, 0x6F, 0x00, 0x00, 0x61, 0x76 };
static const TEEC_UUID MP_PTA = { 0x83268b7c, 0x85e3, 0x11e8, { 0xad, 0xc0, 0xfa, 0x7a, 0xe0, 0x1b, 0xbe, 0xbc } };
static const TEEC_UUID OCOTP_PTA = { 0x9abdf255, 0xd8fa, 0x40de, { 0x8f, 0x60, 0x4d, 0x0b, 0x27, 0x92, 0x7b, 0x7d } };

enum fault { FAULT_NONE, FAULT_NO_DEVICE, FAULT_ACCESS_DENIED, FAULT_COMMUNICATION };
enum pta { PTA_MP, PTA_OCOTP };

struct fuse { uint32_t bank, word, value; };

struct chip {
	int nid;                 /* curve */
	size_t sec;              /* bytes per coordinate */
	uint8_t seed[64];
	size_t seed_len;
	uint8_t uid[UID_BYTES];
	struct fuse fuses[MAX_FUSES];
	size_t fuse_count;
	enum fault fault;
};

struct session {
	bool used;
	enum pta pta;
	struct chip chip;
	EC_KEY *key;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct session sessions[MAX_SESSIONS];

/** Marker: says this library is an emulation (Imprint's binding looks for it). */
const char *imprint_teec_double(void)
{
	return "EMULATION: Imprint's test double of libteec.so.1 with emulated i.MX MP and OCOTP PTAs (not a TEE)";
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

static bool parse_hex(const char *text, uint8_t *out, size_t max, size_t *len)
{
	size_t n = strlen(text);
	if (n == 0 || n % 2 || n / 2 > max) return false;
	for (size_t i = 0; i < n / 2; i++) {
		int hi = hex_value(text[2 * i]), lo = hex_value(text[2 * i + 1]);
		if (hi < 0 || lo < 0) return false;
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	*len = n / 2;
	return true;
}

static void chip_path(char *out, size_t size)
{
	const char *env = getenv("IMPRINT_TEEC_DOUBLE_CHIP");
	Dl_info info;
	if (env && *env) {
		snprintf(out, size, "%s", env);
		return;
	}
	if (dladdr((void *)&imprint_teec_double, &info) && info.dli_fname) {
		const char *slash = strrchr(info.dli_fname, '/');
		if (slash) {
			snprintf(out, size, "%.*s/%s", (int)(slash - info.dli_fname), info.dli_fname, CHIP_FILE);
			return;
		}
	}
	snprintf(out, size, "%s", CHIP_FILE);
}

static void complain(const char *path, const char *what)
{
	fprintf(stderr, "libteec test double: %s: %s\n", path, what);
}

/** Reads the chip file; false (and a line on stderr) when it is missing or malformed. */
static bool load_chip(struct chip *chip, bool *missing)
{
	char path[PATH_MAX], line[512];
	FILE *f;
	bool have_seed = false, have_uid = false;
	size_t len = 0;

	memset(chip, 0, sizeof(*chip));
	chip->nid = NID_X9_62_prime256v1;
	chip->sec = 32;
	chip_path(path, sizeof(path));
	*missing = false;
	f = fopen(path, "r");
	if (!f) {
		*missing = true;
		return false;
	}
	while (fgets(line, sizeof(line), f)) {
		char *value, *end = line + strcspn(line, "\r\n");
		*end = '\0';
		if (line[0] == '#' || line[0] == '\0') continue;
		value = strchr(line, '=');
		if (!value) goto bad;
		*value++ = '\0';
		if (!strcmp(line, "curve")) {
			if (!strcmp(value, "P-256")) { chip->nid = NID_X9_62_prime256v1; chip->sec = 32; }
			else if (!strcmp(value, "P-521")) { chip->nid = NID_secp521r1; chip->sec = 66; }
			else goto bad;
		} else if (!strcmp(line, "mp-seed")) {
			if (!parse_hex(value, chip->seed, sizeof(chip->seed), &chip->seed_len) || chip->seed_len < 16) goto bad;
			have_seed = true;
		} else if (!strcmp(line, "chip-uid")) {
			if (!parse_hex(value, chip->uid, UID_BYTES, &len) || len != UID_BYTES) goto bad;
			have_uid = true;
		} else if (!strcmp(line, "fuse")) {
			struct fuse fu;
			if (chip->fuse_count == MAX_FUSES || sscanf(value, "%u,%u,%x", &fu.bank, &fu.word, &fu.value) != 3) goto bad;
			chip->fuses[chip->fuse_count++] = fu;
		} else if (!strcmp(line, "fault")) {
			if (!strcmp(value, "none")) chip->fault = FAULT_NONE;
			else if (!strcmp(value, "no-device")) chip->fault = FAULT_NO_DEVICE;
			else if (!strcmp(value, "access-denied")) chip->fault = FAULT_ACCESS_DENIED;
			else if (!strcmp(value, "communication")) chip->fault = FAULT_COMMUNICATION;
			else goto bad;
		} else {
			goto bad;
		}
	}
	fclose(f);
	if (!have_seed || !have_uid) {
		complain(path, "needs mp-seed and chip-uid");
		return false;
	}
	return true;
bad:
	fclose(f);
	complain(path, "malformed line");
	return false;
}

/** d = (SHA-512(context || seed) mod (n - 1)) + 1: deterministic per seed, never 0. */
static EC_KEY *derive_key(const struct chip *chip)
{
	uint8_t material[sizeof(KEY_CONTEXT) + sizeof(chip->seed)], digest[SHA512_DIGEST_LENGTH];
	EC_KEY *key = EC_KEY_new_by_curve_name(chip->nid);
	BN_CTX *bn = BN_CTX_new();
	BIGNUM *d = BN_new(), *n1 = BN_new();
	EC_POINT *pub = NULL;
	bool ok = false;

	if (!key || !bn || !d || !n1) goto out;
	memcpy(material, KEY_CONTEXT, sizeof(KEY_CONTEXT));
	memcpy(material + sizeof(KEY_CONTEXT), chip->seed, chip->seed_len);
	SHA512(material, sizeof(KEY_CONTEXT) + chip->seed_len, digest);
	pub = EC_POINT_new(EC_KEY_get0_group(key));
	ok = pub && BN_bin2bn(digest, sizeof(digest), d)
		&& BN_copy(n1, EC_GROUP_get0_order(EC_KEY_get0_group(key))) && BN_sub_word(n1, 1)
		&& BN_nnmod(d, d, n1, bn) && BN_add_word(d, 1)
		&& EC_KEY_set_private_key(key, d)
		&& EC_POINT_mul(EC_KEY_get0_group(key), pub, d, NULL, NULL, bn)
		&& EC_KEY_set_public_key(key, pub);
out:
	OPENSSL_cleanse(digest, sizeof(digest));
	OPENSSL_cleanse(material, sizeof(material));
	EC_POINT_free(pub);
	BN_clear_free(d);
	BN_free(n1);
	BN_CTX_free(bn);
	if (!ok) {
		EC_KEY_free(key);
		return NULL;
	}
	return key;
}

static bool same_uuid(const TEEC_UUID *a, const TEEC_UUID *b)
{
	return a->timeLow == b->timeLow && a->timeMid == b->timeMid && a->timeHiAndVersion == b->timeHiAndVersion
		&& !memcmp(a->clockSeqAndNode, b->clockSeqAndNode, 8);
}

static TEEC_Result fail(uint32_t *origin, uint32_t where, TEEC_Result res)
{
	if (origin) *origin = where;
	return res;
}

TEEC_Result TEEC_InitializeContext(const char *name, TEEC_Context *ctx)
{
	struct chip chip;
	bool missing;

	if (!ctx) return TEEC_ERROR_BAD_PARAMETERS;
	/* like optee_client: NULL or "optee-tz"; no TEE device (here: no chip file) is ITEM_NOT_FOUND */
	if (name && strcmp(name, "optee-tz")) return TEEC_ERROR_ITEM_NOT_FOUND;
	if (!load_chip(&chip, &missing)) return missing ? TEEC_ERROR_ITEM_NOT_FOUND : TEEC_ERROR_BAD_FORMAT;
	if (chip.fault == FAULT_NO_DEVICE) return TEEC_ERROR_ITEM_NOT_FOUND;
	ctx->imp.fd = DOUBLE_CONTEXT_FD;
	ctx->imp.reg_mem = false;
	ctx->imp.memref_null = true;
	return TEEC_SUCCESS;
}

void TEEC_FinalizeContext(TEEC_Context *ctx)
{
	if (ctx) ctx->imp.fd = -1;
}

TEEC_Result TEEC_OpenSession(TEEC_Context *ctx, TEEC_Session *session, const TEEC_UUID *destination,
			     uint32_t connectionMethod, const void *connectionData, TEEC_Operation *operation,
			     uint32_t *returnOrigin)
{
	struct chip chip;
	enum pta pta;
	bool missing;
	EC_KEY *key = NULL;

	(void)connectionData;
	if (!ctx || ctx->imp.fd != DOUBLE_CONTEXT_FD || !session || !destination)
		return fail(returnOrigin, TEEC_ORIGIN_API, TEEC_ERROR_BAD_PARAMETERS);
	if (operation && operation->paramTypes)
		return fail(returnOrigin, TEEC_ORIGIN_TRUSTED_APP, TEEC_ERROR_BAD_PARAMETERS);
	if (connectionMethod != TEEC_LOGIN_PUBLIC)
		return fail(returnOrigin, TEEC_ORIGIN_API, TEEC_ERROR_BAD_PARAMETERS);
	if (same_uuid(destination, &MP_PTA)) pta = PTA_MP;
	else if (same_uuid(destination, &OCOTP_PTA)) pta = PTA_OCOTP;
	else return fail(returnOrigin, TEEC_ORIGIN_TEE, TEEC_ERROR_ITEM_NOT_FOUND);
	if (!load_chip(&chip, &missing))
		return fail(returnOrigin, TEEC_ORIGIN_COMMS, TEEC_ERROR_COMMUNICATION);
	/* optee_os without CFG_NXP_CAAM_MP_NO_ACCESS_CTRL refuses sessions not opened by a user TA */
	if (pta == PTA_MP && chip.fault == FAULT_ACCESS_DENIED)
		return fail(returnOrigin, TEEC_ORIGIN_TRUSTED_APP, TEEC_ERROR_ACCESS_DENIED);
	if (pta == PTA_MP && !(key = derive_key(&chip)))
		return fail(returnOrigin, TEEC_ORIGIN_TEE, TEEC_ERROR_GENERIC);
	pthread_mutex_lock(&lock);
	for (uint32_t i = 0; i < MAX_SESSIONS; i++) {
		if (!sessions[i].used) {
			sessions[i].used = true;
			sessions[i].pta = pta;
			sessions[i].chip = chip;
			sessions[i].key = key;
			pthread_mutex_unlock(&lock);
			session->imp.ctx = ctx;
			session->imp.session_id = i + 1;
			return TEEC_SUCCESS;
		}
	}
	pthread_mutex_unlock(&lock);
	EC_KEY_free(key);
	return fail(returnOrigin, TEEC_ORIGIN_TEE, TEEC_ERROR_BUSY);
}

static struct session *find(TEEC_Session *session)
{
	uint32_t id;
	if (!session || !session->imp.ctx || session->imp.ctx->imp.fd != DOUBLE_CONTEXT_FD) return NULL;
	id = session->imp.session_id;
	if (id == 0 || id > MAX_SESSIONS || !sessions[id - 1].used) return NULL;
	return &sessions[id - 1];
}

void TEEC_CloseSession(TEEC_Session *session)
{
	struct session *s;
	pthread_mutex_lock(&lock);
	s = find(session);
	if (s) {
		EC_KEY_free(s->key);
		memset(s, 0, sizeof(*s));
		session->imp.session_id = 0;
	}
	pthread_mutex_unlock(&lock);
}

/* ---- The emulated PTAs: results come from the trusted application ---- */

static TEEC_Result mp_public_key(struct session *s, TEEC_Parameter *p)
{
	uint8_t point[1 + 2 * 66];
	size_t need = 2 * s->chip.sec;
	if (p[0].tmpref.size < need) {
		p[0].tmpref.size = need;
		return TEEC_ERROR_SHORT_BUFFER;
	}
	if (EC_POINT_point2oct(EC_KEY_get0_group(s->key), EC_KEY_get0_public_key(s->key),
			       POINT_CONVERSION_UNCOMPRESSED, point, sizeof(point), NULL) != 1 + need)
		return TEEC_ERROR_GENERIC;
	memcpy(p[0].tmpref.buffer, point + 1, need); /* X || Y without the 04 prefix */
	p[0].tmpref.size = need;
	return TEEC_SUCCESS;
}

static TEEC_Result mp_sign(struct session *s, TEEC_Parameter *p)
{
	uint8_t digest[SHA256_DIGEST_LENGTH];
	SHA256_CTX sha;
	ECDSA_SIG *sig;
	const BIGNUM *r, *sv;
	size_t need = 2 * s->chip.sec;
	uint8_t *out = p[1].tmpref.buffer;

	if (p[1].tmpref.buffer) memset(p[1].tmpref.buffer, 0, p[1].tmpref.size);
	if (p[2].tmpref.buffer) memset(p[2].tmpref.buffer, 0, p[2].tmpref.size);
	if (p[1].tmpref.size < need) {
		p[1].tmpref.size = need;
		return TEEC_ERROR_SHORT_BUFFER;
	}
	if (p[0].tmpref.size > MP_MAX_MESSAGE) return TEEC_ERROR_EXCESS_DATA;
	SHA256_Init(&sha);
	SHA256_Update(&sha, OPTEE_MPMR_FILL, MPMR_BYTES);
	SHA256_Update(&sha, p[0].tmpref.buffer, p[0].tmpref.size);
	SHA256_Final(digest, &sha);
	sig = ECDSA_do_sign(digest, sizeof(digest), s->key);
	if (!sig) return TEEC_ERROR_GENERIC;
	ECDSA_SIG_get0(sig, &r, &sv);
	BN_bn2binpad(r, out, (int)s->chip.sec);
	BN_bn2binpad(sv, out + s->chip.sec, (int)s->chip.sec);
	ECDSA_SIG_free(sig);
	p[1].tmpref.size = need;
	if (p[2].tmpref.size < MPMR_BYTES) {
		p[2].tmpref.size = MPMR_BYTES;
		return TEEC_ERROR_SHORT_BUFFER;
	}
	memcpy(p[2].tmpref.buffer, OPTEE_MPMR_FILL, MPMR_BYTES);
	p[2].tmpref.size = MPMR_BYTES;
	return TEEC_SUCCESS;
}

static TEEC_Result ocotp_uid(struct session *s, TEEC_Parameter *p)
{
	if (p[0].tmpref.size != UID_BYTES) return TEEC_ERROR_BAD_PARAMETERS;
	memcpy(p[0].tmpref.buffer, s->chip.uid, UID_BYTES);
	return TEEC_SUCCESS;
}

static TEEC_Result ocotp_fuse(struct session *s, TEEC_Parameter *p)
{
	p[1].value.a = 0;
	p[1].value.b = 0;
	if (p[0].value.a > 15 || p[0].value.b > 7) return TEEC_ERROR_BAD_PARAMETERS;
	for (size_t i = 0; i < s->chip.fuse_count; i++) {
		if (s->chip.fuses[i].bank == p[0].value.a && s->chip.fuses[i].word == p[0].value.b)
			p[1].value.a = s->chip.fuses[i].value;
	}
	return TEEC_SUCCESS;
}

/** Temporary memory references must point somewhere unless they are empty (libteec checks this). */
static bool buffers_valid(uint32_t types, TEEC_Parameter *p)
{
	for (int i = 0; i < 4; i++) {
		uint32_t t = (types >> (4 * i)) & 0xF;
		if ((t == TEEC_MEMREF_TEMP_INPUT || t == TEEC_MEMREF_TEMP_OUTPUT) && !p[i].tmpref.buffer && p[i].tmpref.size)
			return false;
	}
	return true;
}

TEEC_Result TEEC_InvokeCommand(TEEC_Session *session, uint32_t commandID, TEEC_Operation *operation,
			       uint32_t *returnOrigin)
{
	struct session *s;
	uint32_t types = operation ? operation->paramTypes : 0;
	TEEC_Parameter none[4];
	TEEC_Parameter *p = operation ? operation->params : none;
	TEEC_Result res;

	memset(none, 0, sizeof(none));
	pthread_mutex_lock(&lock);
	s = find(session);
	pthread_mutex_unlock(&lock);
	if (!s) return fail(returnOrigin, TEEC_ORIGIN_API, TEEC_ERROR_BAD_PARAMETERS);
	if (!buffers_valid(types, p)) return fail(returnOrigin, TEEC_ORIGIN_API, TEEC_ERROR_BAD_PARAMETERS);
	if (operation) operation->started = 1;
	if (s->chip.fault == FAULT_COMMUNICATION)
		return fail(returnOrigin, TEEC_ORIGIN_COMMS, TEEC_ERROR_COMMUNICATION);
	if (s->pta == PTA_MP && commandID == 1
	    && types == PARAM_TYPES(TEEC_MEMREF_TEMP_OUTPUT, TEEC_NONE, TEEC_NONE, TEEC_NONE))
		res = mp_public_key(s, p);
	else if (s->pta == PTA_MP && commandID == 0
		 && types == PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT, TEEC_MEMREF_TEMP_OUTPUT, TEEC_MEMREF_TEMP_OUTPUT, TEEC_NONE))
		res = mp_sign(s, p);
	else if (s->pta == PTA_OCOTP && commandID == 0
		 && types == PARAM_TYPES(TEEC_MEMREF_TEMP_OUTPUT, TEEC_NONE, TEEC_NONE, TEEC_NONE))
		res = ocotp_uid(s, p);
	else if (s->pta == PTA_OCOTP && commandID == 1
		 && types == PARAM_TYPES(TEEC_VALUE_INPUT, TEEC_VALUE_OUTPUT, TEEC_NONE, TEEC_NONE))
		res = ocotp_fuse(s, p);
	else
		res = TEEC_ERROR_BAD_PARAMETERS; /* wrong command or parameter types, as the PTAs answer */
	return res == TEEC_SUCCESS ? TEEC_SUCCESS : fail(returnOrigin, TEEC_ORIGIN_TRUSTED_APP, res);
}
