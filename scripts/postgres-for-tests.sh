#!/usr/bin/env bash
# Starts the Debian PostgreSQL cluster and gives the tests their role (a superuser, so each test
# can create its own database). Safe to run twice. Tests reach it at FELLOWSHIP_TEST_PG, default
# postgres://fellowship:fellowship@127.0.0.1:5432/postgres.
set -euo pipefail
read -r version cluster _ < <(pg_lsclusters -h | head -1)
pg_lsclusters -h | grep -q online || pg_ctlcluster "$version" "$cluster" start
as_postgres() { if [ "$(id -u)" -eq 0 ]; then su postgres -c "$1"; else sudo -u postgres bash -c "$1"; fi; }
for _ in $(seq 1 30); do as_postgres "pg_isready -q" && break; sleep 1; done
as_postgres "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname = 'fellowship'\"" | grep -q 1 ||
  as_postgres "psql -qc \"CREATE ROLE fellowship LOGIN SUPERUSER PASSWORD 'fellowship'\""
# Test databases of earlier runs (ft_<pid>_<n>_<name>) are dropped.
as_postgres "psql -tAc \"SELECT datname FROM pg_database WHERE datname LIKE 'ft\\_%'\"" |
  while read -r db; do as_postgres "psql -qc 'DROP DATABASE IF EXISTS \"$db\"'"; done
