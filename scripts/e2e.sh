#!/usr/bin/env bash
# The end-to-end tests: builds the gestor's app with its UI embedded, then
# drives it through tauri-driver and WebKitWebDriver on a virtual display
# against a real sync server (tests/e2e/). They also refresh the screenshots
# in docs/screenshots/. Run by scripts/test.sh; runs alone too.
set -euo pipefail
cd "$(dirname "$0")/.."

# WebKitWebDriver, a virtual X display, and xwd with netpbm to photograph it.
source scripts/setup.sh webkit2gtk-driver xvfb xauth x11-apps netpbm
if ! command -v tauri-driver >/dev/null 2>&1; then
    echo "== installing tauri-driver"
    cargo install --locked tauri-driver --version '^2'
fi
if ! cargo nextest --version >/dev/null 2>&1; then
    echo "== installing cargo-nextest"
    cargo install --locked cargo-nextest
fi

echo "== e2e: building the app"
cargo build --locked -p campo-app --features campo-app/custom-protocol
target_dir="$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')"

echo "== e2e: the app under tauri-driver"
# One test at a time: each photographs the one window named Campo.
CAMPO_APP="$target_dir/debug/campo-app" WEBKIT_DISABLE_DMABUF_RENDERER=1 \
    xvfb-run --auto-servernum --server-args="-screen 0 1280x800x24" \
    cargo nextest run --locked -p campo-tests --features e2e --test e2e --test-threads 1 --no-fail-fast
