#!/usr/bin/env bash
# Creates (or reuses) the local .venv and installs the Python tooling from PyPI, then builds and installs
# the `ltv` package into it (release build). Sourced by quickstart.sh and test.sh; safe to run repeatedly.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
py="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    echo "==> creating .venv with $($py --version)"
    "$py" -m venv .venv
fi
stamp=.venv/.requirements-installed
if [ ! -f "$stamp" ] || [ requirements-dev.txt -nt "$stamp" ]; then
    echo "==> installing Python tooling into .venv (requirements-dev.txt)"
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
    touch "$stamp"
fi
bash "$root/scripts/java.sh"   # Java 17 for pyspark (the Spark tests); installs it when missing
echo "==> building and installing the ltv Python package (maturin develop --release)"
VIRTUAL_ENV="$root/.venv" PATH="$root/.venv/bin:$PATH" .venv/bin/maturin develop --release --locked
.venv/bin/python -c "import ltv; print('==> ltv', ltv.__version__, 'installed in .venv')"
