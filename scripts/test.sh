#!/usr/bin/env bash
# Sets up and runs every check and test of Campo on a fresh Debian 12 machine
# with the Rust toolchain and Node.js: formatting, lints, the UI's type check
# and unit tests, and the whole Rust test suite (unit tests, scenarios over
# real HTTP and SQLite, the property test).
set -euo pipefail
cd "$(dirname "$0")/.."

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# The app's WebKitGTK and friends, and a C compiler for the bundled SQLite.
packages=(build-essential pkg-config libwebkit2gtk-4.1-dev librsvg2-dev libxdo-dev)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ "${#missing[@]}" -gt 0 ]; then
    echo "== installing ${missing[*]}"
    sudo_if_needed apt-get update -q
    sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
if ! cargo nextest --version >/dev/null 2>&1; then
    echo "== installing cargo-nextest"
    cargo install --locked cargo-nextest
fi

echo "== UI: packages, type check, unit tests, build"
# The app embeds ui/dist at compile time, so the UI is built before any cargo step.
(cd ui && npm ci --no-audit --no-fund && npm run check && npm test && npm run build)

echo "== formatting"
cargo fmt --all --check
echo "== lints"
cargo clippy --workspace --all-targets --locked -- -D warnings
echo "== tests"
cargo nextest run --workspace --locked --no-fail-fast
