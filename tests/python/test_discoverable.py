"""The API explains itself: ``dir()`` shows only the public names, ``help()`` shows numpydoc sections with a
runnable example, the stubs carry the same docstrings as the runtime, and result objects print readably in a
notebook (``repr`` and an HTML table)."""

from __future__ import annotations

import ast
import doctest
import importlib
import inspect
import pathlib
import re
import types
import typing
from typing import Any, Callable, Iterator, List, Tuple

import pytest

import ltv

# --- namespace hygiene ----------------------------------------------------------------------------------------

NAMESPACES = [
    "ltv",
    "ltv.vec",
    "ltv.frame",
    "ltv.cohort",
    "ltv.retention",
    "ltv.purchase",
    "ltv.plot",
    "ltv.leads",
    "ltv.lifetimes",
    "ltv.scoring",
    "ltv.benchmarks",
]
NAMESPACES += ["ltv.health"]

# Names a module imports for its own use, never part of its API.
_IMPORT_NOISE = {
    "annotations", "np", "npt", "pd", "pl", "plt", "Any", "Optional", "Union", "Dict", "List", "Tuple", "Literal",
    "Callable", "Mapping", "Sequence", "Iterable", "TYPE_CHECKING", "overload", "cast", "warnings", "math", "json",
}


@pytest.mark.parametrize("name", NAMESPACES)
def test_dir_shows_the_public_api_only(name: str) -> None:
    module = importlib.import_module(name)
    public = set(module.__all__)
    assert len(public) == len(module.__all__), f"{name}.__all__ lists a name twice"
    shown = set(dir(module))
    assert shown == public, f"dir({name}) differs from __all__: extra {shown - public}, missing {public - shown}"
    assert not shown & _IMPORT_NOISE, shown & _IMPORT_NOISE
    assert all(not n.startswith("_") or n == "__version__" for n in shown), sorted(shown)
    for n in public:  # every advertised name exists
        assert hasattr(module, n), f"{name}.{n} is in __all__ but missing"


def test_every_public_submodule_is_in_the_top_level_all() -> None:
    # ltv.lifetimes (the lifetimes-compatible API, which needs pandas) is imported on request only.
    for name in NAMESPACES[1:]:
        assert (name.split(".")[1] in ltv.__all__) == (name != "ltv.lifetimes"), name


# --- numpydoc sections on every public callable -------------------------------------------------------------

# The modules whose public functions (and classes, and their public methods) must carry numpydoc sections.
DOCUMENTED_MODULES = ["ltv", "ltv.vec", "ltv.frame", "ltv.scoring", "ltv.benchmarks"]
DOCUMENTED_MODULES += ["ltv.health"]
# The result classes of the formulas and lead valuation (ltv-core), the sBG model and the lead scorer (ltv-models).
DOCUMENTED_CLASSES = [
    ltv.LtvCacRatio, ltv.CacPayback, ltv.MrrMovements, ltv.LeadValuation, ltv.AccountValuation, ltv.SbgModel, ltv.SbgFit,
    ltv.LeadScorer,
]
DOCUMENTED_CLASSES += [ltv.health.HealthModel, ltv.health.ConstantFeatureWarning]


def _section(doc: str, title: str) -> bool:
    return re.search(rf"^\s*{title}\n\s*-{{{len(title)}}}\s*$", doc, re.M) is not None


def _has_parameters(fn: Callable[..., Any]) -> bool:
    try:
        sig = inspect.signature(fn)
    except (TypeError, ValueError):
        return True
    return any(p.name not in ("self", "cls") for p in sig.parameters.values())


def _public_functions() -> Iterator[Tuple[str, Callable[..., Any]]]:
    for mod_name in DOCUMENTED_MODULES:
        module = importlib.import_module(mod_name)
        for name in module.__all__:
            obj = getattr(module, name)
            if isinstance(obj, types.ModuleType) or inspect.isclass(obj) or not callable(obj):
                continue
            if typing.get_origin(obj) is not None:  # a type alias (Literal[...], Union[...])
                continue
            yield f"{mod_name}.{name}", obj


def _public_methods() -> Iterator[Tuple[str, Callable[..., Any]]]:
    for cls in DOCUMENTED_CLASSES:
        for name, member in vars(cls).items():
            if name.startswith("_") or isinstance(member, property) or inspect.isdatadescriptor(member):
                continue
            if callable(member) or isinstance(member, (classmethod, staticmethod)):
                yield f"{cls.__name__}.{name}", getattr(cls, name)


FUNCTIONS = sorted(_public_functions())
METHODS = sorted(_public_methods())


def test_the_walk_finds_the_api() -> None:
    names = {n for n, _ in FUNCTIONS}
    assert {"ltv.saas_ltv", "ltv.vec.saas_ltv", "ltv.frame.saas_ltv", "ltv.vec.quick_ratio"} <= names
    assert len(FUNCTIONS) >= 19 + 25 + 12
    assert {"MrrMovements.quick_ratio", "LtvCacRatio.to_dict", "SbgFit.fit", "LeadScorer.from_json"} <= {n for n, _ in METHODS}


@pytest.mark.parametrize(("name", "fn"), FUNCTIONS + METHODS, ids=[n for n, _ in FUNCTIONS + METHODS])
def test_numpydoc_sections(name: str, fn: Callable[..., Any]) -> None:
    doc = inspect.getdoc(fn) or ""
    assert doc, f"{name} has no docstring"
    wanted = ["Returns", "Examples"] + (["Parameters"] if _has_parameters(fn) else [])
    missing = [t for t in wanted if not _section(doc, t)]
    assert not missing, f"{name} lacks the numpydoc section(s) {missing}"
    assert ">>> " in doc, f"{name}: its Examples have no doctest"
    if _has_parameters(fn):
        params = [p for p in inspect.signature(fn).parameters if p not in ("self", "cls", "df")]
        undocumented = [p for p in params if not re.search(rf"^\s*(?:\w+, )*{p}(?:, \w+)* :", doc, re.M)]
        assert not undocumented, f"{name}: parameters not under Parameters: {undocumented}"


@pytest.mark.parametrize("cls", DOCUMENTED_CLASSES, ids=lambda c: c.__name__)
def test_result_classes_have_an_example(cls: type) -> None:
    doc = inspect.getdoc(cls) or ""
    assert _section(doc, "Examples") and ">>> " in doc, cls.__name__


def test_vec_and_frame_say_what_they_add() -> None:
    for name, fn in FUNCTIONS:
        doc = inspect.getdoc(fn) or ""
        if name.startswith("ltv.vec."):
            assert "errors" in doc and "broadcast" in doc and "Adds to :" in doc, name
        if name.startswith("ltv.frame."):
            assert "names a column" in doc and "Adds to :func:`ltv.vec." in doc, name


def test_native_doctests_run() -> None:
    # The formulas' examples live in their Rust doc comments (the runtime docstrings of ltv._ltv), which the
    # module doctests of tests/python/test_docs.py (ltv and its public submodules) do not reach.
    native = importlib.import_module("ltv._ltv")
    result = doctest.testmod(native, optionflags=doctest.ELLIPSIS, raise_on_error=False, verbose=False)
    assert result.attempted >= 19 * 2, result
    assert result.failed == 0, result


def test_the_class_examples_run_under_test_docs() -> None:
    # The result classes belong to the `ltv` module, so test_docs' doctest of `ltv` runs their examples.
    finder = doctest.DocTestFinder()
    names = {t.name for t in finder.find(ltv) if t.examples}
    assert {"ltv.MrrMovements", "ltv.MrrMovements.quick_ratio", "ltv.LtvCacRatio", "ltv.SbgFit.summary"} <= names


# --- the stubs carry the runtime docstrings -----------------------------------------------------------------


def _stub_docstrings(repo_root: pathlib.Path) -> dict[str, str]:
    tree = ast.parse((repo_root / "python" / "ltv" / "_ltv.pyi").read_text())
    out = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            doc = ast.get_docstring(node)
            if doc:
                out[node.name] = doc
    return out


def test_stub_docstrings_match_the_runtime(repo_root: pathlib.Path) -> None:
    stubs = _stub_docstrings(repo_root)
    native = importlib.import_module("ltv._ltv")
    formulas: List[str] = [n for n, f in _public_functions() if n.count(".") == 1 and getattr(native, n[4:], None) is f]
    assert len(formulas) >= 19
    for name in formulas:
        short = name[4:]
        assert short in stubs, f"_ltv.pyi: {short} has no docstring"
        assert stubs[short] == inspect.getdoc(getattr(native, short)), f"_ltv.pyi: the docstring of {short} drifted"


def test_stub_class_docstrings_match_the_runtime(repo_root: pathlib.Path) -> None:
    tree = ast.parse((repo_root / "python" / "ltv" / "_ltv.pyi").read_text())
    stub_classes = {n.name: n for n in tree.body if isinstance(n, ast.ClassDef)}
    native = importlib.import_module("ltv._ltv")
    checked = 0
    for cls in DOCUMENTED_CLASSES:
        if getattr(native, cls.__name__, None) is not cls:
            continue  # a Python class: its source is its stub
        node = stub_classes[cls.__name__]
        assert ast.get_docstring(node) == inspect.getdoc(cls), f"_ltv.pyi: the docstring of {cls.__name__} drifted"
        methods: dict[str, ast.FunctionDef] = {}
        for m in node.body:  # an overloaded method carries its docstring on its first overload
            if isinstance(m, ast.FunctionDef):
                methods.setdefault(m.name, m)
        for name, fn in METHODS:
            owner, _, method = name.partition(".")
            if owner == cls.__name__:
                stub = ast.get_docstring(methods[method])
                assert stub == inspect.getdoc(fn), f"_ltv.pyi: the docstring of {name} drifted"
                checked += 1
    assert checked >= 25, checked


def test_help_shows_parameters_units_errors_and_an_example() -> None:
    import pydoc

    text = pydoc.render_doc(ltv.saas_ltv, renderer=pydoc.plaintext)
    for expected in ("arpu", "per month", "fraction in [0, 1]", "ZeroChurnError", "InvalidInputError", ">>> ltv.saas_ltv("):
        assert expected in text, expected


# --- notebook reprs -----------------------------------------------------------------------------------------


def _sbg_fit() -> Any:
    return ltv.SbgFit.fit(surviving=[1000, 631, 468, 382, 326, 289, 262, 241])


def test_formula_results_repr_and_html() -> None:
    cases: List[Tuple[Any, List[str]]] = [
        (ltv.ltv_cac_ratio(ltv=12000, cac=3000), ["ratio", "4", "healthy"]),
        (ltv.cac_payback_months(cac=3000, arpu=500, gross_margin=0.8), ["months", "7.5", "18"]),
        (ltv.MrrMovements(starting_mrr=100000, churned=3500), ["churned", "3500", "100000"]),
    ]
    for obj, expected in cases:
        text, html = repr(obj), obj._repr_html_()
        assert text.startswith(type(obj).__name__ + "("), text
        for e in expected:
            assert e in text, (e, text)
            assert e in html, (e, html)
        assert html.startswith("<table") and html.endswith("</table>") and "<tr>" in html, html


def test_sbg_reprs_and_summary() -> None:
    fit = _sbg_fit()
    text = repr(fit)
    assert text.startswith("SbgFit(alpha=0.70") and "beta=1.18" in text and "converged=True" in text, text
    html = fit._repr_html_()
    assert html.startswith("<table") and html.endswith("</table>"), html
    for e in ("alpha", "beta", "std_err", "lower_95", "upper_95", "0.70", "1.18", "converged True"):
        assert e in html, e
    table = fit.summary()
    assert list(table.index) == ["alpha", "beta"]
    assert list(table.columns) == ["estimate", "std_err", "lower_95", "upper_95"]
    assert table.loc["alpha", "estimate"] == pytest.approx(fit.alpha, rel=1e-12)
    se = fit.std_err_alpha
    assert se is not None and table.loc["alpha", "std_err"] == pytest.approx(se, rel=1e-12)
    assert table.loc["alpha", "lower_95"] == pytest.approx(fit.alpha - 1.959963984540054 * se, rel=1e-12)
    assert table.loc["beta", "upper_95"] == pytest.approx(fit.beta + 1.959963984540054 * fit.std_err_beta, rel=1e-12)
    model_html = fit.model._repr_html_()
    assert model_html.startswith("<table") and "alpha" in model_html and "0.70" in model_html, model_html
    assert repr(fit.model).startswith("SbgModel(alpha=0.70"), repr(fit.model)


def _is_table(html: str) -> bool:
    return html.startswith("<table") and "</table>" in html and "<tr>" in html


def test_cohort_analysis_repr_and_html() -> None:
    import ltv.cohort

    c = ltv.cohort.cohort_table(customer=[1, 1, 2], period=["2024-01", "2024-02", "2024-02"], revenue=[5, 5, 7])
    text = repr(c)
    assert text.startswith("CohortAnalysis(unit='month'") and "customers=2" in text, text
    html = c._repr_html_()
    assert _is_table(html), html
    for e in ("unit", "month", "customers", "2024-01", "logo retention"):
        assert e in html, e


def test_segment_table_repr_and_html() -> None:
    import pandas as pd

    import ltv.leads

    df = pd.DataFrame({"channel": ["ads"] * 4 + ["seo"] * 2, "converted": [1, 0, 0, 0, 1, 0],
                       "customer_ltv": [1000.0, None, None, None, 2000.0, None], "cost_per_lead": 10.0})
    report = ltv.leads.segment_table(df, days_to_close=None)
    text = repr(report)
    assert text.startswith("SegmentTable(prior_rate=") and "ads" in text and "seo" in text, text
    html = report._repr_html_()
    assert _is_table(html) and "prior_strength" in html and "ads" in html and "shrunk_rate" in html, html


def test_scorer_and_evaluation_repr_and_html() -> None:
    import pandas as pd

    leads = pd.DataFrame({"visits": [0, 1, 0, 2, 3, 1, 4, 5, 2, 0], "converted": [0, 0, 1, 1, 0, 0, 1, 1, 1, 0]})
    scorer = ltv.LeadScorer.fit(leads, numeric=["visits"])
    text = repr(scorer)
    assert text.startswith("LeadScorer(target='converted', numeric=['visits']") and "converged=True" in text, text
    html = scorer._repr_html_()
    assert _is_table(html), html
    for e in ("intercept", f"{scorer.intercept:.6f}", "visits", f"{scorer.coef[0]:.6f}", "converged"):
        assert e in html, e
    ev = scorer.evaluate(leads, bins=2)
    text = repr(ev)
    assert text.startswith(f"Evaluation(auc={ev.auc:.4f}, log_loss={ev.log_loss:.4f}, n_rows=10"), text
    html = ev._repr_html_()
    assert _is_table(html) and "auc" in html and f"{ev.auc:.4f}" in html and "observed_rate" in html, html


def test_lead_and_account_valuation_html() -> None:
    v = ltv.explain_lead_value(customer_ltv=12000, conversion_probability=0.05, months_to_close=18,
                               days_since_engagement=30, nurture_cost=50)
    html = v._repr_html_()
    assert _is_table(html), html
    for e in ("base", "discount", "nurture_cost", "zombie", "470.07", "600.00", "&gt; 12"):
        assert e in html, e
    a = ltv.account_value(stakeholder_probabilities=[0.2, 0.3, 0.1], account_ltv=50000, months_to_close=6,
                          days_since_engagement=10)
    assert repr(a).startswith("AccountValuation(value=29760"), repr(a)
    html = a._repr_html_()
    assert _is_table(html), html
    for e in ("stakeholders", "p_any", "0.496", "naive_sum", "30000.0", "difference", "240.00"):
        assert e in html, e


def test_cohort_ltv_repr_and_html() -> None:
    surviving = [1000, 550, 400, 340, 305, 285, 270]
    result = ltv.cohort_ltv(surviving_customers=surviving, active_customers=surviving,
                            revenue=[100.0 * s for s in surviving], gross_margin=0.8, discount_rate=0.01)
    text = repr(result)
    assert text.startswith("CohortLtv(ltv_per_customer=") and "cohort_size=1000" in text, text
    html = result._repr_html_()
    assert _is_table(html), html
    for e in ("ltv_per_customer", f"{result.ltv_per_customer:.2f}", "projected_value", "alpha",
              f"{result.model.alpha:.6f}", "cohort_size", "1000"):
        assert e in html, e


def test_the_benchmark_metric_literal_lists_every_metric() -> None:
    import ltv.benchmarks as bm

    names = {name for literal in typing.get_args(bm.Metric) for name in typing.get_args(literal)}
    assert names == {f["metric"] for f in bm.figures()}
