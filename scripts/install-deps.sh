#!/usr/bin/env bash
# Installs what building, running and testing Fellowship needs on Debian 12, as root.
# Safe to run twice: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(libwebkit2gtk-4.1-dev build-essential curl wget file libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev pkg-config xvfb xauth webkit2gtk-driver imagemagick
  nodejs npm)
# The served UI's end-to-end tests drive Debian's Chromium (playwright-core; no browser download).
# The postgres build's core tests run against Debian's PostgreSQL.
# The reverse-proxy test (tests/proxy.rs) runs the server behind Debian's nginx.
# The email tests (tests/mail.rs) send to Debian's aiosmtpd (tests/smtp/server.py).
# The organisation sign-in tests run npm's oidc-provider (tests/oidc/) with the same node.
if [ "${1:-}" = "--test" ]; then APT_PACKAGES+=(chromium postgresql nginx python3-aiosmtpd); fi
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# nodejs/npm may come from elsewhere (e.g. a newer Node already on PATH): do not fight it.
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
read -r -a missing <<<"${missing[*]}"
if ((${#missing[@]})); then
  echo "Installing system packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

command -v cargo >/dev/null || { echo "Rust (cargo) is needed: install it with rustup first." >&2; exit 1; }
if [ "${1:-}" = "--test" ]; then
  command -v cargo-nextest >/dev/null || cargo install cargo-nextest --locked
  command -v tauri-driver >/dev/null || cargo install tauri-driver --locked
  ./scripts/postgres-for-tests.sh
  (cd e2e && { [ -d node_modules ] && [ node_modules -nt package-lock.json ] || npm ci --no-audit --no-fund; })
  # The sign-in tests' OpenID Connect provider (oidc-provider, run by node).
  (cd tests/oidc && { [ -d node_modules ] && [ node_modules -nt package-lock.json ] || npm ci --no-audit --no-fund; })
fi
(cd ui && { [ -d node_modules ] && [ node_modules -nt package-lock.json ] || npm ci --no-audit --no-fund; })
