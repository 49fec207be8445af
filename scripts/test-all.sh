#!/usr/bin/env bash
# The whole test suite, from a fresh clone on a fresh Debian machine:
#   installs what is missing (npm packages; Patroni, etcd, PostgreSQL 15 and Chromium from apt),
#   type-checks, runs the unit tests, builds the app, runs the integration tests against a real
#   3-node Patroni cluster (started by scripts/lab.sh on 127.0.0.1) and the browser tests in real
#   Chromium, then prints one line of totals over every suite: "N passed, N failed".
# Every port is settable (see the defaults below), so it can run beside a lab or a dashboard.
# NOTE: keep test ports below Linux's ephemeral range (32768+): a port there can be taken at any moment
# as the source port of some outgoing connection, and a Patroni node then fails to bind it.
set -uo pipefail
cd "$(dirname "$0")/.."

export TEST_LAB_REST_PORT="${TEST_LAB_REST_PORT:-28008}"
export TEST_LAB_PG_PORT="${TEST_LAB_PG_PORT:-25433}"
export TEST_LAB_ETCD_PORT="${TEST_LAB_ETCD_PORT:-22479}"
export TEST_LAB_DIR="${TEST_LAB_DIR:-${TMPDIR:-/tmp}/patroni-dashboard-test-lab}"
export TEST_TLS_LAB_REST_PORT="${TEST_TLS_LAB_REST_PORT:-28108}"
export TEST_TLS_LAB_PG_PORT="${TEST_TLS_LAB_PG_PORT:-25533}"
export TEST_TLS_LAB_ETCD_PORT="${TEST_TLS_LAB_ETCD_PORT:-22579}"
export TEST_TLS_LAB_DIR="${TEST_TLS_LAB_DIR:-${TMPDIR:-/tmp}/patroni-dashboard-test-lab-tls}"
export TEST_APP_PORT="${TEST_APP_PORT:-23000}"
export TEST_SIM_PORT="${TEST_SIM_PORT:-28208}"
export TEST_WEBHOOK_PORT="${TEST_WEBHOOK_PORT:-28600}" # the local webhook receiver of the notification test
export TEST_FLEET_PORT="${TEST_FLEET_PORT:-28400}" # fleet simulator: 3 ports per cluster from here (28400–28699 for 100)
export NEXT_TELEMETRY_DISABLED=1

log() { printf '\n=== %s\n' "$*"; }

# --- system packages -------------------------------------------------------------------------
need=()
[ -x /usr/bin/patroni ] || need+=(patroni)
command -v etcd >/dev/null || need+=(etcd-server)
command -v etcdctl >/dev/null || need+=(etcd-client)
[ -x /usr/lib/postgresql/15/bin/pg_ctl ] || need+=(postgresql-15)
command -v psql >/dev/null || need+=(postgresql-client-15)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -d /usr/share/fonts/truetype/dejavu ] || need+=(fonts-dejavu-core) # text, with Vietnamese diacritics, in screenshots
command -v openssl >/dev/null || need+=(openssl)
command -v haproxy >/dev/null || need+=(haproxy)
command -v promtool >/dev/null || need+=(prometheus)
# better-sqlite3 compiles itself (node-gyp) when no prebuilt binary can be downloaded
command -v python3 >/dev/null || need+=(python3)
command -v make >/dev/null || need+=(make)
command -v g++ >/dev/null || need+=(g++) # promtool checks /metrics and the example rules
if [ ${#need[@]} -gt 0 ]; then
  log "installing with apt: ${need[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
    || { echo "apt-get install failed"; echo "0 passed, 1 failed"; exit 1; }
  # Only promtool is wanted: Debian's prometheus package starts a server on :9090 where services run.
  if [[ " ${need[*]} " == *" prometheus "* ]] && command -v systemctl >/dev/null; then
    $SUDO systemctl disable --now prometheus >/dev/null 2>&1 || true
  fi
fi

# --- npm packages ------------------------------------------------------------------------------
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "npm ci"
  npm ci --no-audit --no-fund || { echo "npm ci failed"; echo "0 passed, 1 failed"; exit 1; }
fi
# The history store's native module: npm ci builds it (package.json allowScripts approves its install
# script; npm 11 skips unapproved ones). Prove it loads on this Node, else build it once more.
sqlite_loads() { node -e "new (require('better-sqlite3'))(':memory:').close()" 2>/dev/null; }
if ! sqlite_loads; then
  log "building better-sqlite3"
  npm rebuild better-sqlite3 && sqlite_loads || { echo "better-sqlite3 does not load"; echo "0 passed, 1 failed"; exit 1; }
fi

rm -rf .test-results && mkdir -p .test-results
failed_steps=0
step() { # a non-test step (type check, build) that counts as one failure if it fails
  local name="$1"; shift
  log "$name"
  if "$@"; then echo "{\"passed\":1,\"failed\":0,\"skipped\":0}" > ".test-results/step-$name.json"
  else echo "{\"passed\":0,\"failed\":1,\"skipped\":0}" > ".test-results/step-$name.json"; failed_steps=$((failed_steps + 1)); fi
}

cleanup() {
  for dir in "$TEST_LAB_DIR" "$TEST_TLS_LAB_DIR"; do
    [ -d "$dir" ] && LAB_DIR="$dir" bash scripts/lab.sh down --purge >/dev/null 2>&1
  done
}
trap cleanup EXIT

step lint npm run lint --silent
step typecheck npx tsc --noEmit -p .
log "unit tests"; node scripts/run-tests.mjs unit
step build npx next build
if [ -f .test-results/step-build.json ] && grep -q '"failed":0' .test-results/step-build.json; then
  log "integration tests (real Patroni)"; node scripts/run-tests.mjs integration
  log "browser tests (Chromium)"; node scripts/run-tests.mjs e2e
else
  echo "build failed: integration and browser tests not run"
  echo '{"passed":0,"failed":1,"skipped":0}' > .test-results/not-run.json
fi

# --- totals over every suite -------------------------------------------------------------------
node -e '
const fs = require("fs");
let p = 0, f = 0, s = 0;
for (const file of fs.readdirSync(".test-results")) {
  const t = JSON.parse(fs.readFileSync(".test-results/" + file, "utf8"));
  p += t.passed; f += t.failed; s += t.skipped;
}
console.log("");
console.log(`${p} passed, ${f} failed` + (s ? `, ${s} skipped` : ""));
process.exit(f > 0 ? 1 : 0);
'
