"""The documentation runs: the doctests of ``ltv`` and of every public module of the package, and the quickstart
notebook."""

from __future__ import annotations

import doctest
import importlib
import pathlib
import pkgutil
import re
import types
from typing import Any, List

import nbclient
import nbformat
import pytest

import ltv
import ltv.lifetimes

# ltv itself and every public submodule (ltv.vec, ltv.frame, ...); private ones (_columns) have no doctests.
MODULES = [ltv] + [
    importlib.import_module(f"ltv.{info.name}")
    for info in pkgutil.iter_modules(ltv.__path__)
    if not info.name.startswith("_")
]
# ltv.lifetimes' submodules (fitters, utils, plotting, generate_data, datasets): a package's doctest does not reach them.
MODULES += [importlib.import_module(f"ltv.lifetimes.{info.name}") for info in pkgutil.iter_modules(ltv.lifetimes.__path__)]


def test_every_public_module_is_collected() -> None:
    names = {m.__name__ for m in MODULES}
    assert {"ltv", "ltv.vec", "ltv.frame"} <= names


def test_the_lifetimes_examples_are_collected() -> None:
    names = {m.__name__ for m in MODULES}
    wanted = {"ltv.lifetimes", *(f"ltv.lifetimes.{n}" for n in ("fitters", "utils", "plotting", "generate_data", "datasets"))}
    assert wanted <= names, wanted - names
    finder = doctest.DocTestFinder()
    found = {t.name for m in MODULES if m.__name__.startswith("ltv.lifetimes") for t in finder.find(m) if t.examples}
    assert {"ltv.lifetimes.fitters.BetaGeoFitter.fit", "ltv.lifetimes.fitters._ContinuousFitter.conditional_probability_alive",
            "ltv.lifetimes.utils.calibration_and_holdout_data", "ltv.lifetimes.plotting.plot_history_alive",
            "ltv.lifetimes.datasets.load_donations"} <= found


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_doctests(module: types.ModuleType) -> None:
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS, raise_on_error=False, verbose=False)
    assert result.attempted > 0, f"{module.__name__} has no doctests"
    assert result.failed == 0, f"{result.failed} of {result.attempted} doctests failed in {module.__name__}"


def _kinds(cell: Any) -> List[str]:
    """A code cell's outputs by kind: ``stream:stdout``, ``execute_result``, ``image/png``, ... (consecutive
    stream outputs as one: how a kernel splits printed text between messages varies from run to run)."""
    kinds: List[str] = []
    for o in cell.outputs:
        if o.output_type == "stream":
            if kinds[-1:] != [f"stream:{o.name}"]:
                kinds.append(f"stream:{o.name}")
        elif o.output_type in ("display_data", "execute_result"):
            kinds.append("image/png" if "image/png" in o.get("data", {}) else o.output_type)
        else:
            kinds.append(o.output_type)
    return kinds


def execute_notebook(path: pathlib.Path) -> Any:
    """The notebook at ``path`` executed in a fresh kernel (as ``scripts/refresh_notebook.sh`` does)."""
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        nb,
        timeout=120,  # per cell; the whole notebook takes a few seconds
        kernel_name="python3",  # the kernel of this interpreter (jupyter_client runs it with sys.executable)
        allow_errors=False,
        record_timing=False,  # no timestamps in the committed file
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()  # raises CellExecutionError on the first failing cell
    return nb


def test_quickstart_notebook_runs(repo_root: pathlib.Path) -> None:
    path = repo_root / "examples" / "quickstart.ipynb"
    committed = nbformat.read(path, as_version=4)
    nbformat.validate(committed)
    stored = [c for c in committed.cells if c.cell_type == "code"]
    assert stored, "the notebook has no code cells"
    # The committed notebook carries its outputs (tables and plots visible on a repository browser), from one run
    # top to bottom, with no error stored. Refresh it with scripts/refresh_notebook.sh.
    assert [c.execution_count for c in stored] == list(range(1, len(stored) + 1)), "execution counts out of order"
    stored_errors = [o for c in stored for o in c.outputs if o.output_type == "error"]
    assert not stored_errors, "the committed notebook stores an error output"

    nb = execute_notebook(path)
    code_cells = [c for c in nb.cells if c.cell_type == "code"]
    assert [c.source for c in code_cells] == [c.source for c in stored]
    # Current enough: each cell stores the kinds of output it produces now (text, tables, PNG plots).
    stale = [i for i, (now, then) in enumerate(zip(code_cells, stored)) if _kinds(now) != _kinds(then)]
    assert not stale, f"the committed outputs of code cells {stale} are stale: run scripts/refresh_notebook.sh"
    committed_pngs = sum(_kinds(c).count("image/png") for c in stored)

    outputs = [o for c in code_cells for o in c.outputs]
    errors = [o for o in outputs if o.output_type == "error"]
    assert not errors, errors
    stderr = [o.text for o in outputs if o.output_type == "stream" and o.name == "stderr"]
    assert not stderr, f"the notebook wrote to stderr (warnings?): {stderr}"
    # The plots rendered (headless, no GUI): LTV against churn, the retention heatmap and the survival plot.
    pngs = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(pngs) >= 8, f"expected at least 8 PNG plots, got {len(pngs)}"
    assert committed_pngs == len(pngs)
    # The cohort heatmap (labels per month, cohort sizes, percentages) and the MRR-movements chart.
    # A cell's stdout may arrive in several stream chunks (a busy kernel flushes mid-line): join them as written.
    text = "\n".join("".join(o.get("text", "") for o in c.outputs if o.output_type == "stream") for c in code_cells)
    for expected in ("heatmap rows: Jan 2024 .. ", "MRR movement bars: new, expansion, reactivation, contraction, churned"):
        assert expected in text, expected
    text = "\n".join("".join(o.get("text", "") for o in c.outputs if o.output_type == "stream") for c in code_cells)
    for expected in ("13333.33", "26666.67", "5991.79", "4444.44", "10000"):
        assert expected in text, expected
    # Cohorts and the sBG: the pooled fit, and Fader & Hardie (2010) Table 3 DERL at d = 10 %, n = 1..5.
    for expected in (
        "alpha 0.339, beta 1.418, converged: True",
        "3.31 3.45 3.59 3.72 3.84",
        "7.68 9.46 9.86 10.06 10.19",
    ):
        assert expected in text, expected
    # Leads: podcast's 1 sale in 3 leads, shrunk toward the blended rate; the scorer's holdout metrics; its JSON
    # model file round trip.
    for expected in (
        "podcast: raw 0.3333, shrunk 0.0938",
        "AUC 0.",
        "log loss 0.",
        "round trip scores identically: True",
    ):
        assert expected in text, expected
    # Purchase models on the generated CDNOW-like log: its size, a converged BG/NBD fit, the Gamma-Gamma.
    for expected in ("2,357 customers", "converged: True; simulated from", "Gamma-Gamma: p "):
        assert expected in text, expected
    # Coming from lifetimes: the lifetimes API and the native one give FHL 2005's CDNOW numbers.
    for expected in ("lifetimes API: {'r': 0.243, 'alpha': 4.414, 'a': 0.793, 'b': 2.426}", "predict(39, 2, 30.43, 38.86) = 1.226",
                     "native API:    {'r': 0.243, 'alpha': 4.414, 'a': 0.793, 'b': 2.426}", "conditional_expected_purchases = 1.226"):
        assert expected in text, expected
    # Attribution: eight models crediting one total, the bar chart, the ROAS flag.
    for expected in ("every model credits exactly this total", "attribution bars: first_touch, last_touch, "
                     "last_non_direct, linear, time_decay, position_based, markov, shapley", "undervalued at 30 days: "):
        assert expected in text, expected
    # Account health: the planted engagement drop found (a lift whose 95 % interval lies well above 1), the
    # calibration plot, the LTVs.
    lift = re.search(r"logins down 40 %\+: churned x(\d+\.\d) as often within 2 months \(95 % CI (\d+\.\d) to ", text)
    assert lift is not None and float(lift.group(2)) > 2, lift
    for expected in ("calibration lines: perfectly calibrated, holdout", "total LTV: own hazards "):
        assert expected in text, expected
    # Billing: an annual line spread to the cent, the raw invoices' wrong churn, the MRR-movements chart.
    for expected in ("12 months of 82.50, summing to 990.00", "February 2024: churned MRR 396.00 from the MRR table",
                     "billing MRR movements: "):
        assert expected in text, expected


# --- the test dependencies: `pip install .[test]` installs everything tests/python imports ------------------

# Import name -> distribution name, where they differ.
_DISTRIBUTIONS = {"sklearn": "scikit-learn"}
# Peer libraries: the benchmarks time ltv against them (requirements-bench.txt); never a test dependency.
_PEERS = {"scikit-learn", "scipy", "lifetimes", "pymc-marketing", "pymc"}


def _third_party_imports(folder: pathlib.Path) -> set:
    import re
    import sys

    names = set()
    for path in folder.glob("*.py"):
        for line in path.read_text().splitlines():
            m = re.match(r"\s*(?:import|from)\s+([A-Za-z_][A-Za-z0-9_]*)", line)
            if m:
                names.add(m.group(1))
    local = {p.stem for p in folder.glob("*.py")} | {"ltv", "__future__"}
    return {_DISTRIBUTIONS.get(n, n) for n in names - local - set(sys.stdlib_module_names)}


def test_the_test_extra_covers_every_test_import(repo_root: pathlib.Path) -> None:
    import re

    pyproject = (repo_root / "pyproject.toml").read_text()
    block = re.search(r"^test = \[(.*?)^\]", pyproject, re.S | re.M)
    assert block, "pyproject.toml has no [project.optional-dependencies] test extra"
    required = re.search(r"^dependencies = \[(.*?)\]", pyproject, re.S | re.M)
    assert required, "pyproject.toml has no dependencies"
    names = re.findall(r'"([^"]+)"', block.group(1) + required.group(1))
    extra = {re.split(r"[<>=!~\[ ]", r, maxsplit=1)[0] for r in names}
    imports = _third_party_imports(repo_root / "tests" / "python")
    assert imports <= extra, f"imported by tests/python but not in the test extra: {imports - extra}"
    assert not imports & _PEERS, f"tests/python imports a peer library: {imports & _PEERS}"
    assert not extra & _PEERS, f"the test extra installs a peer library: {extra & _PEERS}"
    dev = (repo_root / "requirements-dev.txt").read_text()
    dev_names = {re.split(r"[<>=!~\[ ]", r, maxsplit=1)[0] for r in dev.split("\n") if r and not r.startswith("#")}
    assert not dev_names & _PEERS, f"requirements-dev.txt installs a peer library: {dev_names & _PEERS}"
    # The notebook test runs a kernel, and the polars/pandas interop tests need pyarrow.
    assert {"ipykernel", "pyarrow", "nbclient", "nbformat"} <= extra
    bench = (repo_root / "requirements-bench.txt").read_text()
    assert {"scikit-learn", "scipy"} <= {re.split(r"[<>=!~ ]", r, maxsplit=1)[0] for r in bench.split("\n")
                                          if r and not r.startswith("#")}
