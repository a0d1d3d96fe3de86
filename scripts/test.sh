#!/usr/bin/env bash
# Sets up and runs every check and test of Campo on a fresh Debian 12 machine
# with the Rust toolchain and Node.js: formatting, lints, the UI's type check
# and unit tests, the whole Rust test suite (unit tests, scenarios over real
# HTTP and SQLite, the property test), then the end-to-end tests of the real
# app (scripts/e2e.sh) and the console's browser tests (scripts/console.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/setup.sh
if ! cargo nextest --version >/dev/null 2>&1; then
    echo "== installing cargo-nextest"
    cargo install --locked cargo-nextest
fi

echo "== UI: type check and unit tests"
(cd ui && npm run check && npm test)

echo "== formatting"
cargo fmt --all --check
echo "== lints"
cargo clippy --workspace --all-targets --features campo-tests/e2e,campo-tests/browser --locked -- -D warnings
echo "== tests"
cargo nextest run --workspace --locked --no-fail-fast

./scripts/e2e.sh
./scripts/console.sh
