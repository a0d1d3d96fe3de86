#!/usr/bin/env bash
# Sets up and runs the demo: builds Campo, creates a sync server database with
# a demo portfolio (if there is none yet), serves it on 127.0.0.1:8080, and
# signs a headless gestor device in as "ana" and syncs it. The server keeps
# running in the foreground until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."

DEMO_DIR="${CAMPO_DEMO_DIR:-demo}"
LISTEN="${CAMPO_LISTEN:-127.0.0.1:8080}"
mkdir -p "$DEMO_DIR"

if ! command -v cc >/dev/null; then
    sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
    sudo_if_needed apt-get update -q
    sudo_if_needed apt-get install -y -q build-essential
fi
cargo build --release --locked -p campo-sync-server -p campo-device
SERVER=target/release/campo-sync-server
DEVICE=target/release/campo-device

if [ ! -f "$DEMO_DIR/campo.db" ]; then
    "$SERVER" --db "$DEMO_DIR/campo.db" demo
fi
"$SERVER" --db "$DEMO_DIR/campo.db" serve --listen "$LISTEN" &
SERVER_PID=$!
trap 'kill "$SERVER_PID" 2>/dev/null || true' EXIT
until (exec 3<>"/dev/tcp/${LISTEN%:*}/${LISTEN##*:}") 2>/dev/null; do
    kill -0 "$SERVER_PID" || exit 1
    sleep 0.2
done

echo "== a gestor's device: ana signs in and syncs her portfolio"
"$DEVICE" --db "$DEMO_DIR/ana-device.db" login --server "http://$LISTEN" --login ana --password campo2026 --device-name "demo"
"$DEVICE" --db "$DEMO_DIR/ana-device.db" sync
"$DEVICE" --db "$DEMO_DIR/ana-device.db" status
echo
echo "Servidor en http://$LISTEN (OpenAPI en /openapi.json). Ctrl-C para detenerlo."
wait "$SERVER_PID"
