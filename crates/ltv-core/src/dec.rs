//! The [`dec!`](crate::dec) macro: an exact [`Decimal`] from a literal, checked at compile time.
//!
//! Written here (a `macro_rules!` over a `const fn`) rather than re-exported from `rust_decimal`: its `macros`
//! feature re-exports `rust_decimal_macros::dec`, a procedural macro that expands to `::rust_decimal::Decimal`
//! and so only compiles in a crate that depends on `rust_decimal` itself. This one expands to
//! `$crate::Decimal`, so a crate that depends on `ltv-core` alone can write `ltv_core::dec!(0.03)`.

use rust_decimal::Decimal;

/// The largest mantissa a [`Decimal`] holds: `2^96 - 1`.
const MAX_MANTISSA: u128 = (1 << 96) - 1;
/// The largest scale a [`Decimal`] holds (digits after the point).
const MAX_SCALE: u32 = 28;

/// An exact [`Decimal`] from a number literal (`dec!(0.03)`, `dec!(-1_250.50)`, `dec!(1.5e-3)`) or a string
/// literal (`dec!("0.03")`), evaluated at compile time.
///
/// The digits are kept as written: `dec!(0.80)` has scale 2 and displays as `0.80`, exactly as
/// `Decimal::new(80, 2)`. A literal that is not a decimal number, or that does not fit a `Decimal` (more than
/// 28 digits after the point, a mantissa above `2^96 - 1`), is a **compile error**; the macro never panics
/// or fails at run time. It needs no dependency besides `ltv-core` (no `rust_decimal` or
/// `rust_decimal_macros` in the caller's `Cargo.toml`).
///
/// ```
/// use ltv_core::{Churn, Decimal, dec};
///
/// assert_eq!(dec!(0.03), Decimal::new(3, 2));
/// assert_eq!(dec!(-1_250.50).to_string(), "-1250.50");
/// assert_eq!(dec!(1.5e-3), Decimal::new(15, 4));
/// assert_eq!(dec!("0.1000000000000000000000000001").scale(), 28);
/// const MONTHLY_CHURN: Decimal = dec!(0.03);
/// assert_eq!(Churn::monthly(MONTHLY_CHURN)?.rate(), dec!(0.03));
/// # Ok::<(), ltv_core::LtvError>(())
/// ```
///
/// Not a decimal literal, not compiled:
///
/// ```compile_fail
/// let _ = ltv_core::dec!(0.1.2);
/// ```
///
/// ```compile_fail
/// let _ = ltv_core::dec!(0.00000_00000_00000_00000_00000_0001); // 29 digits after the point
/// ```
#[macro_export]
macro_rules! dec {
    ($value:literal) => {{
        // A const item: evaluated by the compiler, so a bad literal stops the build (never a run-time panic).
        #[allow(clippy::panic)]
        const VALUE: $crate::Decimal = match $crate::__private::decimal_from_literal(stringify!($value)) {
            ::core::option::Option::Some(value) => value,
            ::core::option::Option::None => ::core::panic!(concat!(
                "dec!(",
                stringify!($value),
                "): not a decimal literal that fits a Decimal (at most 28 digits after the point, mantissa < 2^96)"
            )),
        };
        VALUE
    }};
}

/// `10^n` for `n <= 38`, else `None`.
const fn pow10(n: u32) -> Option<u128> {
    let mut value: u128 = 1;
    let mut i = 0;
    while i < n {
        value = match value.checked_mul(10) {
            Some(v) => v,
            None => return None,
        };
        i += 1;
    }
    Some(value)
}

/// The [`Decimal`] a literal's text spells (what `dec!` calls), or `None` when it is not one.
///
/// Accepted: an optional `-` (spaces after it allowed: `stringify!` may insert one), digits with `_`
/// separators, an optional `.` followed by digits, an optional exponent `e`/`E` with an optional sign; the
/// whole optionally inside double quotes. The text is at most 256 bytes (longer is `None`).
#[doc(hidden)]
#[must_use]
pub const fn decimal_from_literal(text: &str) -> Option<Decimal> {
    let bytes = text.as_bytes();
    let (mut i, mut end) = (0, bytes.len());
    if end > 256 {
        return None;
    }
    if end >= 2 && bytes[0] == b'"' && bytes[end - 1] == b'"' {
        i = 1;
        end -= 1;
    }
    let negative = i < end && bytes[i] == b'-';
    if negative {
        i += 1;
        while i < end && bytes[i] == b' ' {
            i += 1;
        }
    }
    let (mut mantissa, mut digits, mut fraction_digits, mut seen_point): (u128, u32, u32, bool) = (0, 0, 0, false);
    while i < end && bytes[i] != b'e' && bytes[i] != b'E' {
        let b = bytes[i];
        if b == b'_' {
            // A separator between digits only (not leading, not next to the point).
            if digits == 0 || i + 1 >= end || (!bytes[i + 1].is_ascii_digit() && bytes[i + 1] != b'_') {
                return None;
            }
        } else if b == b'.' {
            if seen_point || digits == 0 {
                return None;
            }
            seen_point = true;
        } else if b.is_ascii_digit() {
            mantissa = match mantissa.checked_mul(10) {
                Some(m) => m + (b - b'0') as u128,
                None => return None,
            };
            if mantissa > MAX_MANTISSA {
                return None;
            }
            digits += 1;
            if seen_point {
                fraction_digits += 1;
            }
        } else {
            return None;
        }
        i += 1;
    }
    if digits == 0 || (seen_point && fraction_digits == 0) {
        // No digits, or a point with no digit after it ("1.", "1.e3").
        return None;
    }
    let mut exponent: i64 = 0;
    if i < end {
        i += 1; // the `e`
        let exponent_negative = i < end && bytes[i] == b'-';
        if i < end && (bytes[i] == b'-' || bytes[i] == b'+') {
            i += 1;
        }
        if i >= end {
            return None;
        }
        while i < end {
            let b = bytes[i];
            if !b.is_ascii_digit() {
                return None;
            }
            exponent = exponent * 10 + (b - b'0') as i64;
            if exponent > 1_000 {
                return None;
            }
            i += 1;
        }
        if exponent_negative {
            exponent = -exponent;
        }
    }
    let scale = fraction_digits as i64 - exponent;
    if scale < 0 {
        mantissa = match pow10((-scale) as u32) {
            Some(p) => match mantissa.checked_mul(p) {
                Some(m) => m,
                None => return None,
            },
            None => return None,
        };
        if mantissa > MAX_MANTISSA {
            return None;
        }
    } else if scale > MAX_SCALE as i64 {
        return None;
    }
    let scale = if scale < 0 { 0 } else { scale as u32 };
    Some(Decimal::from_parts(
        mantissa as u32,
        (mantissa >> 32) as u32,
        (mantissa >> 64) as u32,
        negative && mantissa != 0,
        scale,
    ))
}

#[cfg(test)]
mod tests {
    use super::decimal_from_literal as parse;
    use rust_decimal::Decimal;

    #[test]
    fn parses_what_rust_decimal_parses() {
        for text in ["0", "0.03", "-1250.50", "79228162514264337593543950335", "0.0000000000000000000000000001", "1e3"]
        {
            let expected: Decimal =
                text.parse().ok().or_else(|| Decimal::from_scientific(text).ok()).unwrap_or_default();
            assert_eq!(parse(text), Some(expected), "{text}");
            assert_eq!(parse(text).map(|d| d.to_string()), Some(expected.to_string()), "{text}");
        }
    }

    #[test]
    fn separators_quotes_exponents_and_signs() {
        assert_eq!(parse("1_250.5_0"), Some(Decimal::new(125_050, 2)));
        assert_eq!(parse("\"0.03\""), Some(Decimal::new(3, 2)));
        assert_eq!(parse("- 0.5"), Some(Decimal::new(-5, 1)));
        assert_eq!(parse("1.5e-3"), Some(Decimal::new(15, 4)));
        assert_eq!(parse("2.5E+2"), Some(Decimal::new(250, 0)));
        assert_eq!(parse("-0").map(|d| d.is_sign_negative()), Some(false));
    }

    #[test]
    fn rejects_what_is_not_a_decimal() {
        for text in [
            "",
            "-",
            ".5",
            "1.",
            "1.e3",
            "1..2",
            "0.1.2",
            "_1",
            "1_",
            "1_.5",
            "1e",
            "1e+",
            "1ee2",
            "1x",
            "1u8",
            "0x10",
            "\"\"",
            "\"abc\"",
            "abc",
            "1e1001",
            "79228162514264337593543950336",
            "0.00000000000000000000000000001",
            "1e29",
        ] {
            assert_eq!(parse(text), None, "{text}");
        }
        assert_eq!(parse(&"1".repeat(257)), None);
    }
}
