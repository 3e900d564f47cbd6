#!/usr/bin/env bash
# Runs every fuzz target for a fixed budget (default 60 s each), growing fuzz/corpus/<target>.
# A benchmark-style job, not part of CI: it needs nightly Rust and cargo-fuzz
# (`rustup toolchain install nightly && cargo install cargo-fuzz`).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
for target in measure_paste questionnaire_response survey_import historic_import outcome_value; do
  echo "== $target for ${seconds}s"
  cargo +nightly fuzz run "$target" "fuzz/corpus/$target" -- \
    -max_total_time="$seconds" -max_len=4096 -print_final_stats=1 2>&1 |
    grep -E "^(stat::number_of_executed_units|stat::new_units_added|==|SUMMARY|Done)" || true
  # A crash leaves its input in fuzz/artifacts/<target>: stop there, so it can be looked at.
  if [ -n "$(ls -A "fuzz/artifacts/$target" 2>/dev/null)" ]; then
    ls "fuzz/artifacts/$target"
    exit 1
  fi
  # Keep the corpus small: only the inputs that add coverage.
  cargo +nightly fuzz cmin "$target" "fuzz/corpus/$target" 2>&1 | grep -E "^(MERGE-OUTER|stat)" | tail -1 || true
done
