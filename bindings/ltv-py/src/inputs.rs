//! Python objects to validated core quantities, each error naming the Python keyword.

use ltv_core::{Churn, ChurnBasis, Days, Decimal, DiscountRate, Fraction, Money, Months, Period, Ratio};
use pyo3::prelude::*;

use crate::convert::decimal;
use crate::errors::PyLtvError;

pub(crate) type In<'a, 'py> = &'a Bound<'py, PyAny>;

pub(crate) fn money(field: &'static str, obj: In<'_, '_>) -> PyResult<Money> {
    Ok(Money::named(field, decimal(field, obj)?).map_err(PyLtvError)?)
}

pub(crate) fn fraction(field: &'static str, obj: In<'_, '_>) -> PyResult<Fraction> {
    Ok(Fraction::named(field, decimal(field, obj)?).map_err(PyLtvError)?)
}

pub(crate) fn months(field: &'static str, obj: In<'_, '_>) -> PyResult<Months> {
    Ok(Months::named(field, decimal(field, obj)?).map_err(PyLtvError)?)
}

pub(crate) fn days(field: &'static str, obj: In<'_, '_>) -> PyResult<Days> {
    Ok(Days::named(field, decimal(field, obj)?).map_err(PyLtvError)?)
}

pub(crate) fn ratio(field: &'static str, obj: In<'_, '_>) -> PyResult<Ratio> {
    Ok(Ratio::named(field, decimal(field, obj)?).map_err(PyLtvError)?)
}

pub(crate) fn churn(field: &'static str, obj: In<'_, '_>, period: Period, basis: ChurnBasis) -> PyResult<Churn> {
    Ok(Churn::named(field, decimal(field, obj)?, period, basis).map_err(PyLtvError)?)
}

pub(crate) fn discount(field: &'static str, obj: In<'_, '_>, period: Period) -> PyResult<DiscountRate> {
    Ok(DiscountRate::named(field, decimal(field, obj)?, period).map_err(PyLtvError)?)
}

pub(crate) fn number(field: &'static str, obj: In<'_, '_>) -> PyResult<Decimal> {
    decimal(field, obj)
}
