#!/usr/bin/env bash
# Drives the real built app (target/debug/fellowship-app) in a real window under Xvfb,
# through tauri-driver and WebKitWebDriver. Screenshots land in e2e/artifacts/.
set -euo pipefail
cd "$(dirname "$0")"
export FELLOWSHIP_APP="$(realpath ../target/debug/fellowship-app)"
[ -x "$FELLOWSHIP_APP" ] || { echo "Build the app first (make app)." >&2; exit 1; }
# An orphaned driver from an earlier run would hold the ports and hang this one.
pkill -TERM -x tauri-driver 2>/dev/null || true
pkill -TERM -x WebKitWebDriver 2>/dev/null || true
pkill -TERM -x fellowship-app 2>/dev/null || true
rm -rf artifacts && mkdir -p artifacts
# tests/: the desktop app through tauri-driver; browser/: the UI served by `fellowship serve`
# to headless Chromium through playwright-core.
exec xvfb-run -a -s "-screen 0 1280x800x24" node --test --test-concurrency=1 --test-reporter=spec tests/ browser/
