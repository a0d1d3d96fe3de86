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
# The app takes most of the build: build it only when there is a screen to open it on.
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    cargo build --release --locked -p campo-sync-server -p campo-device -p campo-app --features campo-app/custom-protocol
else
    cargo build --release --locked -p campo-sync-server -p campo-device
fi
SERVER=target/release/campo-sync-server
DEVICE=target/release/campo-device

if [ ! -f "$DEMO_DIR/campo.db" ]; then
    "$SERVER" --db "$DEMO_DIR/campo.db" demo
fi
# What to type in the app's server field: a server listening on every
# interface is reached at this machine's own address.
HOST="${LISTEN%:*}"
PORT="${LISTEN##*:}"
case "$HOST" in
    0.0.0.0 | "[::]") HOST="$(hostname -I 2>/dev/null | awk '{print $1}')"; HOST="${HOST:-127.0.0.1}" ;;
esac
SERVER_URL="http://$HOST:$PORT"
CONNECT="${LISTEN/0.0.0.0/127.0.0.1}"

"$SERVER" --db "$DEMO_DIR/campo.db" serve --listen "$LISTEN" &
SERVER_PID=$!
trap 'kill "$SERVER_PID" 2>/dev/null || true' EXIT
until (exec 3<>"/dev/tcp/${CONNECT%:*}/${CONNECT##*:}") 2>/dev/null; do
    kill -0 "$SERVER_PID" || exit 1
    sleep 0.2
done

echo "== a gestor's device: ana signs in and syncs her portfolio"
"$DEVICE" --db "$DEMO_DIR/ana-device.db" login --server "http://$CONNECT" --login ana --password campo2026 --device-name "demo"
"$DEVICE" --db "$DEMO_DIR/ana-device.db" sync
"$DEVICE" --db "$DEMO_DIR/ana-device.db" status
echo
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    echo "== the gestor's app: sign in at $SERVER_URL as ana, pedro or lucia (password campo2026)"
    CAMPO_DEVICE_DB="$DEMO_DIR/app-device.db" target/release/campo-app &
else
    echo "Sin pantalla: la app no se compiló. En una máquina con pantalla: ./scripts/demo.sh"
fi
echo "Servidor en $SERVER_URL (OpenAPI en /openapi.json): escribe esa dirección en el campo «Servidor» de la app."
echo "Consola de la oficina: $SERVER_URL/console/ (por ejemplo marta, supervisora; contraseña campo2026)."
echo "Ctrl-C para detenerlo."
wait "$SERVER_PID"
