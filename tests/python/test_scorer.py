"""ltv.scoring: the coefficients against an independent Newton solve of scikit-learn's objective on the same
design matrix (and that objective's optimality condition), frames in and out, metrics against independent
computations, the seeded split, JSON, error kinds, invariance properties and the cross-language vectors.

No peer library here: the scikit-learn side-by-side is benches/bench_scorer.py."""

from __future__ import annotations

import json
import pathlib
from typing import Any, Dict, List

import numpy as np
import pandas as pd
import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ltv
from ltv.scoring import Evaluation, LeadScorer, train_test_split

NUMERIC = ["pricing_page_visits", "webinar_attended", "email_opens", "days_since_engagement"]
CATEGORICAL = ["company_size", "channel"]


def lead_table(n: int = 600, seed: int = 11) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    visits = rng.poisson(2.0, n).astype(float)
    webinar = (rng.random(n) < 0.3).astype(float)
    opens = rng.poisson(6.0, n).astype(float)
    days = rng.uniform(0, 200, n)
    size = rng.choice(["smb", "mid_market", "enterprise"], n, p=[0.6, 0.3, 0.1])
    channel = rng.choice(["organic", "paid_search", "referral"], n)
    eta = (
        -2.0
        + 0.5 * visits
        + 1.0 * webinar
        + 0.03 * opens
        - 0.01 * days
        + np.select([size == "enterprise", size == "mid_market"], [1.0, 0.4], 0.0)
        + np.where(channel == "referral", 0.6, 0.0)
    )
    converted = (rng.random(n) < 1 / (1 + np.exp(-eta))).astype(int)
    return pd.DataFrame(
        {
            "lead_id": np.arange(n),
            "pricing_page_visits": visits,
            "webinar_attended": webinar,
            "email_opens": opens,
            "days_since_engagement": days,
            "company_size": size,
            "channel": channel,
            "converted": converted,
            "customer_ltv": rng.uniform(5_000, 50_000, n),
        },
        index=pd.RangeIndex(1000, 1000 + n),
    )


def to_polars(df: pd.DataFrame) -> pl.DataFrame:
    """The frame in polars (without pyarrow: column by column)."""
    return pl.DataFrame({name: df[name].tolist() for name in df.columns})


def design(scorer: LeadScorer, df: pd.DataFrame) -> np.ndarray:
    """The scorer's design matrix built independently: z-scored numeric columns, then one-hot indicators."""
    columns = [(df[name].to_numpy(float) - mean) / scale for name, (mean, scale) in scorer.standardization.items()]
    for name, categories in scorer.categorical.items():
        columns += [(df[name] == category).to_numpy(float) for category in categories]
    return np.column_stack(columns)


def objective_gradient(X: np.ndarray, y: Any, c: float, coef: Any, intercept: float, weight: Any = None) -> np.ndarray:
    """The gradient of scikit-learn's LogisticRegression(penalty="l2", C=c) objective,
    c * sum_i w_i logloss_i + 0.5 * ||coef||^2 (intercept not penalised), in (intercept, coef) order."""
    A = np.column_stack([np.ones(len(X)), X])
    theta = np.concatenate([[intercept], np.asarray(coef, dtype=float)])
    w = np.ones(len(X)) if weight is None else np.asarray(weight, dtype=float)
    mu = 1.0 / (1.0 + np.exp(-(A @ theta)))
    penalty = theta.copy()
    penalty[0] = 0.0
    return np.asarray(c * (A.T @ (w * (mu - np.asarray(y, dtype=float)))) + penalty)


def reference_fit(X: np.ndarray, y: Any, c: float, weight: Any = None) -> tuple[np.ndarray, float]:
    """An independent minimiser of the same objective: Newton's method in numpy (dense solve, step halving on
    the objective), to a gradient of 1e-12 relative to its start. Returns (coef, intercept)."""
    n, p = X.shape
    A = np.column_stack([np.ones(n), X])
    yv = np.asarray(y, dtype=float)
    w = np.ones(n) if weight is None else np.asarray(weight, dtype=float)
    penalty = np.eye(p + 1)
    penalty[0, 0] = 0.0

    def objective(theta: np.ndarray) -> float:
        eta = A @ theta
        loss = np.logaddexp(0.0, eta) - yv * eta
        return float(c * np.sum(w * loss) + 0.5 * theta[1:] @ theta[1:])

    theta = np.zeros(p + 1)
    start = np.max(np.abs(objective_gradient(X, yv, c, theta[1:], theta[0], w)))
    for _ in range(200):
        grad = objective_gradient(X, yv, c, theta[1:], theta[0], w)
        if np.max(np.abs(grad)) <= 1e-12 * start:
            break
        mu = 1.0 / (1.0 + np.exp(-(A @ theta)))
        hess = c * (A.T * (w * mu * (1.0 - mu))) @ A + penalty
        step = np.linalg.solve(hess, grad)
        t, f0 = 1.0, objective(theta)
        while objective(theta - t * step) > f0 and t > 1e-10:
            t *= 0.5
        theta = theta - t * step
    return theta[1:], float(theta[0])


def reference_auc(y: np.ndarray, p: np.ndarray) -> float:
    """AUC as the share of (positive, negative) pairs ranked correctly, ties counting one half."""
    pos, neg = p[y == 1], p[y == 0]
    greater = int(np.sum(pos[:, None] > neg[None, :]))
    ties = int(np.sum(pos[:, None] == neg[None, :]))
    return (greater + 0.5 * ties) / (len(pos) * len(neg))


def reference_log_loss(y: np.ndarray, p: np.ndarray) -> float:
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log1p(-p)))


@pytest.mark.parametrize("c", [0.01, 1.0, 100.0])
@pytest.mark.parametrize("standardize", [True, False])
def test_coefficients_match_an_independent_solve_of_sklearns_objective(c: float, standardize: bool) -> None:
    df = lead_table()
    scorer = LeadScorer.fit(df, numeric=NUMERIC, categorical=CATEGORICAL, c=c, standardize=standardize)
    assert scorer.training["converged"]
    X = design(scorer, df)
    if not standardize:
        assert all(v == (0.0, 1.0) for v in scorer.standardization.values())
    # Optimality: the objective's gradient at our coefficients vanishes (relative to its size at 0).
    g0 = np.max(np.abs(objective_gradient(X, df["converted"], c, np.zeros(X.shape[1]), 0.0)))
    assert np.max(np.abs(objective_gradient(X, df["converted"], c, scorer.coef, scorer.intercept))) < 1e-9 * g0
    coef, intercept = reference_fit(X, df["converted"], c)
    assert np.max(np.abs(coef - scorer.coef)) < 1e-6
    assert abs(intercept - scorer.intercept) < 1e-6
    p = scorer.predict_proba(df)
    assert np.max(np.abs(1.0 / (1.0 + np.exp(-(X @ coef + intercept))) - p.to_numpy())) < 1e-7


def test_sample_weights_match_an_independent_solve() -> None:
    df = lead_table()
    w = np.random.default_rng(3).uniform(0.2, 3.0, len(df))
    scorer = LeadScorer.fit(df, numeric=NUMERIC, categorical=CATEGORICAL, c=0.5, sample_weight=w)
    X = design(scorer, df)
    g0 = np.max(np.abs(objective_gradient(X, df["converted"], 0.5, np.zeros(X.shape[1]), 0.0, w)))
    assert np.max(np.abs(objective_gradient(X, df["converted"], 0.5, scorer.coef, scorer.intercept, w))) < 1e-9 * g0
    coef, intercept = reference_fit(X, df["converted"], 0.5, w)
    assert np.max(np.abs(coef - scorer.coef)) < 1e-6
    assert abs(intercept - scorer.intercept) < 1e-6
    # The weighted standardization: weighted mean.
    mean, _ = scorer.standardization["email_opens"]
    assert mean == pytest.approx(np.average(df["email_opens"], weights=w), rel=1e-14)


def test_standardization_is_the_population_sd() -> None:
    df = lead_table()
    scorer = LeadScorer.fit(df, numeric=NUMERIC, categorical=[])
    mean, scale = scorer.standardization["days_since_engagement"]
    assert mean == pytest.approx(df["days_since_engagement"].mean(), rel=1e-14)
    assert scale == pytest.approx(df["days_since_engagement"].std(ddof=0), rel=1e-14)


def test_pandas_polars_and_dicts_give_the_same_scores() -> None:
    df = lead_table()
    scorer = LeadScorer.fit(df, numeric=NUMERIC, categorical=CATEGORICAL)
    p_pd = scorer.predict_proba(df)
    assert isinstance(p_pd, pd.Series) and p_pd.name == "p_convert"
    assert p_pd.index.equals(df.index)
    p_pl = scorer.predict_proba(to_polars(df))
    assert isinstance(p_pl, pl.Series) and p_pl.name == "p_convert"
    p_np = scorer.predict_proba({k: df[k].to_numpy() for k in df.columns})
    assert isinstance(p_np, np.ndarray)
    assert np.array_equal(p_pd.to_numpy(), p_pl.to_numpy()) and np.array_equal(p_pd.to_numpy(), p_np)
    # Trained from polars and from a dict: the same model, bit for bit.
    assert LeadScorer.fit(to_polars(df), numeric=NUMERIC, categorical=CATEGORICAL) == scorer
    assert LeadScorer.fit({k: df[k].tolist() for k in df.columns}, numeric=NUMERIC, categorical=CATEGORICAL) == scorer


def test_unseen_categories_score_with_zero_indicators() -> None:
    df = lead_table()
    scorer = LeadScorer.fit(df, numeric=NUMERIC, categorical=CATEGORICAL)
    lead = df.iloc[:1].copy()
    lead["company_size"] = "agency"
    eta = scorer.decision_function(lead).iloc[0]
    X = design(scorer, lead)
    assert X[0, len(NUMERIC) : len(NUMERIC) + 3].sum() == 0.0
    assert eta == pytest.approx(scorer.intercept + X[0] @ scorer.coef, abs=1e-12)


def test_lead_values_are_p_times_ltv_and_move_with_signals() -> None:
    df = lead_table()
    scorer = LeadScorer.fit(df, numeric=NUMERIC, categorical=CATEGORICAL)
    p = scorer.predict_proba(df)
    values = scorer.lead_values(df, customer_ltv="customer_ltv")
    assert values.name == "lead_value" and values.index.equals(df.index)
    assert np.array_equal(values.to_numpy(), p.to_numpy() * df["customer_ltv"].to_numpy())
    assert np.array_equal(scorer.lead_values(df, customer_ltv=20_000).to_numpy(), p.to_numpy() * 20_000)
    lead = df.iloc[[0, 0]].copy()
    lead["pricing_page_visits"] = [0.0, 6.0]
    lead["webinar_attended"] = [0.0, 1.0]
    before, after = scorer.lead_values(lead, customer_ltv=20_000).tolist()
    assert after > before
    with pytest.raises(ltv.InvalidInputError) as err:
        scorer.lead_values(df, customer_ltv=-1.0)
    assert (err.value.field, err.value.row, err.value.kind) == ("customer_ltv", 0, "invalid_data")


def test_evaluate_matches_independent_metrics_and_a_pandas_decile_table() -> None:
    df = lead_table(2000)
    train, test = train_test_split(df, test_size=0.3, seed=5)
    scorer = LeadScorer.fit(train, numeric=NUMERIC, categorical=CATEGORICAL)
    ev = scorer.evaluate(test)
    assert isinstance(ev, Evaluation)
    p = scorer.predict_proba(test).to_numpy()
    y = test["converted"].to_numpy()
    assert ev.auc == pytest.approx(reference_auc(y, p), abs=1e-15)
    assert ev.log_loss == pytest.approx(reference_log_loss(y, p), rel=1e-12)
    assert (ev.n_rows, ev.n_positive) == (600, int(y.sum()))
    table = ev.calibration
    assert list(table.columns) == ["count", "min_predicted", "max_predicted", "mean_predicted", "observed_rate"]
    assert table["count"].tolist() == [60] * 10
    # Oracle: sort by P (stable), cut into 10 equal groups.
    order = np.argsort(p, kind="stable")
    groups = np.array_split(order, 10)
    assert np.allclose(table["mean_predicted"], [p[g].mean() for g in groups], rtol=1e-13)
    assert np.array_equal(table["observed_rate"].to_numpy(), np.array([y[g].mean() for g in groups]))
    assert "auc=" in repr(ev)
    ev_pl = scorer.evaluate(to_polars(test), bins=4)
    assert isinstance(ev_pl.calibration, pl.DataFrame) and ev_pl.calibration.height == 4


def test_auc_of_known_rankings() -> None:
    scorer = LeadScorer.fit(
        {"x": [0.0, 1.0, 2.0, 3.0], "converted": [0, 0, 1, 1]}, numeric=["x"], categorical=[], c=1.0
    )
    assert scorer.evaluate({"x": [0.0, 1.0, 2.0, 3.0], "converted": [0, 0, 1, 1]}).auc == 1.0
    assert scorer.evaluate({"x": [3.0, 2.0, 1.0, 0.0], "converted": [0, 0, 1, 1]}).auc == 0.0
    assert scorer.evaluate({"x": [1.0, 1.0, 1.0, 1.0], "converted": [0, 0, 1, 1]}).auc == 0.5
    assert scorer.evaluate({"x": [0.0, 2.0, 3.0, 2.0], "converted": [0, 0, 1, 1]}).auc == 0.875
    assert ltv._ltv._scorer_auc(np.array([0.8, 0.4, 0.4, 0.1]), np.array([1.0, 1.0, 0.0, 0.0])) == 0.875


def test_train_test_split_is_seeded_and_keeps_the_index() -> None:
    df = lead_table(101)
    train, test = train_test_split(df, test_size=0.2, seed=9)
    assert (len(train), len(test)) == (81, 20)
    assert train.index.union(test.index).sort_values().equals(df.index)
    again_train, again_test = train_test_split(df, test_size=0.2, seed=9)
    assert again_test.index.equals(test.index)
    assert not train_test_split(df, test_size=0.2, seed=10)[1].index.equals(test.index)
    _, test_pl = train_test_split(to_polars(df), test_size=0.2, seed=9)
    assert test_pl["lead_id"].to_list() == test["lead_id"].tolist()
    _, test_dict = train_test_split({"lead_id": df["lead_id"].tolist()}, test_size=0.2, seed=9)
    assert test_dict["lead_id"].tolist() == test["lead_id"].tolist()
    with pytest.raises(ltv.InvalidInputError) as err:
        train_test_split(df, test_size=1.5)
    assert (err.value.kind, err.value.field) == ("invalid_parameter", "test_fraction")
    with pytest.raises(TypeError):
        train_test_split(df, seed=-1)


def test_json_round_trip_and_strictness() -> None:
    df = lead_table()
    scorer = LeadScorer.fit(df, numeric=NUMERIC, categorical=CATEGORICAL, c=0.3)
    text = scorer.to_json()
    back = LeadScorer.from_json(text)
    assert back == scorer and back.to_json() == text
    assert np.array_equal(back.predict_proba(df).to_numpy(), scorer.predict_proba(df).to_numpy())
    doc = json.loads(text)
    assert (doc["model"], doc["format_version"], doc["c"], doc["target"]) == ("logistic_scorer", 2, 0.3, "converted")
    assert doc["features"][4] == {
        "type": "categorical",
        "name": "company_size",
        "categories": ["enterprise", "mid_market", "smb"],
    }

    def kind(edit: Dict[str, Any]) -> str:
        bad = {**doc, **edit}
        with pytest.raises(ltv.InvalidInputError) as err:
            LeadScorer.from_json(json.dumps(bad))
        return str(err.value.kind)

    assert kind({"model": "sbg"}) == "unknown_model"
    assert kind({"format_version": 3}) == "unsupported_format_version"
    assert kind({"surprise": 1}) == "json"
    assert kind({"coefficients": doc["coefficients"][:-1]}) == "invalid_data"
    assert kind({"c": -1.0}) == "invalid_parameter"
    features = [dict(f) for f in doc["features"]]
    features[4]["categories"] = ["smb", "enterprise", "mid_market"]
    assert kind({"features": features}) == "invalid_data"


def test_errors_name_field_row_and_kind() -> None:
    df = lead_table(50)
    bad = df.copy()
    bad.loc[bad.index[7], "email_opens"] = np.nan
    with pytest.raises(ltv.InvalidInputError) as err:
        LeadScorer.fit(bad, numeric=NUMERIC, categorical=CATEGORICAL)
    assert (err.value.field, err.value.row, err.value.kind) == ("email_opens", 7, "invalid_data")
    assert isinstance(err.value, ValueError)
    bad = df.copy()
    bad["company_size"] = bad["company_size"].astype(object)
    bad.loc[bad.index[3], "company_size"] = None
    with pytest.raises(ltv.InvalidInputError) as err:
        LeadScorer.fit(bad, numeric=NUMERIC, categorical=CATEGORICAL)
    assert (err.value.field, err.value.row) == ("company_size", 3)
    scorer = LeadScorer.fit(df, numeric=NUMERIC, categorical=CATEGORICAL)
    with pytest.raises(ltv.InvalidInputError) as err:
        scorer.predict_proba(bad)
    assert (err.value.field, err.value.row) == ("company_size", 3)
    one_class = df.assign(converted=0)
    with pytest.raises(ltv.InvalidInputError) as err:
        LeadScorer.fit(one_class, numeric=NUMERIC, categorical=[])
    assert (err.value.field, err.value.row) == ("converted", None)
    with pytest.raises(ltv.InvalidInputError) as err:
        LeadScorer.fit(df.assign(converted=2), numeric=NUMERIC, categorical=[])
    assert (err.value.field, err.value.row) == ("converted", 0)
    for c in (0.0, -1.0, float("inf"), float("nan")):
        with pytest.raises(ltv.InvalidInputError) as err:
            LeadScorer.fit(df, numeric=NUMERIC, categorical=[], c=c)
        assert (err.value.field, err.value.kind) == ("c", "invalid_parameter")
    with pytest.raises(ltv.InvalidInputError) as err:
        LeadScorer.fit(df, numeric=[], categorical=[])
    assert err.value.field == "features"
    with pytest.raises(KeyError, match="pricing_page_visits"):
        scorer.predict_proba(df.drop(columns="pricing_page_visits"))
    with pytest.raises(TypeError):
        LeadScorer.fit(df, numeric="email_opens")
    with pytest.raises(TypeError):
        LeadScorer(object())  # type: ignore[arg-type]


def test_coefficients_repr_and_training_stats() -> None:
    df = lead_table()
    scorer = LeadScorer.fit(df, numeric=NUMERIC, categorical=CATEGORICAL)
    table = scorer.coefficients
    assert list(table.index) == NUMERIC + [
        "company_size=enterprise",
        "company_size=mid_market",
        "company_size=smb",
        "channel=organic",
        "channel=paid_search",
        "channel=referral",
    ]
    assert table.loc["channel=referral", "feature"] == "channel"
    assert table.loc["channel=referral", "category"] == "referral"
    assert np.array_equal(table["coefficient"].to_numpy(), scorer.coef)
    t = scorer.training
    assert t["n_rows"] == 600 and t["converged"] and 2 <= t["iterations"] <= 20
    assert t["gradient_max"] < 1e-8
    assert repr(scorer).startswith("LeadScorer(target='converted', numeric=['pricing_page_visits'")
    assert scorer.c == 1.0 and scorer.categorical["channel"] == ["organic", "paid_search", "referral"]


def test_pandas_categorical_columns_in_any_category_order() -> None:
    df = lead_table()
    scorer = LeadScorer.fit(df, numeric=NUMERIC, categorical=CATEGORICAL)
    cat = df.assign(
        company_size=pd.Categorical(df["company_size"], categories=["smb", "enterprise", "mid_market"]),
        channel=pd.Categorical(df["channel"], categories=["referral", "organic", "paid_search"]),
    )
    assert LeadScorer.fit(cat, numeric=NUMERIC, categorical=CATEGORICAL) == scorer


@st.composite
def small_tables(draw: Any) -> Dict[str, List[Any]]:
    n = draw(st.integers(10, 40))
    x = draw(st.lists(st.floats(-10, 10, allow_nan=False), min_size=n, max_size=n))
    g = draw(st.lists(st.sampled_from(["a", "b", "c", "é"]), min_size=n, max_size=n))
    y = draw(st.lists(st.integers(0, 1), min_size=n, max_size=n))
    y[0], y[1] = 0, 1
    return {"x": x, "g": g, "converted": y}


@given(small_tables(), st.floats(0.01, 100.0))
def test_probabilities_are_strictly_inside_0_1(table: Dict[str, List[Any]], c: float) -> None:
    scorer = LeadScorer.fit(table, numeric=["x"], categorical=["g"], c=c)
    assert scorer.training["converged"]
    p = scorer.predict_proba(table)
    assert np.all((p > 0) & (p < 1))


@given(small_tables(), st.randoms(use_true_random=False))
def test_row_order_does_not_change_the_model(table: Dict[str, List[Any]], random: Any) -> None:
    order = list(range(len(table["x"])))
    random.shuffle(order)
    shuffled = {k: [v[i] for i in order] for k, v in table.items()}
    a = LeadScorer.fit(table, numeric=["x"], categorical=["g"])
    b = LeadScorer.fit(shuffled, numeric=["x"], categorical=["g"])
    assert abs(a.intercept - b.intercept) < 1e-12
    assert np.max(np.abs(a.coef - b.coef)) < 1e-12


@given(small_tables(), st.permutations(["a", "b", "c", "é"]))
def test_category_order_of_a_pandas_categorical_changes_nothing(table: Dict[str, List[Any]], order: List[str]) -> None:
    df = pd.DataFrame(table)
    a = LeadScorer.fit(df, numeric=["x"], categorical=["g"])
    b = LeadScorer.fit(df.assign(g=pd.Categorical(df["g"], categories=order)), numeric=["x"], categorical=["g"])
    assert a == b


VECTORS = pathlib.Path(__file__).resolve().parents[2] / "tests" / "vectors" / "scorer"


@pytest.mark.parametrize("name", ["python_trained.json", "rust_trained.json"])
def test_cross_language_vectors(name: str) -> None:
    doc = json.loads((VECTORS / name).read_text())
    scorer = LeadScorer.from_json(json.dumps(doc["scorer"]))
    p = scorer.predict_proba({k: np.asarray(v) for k, v in doc["leads"].items()})
    assert p.tolist() == doc["expected_probabilities"]


def test_python_training_reproduces_the_rust_trained_scorer() -> None:
    doc = json.loads((VECTORS / "rust_trained.json").read_text())
    table = json.loads((VECTORS / "training_table.json").read_text())
    scorer = LeadScorer.fit(
        table,
        numeric=["email_opens", "pricing_page_visits", "webinar_attended"],
        categorical=["channel", "company_size"],
        c=2.0,
    )
    assert json.loads(scorer.to_json()) == doc["scorer"]
