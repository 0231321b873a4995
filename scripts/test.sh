#!/usr/bin/env bash
# The README's second command: every check and every test, Rust and Python. CI runs exactly this.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

echo "==> cargo fmt --check"
cargo fmt --all --check
echo "==> cargo clippy (all targets, all features, -D warnings)"
cargo clippy --locked --workspace --all-targets --all-features -- -D warnings
echo "==> cargo clippy (the libraries with default features: what a dependent crate compiles)"
cargo clippy --locked -p ltv-core -p ltv-models --lib -- -D warnings
echo "==> cargo doc (warnings are errors; the binding with its private items)"
RUSTDOCFLAGS="-D warnings" cargo doc --locked --no-deps -p ltv-core -p ltv-models --all-features --quiet
RUSTDOCFLAGS="-D warnings" cargo doc --locked --no-deps -p ltv-py --document-private-items --quiet
echo "==> cargo test (workspace, all features, doctests included)"
cargo test --locked --workspace --all-features

# Python: build the package into .venv (installs the tooling on a fresh machine), then check stubs and tests.
bash scripts/venv.sh
bash scripts/package_check.sh   # abi3 wheel + sdist, each installed into a fresh empty venv and smoke-tested
echo "==> pytest (vectors, scalar, vec, docs, notebook, typing)"
set +e
.venv/bin/python -m pytest tests/python -q -p no:cacheprovider
status=$?
set -e
if [ "$status" -eq 5 ]; then
    echo "pytest collected no tests: failing" >&2
    exit 1
fi
exit "$status"
