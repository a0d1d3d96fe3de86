#!/usr/bin/env bash
# Sets up and runs the demo: builds Campo, creates a sync server database with
# a demo portfolio (if there is none yet), serves it on 127.0.0.1:8080, and
# signs a headless gestor device in as "ana" and syncs it, then opens the
# gestor's app (when there is a display) to sign in as any demo gestor. The
# server keeps running in the foreground until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."

DEMO_DIR="${CAMPO_DEMO_DIR:-demo}"
LISTEN="${CAMPO_LISTEN:-127.0.0.1:8080}"
mkdir -p "$DEMO_DIR"

source scripts/setup.sh
cargo build --release --locked -p campo-sync-server -p campo-device -p campo-app --features campo-app/custom-protocol
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
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    echo "== the gestor's app: sign in at http://$LISTEN as ana, pedro or lucia (password campo2026)"
    CAMPO_DEVICE_DB="$DEMO_DIR/app-device.db" target/release/campo-app &
else
    echo "Sin pantalla: abre la app con CAMPO_DEVICE_DB=$DEMO_DIR/app-device.db target/release/campo-app"
fi
echo "Servidor en http://$LISTEN (OpenAPI en /openapi.json). Ctrl-C para detenerlo."
wait "$SERVER_PID"
