# Sourced by ./test: installs and starts what the tests need, on any fresh Debian machine.

# Debian packages the tests use, as "command:package" pairs (gcc builds the libteec test double against
# OpenSSL's libcrypto, checked by its header file, swtpm/tpm2-tools run the TPM backend, chromium drives
# the console tests). A "command" starting with / is a file that must exist.
IMPRINT_TEST_PACKAGES="mvn:maven softhsm2-util:softhsm2 pg_ctl:postgresql gcc:gcc /usr/include/openssl/evp.h:libssl-dev swtpm:swtpm swtpm_setup:swtpm-tools tpm2_createek:tpm2-tools chromium:chromium chromedriver:chromium-driver pk12util:libnss3-tools"

imprint_install_test_packages() {
  local missing="" pair cmd pkg
  for pair in $IMPRINT_TEST_PACKAGES; do
    cmd="${pair%%:*}"; pkg="${pair#*:}"
    if [ "$cmd" = pg_ctl ]; then
      ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 && continue
    elif [ "${cmd#/}" != "$cmd" ]; then
      [ -e "$cmd" ] && continue
    elif command -v "$cmd" >/dev/null 2>&1; then
      continue
    fi
    missing="$missing $pkg"
  done
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "test: missing packages:$missing (install them, then rerun)" >&2
    return 1
  fi
  echo "test: installing$missing" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

IMPRINT_OWN_PG_DIR=""
IMPRINT_OWN_PG_CTL=""

# Uses the machine's PostgreSQL on 127.0.0.1:5432 when it answers; otherwise starts a private
# cluster on a free loopback port, stopped again by imprint_stop_own_postgres.
imprint_ensure_postgres() {
  if [ -n "${IMPRINT_TEST_PG_URL:-}" ]; then return 0; fi
  if command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null \
     && psql -h 127.0.0.1 -U postgres -d test -Atc 'select 1' >/dev/null 2>&1; then
    export IMPRINT_TEST_PG_URL="jdbc:postgresql://127.0.0.1:5432/test?user=postgres"
    return 0
  fi
  local bin port
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$bin" ] || { echo "test: no PostgreSQL binaries; PostgreSQL tests will be skipped" >&2; return 0; }
  IMPRINT_OWN_PG_DIR=$(mktemp -d /tmp/imprint-pg.XXXXXX)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 55432)
  local run_as=""
  if [ "$(id -u)" = 0 ]; then chown postgres "$IMPRINT_OWN_PG_DIR" 2>/dev/null && run_as="runuser -u postgres --"; fi
  $run_as "$bin/initdb" -D "$IMPRINT_OWN_PG_DIR/data" -A trust -U postgres >/dev/null
  IMPRINT_OWN_PG_CTL="$run_as $bin/pg_ctl -D $IMPRINT_OWN_PG_DIR/data"
  $run_as "$bin/pg_ctl" -D "$IMPRINT_OWN_PG_DIR/data" -o "-h 127.0.0.1 -p $port -k $IMPRINT_OWN_PG_DIR" -l "$IMPRINT_OWN_PG_DIR/log" -w start >/dev/null
  $run_as "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres test
  export IMPRINT_TEST_PG_URL="jdbc:postgresql://127.0.0.1:$port/test?user=postgres"
}

imprint_stop_own_postgres() {
  if [ -n "$IMPRINT_OWN_PG_CTL" ]; then
    $IMPRINT_OWN_PG_CTL -m fast stop >/dev/null 2>&1 || true
  fi
  if [ -n "$IMPRINT_OWN_PG_DIR" ]; then
    rm -rf "$IMPRINT_OWN_PG_DIR"
  fi
}
