#!/usr/bin/env bash
# The README's first command: set up .venv (from PyPI), build the package, and run the main job in Rust
# and in Python: a unit-economics report of the worked examples.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/venv.sh
echo
echo "==> Rust demo (cargo run --release -p ltv-demo)"
cargo run --quiet --release --locked -p ltv-demo
echo
echo "==> Python demo (.venv/bin/python examples/demo.py)"
.venv/bin/python examples/demo.py
