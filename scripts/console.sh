#!/usr/bin/env bash
# The console's browser tests: Debian's Chromium, headless, driven through
# playwright-core (ui/browser/driver.mjs) against a real sync server with
# the console embedded (tests/console/). They also refresh the console's
# screenshots in docs/screenshots/. Run by scripts/test.sh; runs alone too.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/setup.sh chromium
if ! cargo nextest --version >/dev/null 2>&1; then
    echo "== installing cargo-nextest"
    cargo install --locked cargo-nextest
fi

echo "== console: the browser tests"
# The server embeds ui/dist-console, which setup.sh has just built.
cargo nextest run --locked -p campo-tests --features browser --test console --no-fail-fast
