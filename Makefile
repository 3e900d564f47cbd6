# Everyday targets. `make run` and `make test` install what they need first.
SHELL := /bin/bash
FEATURES := --features fellowship-app/custom-protocol
APP := target/debug/fellowship-app

.PHONY: run test deps test-deps ui app types fmt lint check core-test core-test-pg ui-test e2e bench bench-desktop package package-test

run: deps ui app
	@if [ -z "$$DISPLAY" ] && [ -z "$$WAYLAND_DISPLAY" ]; then \
	  echo "No display found: starting Fellowship under Xvfb (virtual screen)."; \
	  xvfb-run -a -s "-screen 0 1280x800x24" $(APP) $(ARGS); \
	else $(APP) $(ARGS); fi

# The PostgreSQL run comes last: its build of the `fellowship` binary replaces the SQLite one
# the end-to-end tests drive.
test: test-deps check core-test ui-test e2e package-test core-test-pg

deps:
	./scripts/install-deps.sh

test-deps:
	./scripts/install-deps.sh --test

ui:
	npm --prefix ui run build

# The binary embeds ui/dist, so the UI is built first.
app: ui
	cargo build --workspace $(FEATURES)

types:
	cargo build -p fellowship $(FEATURES)
	target/debug/fellowship typescript > ui/src/lib/api/generated.ts

fmt:
	cargo fmt --all

check: app
	cargo fmt --all --check
	target/debug/fellowship typescript --check ui/src/lib/api/generated.ts
	npm --prefix ui run check
	npm --prefix ui run lint

core-test: app
	cargo clippy --workspace --all-targets $(FEATURES) -- -D warnings
	# The desktop app alone, as it is packaged: the core without the server and the tools.
	cargo clippy -p fellowship-app --features custom-protocol -- -D warnings
	cargo nextest run --workspace $(FEATURES)

# The same core on PostgreSQL (the programme server's shared database).
# (--workspace, so shared dependencies keep the features they were built with above.)
PG_FEATURES := --features fellowship/postgres,fellowship-app/custom-protocol
core-test-pg:
	cargo clippy --workspace --all-targets $(PG_FEATURES) -- -D warnings
	cargo nextest run --workspace $(PG_FEATURES)

ui-test:
	npm --prefix ui test

e2e: app
	timeout 900 ./e2e/run.sh

# The installable packages (release builds) into target/package/: the server's .deb with its
# systemd unit, and the desktop app's .deb from Tauri's bundler.
package: deps ui
	./scripts/package.sh all

# The server package, made from the debug build, installed with dpkg, started, checked, removed.
package-test: app
	./scripts/test-package.sh

bench:
	cargo run --release -p fellowship -- bench

# The desktop app's start-up and memory beside an empty Tauri app, and the release .deb's size.
bench-desktop: deps ui
	./scripts/desktop-bench.sh
