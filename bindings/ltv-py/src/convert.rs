//! Strict conversion of Python numbers and option strings into core inputs.
//!
//! pyo3's own `Decimal` conversion lets `True` through as 1 and raises a bare `ValueError` on NaN, so every
//! parameter goes through [`decimal`] instead: it names the field in every error, rejects `bool` and `None`,
//! sends floats through their shortest repr (0.03 means `Decimal("0.03")`) and rounds anything finer than
//! 28 decimal places to 28 places, half to even; a non-zero value that would round to 0 (a float such as
//! 1.77e-34 or -5e-324) is an `InvalidInputError` showing the value as given, never valued as 0.

use ltv_core::{ChurnBasis, Decimal, LtvError, PaymentTiming, Period};
use pyo3::exceptions::{PyOverflowError, PyTypeError};
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
    if let Ok(f) = obj.cast::<PyFloat>() {
        let v = f.value();
        if !v.is_finite() {
            return Err(to_py(py, LtvError::NotFinite { field, value: v.to_string() }));
        }
        // Python's str (its repr) is the shortest decimal that round-trips (0.03 -> "0.03"), in exponent form where
        // that is shorter (5e-324, 1e+22), which is also how an error shows the value.
        return parse_decimal(field, &f.str()?.to_string_lossy()).map_err(|e| to_py(py, e));
    }
    if obj.is_instance_of::<PyInt>() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Decimal::from(i));
        }
        return parse_decimal(field, &obj.str()?.to_cow()?).map_err(|e| to_py(py, e));
    }
    if let Ok(text) = obj.cast::<PyString>() {
        return match text.to_cow() {
            Ok(text) => parse_decimal(field, text.trim()).map_err(|e| to_py(py, e)),
            // A lone surrogate: not a number, shown as Python's repr writes it.
            Err(_) => Err(to_py(
                py,
                LtvError::InvalidInput {
                    field,
                    value: shown(&obj.repr()?.to_string_lossy()),
                    allowed: "a decimal number",
                    suggestion: None,
                },
            )),
        };
    }
    let decimal_type = DECIMAL_TYPE.import(py, "decimal", "Decimal")?;
    let real_type = REAL_TYPE.import(py, "numbers", "Real")?;
    if obj.is_instance(decimal_type)? || obj.is_instance(real_type)? {
        parse_decimal(field, obj.str()?.to_string_lossy().trim()).map_err(|e| to_py(py, e))
    } else {
        Err(type_error(field, obj))
    }
}

/// An optional number: `None` stays `None`.
pub(crate) fn optional_decimal(field: &'static str, obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Decimal>> {
    match obj {
        Some(o) if !o.is_none() => decimal(field, o).map(Some),
        _ => Ok(None),
    }
}

/// A whole count (periods, leads, customers) from a Python int, or anything with `__index__` (numpy
/// integers): `bool`, `None` and floats are a `TypeError`, a negative or too large int an
/// `InvalidInputError`, each naming `field`.
pub(crate) fn count(field: &'static str, obj: &Bound<'_, PyAny>) -> PyResult<u32> {
    let type_err = || {
        let name = obj.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".to_owned());
        PyTypeError::new_err(format!("{field}: expected a whole number (int), got {name}"))
    };
    if obj.is_instance_of::<PyBool>() {
        return Err(type_err());
    }
    // `extract` goes through `__index__`: ints and numpy integers, not floats; past i128 it overflows.
    let n = match obj.extract::<i128>() {
        Ok(n) => Some(n),
        Err(e) if e.is_instance_of::<PyOverflowError>(obj.py()) => None,
        Err(_) => return Err(type_err()),
    };
    match n.and_then(|n| u32::try_from(n).ok()) {
        Some(n) => Ok(n),
        None => Err(to_py(
            obj.py(),
            LtvError::InvalidInput {
                field,
                value: shown(&obj.str()?.to_string_lossy()),
                allowed: "a whole number from 0 to 4294967295",
                suggestion: None,
            },
        )),
    }
}

/// An optional count: `None` stays `None`.
pub(crate) fn optional_count(field: &'static str, obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<u32>> {
    match obj {
        Some(o) if !o.is_none() => count(field, o).map(Some),
        _ => Ok(None),
    }
}

/// What a number too small for a `Decimal` should be instead.
const TINY: &str = "0, or a magnitude above 5e-29 (a Decimal holds 28 decimal places; this value would round to 0)";

/// The largest mantissa a `Decimal` holds, 2^96 - 1 (29 digits).
const MAX_MANTISSA: i128 = (1 << 96) - 1;

/// Parses `[+-]digits[.digits][(e|E)[+-]digits]` without allocating, rounding past 28 decimal places
/// (half to even). `nan`, `inf` and `infinity` (any case, any sign) are [`LtvError::NotFinite`]; a non-zero
/// value that would round to 0 (magnitude at most 5e-29) is [`LtvError::InvalidInput`] showing the input.
///
/// A value with more significant digits than a `Decimal` holds (29, such as `Decimal(1234.1)`, the exact
/// binary value of a float, 46 digits) is rounded, half to even, to the most decimal places that fit; only a
/// value whose integer part does not fit (`>= 2^96`) is [`LtvError::Overflow`].
pub(crate) fn parse_decimal(field: &'static str, text: &str) -> Result<Decimal, LtvError> {
    let unsigned = text.trim_start_matches(['+', '-']);
    if ["nan", "snan", "inf", "infinity"].iter().any(|w| unsigned.eq_ignore_ascii_case(w)) {
        return Err(LtvError::NotFinite { field, value: text.to_owned() });
    }
    let not_a_number =
        || LtvError::InvalidInput { field, value: shown(text), allowed: "a decimal number", suggestion: None };
    let overflow = || LtvError::Overflow { field };
    // A non-zero value that would round to 0 (every digit past the 28th decimal place) is refused rather than
    // valued as 0: -5e-324 is not a valid non-negative amount, and 5e-324 is not a positive churn of 0.
    let rounds_to_zero = || LtvError::InvalidInput { field, value: shown(text), allowed: TINY, suggestion: None };
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let is_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(at) => {
            let e = &body[at + 1..];
            let e_digits = e.strip_prefix(['+', '-']).unwrap_or(e);
            if e_digits.is_empty() || !is_digits(e_digits) {
                return Err(not_a_number());
            }
            // An exponent past any representable scale saturates: huge overflows, tiny rounds to 0.
            const BOUND: i64 = 1 << 40;
            (
                &body[..at],
                e.parse::<i64>().unwrap_or(if e.starts_with('-') { -BOUND } else { BOUND }).clamp(-BOUND, BOUND),
            )
        }
        None => (body, 0),
    };
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if (int_part.is_empty() && frac_part.is_empty()) || !is_digits(int_part) || !is_digits(frac_part) {
        return Err(not_a_number());
    }
    // value = digits x 10^(-scale)
    let frac_len = i64::try_from(frac_part.len()).map_err(|_| not_a_number())?;
    let scale = frac_len - exponent;
    let digits = || int_part.bytes().chain(frac_part.bytes()).map(|b| b - b'0');
    let total = int_part.len() + frac_part.len();
    let leading_zeros = digits().take_while(|&d| d == 0).count();
    if leading_zeros == total {
        // Zero keeps its decimal places (0.00 stays 0.00), up to 28.
        return Ok(Decimal::new(0, u32::try_from(scale.clamp(0, 28)).unwrap_or(28)));
    }
    if scale < 0 {
        // A whole number with -scale trailing zeros: it fits only if all of its digits do.
        let zeros = usize::try_from(-scale).map_err(|_| overflow())?;
        if total - leading_zeros + zeros > 29 {
            return Err(overflow());
        }
    }
    // Drop the digits past 28 decimal places, and then as many more decimal places as it takes to fit 29
    // significant digits below 2^96 (never an integer digit), rounding once, half to even.
    let decimal_places = usize::try_from(scale.max(0)).unwrap_or(usize::MAX);
    let mut drop = decimal_places.saturating_sub(28);
    if drop > total {
        return Err(rounds_to_zero()); // every digit lies beyond the 29th decimal place
    }
    let significant = (total - drop).saturating_sub(leading_zeros);
    drop += significant.saturating_sub(29);
    loop {
        if drop > decimal_places {
            return Err(overflow());
        }
        if let Some(mut value) = rounded(digits(), total - drop)
            && value <= MAX_MANTISSA
        {
            if value == 0 {
                return Err(rounds_to_zero());
            }
            let mut scale = scale - i64::try_from(drop).map_err(|_| overflow())?;
            while scale < 0 {
                value = value.checked_mul(10).ok_or_else(overflow)?;
                scale += 1;
            }
            let value = if negative { -value } else { value };
            let scale = u32::try_from(scale).map_err(|_| overflow())?;
            return Decimal::try_from_i128_with_scale(value, scale).map_err(|_| overflow());
        }
        drop += 1; // a round-up carried into a 30th digit (or past 2^96): one place fewer
    }
}

/// An input as an error message shows it: at most [`SHOWN_CHARS`] characters, a longer one cut there with
/// its length (a log line stays readable whatever the caller passed).
pub(crate) fn shown(text: &str) -> String {
    let length = text.chars().count();
    if length <= SHOWN_CHARS {
        return text.to_owned();
    }
    let head: String = text.chars().take(SHOWN_CHARS - 20).collect();
    format!("{head}... ({length} characters)")
}

/// The longest input shown whole in an error message.
pub(crate) const SHOWN_CHARS: usize = 80;

/// The first `keep` of `digits` as an integer, rounded half to even on the rest; `None` past `i128`.
fn rounded(digits: impl Iterator<Item = u8>, keep: usize) -> Option<i128> {
    let mut value: i128 = 0;
    let (mut first_dropped, mut rest_nonzero, mut any_dropped) = (0_u8, false, false);
    for (i, digit) in digits.enumerate() {
        if i < keep {
            value = value.checked_mul(10)?.checked_add(i128::from(digit))?;
        } else if i == keep {
            first_dropped = digit;
            any_dropped = true;
        } else {
            rest_nonzero |= digit != 0;
        }
    }
    if any_dropped && (first_dropped > 5 || (first_dropped == 5 && (rest_nonzero || value % 2 == 1))) {
        value += 1;
    }
    Some(value)
}

/// An option argument (`churn_basis`, `timing`, `period`, `errors`, ...) as Python passed it.
///
/// Extracting one never fails: pyo3's own `&str` extraction raises a `TypeError` that names neither the
/// parameter nor its values (`'float' object is not an instance of 'str'`) and a `UnicodeEncodeError` for
/// a string with a lone surrogate. Instead, [`option`] reports a non-string as a `TypeError` naming the
/// option and listing its values, and any other string as the core's `InvalidInputError` (the text shown
/// escaped when it is not valid Unicode).
#[derive(Debug, Clone)]
pub(crate) enum Choice {
    /// A signature default, e.g. `Choice::Default("logo")`.
    Default(&'static str),
    /// A `str` argument.
    Text(String),
    /// A `str` that is not valid Unicode (a lone surrogate), as Python's `repr` writes it.
    Unencodable(String),
    /// Not a `str`: the type's name.
    NotText(String),
}

impl<'a, 'py> FromPyObject<'a, 'py> for Choice {
    type Error = PyErr;

    fn extract(obj: pyo3::Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        Ok(match obj.cast::<PyString>() {
            Ok(text) => match text.to_cow() {
                Ok(s) => Self::Text(s.into_owned()),
                Err(_) => {
                    // Python's repr less its quotes: the core's message quotes the value itself.
                    let repr = obj.repr()?.to_string_lossy().into_owned();
                    Self::Unencodable(repr.get(1..repr.len().saturating_sub(1)).unwrap_or(&repr).to_owned())
                }
            },
            Err(_) => Self::NotText(obj.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".to_owned())),
        })
    }
}

/// `"logo"`, `"gross_revenue"` or `"net_revenue"`.
pub(crate) fn churn_basis(choice: &Choice) -> PyResult<ChurnBasis> {
    option(choice)
}

/// `"start_of_period"`, `"end_of_period"` or `"end_of_period_survivors"`.
pub(crate) fn timing(choice: &Choice) -> PyResult<PaymentTiming> {
    option(choice)
}

/// `"monthly"` or `"annual"`.
pub(crate) fn period(choice: &Choice) -> PyResult<Period> {
    option(choice)
}

/// A formula option from its argument (the core's `FromStr`: errors name the field and list the strings;
/// a non-string is a `TypeError` with the same field and list).
pub(crate) fn option<E: std::str::FromStr<Err = LtvError>>(choice: &Choice) -> PyResult<E> {
    let text = match choice {
        Choice::Default(s) => *s,
        Choice::Text(s) | Choice::Unencodable(s) => s.as_str(),
        Choice::NotText(type_name) => {
            // The core's error for a string that is no option names the field and lists the options.
            return Err(match "".parse::<E>() {
                Err(LtvError::InvalidInput { field, allowed, .. }) => {
                    PyTypeError::new_err(format!("{field}: expected {allowed}, got {type_name}"))
                }
                _ => PyTypeError::new_err(format!("expected an option string, got {type_name}")),
            });
        }
    };
    text.parse().map_err(|err| Python::attach(|py| to_py(py, err)))
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
        // A non-zero value that rounds to 0 at 28 places is refused, not valued as 0.
        assert_eq!(p("1.77e-34"), "invalid_input");
        assert_eq!(p("-5e-324"), "invalid_input");
        assert_eq!(p("0.00000000000000000000000000004"), "invalid_input");
        assert_eq!(p("5e-29"), "invalid_input");
        assert_eq!(p("5.1e-29"), "0.0000000000000000000000000001");
        assert_eq!(p("6e-29"), "0.0000000000000000000000000001");
        assert_eq!(p("-9.9e-29"), "-0.0000000000000000000000000001");
        assert_eq!(p("2.5e-28"), "0.0000000000000000000000000002");
        assert_eq!(p("3.5e-28"), "0.0000000000000000000000000004");
        assert_eq!(p("1E+29"), "overflow");
        assert_eq!(p("NaN"), "not_finite");
        assert_eq!(p("-Infinity"), "not_finite");
        assert_eq!(p("79228162514264337593543950335"), "79228162514264337593543950335");
        assert_eq!(p("79228162514264337593543950336"), "overflow");
        assert_eq!(p("1e999999999999999999999"), "overflow");
        assert_eq!(p("1e-999999999999999999999"), "invalid_input");
        // More significant digits than fit: rounded to the most decimal places that do.
        assert_eq!(p("1234.099999999999909050529822707176208496093750"), "1234.0999999999999090505298227");
        assert_eq!(p("0.1000000000000000055511151231257827021181583404541015625"), "0.1000000000000000055511151231");
        assert_eq!(p("9999999999999999999999999999.99"), "10000000000000000000000000000");
        assert_eq!(p("0.00"), "0.00");
        assert_eq!(p("79228162514264337593543950335.5"), "overflow");
        assert_eq!(p("7922816251426433759354395033.45"), "7922816251426433759354395033.4");
        assert_eq!(p("0.00000000000000000000000000015"), "0.0000000000000000000000000002");
        assert_eq!(p("abc"), "invalid_input");
        assert_eq!(p("0e999999999999999999999"), "0");
        assert_eq!(p("-0.000"), "0.000");
        assert_eq!(p("1E+28"), "10000000000000000000000000000");
        assert_eq!(p("12345678901234567890.123456789"), "12345678901234567890.123456789");
        assert_eq!(p("12345678901234567890.1234567895"), "12345678901234567890.123456790");
        assert_eq!(p("1e"), "invalid_input");
        assert_eq!(p("1e1.5"), "invalid_input");
        assert_eq!(p("1e+"), "invalid_input");
        assert_eq!(p("."), "invalid_input");
        assert_eq!(p("1.2.3"), "invalid_input");
    }
}
