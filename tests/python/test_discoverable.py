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
DOCUMENTED_MODULES += ["ltv.lifetimes", "ltv.lifetimes.utils", "ltv.lifetimes.plotting", "ltv.lifetimes.generate_data",
                       "ltv.lifetimes.datasets"]  # lifetimes API
# lifetimes API: the fitters, their bases (the walk reads vars(cls), not inherited methods; _ContinuousFitter holds the
# BG/NBD, MBG/NBD and Pareto/NBD predictions), ConvergenceError.
_LIFETIMES_FITTERS = importlib.import_module("ltv.lifetimes.fitters")
DOCUMENTED_CLASSES += [getattr(_LIFETIMES_FITTERS, name) for name in (
    "BaseFitter", "_ContinuousFitter", "BetaGeoFitter", "ModifiedBetaGeoFitter", "ParetoNBDFitter", "BetaGeoBetaBinomFitter",
    "GammaGammaFitter")] + [importlib.import_module("ltv.lifetimes.utils").ConvergenceError]
DOCUMENTED_MODULES += ["ltv.purchase"]  # ltv.purchase's functions (its classes are walked in DOCUMENTED_CLASSES)
DOCUMENTED_CLASSES += [ltv.BgBbModel, ltv.BgBbFit, ltv.purchase.GammaGammaModel, ltv.purchase.GammaGammaFit]  # BG/BB, Gamma-Gamma
# Cohorts, cohort LTV, plots, leads, attribution and channels; their result classes and the error classes.
DOCUMENTED_MODULES += ["ltv.cohort", "ltv.retention", "ltv.plot", "ltv.leads", "ltv.attribution", "ltv.channels"]  # docs-modules
ERROR_CLASSES = [
    ltv.LtvError, ltv.InvalidInputError, ltv.MissingColumnError, ltv.ZeroChurnError, ltv.NegativeNetChurnError,
    ltv.DivergenceError, ltv.NotFiniteError, ltv.LtvOverflowError, ltv.UndefinedError,
]
DOCUMENTED_CLASSES += [ltv.CohortAnalysis, ltv.CohortLtv, ltv.SegmentTable, ltv.scoring.Evaluation,  # docs-modules
                       ltv.attribution.Attribution, *ERROR_CLASSES]


DOCUMENTED_CLASSES += [ltv.BgNbdModel, ltv.BgNbdFit, ltv.MbgNbdModel, ltv.MbgNbdFit, ltv.ParetoNbdModel, ltv.ParetoNbdFit]  # purchase models
DOCUMENTED_CLASSES += [ltv.health.HealthModel, ltv.health.ConstantFeatureWarning]
DOCUMENTED_MODULES += ["ltv.billing", "ltv.spark"]  # docs-spark-billing
DOCUMENTED_CLASSES += [ltv.billing.Normalised]  # docs-spark-billing


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
        # `name : type` (or `a, b : type`); numpydoc's `*args` / `**kwargs` may stand alone
        undocumented = [p for p in params
                        if not re.search(rf"^\s*(?:(?:\w+, )*{p}(?:, \w+)* :|\*{{1,2}}{p}(?: :.*)?$)", doc, re.M)]
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


def test_every_example_of_the_documented_classes_runs() -> None:
    # test_docs' doctest of `ltv` runs the examples of the classes in the top-level namespace, but not those of
    # their static methods (`fit`, `from_json`: the finder skips them), nor of classes outside it
    # (ltv.purchase.GammaGammaModel, ...): run those here.
    finder = doctest.DocTestFinder()
    under_test_docs = {t.name for t in finder.find(ltv) if t.examples}
    assert {"ltv.BgBbModel", "ltv.BgBbFit", "ltv.BgBbFit.summary", "ltv.BgBbModel.probability_alive"} <= under_test_docs
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    names = set()
    for cls in DOCUMENTED_CLASSES:
        top_level = getattr(ltv, cls.__name__, None) is cls
        for test in finder.find(cls, cls.__name__, module=False, globs={}):
            if test.examples and not (top_level and f"ltv.{test.name}" in under_test_docs):
                names.add(test.name)
                runner.run(test)
    result = runner.summarize(verbose=False)
    assert {"BgBbFit.fit", "BgBbFit.from_json", "GammaGammaModel", "GammaGammaModel.conditional_expected_spend",
            "GammaGammaFit", "GammaGammaFit.fit", "GammaGammaFit.summary", "SbgFit.fit"} <= names, names
    assert result.failed == 0, result


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


_DONATIONS = dict(  # Fader, Hardie & Shang (2010): 11,104 donors in 22 patterns over 6 yearly drives
    frequency=[6, 5, 4, 3, 2, 1, 5, 4, 3, 2, 1, 4, 3, 2, 1, 3, 2, 1, 2, 1, 1, 0],
    recency=[6, 6, 6, 6, 6, 6, 5, 5, 5, 5, 5, 4, 4, 4, 4, 3, 3, 3, 2, 2, 1, 0],
    periods=[6] * 22,
    weight=[1203, 728, 512, 357, 234, 129, 335, 284, 225, 173, 119, 240, 181, 155, 78, 322, 255, 129, 613, 277, 1091, 3464],
)


def _check_purchase_fit(fit: Any, params: List[str], caption: str) -> None:
    """repr, the HTML table and summary() of a purchase-model fit: every estimate, standard error and 95 % bound."""
    text = repr(fit)
    assert text.startswith(f"{type(fit).__name__}({params[0]}={fit.params[params[0]]!r}"), text
    assert f"n_customers={fit.n_customers}" in text and "converged=True" in text, text
    html = fit._repr_html_()
    assert html.startswith("<table") and html.endswith("</table>") and caption in html, html
    for e in ("parameter", "estimate", "std_err", "lower_95", "upper_95", f"n_customers {fit.n_customers}",
              f"iterations {fit.iterations}", "converged True", f"log_likelihood {fit.log_likelihood:.4f}"):
        assert e in html, e
    table = fit.summary()
    assert list(table.index) == params and list(table.columns) == ["estimate", "std_err", "lower_95", "upper_95"]
    z = 1.959963984540054
    for name in params:
        value, se = fit.params[name], fit.std_err[name]
        assert se is not None and se > 0, (name, se)
        row = f"<th style=\"text-align:left\">{name}</th><td>{value:.6f}</td><td>{se:.6f}</td>"
        assert row + f"<td>{value - z * se:.6f}</td><td>{value + z * se:.6f}</td></tr>" in html, (name, html)
        assert table.loc[name, "estimate"] == value and table.loc[name, "std_err"] == se
        assert table.loc[name, "lower_95"] == pytest.approx(value - z * se, rel=1e-12)
        assert table.loc[name, "upper_95"] == pytest.approx(value + z * se, rel=1e-12)
    model = fit.model
    model_html = model._repr_html_()
    assert model_html.startswith("<table") and model_html.endswith("</table>"), model_html
    for name in params:
        assert f"<th style=\"text-align:left\">{name}</th><td>{fit.params[name]:.6f}</td>" in model_html, name
    assert repr(model) == f"{type(model).__name__}(" + ", ".join(f"{k}={fit.params[k]!r}" for k in params) + ")"


def test_bg_bb_reprs_and_summary() -> None:
    fit = ltv.BgBbFit.fit(**_DONATIONS)
    assert fit.n_customers == 11104 and fit.converged
    # The donations example's published estimates to 6 decimals (Fader, Hardie & Shang print 1.204, 0.750, 0.657, 2.783).
    assert {k: round(v, 6) for k, v in fit.params.items()} == {
        "alpha": 1.203522, "beta": 0.749716, "gamma": 0.656718, "delta": 2.783442}
    _check_purchase_fit(fit, ["alpha", "beta", "gamma", "delta"], "BG/BB fit")
    assert "BG/BB model" in fit.model._repr_html_()


def test_gamma_gamma_reprs_and_summary() -> None:
    spend = ltv.purchase.GammaGammaModel(p=6.25, q=3.74, gamma=15.44)
    data = spend.simulate(frequency=[1 + i % 7 for i in range(500)], seed=1)
    fit = ltv.purchase.GammaGammaFit.fit(**data)
    assert fit.n_customers == 500 and fit.converged
    _check_purchase_fit(fit, ["p", "q", "gamma"], "Gamma-Gamma fit")
    html = spend._repr_html_()
    assert "Gamma-Gamma model" in html and "<td>6.250000</td>" in html and "<td>15.440000</td>" in html, html


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


# --- docs-modules: the error classes, the module examples under test_docs, the result objects' reprs ---------


@pytest.mark.parametrize("cls", ERROR_CLASSES, ids=lambda c: c.__name__)
def test_error_classes_say_when_raised_and_show_it(cls: type) -> None:
    doc = inspect.getdoc(cls) or ""
    assert cls is ltv.LtvError or "Raised" in doc, f"{cls.__name__}: its docstring does not say when it is raised"
    for base in cls.__bases__:  # the docstring names its base classes
        assert base.__name__ in doc, (cls.__name__, base.__name__)
    tests = [t for t in doctest.DocTestFinder(recurse=False).find(cls, cls.__name__, globs={}) if t.examples]
    assert tests, f"{cls.__name__} has no doctest"
    raised = [e.exc_msg for t in tests for e in t.examples if e.exc_msg]
    if cls is ltv.LtvError:  # the base class: its example catches a subclass with `except ltv.LtvError`
        assert any("except ltv.LtvError" in e.source for t in tests for e in t.examples)
    else:  # the example triggers this very class (doctest compares the exception's name)
        assert any(m.startswith(f"ltv.{cls.__name__}: ") for m in raised), (cls.__name__, raised)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS, verbose=False)
    for t in tests:
        runner.run(t, out=lambda _: None)
    assert runner.failures == 0 and runner.tries > 0, (cls.__name__, runner.failures, runner.tries)


def test_the_module_examples_run_under_test_docs() -> None:
    # test_docs runs the doctests of ltv and every public submodule: the examples of these classes and
    # methods are among them (native classes and the error classes belong to `ltv`).
    expected = {
        "ltv": {"ltv.CohortLtv", "ltv.CohortLtv.projection", "ltv.LtvError", "ltv.ZeroChurnError",
                "ltv.DivergenceError", "ltv.UndefinedError", "ltv.MissingColumnError"},
        "ltv.cohort": {"ltv.cohort.CohortAnalysis", "ltv.cohort.CohortAnalysis.payback", "ltv.cohort.cohort_table"},
        "ltv.retention": {"ltv.retention.cohort_ltv_frame"},
        "ltv.plot": {"ltv.plot.survival_plot"},
        "ltv.leads": {"ltv.leads.SegmentTable", "ltv.leads.SegmentTable.warnings_frame", "ltv.leads.lead_cohorts"},
        "ltv.scoring": {"ltv.scoring.Evaluation"},
        "ltv.attribution": {"ltv.attribution.Attribution", "ltv.attribution.Attribution.value_table"},
        "ltv.channels": {"ltv.channels.channel_roas", "ltv.channels.channel_retention"},
    }
    finder = doctest.DocTestFinder()
    for mod_name, names in expected.items():
        found = {t.name for t in finder.find(importlib.import_module(mod_name)) if t.examples}
        assert names <= found, (mod_name, names - found)


def test_result_objects_have_repr_and_html() -> None:
    for cls in (ltv.CohortAnalysis, ltv.CohortLtv, ltv.SegmentTable, ltv.scoring.Evaluation, ltv.attribution.Attribution):
        assert cls.__repr__ is not object.__repr__, cls.__name__
        assert callable(getattr(cls, "_repr_html_", None)), cls.__name__


def test_attribution_repr_and_html() -> None:
    import pandas as pd

    tp = pd.DataFrame({"journey": [1, 1, 2], "timestamp": [0, 7, 0], "channel": ["ads", "email", "ads"]})
    out = pd.DataFrame({"journey": [1, 2], "converted": [1, 1], "value": [10.0, 20.0]})
    result = ltv.attribution.attribute(tp, out, models=["first_touch", "linear", "markov"])
    text = repr(result)
    assert text == "Attribution(models=['first_touch', 'linear', 'markov'], channels=2, conversions=2, value=30.00)", text
    html = result._repr_html_()
    assert _is_table(html), html
    # The totals, the Markov chain's P(conversion) = 1 (every journey converts), the value credited per model:
    # first touch gives ads both journeys (30), linear splits journey 1's 10 in halves (ads 25, email 5).
    for e in ("Attribution", "first_touch, linear, markov", "conversions", "30.00", "conversion_probability",
              "value credited", "ads", "email", "first_touch", "25.0"):
        assert e in html, e
    no_markov = ltv.attribution.attribute(tp, out, models=["linear"])._repr_html_()
    assert "conversion_probability" not in no_markov and "linear" in no_markov, no_markov


# --- the continuous-time purchase models (BG/NBD, MBG/NBD, Pareto/NBD) ----------------------------------------

PURCHASE_CLASSES = [ltv.BgNbdModel, ltv.BgNbdFit, ltv.MbgNbdModel, ltv.MbgNbdFit, ltv.ParetoNbdModel, ltv.ParetoNbdFit]
_Z_95 = 1.959963984540054


def _purchase_fit(cls: Any) -> Any:
    return cls.fit(frequency=[0, 1, 2, 4, 7, 1], recency=[0, 10, 3, 30, 36, 36], age=38,
                   weight=[600, 200, 150, 120, 80, 100])


def test_purchase_examples_run() -> None:
    # test_docs runs the examples the doctest finder reaches from `ltv`, which skips the native static methods
    # (fit, from_json): every example of every public method of these classes runs here.
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    names = []
    for cls in PURCHASE_CLASSES:
        docs = [(cls.__name__, inspect.getdoc(cls))]
        docs += [(f"{cls.__name__}.{n}", inspect.getdoc(getattr(cls, n)))
                 for n in sorted(vars(cls)) if not n.startswith("_") and callable(getattr(cls, n))]
        for name, doc in docs:
            test = parser.get_doctest(doc or "", {}, name, None, 0)
            assert test.examples, f"{name} has no example"
            runner.run(test)
            names.append(name)
    # A model: class, 10 predictions, simulate, simulate_transactions, to_json, from_json; a fit: 15.
    assert len(names) == 3 * (15 + 15), len(names)
    assert {"BgNbdFit.fit", "BgNbdModel.simulate_transactions", "ParetoNbdFit.expected_purchases_if_alive", "ParetoNbdFit.from_json", "MbgNbdModel.from_json"} <= set(names)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, result


@pytest.mark.parametrize(("cls", "label"), [(ltv.BgNbdFit, "BG/NBD"), (ltv.MbgNbdFit, "MBG/NBD"),
                                            (ltv.ParetoNbdFit, "Pareto/NBD")], ids=["bg_nbd", "mbg_nbd", "pareto_nbd"])
def test_purchase_reprs_and_summary(cls: Any, label: str) -> None:
    fit = _purchase_fit(cls)
    names = list(fit.model.PARAMS)
    assert names == list(fit.params) and len(names) == 4
    text = repr(fit)
    fields = ", ".join(f"{n}={fit.params[n]!r}" for n in names)
    assert text == (f"{cls.__name__}({fields}, log_likelihood={fit.log_likelihood!r}, n_customers=1250, "
                    "converged=True)"), text
    html = fit._repr_html_()
    assert html.startswith("<table") and html.endswith("</table>"), html
    assert f"<b>{label} fit</b>" in html, html
    for column in ("parameter", "estimate", "std_err", "lower_95", "upper_95"):
        assert f"<th>{column}</th>" in html, column
    assert html.count('<tr><th style="text-align:left">') == 4, html
    for n in names:
        est, se = fit.params[n], fit.std_err[n]
        assert se is not None and se > 0, (n, se)
        row = (f'<tr><th style="text-align:left">{n}</th><td>{est:.6f}</td><td>{se:.6f}</td>'
               f"<td>{est - _Z_95 * se:.6f}</td><td>{est + _Z_95 * se:.6f}</td></tr>")
        assert row in html, (row, html)
    foot = f"log_likelihood {fit.log_likelihood:.4f}, n_customers 1250, iterations {fit.iterations}, converged True"
    assert foot in html, html
    table = fit.summary()
    assert table.index.name == "parameter" and list(table.index) == names
    assert list(table.columns) == ["estimate", "std_err", "lower_95", "upper_95"]
    for n in names:
        est, se = fit.params[n], fit.std_err[n]
        assert table.loc[n, "estimate"] == est and table.loc[n, "std_err"] == se, n
        assert table.loc[n, "lower_95"] == est - _Z_95 * se and table.loc[n, "upper_95"] == est + _Z_95 * se, n
    model = fit.model
    model_html = model._repr_html_()
    assert model_html.startswith("<table") and model_html.endswith("</table>") and f"<b>{label} model</b>" in model_html
    for n in names:
        assert f'<tr><th style="text-align:left">{n}</th><td>{fit.params[n]:.6f}</td></tr>' in model_html, n
    assert repr(model) == f"{type(model).__name__}({fields})", repr(model)
    assert eval(repr(model), {type(model).__name__: type(model)}) == model  # the repr is the constructor call
