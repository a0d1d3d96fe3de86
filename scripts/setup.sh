# Sourced by demo.sh and test.sh: installs what a fresh Debian 12 machine lacks
# (a C compiler for the bundled SQLite, the app's WebKitGTK libraries) and
# builds the UI: the app and the sync server (the console) embed it at
# compile time.

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

packages=(build-essential pkg-config libwebkit2gtk-4.1-dev librsvg2-dev libxdo-dev "$@")
missing=()
# Installed means "install ok installed": a removed package whose
# configuration files remain is still known to dpkg, but its programs are gone.
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "ok installed"; }
for p in "${packages[@]}"; do installed "$p" || missing+=("$p"); done
if [ "${#missing[@]}" -gt 0 ]; then
    echo "== installing ${missing[*]}"
    sudo_if_needed apt-get update -q
    sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

echo "== UI: packages and build"
# `npm install` rather than `npm ci`: this npm leaves the other platforms' optional
# packages of @tauri-apps/cli out of the lock file, which `npm ci` then refuses.
(cd ui && npm install --no-audit --no-fund && npm run build)
