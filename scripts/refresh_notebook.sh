#!/usr/bin/env bash
# Re-execute examples/quickstart.ipynb top to bottom in a fresh kernel and save it WITH its outputs (tables and
# PNG plots show on a repository browser). Run after changing the notebook or anything it prints;
# tests/python/test_docs.py::test_quickstart_notebook_runs fails while the stored outputs are stale.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python="${PYTHON:-$root/.venv/bin/python}"
"$python" - "$root/examples/quickstart.ipynb" <<'PY'
import base64
import io
import pathlib
import sys

import nbclient
import nbformat
from PIL import Image

path = pathlib.Path(sys.argv[1])
nb = nbformat.read(path, as_version=4)
client = nbclient.NotebookClient(
    nb, timeout=120, kernel_name="python3", allow_errors=False, record_timing=False,
    resources={"metadata": {"path": str(path.parent)}},
)
client.execute()
errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
if errors:
    sys.exit(f"{path}: a cell raised: {errors[0].get('ename')}")
# Consecutive prints as one stream output (how the kernel splits them between messages varies run to run).
for cell in nb.cells:
    merged = []
    for output in cell.get("outputs", []):
        last = merged[-1] if merged else None
        if output.output_type == "stream" and last is not None and last.output_type == "stream" and last.name == output.name:
            last.text += output.text
        else:
            merged.append(output)
    if cell.cell_type == "code":
        cell.outputs = merged
# Plots as 256-colour PNGs (a third of the size; charts have few colours): the file stays small to review.
for cell in nb.cells:
    for output in cell.get("outputs", []):
        data = output.get("data", {})
        if "image/png" in data:
            image = Image.open(io.BytesIO(base64.b64decode(data["image/png"]))).convert("RGB")
            small = io.BytesIO()
            image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(small, format="PNG", optimize=True)
            data["image/png"] = base64.b64encode(small.getvalue()).decode("ascii")
nbformat.validate(nb)
nbformat.write(nb, path)
print(f"{path}: {sum(c.cell_type == 'code' for c in nb.cells)} code cells executed, {path.stat().st_size:,} bytes")
PY
