"""Frequency/recency matrices: every cell is the model's own scalar prediction; impossible histories are NaN."""

from __future__ import annotations

import builtins
import doctest
import math
from typing import Any

import numpy as np
import pandas as pd
import polars as pl
import pytest

import ltv
from hypothesis import given, settings
from hypothesis import strategies as st

import ltv.purchase._matrix
from ltv.purchase import (
    MAX_MATRIX_CELLS,
    BgBbModel,
    BgNbdFit,
    BgNbdModel,
    MbgNbdModel,
    ParetoNbdModel,
    expected_purchases_matrix,
    probability_alive_matrix,
)

BGNBD = BgNbdModel(r=0.243, alpha=4.414, a=0.793, b=2.426)
CONTINUOUS = [
    BGNBD,
    MbgNbdModel(r=0.243, alpha=4.414, a=0.793, b=2.426),
    ParetoNbdModel(r=0.553, alpha=10.578, s=0.606, beta=11.669),
]
BGBB = BgBbModel(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)


def test_the_module_doctests_pass() -> None:
    result = doctest.testmod(ltv.purchase._matrix, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


@pytest.mark.parametrize("model", CONTINUOUS, ids=lambda m: type(m).__name__)
def test_every_cell_is_the_scalar_prediction(model: Any) -> None:
    alive = probability_alive_matrix(model, max_frequency=5, max_recency=20, age=38.86)
    expected = expected_purchases_matrix(model, t=39, max_frequency=5, max_recency=20, age=38.86)
    assert alive.shape == expected.shape == (6, 21)
    assert alive.index.name == "frequency" and alive.columns.name == "recency"
    assert list(alive.index) == list(range(6)) and list(alive.columns) == list(range(21))
    for x in range(6):
        for tx in range(21):
            if x == 0 and tx > 0:
                assert math.isnan(alive.loc[x, tx]) and math.isnan(expected.loc[x, tx])
                continue
            assert alive.loc[x, tx] == model.probability_alive(frequency=x, recency=tx, age=38.86)
            e = model.conditional_expected_purchases(t=39, frequency=x, recency=tx, age=38.86)
            assert expected.loc[x, tx] == e


def test_published_cdnow_figures_on_the_grid() -> None:
    # BG/NBD at FHL 2005's CDNOW estimates (weeks): the customer with x = 2, t_x = 30.43, T = 38.86 expects
    # 1.226 purchases in the next 39 weeks (published) and has P(alive) 0.727 (ltv.purchase's doctest); t_x =
    # 30.43 lies between the grid's recency 30 and 31, and both predictions increase with recency there.
    alive = probability_alive_matrix(BGNBD, max_frequency=2, age=38.86)
    assert list(alive.columns) == list(range(39))
    assert alive.loc[2, 30] < 0.727 < alive.loc[2, 31]
    expected = expected_purchases_matrix(BGNBD, t=39, max_frequency=2, age=38.86)
    assert expected.loc[2, 30] < 1.226 < expected.loc[2, 31]
    # BG/NBD: one-time buyers (x = 0) are alive for sure; MBG/NBD: not.
    assert alive.loc[0, 0] == 1.0
    assert probability_alive_matrix(CONTINUOUS[1], max_frequency=0, age=38.86).loc[0, 0] < 1.0


def test_bgbb_in_periods_with_the_published_donor() -> None:
    # Fader, Hardie & Shang (2010): a donor with 6 of 6 years has P(alive) 0.93 and 3.752 expected
    # donations in the next 5 years.
    alive = probability_alive_matrix(BGBB, max_frequency=6, periods=6)
    expected = expected_purchases_matrix(BGBB, t=5, periods=6, max_frequency=6)
    assert round(alive.loc[6, 6], 3) == 0.93 and round(expected.loc[6, 6], 3) == 3.752
    assert alive.shape == (7, 7)
    for x in range(7):
        for tx in range(7):
            possible = (x == 0 and tx == 0) or (1 <= x <= tx)
            cell = alive.loc[x, tx]
            if not possible:
                assert math.isnan(cell)
            else:
                assert cell == BGBB.probability_alive(frequency=x, recency=tx, periods=6)
                e = BGBB.conditional_expected_transactions(t=5, frequency=x, recency=tx, periods=6)
                assert expected.loc[x, tx] == e


def test_defaults_from_a_summary_frame_pandas_and_polars() -> None:
    summary = {"frequency": [0.0, 2.0, 4.0], "recency": [0.0, 10.0, 20.5], "T": [30.0, 32.5, 31.0]}
    for frame in (pd.DataFrame(summary), pl.DataFrame(summary)):
        grid = probability_alive_matrix(BGNBD, frame)
        assert grid.shape == (5, 33)  # frequency 0..4, recency 0..floor(32.5)
        assert grid.loc[4, 32] == BGNBD.probability_alive(frequency=4, recency=32, age=32.5)
    fit = BgNbdFit.fit(frequency=[0, 1, 2, 4, 7], recency=[0, 10, 3, 30, 36], age=38, weight=[600, 200, 150, 120, 80])
    by_fit = expected_purchases_matrix(fit, t=10, max_frequency=3, age=38)
    assert by_fit.loc[3, 30] == fit.model.conditional_expected_purchases(t=10, frequency=3, recency=30, age=38)


def test_numpy_when_pandas_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_pandas(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "pandas":
            raise ImportError("no pandas")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pandas)
    grid = probability_alive_matrix(BGNBD, max_frequency=1, max_recency=3, age=3)
    assert isinstance(grid, np.ndarray) and grid.shape == (2, 4)
    assert np.isnan(grid[0, 1:]).all() and grid[0, 0] == 1.0


def test_bad_arguments_name_the_field() -> None:
    with pytest.raises(TypeError, match="age: missing"):
        probability_alive_matrix(BGNBD, max_frequency=3)
    with pytest.raises(TypeError, match="max_frequency: missing"):
        probability_alive_matrix(BGNBD, age=10)
    with pytest.raises(ltv.InvalidInputError, match="^max_recency = 11 is out of range: expected at most age = 10$"):
        probability_alive_matrix(BGNBD, max_frequency=3, max_recency=11, age=10)
    with pytest.raises(ltv.InvalidInputError, match="^max_frequency = 2.5 is out of range"):
        probability_alive_matrix(BGNBD, max_frequency=2.5, age=10)
    with pytest.raises(ltv.InvalidInputError, match="^age = nan is out of range"):
        probability_alive_matrix(BGNBD, max_frequency=2, age=float("nan"))
    with pytest.raises(ltv.InvalidInputError, match="^max_frequency = .*MAX_MATRIX_CELLS"):
        probability_alive_matrix(BGNBD, max_frequency=MAX_MATRIX_CELLS, age=10)
    with pytest.raises(TypeError, match="periods"):
        probability_alive_matrix(BGBB, max_frequency=3, age=6)
    with pytest.raises(TypeError, match="periods: only for BG/BB"):
        probability_alive_matrix(BGNBD, max_frequency=3, periods=6)
    with pytest.raises(ltv.InvalidInputError, match="^periods = 2.5 is out of range"):
        probability_alive_matrix(BGBB, max_frequency=2, periods=2.5)
    with pytest.raises(TypeError, match="data: expected a pandas or polars frame"):
        probability_alive_matrix(BGNBD, [1, 2])
    with pytest.raises(ltv.InvalidInputError, match="t"):
        expected_purchases_matrix(BGNBD, t=-1.0, max_frequency=2, age=10)


@settings(max_examples=40, deadline=None)
@given(
    max_frequency=st.integers(0, 30),
    age=st.floats(0.0, 200.0, allow_nan=False),
    t=st.floats(0.0, 100.0, allow_nan=False),
)
def test_matrices_are_probabilities_and_finite(max_frequency: int, age: float, t: float) -> None:
    for model in CONTINUOUS:
        alive = probability_alive_matrix(model, max_frequency=max_frequency, age=age).to_numpy()
        expected = expected_purchases_matrix(model, t=t, max_frequency=max_frequency, age=age).to_numpy()
        possible = ~np.isnan(alive)
        assert (possible == ~np.isnan(expected)).all() and possible[:, 0].all()
        assert ((alive[possible] >= 0) & (alive[possible] <= 1)).all()
        assert np.isfinite(expected[possible]).all() and (expected[possible] >= 0).all()
