"""ltv.health: feature definitions, leakage-safety (Hypothesis), the planted engagement-drop effect, the lift
table's intervals, risk-adjusted LTV against ltv.discounted_ltv, value at risk, the model file shared with
the Rust suite (tests/vectors/health), polars in and out, and the error kinds."""

from __future__ import annotations

import json
import math
import pathlib
from decimal import Decimal

import numpy as np
import pandas as pd
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ltv
import ltv.health as health

VECTORS = pathlib.Path(__file__).resolve().parents[1] / "vectors" / "health"


def small_panel() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "account": [1] * 6 + [2] * 3,
            "period": [3, 4, 5, 6, 7, 8, 1, 2, 3],
            "mrr": [10.0, 10.0, 10.0, 20.0, 20.0, 20.0, 5.0, 5.0, 5.0],
            "logins": [4, 0, 0, 6, 2, 2, 1, 1, 1],
            "churned": [0, 0, 0, 0, 0, 1, 0, 0, 0],
        }
    )


def test_features_follow_their_definitions() -> None:
    f = health.features(small_panel(), metrics=["logins"])
    assert list(f.columns) == [
        "account", "period", "revenue", "revenue_change", "revenue_change_undefined", "revenue_trend",
        "logins", "logins_change", "logins_change_undefined", "logins_trend", "periods_since_activity",
        "tenure", "churn_within_horizon", "label_known",
    ]  # fmt: skip
    assert f["logins_change"].tolist()[:6] == [1.0, 1.0, 1.0, 1.5, 1.0, 2 / 3]
    assert f["logins_change_undefined"].tolist()[:6] == [1, 1, 1, 0, 1, 0]
    assert f["logins_trend"].tolist()[:6] == [0.0, -4.0, 0.0, 6.0, -4.0, 0.0]
    assert f["periods_since_activity"].tolist()[:6] == [0, 1, 2, 0, 0, 0]
    assert f["churn_within_horizon"].tolist() == [0, 0, 0, 0, 1, 1, 0, 0, 0]
    assert f["label_known"].tolist() == [True] * 8 + [False]
    assert np.isfinite(f.drop(columns=["label_known"]).to_numpy(dtype=float)).all()


def test_polars_in_polars_out() -> None:
    f = health.features(pl.from_pandas(small_panel()), metrics=["logins"])
    assert isinstance(f, pl.DataFrame)
    assert f["logins_change"].to_list()[3] == 1.5


@settings(max_examples=60, deadline=None)
@given(
    values=st.lists(st.floats(0, 100), min_size=2, max_size=25),
    future=st.lists(st.floats(0, 100), min_size=25, max_size=25),
    cut=st.integers(0, 24),
    keep=st.integers(0, 24),
    window=st.integers(1, 5),
)
def test_features_never_see_the_future(values: list, future: list, cut: int, keep: int, window: int) -> None:
    n = len(values)
    cut %= n
    keep = cut + 1 + keep % (n - cut)

    def frame(logins: list, churned: list) -> pd.DataFrame:
        m = len(logins)
        return pd.DataFrame({"account": [3] * m, "period": list(range(1, m + 1)), "mrr": [9.0] * m,
                             "logins": logins, "churned": churned})  # fmt: skip

    full = health.features(frame(values, [0] * (n - 1) + [1]), metrics=["logins"], window=window)
    changed = values[: cut + 1] + future[: n - cut - 1]
    short = health.features(frame(changed[:keep], [0] * keep), metrics=["logins"], window=window)
    columns = [c for c in full.columns if c not in ("churn_within_horizon", "label_known")]
    pd.testing.assert_frame_equal(full[columns].iloc[: cut + 1], short[columns].iloc[: cut + 1])


def test_the_planted_engagement_drop_is_found() -> None:
    panel = health.synthetic_panel(accounts=4000, periods=12, seed=11)
    f = health.features(panel, metrics=["logins", "seats"])
    lift = health.lift_table(f[f.label_known], feature="logins_change", edges=[0.6], reference=1)
    assert lift.loc[0, "ratio"] > 2 and lift.loc[0, "ratio_low"] > 1
    model = health.fit(f, cut=9)
    ev = health.evaluate(model, f, cut=9)
    assert ev.auc > 0.68
    cal = ev.calibration["observed_rate"].to_numpy()
    assert cal[-1] > 5 * cal[0]  # the top decile of predicted risk churns 5 times as often as the bottom
    blind = f[[c for c in f.columns if not c.startswith("logins")]]
    without = health.fit(blind, cut=9).evaluate(blind, cut=9)
    assert ev.auc > without.auc + 0.1  # the effect is in the engagement metric


def test_lift_intervals() -> None:
    # Newcombe (1998), Statistics in Medicine 17, 857-872: 81 of 263, Wilson interval 0.2553 to 0.3662.
    rows = pd.DataFrame({"x": [0.0] * 263 + [1.0] * 100,
                         "churn_within_horizon": [1] * 81 + [0] * 182 + [1] * 10 + [0] * 90})  # fmt: skip
    t = health.lift_table(rows, feature="x", edges=[0.5], reference=1)
    assert (round(t.loc[0, "rate_low"], 4), round(t.loc[0, "rate_high"], 4)) == (0.2553, 0.3662)
    # Katz log interval, computed independently here.
    a, n1, c, n0 = 81, 263, 10, 100
    se = math.sqrt(1 / a - 1 / n1 + 1 / c - 1 / n0)
    rr = (a / n1) / (c / n0)
    z = 1.959963984540054
    assert t.loc[0, "ratio"] == pytest.approx(rr, rel=1e-14)
    assert t.loc[0, "ratio_low"] == pytest.approx(rr * math.exp(-z * se), rel=1e-12)
    assert t.loc[0, "ratio_high"] == pytest.approx(rr * math.exp(z * se), rel=1e-12)


@pytest.mark.parametrize("h,d,m", [(0.05, 0.00797414, 80.0), (0.2, 0.01, 17.95)])
def test_constant_hazard_ltv_is_discounted_ltv(h: float, d: float, m: float) -> None:
    out = health.risk_adjusted_ltv(pd.DataFrame({"mrr": [m], "hazard": [h]}), discount_rate=d)
    core = ltv.discounted_ltv(
        monthly_margin=Decimal(str(m)), monthly_churn=Decimal(str(h)), monthly_discount_rate=Decimal(str(d))
    )
    assert out["ltv"].iloc[0] == pytest.approx(float(core), rel=1e-12)
    assert out["expected_lifetime"].iloc[0] == pytest.approx(1 / h, rel=1e-12)


def test_relaxing_hazard_lies_between() -> None:
    frame = pd.DataFrame({"mrr": [100.0], "hazard": [0.3]})
    relaxed = health.risk_adjusted_ltv(frame, baseline_hazard=0.05, half_life=3.0)["ltv"].iloc[0]
    assert 100 / 0.3 < relaxed < 100 / 0.05


def test_value_at_risk() -> None:
    accounts = pd.DataFrame({"mrr": [100.0, 50.0, 200.0], "p_churn": [0.05, 0.4, 0.6]})
    accounts["hazard"] = health.per_period_hazard(accounts["p_churn"], horizon=2)
    t = health.value_at_risk(accounts, edges=[0.2], reduction=0.25, discount_rate=0.01)
    assert t["accounts"].tolist() == [1, 2]
    assert t.loc[1, "mrr_at_risk"] == pytest.approx(50 * 0.4 + 200 * 0.6)
    assert (t["value_of_reduction"] > 0).all()


def test_python_trained_model_file_is_the_committed_one() -> None:
    """The committed model (read by the Rust suite too) is what Python trains, and scores as recorded."""
    cases = json.loads((VECTORS / "cases.json").read_text())
    committed = health.HealthModel.from_json((VECTORS / "model.json").read_text())
    panel = health.synthetic_panel(accounts=cases["accounts"], periods=cases["periods"], seed=cases["seed"])
    f = health.features(panel, metrics=["logins", "seats"])
    model = health.HealthModel.fit(f, cut=cases["cut"])
    assert model == committed
    assert health.HealthModel.from_json(model.to_json()) == model
    p = committed.churn_probability(f).to_numpy()
    h = committed.hazard(f).to_numpy()
    for row in cases["rows"]:
        assert (p[row["row"]], h[row["row"]]) == (row["p_churn"], row["hazard"])


@pytest.mark.parametrize(
    "edit,field,row",
    [
        ({"period": [1, 2, 2]}, "period", 2),
        ({"period": [2, 1, 3]}, "period", 1),
        ({"churned": [0, 1, 0]}, "churned", 2),
        ({"logins": [1.0, float("nan"), 1.0]}, "logins", 1),
    ],
)
def test_error_kinds(edit: dict, field: str, row: int) -> None:
    base = {"account": [4, 4, 4], "period": [1, 2, 3], "mrr": [1.0] * 3, "logins": [1.0] * 3, "churned": [0, 0, 0]}
    base.update(edit)
    with pytest.raises(ltv.InvalidInputError) as err:
        health.features(pd.DataFrame(base), metrics=["logins"])
    assert (err.value.kind, err.value.field, err.value.row) == ("invalid_data", field, row)
    assert "account 4" in str(err.value)


def test_other_errors() -> None:
    with pytest.raises(ltv.MissingColumnError):
        health.features(small_panel(), metrics=["seats"])
    with pytest.raises(ltv.InvalidInputError) as err:
        health.features(small_panel(), metrics=["logins"], horizon=0)
    assert err.value.field == "horizon"
    f = health.features(health.synthetic_panel(accounts=300, periods=12, seed=2), metrics=["logins"])
    model = health.fit(f, cut=9)
    with pytest.raises(ltv.InvalidInputError) as err:
        model.evaluate(f, cut=12)
    assert err.value.field == "cut"
    with pytest.raises(ltv.InvalidInputError) as err:
        health.risk_adjusted_ltv(pd.DataFrame({"mrr": [1.0], "hazard": [0.0]}))
    assert (err.value.field, err.value.row) == ("hazard", 0)
    with pytest.raises(ltv.InvalidInputError):
        health.HealthModel.from_json('{"model": "sbg", "format_version": 1}')


def _tiny_panel() -> pd.DataFrame:
    return pd.DataFrame({"account": [7] * 5, "period": [1, 2, 3, 4, 5], "mrr": [100.0] * 5,
                         "logins": [10, 10, 10, 4, 2], "churned": [0, 0, 0, 0, 1]})


@pytest.mark.parametrize("name", ["horizon", "window"])
@pytest.mark.parametrize("bad", [True, 2.5, "2", None, 1j, np.float64(2.0)])
def test_features_whole_number_options_of_the_wrong_kind_name_the_option(name: str, bad: object) -> None:
    with pytest.raises(TypeError, match=f"^{name}: expected a whole number"):
        health.features(_tiny_panel(), metrics=["logins"], **{name: bad})


@pytest.mark.parametrize("name,bad", [("horizon", 10**9), ("horizon", 0), ("window", 10**12), ("horizon", -1)])
def test_features_options_out_of_range_are_ltv_errors(name: str, bad: int) -> None:
    with pytest.raises(ltv.LtvError) as info:
        health.features(_tiny_panel(), metrics=["logins"], **{name: bad})
    assert name in str(info.value)


def test_model_and_table_options_of_the_wrong_kind_name_the_option() -> None:
    f = health.features(health.synthetic_panel(accounts=200, periods=8, seed=1), metrics=["logins", "seats"])
    for kwargs, field in [({"cut": 2.5}, "cut"), ({"cut": True}, "cut"), ({"horizon": "2"}, "horizon")]:
        with pytest.raises(TypeError, match=f"^{field}: expected a whole number"):
            health.HealthModel.fit(f, **kwargs)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="^horizon: expected a whole number"):
        health.per_period_hazard([0.1], horizon=1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="^edges: expected a number"):
        health.lift_table(f, feature="logins_change", edges=[0.6, "x"])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="^confidence: expected a number"):
        health.lift_table(f, feature="logins_change", edges=[0.6], confidence="high")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="^reference: expected a whole number"):
        health.lift_table(f, feature="logins_change", edges=[0.6], reference=0.5)  # type: ignore[arg-type]
    with pytest.raises(ltv.InvalidInputError) as info:
        health.lift_table(f, feature="logins_change", edges=[0.6], confidence=float("nan"))
    assert info.value.field == "confidence"
    for name in ("accounts", "periods", "seed"):
        with pytest.raises(ltv.InvalidInputError) as info:
            health.synthetic_panel(**{"accounts": 3, "periods": 4, "seed": 0, name: -1})
        assert info.value.field == name
        with pytest.raises(TypeError, match=f"^{name}: expected a whole number"):
            health.synthetic_panel(**{"accounts": 3, "periods": 4, "seed": 0, name: 2.0})


def test_integer_options_beyond_the_native_types_are_ltv_errors() -> None:
    f = health.features(health.synthetic_panel(accounts=200, periods=8, seed=1), metrics=["logins"])
    for reference in (-1, 10**30):
        with pytest.raises(ltv.InvalidInputError) as info:
            health.lift_table(f, feature="logins_change", edges=[0.6], reference=reference)
        assert info.value.field == "reference"
    for name, huge in (("accounts", 10**30), ("periods", 2**40), ("seed", 2**70)):
        with pytest.raises(ltv.InvalidInputError) as info:
            health.synthetic_panel(**{"accounts": 3, "periods": 4, "seed": 0, name: huge})
        assert info.value.field == name


# --- account ids of any label kind --------------------------------------------------------------------------


def _labelled(ids: list) -> pd.DataFrame:
    frame = small_panel()
    frame["account"] = [ids[0]] * 6 + [ids[1]] * 3
    return frame


@pytest.mark.parametrize("ids", [["acme", "zeta"], ["b", "a"], [10.5, 3.0], ["x", 7]])
def test_account_ids_may_be_any_labels_and_come_back(ids: list) -> None:
    by_int = health.features(small_panel(), metrics=["logins"])
    by_label = health.features(_labelled(ids), metrics=["logins"])
    assert by_label["account"].tolist() == [ids[0]] * 6 + [ids[1]] * 3
    pd.testing.assert_frame_equal(by_int.drop(columns=["account"]), by_label.drop(columns=["account"]))


def test_polars_string_ids_come_back_as_strings() -> None:
    f = health.features(pl.from_pandas(_labelled(["acme", "zeta"])), metrics=["logins"])
    assert f["account"].dtype == pl.String and f["account"].to_list()[5:7] == ["acme", "zeta"]


def test_string_ids_fit_and_score_as_integer_ids() -> None:
    panel = health.synthetic_panel(accounts=600, periods=10, seed=3)
    named = panel.assign(account="acct-" + panel["account"].astype(str))
    f_int = health.features(panel, metrics=["logins", "seats"])
    f_str = health.features(named, metrics=["logins", "seats"])
    assert f_str["account"].iloc[0] == "acct-0"
    m_int, m_str = health.fit(f_int, cut=8), health.fit(f_str, cut=8)
    assert m_int == m_str
    np.testing.assert_array_equal(m_str.churn_probability(f_str).to_numpy(), m_int.churn_probability(f_int).to_numpy())
    now = f_str[f_str.period == 10].assign(hazard=m_str.hazard(f_str))
    values = health.risk_adjusted_ltv(now, account="account", revenue="revenue")
    assert list(values.columns) == ["account", "expected_lifetime", "ltv"]
    assert values["account"].tolist() == now["account"].tolist()
    assert (values.index == now.index).all()
    polar = health.risk_adjusted_ltv(pl.from_pandas(now), account="account", revenue="revenue")
    assert polar["account"].to_list() == now["account"].tolist()
    np.testing.assert_array_equal(polar["ltv"].to_numpy(), values["ltv"].to_numpy())
    now = now.assign(p_churn=m_str.churn_probability(now))
    bands = health.value_at_risk(now, revenue="revenue", edges=[0.1])
    assert bands["accounts"].sum() == len(now)


def test_errors_name_the_account_by_its_own_label() -> None:
    frame = _labelled(["acme", "zeta"])
    frame.loc[7, "period"] = 1  # zeta: periods 1, 1, 3
    with pytest.raises(ltv.InvalidInputError) as err:
        health.features(frame, metrics=["logins"])
    assert (err.value.field, err.value.row) == ("period", 7)
    assert "account 'zeta': period 1 after period 1 is duplicated" in str(err.value)
    frame = _labelled(["acme", "zeta"]).astype({"logins": float})
    frame.loc[2, "logins"] = float("nan")
    with pytest.raises(ltv.InvalidInputError, match="account 'acme', period 5: logins is missing") as err:
        health.features(frame, metrics=["logins"])
    assert (err.value.field, err.value.row, err.value.kind) == ("logins", 2, "invalid_data")


def test_ids_that_print_alike_or_are_missing_are_refused() -> None:
    with pytest.raises(ltv.InvalidInputError) as err:
        health.features(_labelled([1, "1"]), metrics=["logins"])
    assert (err.value.field, err.value.row) == ("account", 6)
    frame = _labelled(["a", "b"]).astype({"account": object})
    frame.loc[4, "account"] = None
    with pytest.raises(ltv.InvalidInputError) as err:
        health.features(frame, metrics=["logins"])
    assert (err.value.field, err.value.row) == ("account", 4)


# --- constant features ----------------------------------------------------------------------------------------


def test_a_constant_feature_is_a_named_warning_and_the_fit_works() -> None:
    f = health.features(health.synthetic_panel(accounts=800, periods=10, seed=5), metrics=["logins", "seats"])
    f["plan_flag"] = 1.0
    with pytest.warns(health.ConstantFeatureWarning, match='feature "plan_flag" is constant') as caught:
        model = health.fit(f, cut=8)
    assert [(w.message.feature, w.message.value) for w in caught] == [("plan_flag", 1.0)]  # type: ignore[union-attr]
    assert model.scorer.coefficients.loc["plan_flag", "coefficient"] == 0.0
    assert len(model.warnings) == 1 and "plan_flag" in model.warnings[0]
    assert health.HealthModel.from_json(model.to_json()).warnings == []
    assert "plan_flag" in model._repr_html_() and "Account health model" in model._repr_html_()
    # Constant only on the training rows (before the cut) is constant too.
    f["plan_flag"] = np.where(f["period"] >= 8, 2.0, 1.0)
    with pytest.warns(health.ConstantFeatureWarning, match="plan_flag"):
        health.fit(f, cut=8)


def test_the_synthetic_panel_has_no_constant_feature() -> None:
    import warnings

    f = health.features(health.synthetic_panel(accounts=300, periods=8, seed=1), metrics=["logins", "seats"])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert health.fit(f, cut=7).warnings == []


# --- the end of revenue as the churn signal -------------------------------------------------------------------


def test_end_of_revenue_labels() -> None:
    # The panel of the Rust suite (end_of_revenue_labels), worked by hand: account "a" pays through
    # period 3 of 6 (then rows with no revenue), "b" through 4 (no rows after), "c" through the panel's last
    # period 6 (censored; a zero in period 2 is no end), "d" never pays.
    panel = pd.DataFrame({
        "account": list("aaaaabbbccccccdd"),
        "period": [1, 2, 3, 4, 5, 2, 3, 4, 1, 2, 3, 4, 5, 6, 5, 6],
        "mrr": [9.0, 9, 9, 0, 0, 5, 5, 5, 7, 0, 7, 7, 7, 7, 0, 0],
        "logins": [1.0] * 16,
    })  # fmt: skip
    f = health.features(panel, metrics=["logins"], churn_signal="end_of_revenue")
    assert f["churn_within_horizon"].tolist() == [0, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0]
    assert f["label_known"].tolist() == [True] * 3 + [False] * 2 + [True] * 8 + [False] * 3
    g = health.features(panel, metrics=["logins"], churn_signal="end_of_revenue", horizon=1)
    assert g["churn_within_horizon"].tolist()[:8] == [0, 0, 1, 0, 0, 0, 0, 1]
    flagged = health.features(panel.assign(churned=0), metrics=["logins"])
    features = [c for c in f.columns if c not in ("churn_within_horizon", "label_known")]
    pd.testing.assert_frame_equal(f[features], flagged[features])
    with pytest.raises(TypeError, match="^churn_signal: expected one of 'flag', 'end_of_revenue'"):
        health.features(panel, metrics=["logins"], churn_signal=1)  # type: ignore[arg-type]
    with pytest.raises(ltv.InvalidInputError) as err:
        health.features(panel, metrics=["logins"], churn_signal="revenue")  # type: ignore[arg-type]
    assert err.value.field == "churn_signal"


def test_end_of_revenue_reads_the_synthetic_panel_as_its_flags() -> None:
    panel = health.synthetic_panel(accounts=400, periods=10, seed=8)
    flag = health.features(panel, metrics=["logins"])
    revenue = health.features(panel.drop(columns=["churned"]), metrics=["logins"], churn_signal="end_of_revenue")
    pd.testing.assert_frame_equal(flag, revenue)


# --- the error cases ------------------------------------------------------------------------------------


def test_a_cut_with_no_churn_events_names_the_cut() -> None:
    panel = pd.DataFrame({"account": [1] * 5 + [2] * 5 + [3] * 5, "period": list(range(1, 6)) * 3,
                          "mrr": [1.0] * 15, "logins": [float(i) for i in range(15)],
                          "churned": [0, 0, 0, 0, 1] * 2 + [0] * 5})  # fmt: skip
    f = health.features(panel, metrics=["logins"], horizon=1, window=1)
    with pytest.raises(ltv.InvalidInputError, match="0 churn events among the 9 rows before the cut 4") as err:
        health.fit(f, cut=4, horizon=1, window=1)
    assert err.value.field == "cut"
    with pytest.warns(health.ConstantFeatureWarning):
        model = health.fit(f, horizon=1, window=1)
    with pytest.raises(ltv.InvalidInputError) as err:
        model.evaluate(f, cut=6)
    assert err.value.field == "cut"


@pytest.mark.parametrize("edit,field,row,text", [
    ({"period": [1, 3, 2]}, "period", 1, "account 'z': period 3 after period 1 skips a period"),
    ({"period": [2, 1, 3]}, "period", 1, "account 'z': period 1 after period 2 is out of order"),
    ({"churned": [1, 0, 0]}, "churned", 1, "account 'z' churned after period 1 but has a row for period 2"),
    ({"logins": [1.0, 1.0, None]}, "logins", 2, "account 'z', period 3: logins is missing"),
])  # fmt: skip
def test_panel_errors_name_account_and_period(edit: dict, field: str, row: int, text: str) -> None:
    base = {"account": ["z"] * 3, "period": [1, 2, 3], "mrr": [1.0] * 3, "logins": [1.0] * 3, "churned": [0, 0, 0]}
    base.update(edit)
    with pytest.raises(ltv.InvalidInputError) as err:
        health.features(pd.DataFrame(base), metrics=["logins"])
    assert (err.value.kind, err.value.field, err.value.row) == ("invalid_data", field, row)
    assert text in str(err.value)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    revenue=st.lists(st.sampled_from([0.0, 0.0, 5.0, 20.0]), min_size=1, max_size=15),
    extra=st.integers(0, 3),
    horizon=st.integers(1, 4),
)
def test_end_of_revenue_labels_follow_their_definition(revenue: list, extra: int, horizon: int) -> None:
    # Account "a" with this revenue over periods 1..n; account "b" pays over periods 1..n + extra, so the
    # panel's last period is P = n + extra. Expected, independently: L = a's last paying period; a churned
    # after L when L < P; its rows after L (and all of them when it never pays) have an unknown label.
    n = len(revenue)
    panel = pd.DataFrame({"account": ["a"] * n + ["b"] * (n + extra),
                          "period": list(range(1, n + 1)) + list(range(1, n + extra + 1)),
                          "mrr": revenue + [1.0] * (n + extra), "logins": [1.0] * (2 * n + extra)})  # fmt: skip
    f = health.features(panel, metrics=["logins"], churn_signal="end_of_revenue", horizon=horizon)
    paying = [t for t, r in enumerate(revenue, start=1) if r > 0]
    last, end = (paying[-1] if paying else 0), n + extra
    churned = bool(paying) and last < end
    want_label = [int(churned and t <= last and last - t < horizon) for t in range(1, n + 1)]
    want_known = [t <= last and (churned or last - t >= horizon - 1) for t in range(1, n + 1)]
    assert f["churn_within_horizon"].tolist()[:n] == want_label
    assert f["label_known"].tolist()[:n] == want_known


def test_health_model_summary_is_the_hazard_models_coefficient_table() -> None:
    panel = ltv.health.synthetic_panel(accounts=400, periods=12, seed=11)
    model = ltv.health.HealthModel.fit(ltv.health.features(panel, metrics=["logins", "seats"]), cut=8)
    table = model.summary()
    assert table.equals(model.scorer.summary())
    assert list(table.columns) == ["estimate", "std_err", "lower_95", "upper_95", "z", "p_value"]
    assert table.index[0] == "(intercept)" and len(table) == len(model.scorer.coefficient_names) + 1
    se = np.sqrt(np.diag(model.scorer.covariance))
    np.testing.assert_allclose(table["std_err"].to_numpy(), se, rtol=1e-12)
    np.testing.assert_allclose(table["upper_95"] - table["estimate"], 1.959963984540054 * se, rtol=1e-9)
    # The planted effect: the engagement change has a clearly non-zero coefficient.
    assert table.loc["logins_change", "p_value"] < 1e-3, table
