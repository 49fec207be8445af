#!/usr/bin/env bash
# Starts the dashboard from a fresh clone: installs npm packages when missing, builds when the
# sources changed, then serves it (plain `next start`; the poller starts from instrumentation.ts).
# No configuration → the built-in demo cluster. PORT (default 3000) and HOSTNAME choose where to listen.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing npm packages…"
  npm ci --no-audit --no-fund
fi
if [ ! -f .next/BUILD_ID ] || [ -n "$(find app components lib public instrumentation.ts next.config.ts package-lock.json -newer .next/BUILD_ID -print -quit 2>/dev/null)" ]; then
  echo "Building…"
  npx next build
fi
exec npx next start -p "${PORT:-3000}" ${HOSTNAME:+-H "$HOSTNAME"}
