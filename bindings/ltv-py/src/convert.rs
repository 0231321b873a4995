//! Strict conversion of Python numbers and option strings into core inputs.
//!
//! pyo3's own `Decimal` conversion lets `True` through as 1 and raises a bare `ValueError` on NaN, so every
//! parameter goes through [`decimal`] instead: it names the field in every error, rejects `bool` and `None`,
//! sends floats through their shortest repr (0.03 means `Decimal("0.03")`) and rounds anything finer than
//! 28 decimal places (a float such as 1.77e-34) to 28 places, half to even.

use ltv_core::{ChurnBasis, Decimal, LtvError, PaymentTiming, Period};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyFloat, PyInt, PyString, PyType};

use crate::errors::to_py;

static DECIMAL_TYPE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static REAL_TYPE: PyOnceLock<Py<PyType>> = PyOnceLock::new();

const ACCEPTED: &str = "int, float, str or decimal.Decimal";

fn type_error(field: &str, obj: &Bound<'_, PyAny>) -> PyErr {
    let name = obj.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".to_owned());
    PyTypeError::new_err(format!("{field}: expected a number ({ACCEPTED}), got {name}"))
}

/// A Python number as an exact `Decimal`, or the matching `ltv` error naming `field`.
pub(crate) fn decimal(field: &'static str, obj: &Bound<'_, PyAny>) -> PyResult<Decimal> {
    let py = obj.py();
    if obj.is_none() || obj.is_instance_of::<PyBool>() {
        return Err(type_error(field, obj));
    }
    let text: String = if let Ok(f) = obj.cast::<PyFloat>() {
        let v = f.value();
        if !v.is_finite() {
            return Err(to_py(py, LtvError::NotFinite { field, value: v.to_string() }));
        }
        obj.repr()?.to_string()
    } else if obj.is_instance_of::<PyInt>() || obj.is_instance_of::<PyString>() {
        obj.str()?.to_string()
    } else {
        let decimal_type = DECIMAL_TYPE.import(py, "decimal", "Decimal")?;
        let real_type = REAL_TYPE.import(py, "numbers", "Real")?;
        if obj.is_instance(decimal_type)? || obj.is_instance(real_type)? {
            obj.str()?.to_string()
        } else {
            return Err(type_error(field, obj));
        }
    };
    parse_decimal(field, text.trim()).map_err(|e| to_py(py, e))
}

/// An optional number: `None` stays `None`.
pub(crate) fn optional_decimal(field: &'static str, obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Decimal>> {
    match obj {
        Some(o) if !o.is_none() => decimal(field, o).map(Some),
        _ => Ok(None),
    }
}

/// Parses `[+-]digits[.digits][(e|E)[+-]digits]`, rounding past 28 decimal places (half to even).
pub(crate) fn parse_decimal(field: &'static str, text: &str) -> Result<Decimal, LtvError> {
    let lower = text.to_ascii_lowercase();
    let unsigned = lower.trim_start_matches(['+', '-']);
    if matches!(unsigned, "nan" | "snan" | "inf" | "infinity") {
        return Err(LtvError::NotFinite { field, value: text.to_owned() });
    }
    let not_a_number =
        || LtvError::InvalidInput { field, value: text.to_owned(), allowed: "a decimal number", suggestion: None };
    let (negative, body) = match lower.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, lower.strip_prefix('+').unwrap_or(&lower)),
    };
    let (mantissa, exponent) = match body.split_once('e') {
        Some((m, e)) => (m, e.parse::<i64>().map_err(|_| not_a_number())?),
        None => (body, 0),
    };
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits_ok = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (int_part.is_empty() && frac_part.is_empty()) || !digits_ok(int_part) || !digits_ok(frac_part) {
        return Err(not_a_number());
    }
    let all_digits: String = format!("{int_part}{frac_part}");
    let digits = all_digits.trim_start_matches('0');
    // value = digits x 10^(-scale)
    let mut scale = i64::try_from(frac_part.len()).map_err(|_| not_a_number())? - exponent;
    let overflow = || LtvError::Overflow { field };
    let mut digits = digits.to_owned();
    if scale > 28 {
        // Drop the digits past 28 decimal places, rounding half to even.
        let drop = usize::try_from(scale - 28).map_err(|_| overflow())?;
        scale = 28;
        if drop > digits.len() {
            digits.clear();
        } else {
            let keep_len = digits.len() - drop;
            let (keep, dropped) = digits.split_at(keep_len);
            let mut kept: i128 = if keep.is_empty() { 0 } else { keep.parse().map_err(|_| overflow())? };
            let first = dropped.as_bytes()[0];
            let rest_nonzero = dropped.bytes().skip(1).any(|b| b != b'0');
            let round_up = first > b'5' || (first == b'5' && (rest_nonzero || kept % 2 == 1));
            if round_up {
                kept += 1;
            }
            digits = kept.to_string();
        }
    }
    let mut value: i128 = if digits.is_empty() { 0 } else { digits.parse().map_err(|_| overflow())? };
    while scale < 0 {
        value = value.checked_mul(10).ok_or_else(overflow)?;
        scale += 1;
    }
    if negative {
        value = -value;
    }
    let scale = u32::try_from(scale).map_err(|_| overflow())?;
    Decimal::try_from_i128_with_scale(value, scale).map_err(|_| overflow())
}

/// `"logo"`, `"gross_revenue"` or `"net_revenue"`.
pub(crate) fn churn_basis(text: &str) -> PyResult<ChurnBasis> {
    match text {
        "logo" => Ok(ChurnBasis::Logo),
        "gross_revenue" => Ok(ChurnBasis::GrossRevenue),
        "net_revenue" => Ok(ChurnBasis::NetRevenue),
        other => Err(option_error("churn_basis", other, "'logo', 'gross_revenue' or 'net_revenue'")),
    }
}

/// `"start_of_period"`, `"end_of_period"` or `"end_of_period_survivors"`.
pub(crate) fn timing(text: &str) -> PyResult<PaymentTiming> {
    match text {
        "start_of_period" => Ok(PaymentTiming::StartOfPeriod),
        "end_of_period" => Ok(PaymentTiming::EndOfPeriod),
        "end_of_period_survivors" => Ok(PaymentTiming::EndOfPeriodSurvivors),
        other => Err(option_error("timing", other, "'start_of_period', 'end_of_period' or 'end_of_period_survivors'")),
    }
}

/// `"monthly"` or `"annual"`.
pub(crate) fn period(text: &str) -> PyResult<Period> {
    match text {
        "monthly" => Ok(Period::Monthly),
        "annual" => Ok(Period::Annual),
        other => Err(option_error("period", other, "'monthly' or 'annual'")),
    }
}

fn option_error(field: &'static str, value: &str, allowed: &'static str) -> PyErr {
    let err = LtvError::InvalidInput { field, value: format!("'{value}'"), allowed, suggestion: None };
    Python::attach(|py| to_py(py, err))
}

#[cfg(test)]
mod tests {
    use super::parse_decimal;

    fn p(s: &str) -> String {
        parse_decimal("x", s).map(|d| d.to_string()).unwrap_or_else(|e| e.kind().to_owned())
    }

    #[test]
    fn parses_reprs() {
        assert_eq!(p("0.03"), "0.03");
        assert_eq!(p("80"), "80");
        assert_eq!(p("-1.5e-3"), "-0.0015");
        assert_eq!(p("1e+22"), "10000000000000000000000");
        assert_eq!(p("1.77e-34"), "0.0000000000000000000000000000");
        assert_eq!(p("2.5e-28"), "0.0000000000000000000000000002");
        assert_eq!(p("3.5e-28"), "0.0000000000000000000000000004");
        assert_eq!(p("1E+29"), "overflow");
        assert_eq!(p("NaN"), "not_finite");
        assert_eq!(p("-Infinity"), "not_finite");
        assert_eq!(p("abc"), "invalid_input");
        assert_eq!(p("."), "invalid_input");
        assert_eq!(p("1.2.3"), "invalid_input");
    }
}
