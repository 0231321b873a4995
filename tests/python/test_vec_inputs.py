"""ltv.vec reads every kind of float64 column without copying it, and treats nulls and masks as bad rows.

Expected values are the result on the plain contiguous float64 arrays; zero-copy is checked with tracemalloc
(numpy, pandas and pyarrow report their buffers to it): a call's peak is the output array alone.
"""

from __future__ import annotations

import tracemalloc
from typing import Any, Callable

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import ltv

ARPU = np.array([500.0, 600.0, 700.0, 800.0])
CHURN = np.array([0.03, 0.02, 0.05, 0.04])
EXPECTED = ltv.vec.saas_ltv(arpu=ARPU, gross_margin=0.8, monthly_churn=CHURN)


def test_the_reference_is_the_formula() -> None:
    assert EXPECTED.tolist() == [500.0 * 0.8 / 0.03, 600.0 * 0.8 / 0.02, 700.0 * 0.8 / 0.05, 800.0 * 0.8 / 0.04]


def _readonly(a: np.ndarray) -> np.ndarray:
    b = a.copy()
    b.flags.writeable = False
    return b


@pytest.mark.parametrize(
    "convert",
    [
        pytest.param(lambda a: a, id="contiguous"),
        pytest.param(_readonly, id="read-only"),
        pytest.param(lambda a: np.repeat(a, 3)[::3], id="strided"),
        pytest.param(lambda a: a[::-1].copy()[::-1], id="negative-stride"),
        pytest.param(lambda a: np.stack([a, a * 2], axis=1)[:, 0], id="column-of-2d"),
        pytest.param(lambda a: pd.Series(a), id="pandas"),
        pytest.param(lambda a: pd.Series(a, dtype="Float64"), id="pandas-nullable"),
        pytest.param(lambda a: pl.Series(a), id="polars"),
        pytest.param(lambda a: pa.array(a), id="pyarrow"),
        pytest.param(lambda a: pa.chunked_array([a[:1], a[1:3], a[3:]]), id="pyarrow-chunked"),
        pytest.param(lambda a: np.ma.masked_array(a, mask=False), id="masked-none"),
    ],
)
def test_every_column_kind_gives_the_contiguous_result(convert: Callable[[np.ndarray], Any]) -> None:
    out = ltv.vec.saas_ltv(arpu=convert(ARPU), gross_margin=0.8, monthly_churn=convert(CHURN))
    np.testing.assert_array_equal(np.asarray(out), EXPECTED)


@pytest.mark.parametrize(
    "missing",
    [
        pytest.param(lambda: np.ma.masked_array(ARPU, mask=[False, True, False, False]), id="numpy-masked"),
        pytest.param(lambda: pd.Series([500.0, None, 700.0, 800.0], dtype="Float64"), id="pandas-NA"),
        pytest.param(lambda: pl.Series([500.0, None, 700.0, 800.0]), id="polars-null"),
        pytest.param(lambda: pa.array([500.0, None, 700.0, 800.0]), id="pyarrow-null"),
        pytest.param(lambda: pa.chunked_array([[500.0], [None, 700.0, 800.0]]), id="pyarrow-chunked-null"),
    ],
)
def test_nulls_and_masked_values_are_bad_rows(missing: Callable[[], Any]) -> None:
    with pytest.raises(ltv.NotFiniteError) as info:
        ltv.vec.saas_ltv(arpu=missing(), gross_margin=0.8, monthly_churn=CHURN)
    assert (info.value.field, info.value.row) == ("arpu", 1)
    out = np.asarray(ltv.vec.saas_ltv(arpu=missing(), gross_margin=0.8, monthly_churn=CHURN, errors="nan"))
    assert np.isnan(out[1])
    np.testing.assert_array_equal(np.delete(out, 1), np.delete(EXPECTED, 1))


@pytest.mark.parametrize(
    "convert",
    [
        pytest.param(lambda a: a, id="numpy"),
        pytest.param(_readonly, id="read-only"),
        pytest.param(lambda a: np.repeat(a, 2)[::2], id="strided"),
        pytest.param(lambda a: pd.Series(a), id="pandas"),
        pytest.param(lambda a: pl.Series(a), id="polars"),
        pytest.param(lambda a: pa.array(a), id="pyarrow"),
    ],
)
def test_float64_inputs_are_not_copied(convert: Callable[[np.ndarray], Any]) -> None:
    n = 1_000_000
    arpu, churn = convert(np.full(n, 500.0)), np.full(n, 0.03)
    ltv.vec.saas_ltv(arpu=arpu, gross_margin=0.8, monthly_churn=churn, parallel=False)  # warm up
    tracemalloc.start()
    try:
        ltv.vec.saas_ltv(arpu=arpu, gross_margin=0.8, monthly_churn=churn, parallel=False)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    output = n * 8
    assert peak < output * 1.1, f"peak {peak / output:.2f}x the output array"
