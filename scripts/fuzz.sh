#!/usr/bin/env bash
# Fuzz every cargo-fuzz target of fuzz/ for a bounded time (not part of CI or scripts/test.sh).
#
#   bash scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     (default: 60 s, every target)
#
# Needs a nightly toolchain (`rustup toolchain install nightly`); installs cargo-fuzz if it is missing.
# First replays the regression inputs of fuzz/regressions/<target>/ (each a past finding), then runs each
# target with libFuzzer from its corpus fuzz/corpus/<target>/ (seed-* files committed, the rest generated),
# with -max_total_time, -rss_limit_mb=2048 and -timeout=10. Prints, per target, the executions
# (stat::number_of_executed_units) and the findings (new crash/timeout/oom/leak files in
# fuzz/artifacts/<target>/). Logs: fuzz/logs/<target>.log. Exits 1 on any finding, 2 when it cannot run.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root/fuzz"

secs="${1:-60}"
if ! [[ "$secs" =~ ^[0-9]+$ ]] || [ "$secs" -lt 1 ]; then
    echo "usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]" >&2
    exit 2
fi
shift || true
all_targets=(formulas tables serde model_files models purchase)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")

if ! rustup run nightly rustc --version >/dev/null 2>&1; then
    echo "error: cargo-fuzz needs a nightly Rust toolchain, and none is installed." >&2
    echo "       Install it with: rustup toolchain install nightly   (the project itself stays on stable)" >&2
    exit 2
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    echo "cargo-fuzz is not installed: installing it (cargo install cargo-fuzz --locked)"
    if ! cargo install cargo-fuzz --locked; then
        echo "error: could not install cargo-fuzz; install it by hand: cargo install cargo-fuzz --locked" >&2
        exit 2
    fi
fi

# The fuzz crate has its own workspace; keep its (sanitizer) build in fuzz/target whatever the caller set.
export CARGO_TARGET_DIR="$root/fuzz/target"
mkdir -p logs

echo "== building ${targets[*]} (nightly, address sanitizer, debug assertions)"
for t in "${targets[@]}"; do
    cargo +nightly fuzz build "$t"
done

findings=0
declare -A executions result

# Past findings stay findings until the library is fixed.
for t in "${targets[@]}"; do
    dir="regressions/$t"
    [ -d "$dir" ] || continue
    for input in "$dir"/*; do
        [ -f "$input" ] || continue
        [ "$(basename "$input")" = README.md ] && continue
        if cargo +nightly fuzz run "$t" "$input" -- -rss_limit_mb=2048 -timeout=10 \
            -artifact_prefix="$root/fuzz/logs/regression-" >"logs/regression-$t-$(basename "$input").log" 2>&1; then
            echo "regression $input: passes now"
        else
            echo "regression $input: STILL FAILS (see fuzz/logs/regression-$t-$(basename "$input").log)"
            findings=$((findings + 1))
        fi
    done
done

for t in "${targets[@]}"; do
    mkdir -p "corpus/$t" "artifacts/$t"
    marker="$(mktemp)"
    echo "== fuzzing $t for ${secs}s"
    set +e
    cargo +nightly fuzz run "$t" "corpus/$t" -- \
        -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 >"logs/$t.log" 2>&1
    status=$?
    set -e
    executions[$t]="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "logs/$t.log" | tail -n 1 | grep -o '[0-9]*$' || true)"
    new="$(find "artifacts/$t" -type f -newer "$marker" \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) | sort)"
    rm -f "$marker"
    if [ -n "$new" ]; then
        findings=$((findings + $(printf '%s\n' "$new" | wc -l)))
        result[$t]="FINDING: $(printf '%s ' $new)"
        grep -m 3 -E "panicked at|ERROR: libFuzzer|SUMMARY" "logs/$t.log" | sed 's/^/    /' || true
    elif [ "$status" -ne 0 ]; then
        findings=$((findings + 1))
        result[$t]="FAILED (exit $status, no artifact): see fuzz/logs/$t.log"
    else
        result[$t]="no findings"
    fi
done

echo
echo "== summary (${secs}s per target)"
for t in "${targets[@]}"; do
    printf '%-12s executions: %-10s %s\n' "$t" "${executions[$t]:-?}" "${result[$t]}"
done
if [ "$findings" -gt 0 ]; then
    echo "$findings finding(s); minimise one with: cd fuzz && cargo +nightly fuzz tmin <target> <artifact>"
    exit 1
fi
