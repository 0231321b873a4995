#!/usr/bin/env bash
# Installing like a Python package (issue 13): build the abi3 wheel and the sdist with maturin, check the
# wheel's contents, then install each into a fresh EMPTY venv (no extras; numpy is the only package that comes
# from the registry for the wheel, numpy and maturin for the sdist's build) and run scripts/package_smoke.py
# there. Run by scripts/test.sh after scripts/venv.sh (which provides .venv/bin/maturin). Fails on any problem.
#
# Cost: the sdist is built from its unpacked copy, so cargo compiles the workspace's own crates again; with
# CARGO_TARGET_DIR pointing at this repository's target/ (pip passes the environment to the build backend)
# the registry dependencies come from the cache. The script prints how long each step took.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export CARGO_TARGET_DIR="$root/target"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
py="${PYTHON:-python3}"
maturin="$root/.venv/bin/maturin"
if [ ! -x "$maturin" ]; then
    echo "package_check: $maturin not found: run scripts/venv.sh first" >&2
    exit 1
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/ltv-package-check.XXXXXX")"
trap 'rm -rf "$work"' EXIT
dist="$work/dist"
start=$(date +%s)
step_start=$start
timings=()
step() { # records the time since the previous step under the name $1
    local now
    now=$(date +%s)
    timings+=("$1: $((now - step_start)) s")
    step_start=$now
}

echo "==> package: maturin build --release (abi3 wheel) and maturin sdist"
"$maturin" build --release --locked --quiet --out "$dist" --interpreter "$py" >"$work/build.log" 2>&1 \
    || { cat "$work/build.log" >&2; echo "package_check: maturin build failed" >&2; exit 1; }
step "wheel build"
"$maturin" sdist --out "$dist" >"$work/sdist.log" 2>&1 \
    || { cat "$work/sdist.log" >&2; echo "package_check: maturin sdist failed" >&2; exit 1; }
step "sdist build"
shopt -s nullglob
wheels=("$dist"/*.whl)
sdists=("$dist"/*.tar.gz)
shopt -u nullglob
if [ "${#wheels[@]}" -ne 1 ] || [ "${#sdists[@]}" -ne 1 ]; then
    echo "package_check: expected one wheel and one sdist in $dist, got: $(ls "$dist")" >&2
    exit 1
fi
wheel="${wheels[0]}"
sdist="${sdists[0]}"

echo "==> package: contents of $(basename "$wheel") and $(basename "$sdist")"
"$py" - "$wheel" "$sdist" "$root" <<'EOF'
import pathlib, sys, tarfile, zipfile

wheel, sdist, root = sys.argv[1], sys.argv[2], pathlib.Path(sys.argv[3])
problems = []
name = pathlib.Path(wheel).name
if "-abi3-" not in name:
    problems.append(f"wheel {name} is not an abi3 wheel")
files = zipfile.ZipFile(wheel).namelist()
# Everything the package needs at run time.
stubs = sorted(str(p.relative_to(root / "python")) for p in (root / "python" / "ltv").rglob("*.pyi"))
datasets = sorted(
    str(p.relative_to(root / "python"))
    for p in (root / "python" / "ltv" / "lifetimes" / "datasets").iterdir()
    if p.suffix in {".csv", ".txt", ".md"}
)
modules = sorted(str(p.relative_to(root / "python")) for p in (root / "python" / "ltv").rglob("*.py"))
for required in ["ltv/py.typed", "ltv/_ltv.pyi", *stubs, *datasets, *modules]:
    if required not in files:
        problems.append(f"wheel lacks {required}")
if not any(f.startswith("ltv/_ltv.") and f.endswith((".so", ".pyd")) for f in files):
    problems.append("wheel lacks the native module ltv/_ltv.*.so")
if not any(f.endswith(".dist-info/METADATA") for f in files):
    problems.append("wheel lacks its METADATA")
# Nothing of the test suite or the development data.
for f in files:
    parts = f.split("/")
    if parts[0].endswith(".dist-info"):
        continue  # METADATA, RECORD, licences, maturin's SBOM (sboms/*.cyclonedx.json)
    if parts[0] in {"tests", "benches", "examples", "crates", "bindings", "scripts", "fuzz"} or "tests" in parts[:-1]:
        problems.append(f"wheel holds development file {f}")
    if f.endswith((".ipynb", ".rs", ".json")) or "vectors" in parts:
        problems.append(f"wheel holds test or source data {f}")
# The sdist builds on its own: the Rust workspace, the lock file, the Python sources and the packaged data.
members = tarfile.open(sdist).getnames()
prefix = members[0].split("/")[0]
inside = {m[len(prefix) + 1 :] for m in members if m.startswith(prefix + "/")}
for required in [
    "pyproject.toml", "Cargo.toml", "Cargo.lock", "README.md", "bindings/ltv-py/Cargo.toml",
    "crates/ltv-core/src/lib.rs", "crates/ltv-models/src/lib.rs", "python/ltv/__init__.py",
    "python/ltv/py.typed", "python/ltv/_ltv.pyi", *("python/" + d for d in datasets),
]:
    if required not in inside:
        problems.append(f"sdist lacks {required}")
for m in inside:
    if m.startswith(("tests/python", "tests/vectors", "target/", ".venv", ".git/")):
        problems.append(f"sdist holds {m}")
if problems:
    print("\n".join("package_check: " + p for p in problems), file=sys.stderr)
    sys.exit(1)
print(f"    wheel: {len(files)} files ({len(stubs)} stubs, {len(datasets)} dataset files, py.typed); sdist: {len(inside)} files")
EOF
step "contents check"

install_and_smoke() { # $1: what to install, $2: venv name
    local venv="$work/$2"
    "$py" -m venv "$venv"
    local before
    before=$("$venv/bin/python" -m pip list --format=freeze --disable-pip-version-check | grep -cv '^\(pip\|setuptools\)==' || true)
    if [ "$before" -ne 0 ]; then
        echo "package_check: the fresh venv $2 is not empty" >&2
        exit 1
    fi
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$1" >"$work/$2.log" 2>&1 \
        || { cat "$work/$2.log" >&2; echo "package_check: pip install $(basename "$1") failed" >&2; exit 1; }
    local installed
    installed=$("$venv/bin/python" -m pip list --format=freeze --disable-pip-version-check \
        | grep -v '^\(pip\|setuptools\)==' | cut -d= -f1 | sort | tr '\n' ' ')
    if [ "$installed" != "ltv numpy " ]; then
        echo "package_check: $2 installed [$installed], expected only ltv and numpy" >&2
        exit 1
    fi
    # Run from the work directory, so the source tree's python/ is not on the path.
    (cd "$work" && "$venv/bin/python" "$root/scripts/package_smoke.py")
}

echo "==> package: the wheel in a fresh venv (no extras)"
install_and_smoke "$wheel" venv-wheel
step "wheel install + smoke"

echo "==> package: the sdist in a fresh venv (pip builds it with maturin; CARGO_TARGET_DIR=$CARGO_TARGET_DIR)"
touch "$work/sdist-stamp"
install_and_smoke "$sdist" venv-sdist
# pip passed CARGO_TARGET_DIR through: the sdist's build linked the extension in this target/ (cargo reuses what
# is fresh; the workspace's hashes are relative to its root, so the unpacked copy matches them).
if ! find "$CARGO_TARGET_DIR/release" -maxdepth 1 -name 'libltv_py.*' -newer "$work/sdist-stamp" | grep -q .; then
    echo "package_check: the sdist build did not use CARGO_TARGET_DIR=$CARGO_TARGET_DIR" >&2
    exit 1
fi
step "sdist install (build from source) + smoke"

size() { "$py" -c 'import os, sys; print(f"{os.path.getsize(sys.argv[1]) / 1e6:.2f} MB")' "$1"; }
echo "==> package: sizes and times"
echo "    wheel $(basename "$wheel"): $(size "$wheel")"
echo "    sdist $(basename "$sdist"): $(size "$sdist")"
for t in "${timings[@]}"; do echo "    $t"; done
echo "    package_check total: $(($(date +%s) - start)) s"
