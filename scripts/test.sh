#!/usr/bin/env bash
# Sets up and runs every check and test of Campo on a fresh Debian 12 machine
# with the Rust toolchain: formatting, lints, and the whole test suite (unit
# tests, scenarios over real HTTP and SQLite, the property test).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cc >/dev/null; then
    echo "== installing a C compiler (SQLite is built from source)"
    sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
    sudo_if_needed apt-get update -q
    sudo_if_needed apt-get install -y -q build-essential
fi
if ! cargo nextest --version >/dev/null 2>&1; then
    echo "== installing cargo-nextest"
    cargo install --locked cargo-nextest
fi

echo "== formatting"
cargo fmt --all --check
echo "== lints"
cargo clippy --workspace --all-targets --locked -- -D warnings
echo "== tests"
cargo nextest run --workspace --locked --no-fail-fast
