#!/usr/bin/env bash
# The desktop app as a user feels it, beside the smallest Tauri v2 app (scripts/empty-tauri), both
# release builds, measured in one run under Xvfb by e2e/bench/desktop.mjs: the time from start to
# the first painted screen, sign-in to Today on the large demo, and memory (PSS of each app and its
# WebKit processes). Also prints the size of the release .deb from Tauri's bundler.
# Usage: scripts/desktop-bench.sh [runs]   (default 5; `make bench-desktop`)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
./scripts/install-deps.sh --test

# The release .deb (Tauri's bundler builds target/release/fellowship-app on the way).
./scripts/package.sh desktop
deb=$(ls -t target/package/Fellowship_*.deb | head -1)

# The empty app, from the same Cargo.lock into the same target directory, so it is built with the
# same versions of Tauri and WebKit's bindings and shares what it can of Fellowship's build.
rm -rf target/empty-tauri
cp -r scripts/empty-tauri target/empty-tauri
cp Cargo.lock target/empty-tauri/
cargo build --release --manifest-path target/empty-tauri/Cargo.toml --target-dir target

# The large demo programme (ten cohorts of forty), written by the release command line.
cargo build --release -p fellowship
rm -rf target/desktop-bench && mkdir -p target/desktop-bench
target/release/fellowship demo --db target/desktop-bench/demo.sqlite --large >/dev/null

echo "release .deb: $deb, $(stat -c %s "$deb") bytes"
echo "release binaries: fellowship-app $(stat -c %s target/release/fellowship-app) bytes, empty-tauri $(stat -c %s target/release/empty-tauri) bytes"
pkill -TERM -x tauri-driver 2>/dev/null || true
pkill -TERM -x WebKitWebDriver 2>/dev/null || true
FELLOWSHIP_APP="$(realpath target/release/fellowship-app)" \
EMPTY_APP="$(realpath target/release/empty-tauri)" \
DEMO_DB="$(realpath target/desktop-bench/demo.sqlite)" \
RUNS="$runs" \
  xvfb-run -a -s "-screen 0 1280x800x24" node e2e/bench/desktop.mjs
