#!/usr/bin/env bash
# Starts the dashboard from a fresh clone: installs npm packages when missing, builds when the
# sources changed, then serves it with scripts/serve.mjs (Next's custom-server API behind node:http: it
# sets x-dashboard-peer and answers the two hot API routes itself; the poller starts from instrumentation.ts).
# No configuration → the built-in demo cluster. PORT (default 3000) chooses the port; BIND_ADDRESS
# (default 127.0.0.1, this machine only) the address: BIND_ADDRESS=0.0.0.0 listens on every interface.
# NOTE: not HOSTNAME: bash sets that variable to the machine's name even when the environment lacks it,
# and the name often resolves to 127.0.1.1 (Debian) or a single LAN address, not to localhost.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing npm packages…"
  npm ci --no-audit --no-fund
fi
if [ ! -f .next/BUILD_ID ] || [ -n "$(find app components lib public instrumentation.ts proxy.ts next.config.ts package-lock.json -newer .next/BUILD_ID -print -quit 2>/dev/null)" ]; then
  echo "Building…"
  npx next build
fi
exec node scripts/serve.mjs --port "${PORT:-3000}" --hostname "${BIND_ADDRESS:-127.0.0.1}"
