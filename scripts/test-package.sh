#!/usr/bin/env bash
# Installs the server package with dpkg as an administrator would, starts the server as its
# systemd unit does (its user, its settings file, its working directory), checks that it answers
# and serves the UI, stops it with SIGTERM, then removes and purges the package. Needs root
# (CI and a fresh machine run as root); elsewhere it says it skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" -ne 0 ]; then echo "SKIPPED: installing a package needs root"; exit 0; fi
deb=$(scripts/package.sh server --debug | tail -1 | cut -d' ' -f1)
echo "Package: $deb ($(du -h "$deb" | cut -f1), debug build; a release build is smaller)"
# A test leftover from an interrupted run goes first.
dpkg --purge fellowship-server >/dev/null 2>&1 || true
rm -rf /var/lib/fellowship
dpkg -i "$deb" >/dev/null
id fellowship >/dev/null
for f in /usr/bin/fellowship /lib/systemd/system/fellowship.service /etc/fellowship/fellowship.env \
         /usr/share/fellowship/ui/index.html; do
  [ -e "$f" ] || { echo "missing after install: $f" >&2; exit 1; }
done
[ "$(stat -c %U /var/lib/fellowship)" = fellowship ]
if command -v systemd-analyze >/dev/null; then
  systemd-analyze verify /lib/systemd/system/fellowship.service 2>&1 | grep -v "^$" || true
fi
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
log=$(mktemp)
(cd /var/lib/fellowship &&
  exec setpriv --reuid=fellowship --regid=fellowship --init-groups \
    env FELLOWSHIP_LISTEN="127.0.0.1:$port" /usr/bin/fellowship serve --config /etc/fellowship/fellowship.env) \
  >"$log" 2>&1 &
pid=$!
stop() { kill -TERM "$pid" 2>/dev/null || true; }
trap stop EXIT
for _ in $(seq 100); do curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fsS "http://127.0.0.1:$port/readyz" | grep -q ready || { cat "$log"; exit 1; }
curl -fsS "http://127.0.0.1:$port/" | grep -qi '<!doctype html' || { echo "no UI served" >&2; exit 1; }
kill -TERM "$pid"
wait "$pid"
trap - EXIT
[ "$(stat -c %U /var/lib/fellowship/fellowship.sqlite)" = fellowship ]
dpkg -r fellowship-server >/dev/null
[ ! -e /usr/bin/fellowship ] || { echo "the binary outlived dpkg -r" >&2; exit 1; }
[ -e /etc/fellowship/fellowship.env ] # a removed package keeps its settings until purged
dpkg --purge fellowship-server >/dev/null
[ ! -e /etc/fellowship/fellowship.env ]
! id fellowship >/dev/null 2>&1
[ -e /var/lib/fellowship/fellowship.sqlite ] # the programme's data is never removed with it
rm -rf /var/lib/fellowship "$log"
echo "The server package installs, starts as its unit would, answers, stops and is removed."
