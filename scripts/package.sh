#!/usr/bin/env bash
# Builds the installable packages into target/package/:
#   server   fellowship-server_<version>_<arch>.deb: the `fellowship` binary, the built UI, a
#            systemd unit running it as the `fellowship` system user, settings in /etc/fellowship
#   desktop  the desktop app's .deb, from Tauri's bundler
# Usage: scripts/package.sh [server|desktop|all] [--debug]
# --debug packages the debug build as it is (what the test run installs, to save a release build).
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}
profile=release
[ "${2:-}" = "--debug" ] && profile=debug
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
arch=$(dpkg --print-architecture)
out=target/package
mkdir -p "$out"

server() {
  if [ "$profile" = release ]; then
    cargo build --release -p fellowship
  else
    [ -x target/debug/fellowship ] || { echo "Build it first (make app)." >&2; exit 1; }
  fi
  [ -f ui/dist/index.html ] || npm --prefix ui run build
  local root
  root=$(mktemp -d)
  trap 'rm -rf "$root"' RETURN
  install -Dm755 "target/$profile/fellowship" "$root/usr/bin/fellowship"
  [ "$profile" = release ] && strip "$root/usr/bin/fellowship"
  mkdir -p "$root/usr/share/fellowship"
  cp -r ui/dist "$root/usr/share/fellowship/ui"
  install -Dm644 packaging/fellowship.service "$root/lib/systemd/system/fellowship.service"
  install -Dm640 packaging/fellowship.env "$root/etc/fellowship/fellowship.env"
  install -Dm644 README.md "$root/usr/share/doc/fellowship-server/README.md"
  mkdir -p "$root/DEBIAN"
  cat > "$root/DEBIAN/control" <<CONTROL
Package: fellowship-server
Version: $version
Architecture: $arch
Maintainer: Fellowship programme office <fellowship@example.nhs.uk>
Depends: libc6, libssl3, adduser
Section: web
Priority: optional
Installed-Size: $(du -ks "$root/usr" | cut -f1)
Description: Fellowship programme server
 Runs clinical leadership fellowship programmes: cohorts, host organisations,
 Fellowship Challenges, action learning sets, 360-degree feedback and alumni
 outcomes, served to browsers and the Fellowship desktop app.
CONTROL
  echo /etc/fellowship/fellowship.env > "$root/DEBIAN/conffiles"
  cat > "$root/DEBIAN/postinst" <<'POSTINST'
#!/bin/sh
set -e
if [ "$1" = configure ]; then
  getent passwd fellowship >/dev/null ||
    adduser --system --group --home /var/lib/fellowship --no-create-home --quiet fellowship
  install -d -o fellowship -g fellowship -m 0750 /var/lib/fellowship
  chgrp fellowship /etc/fellowship/fellowship.env
  if [ -d /run/systemd/system ]; then
    systemctl daemon-reload
    systemctl enable fellowship.service >/dev/null
    systemctl restart fellowship.service || true
  fi
fi
POSTINST
  cat > "$root/DEBIAN/prerm" <<'PRERM'
#!/bin/sh
set -e
if [ -d /run/systemd/system ]; then systemctl stop fellowship.service || true; fi
PRERM
  cat > "$root/DEBIAN/postrm" <<'POSTRM'
#!/bin/sh
set -e
if [ -d /run/systemd/system ]; then systemctl daemon-reload || true; fi
# The programme's data in /var/lib/fellowship is kept, even on purge: it is ten years of records.
if [ "$1" = purge ] && getent passwd fellowship >/dev/null; then
  deluser --system --quiet fellowship 2>/dev/null || true
fi
POSTRM
  chmod 755 "$root/DEBIAN/postinst" "$root/DEBIAN/prerm" "$root/DEBIAN/postrm"
  local deb="$out/fellowship-server_${version}_${arch}.deb"
  # xz for a release; the test's debug build is left uncompressed (xz takes minutes on it).
  local compress=-Zxz
  [ "$profile" = debug ] && compress=-Znone
  dpkg-deb --root-owner-group "$compress" --build "$root" "$deb" >/dev/null
  echo "$deb $(du -h "$deb" | cut -f1)"
}

desktop() {
  # Tauri's bundler, from npm (@tauri-apps/cli): a release build of the app and its .deb.
  local flags=(--bundles deb)
  [ "$profile" = debug ] && flags+=(--debug)
  (cd src-tauri && npx --yes @tauri-apps/cli@2 build "${flags[@]}")
  find "target/$profile/bundle/deb" -name '*.deb' -exec cp {} "$out/" \;
  ls -l "$out"/*.deb
}

case "$what" in
  server) server ;;
  desktop) desktop ;;
  all) server; desktop ;;
  *) echo "Usage: $0 [server|desktop|all] [--debug]" >&2; exit 2 ;;
esac
