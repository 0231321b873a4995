//! Shared inputs and checks of the ltv fuzz targets (see `fuzz/README.md`).
//!
//! A [`Num`] is one fuzzer-chosen number read on both number types of `ltv-core`: as a `Decimal` (any
//! mantissa and scale) and as an `f64` (any bit pattern: NaN, infinities, subnormals, -0). The formula and
//! table targets run the same call on both and check every `Ok` result with [`check_finite`].

use arbitrary::Arbitrary;
use ltv_core::{Decimal, LtvError, Number};

/// Caps on fuzzer-chosen sizes so that a run cannot exhaust memory or time.
pub const MAX_ROWS: usize = 4096;

/// A few boundary values.
#[derive(Arbitrary, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge {
    /// 0.
    Zero,
    /// -0 (a negative zero `Decimal`, `-0.0_f64`).
    NegZero,
    /// 1.
    One,
    /// -1.
    MinusOne,
    /// 0.5.
    Half,
    /// 100 (a percentage typed as a fraction).
    Hundred,
    /// 1e-28, the smallest positive `Decimal`.
    Tiny,
    /// `Decimal::MAX` (about 7.9e28).
    Max,
    /// `Decimal::MIN`.
    Min,
}

/// One number chosen by the fuzzer, read as a `Decimal` ([`Num::dec`]) and as an `f64` ([`Num::f64`]).
#[derive(Arbitrary, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Num {
    /// `mantissa / 10^(scale % 10)`: at most 10 significant digits, so the `f64` is the nearest double of
    /// the same value and compares with 0, 1 and the other such values as the `Decimal` does.
    Small(i32, u8),
    /// Any `Decimal`: a 96-bit mantissa, a sign and a scale `0..=28`; the `f64` is its nearest double.
    Dec {
        /// Mantissa bits 0..32.
        lo: u32,
        /// Mantissa bits 32..64.
        mid: u32,
        /// Mantissa bits 64..96.
        hi: u32,
        /// Sign.
        negative: bool,
        /// Scale, taken modulo 29.
        scale: u8,
    },
    /// Any `f64` bit pattern; the `Decimal` is the exact value when it fits, else 0.
    Bits(u64),
    /// A boundary value.
    Edge(Edge),
}

impl Num {
    /// The number as a `Decimal`.
    #[must_use]
    pub fn dec(self) -> Decimal {
        match self {
            Num::Small(m, s) => Decimal::new(i64::from(m), u32::from(s % 10)),
            Num::Dec { lo, mid, hi, negative, scale } => {
                Decimal::from_parts(lo, mid, hi, negative, u32::from(scale % 29))
            }
            Num::Bits(bits) => Decimal::from_f64_retain(f64::from_bits(bits)).unwrap_or(Decimal::ZERO),
            Num::Edge(e) => match e {
                Edge::Zero => Decimal::ZERO,
                Edge::NegZero => Decimal::from_parts(0, 0, 0, true, 0),
                Edge::One => Decimal::ONE,
                Edge::MinusOne => Decimal::NEGATIVE_ONE,
                Edge::Half => Decimal::new(5, 1),
                Edge::Hundred => Decimal::ONE_HUNDRED,
                Edge::Tiny => Decimal::new(1, 28),
                Edge::Max => Decimal::MAX,
                Edge::Min => Decimal::MIN,
            },
        }
    }

    /// The number as an `f64`.
    #[must_use]
    pub fn f64(self) -> f64 {
        match self {
            Num::Bits(bits) => f64::from_bits(bits),
            Num::Edge(Edge::NegZero) => -0.0,
            other => Number::to_f64(other.dec()),
        }
    }

    /// Whether the `Decimal` and the `f64` are the same small value (to the `f64`'s rounding), so that both
    /// number types must accept or reject it alike.
    #[must_use]
    pub fn exact(self) -> bool {
        match self {
            Num::Small(..) => true,
            Num::Edge(e) => {
                matches!(e, Edge::Zero | Edge::NegZero | Edge::One | Edge::MinusOne | Edge::Half | Edge::Hundred)
            }
            Num::Dec { .. } | Num::Bits(_) => false,
        }
    }
}

/// A number type the targets run on: `Decimal` or `f64`.
pub trait FuzzNumber: Number {
    /// The path's name in assertion messages.
    const NAME: &'static str;
    /// Reads a fuzzer number.
    fn from_num(n: Num) -> Self;
}

impl FuzzNumber for Decimal {
    const NAME: &'static str = "Decimal";
    fn from_num(n: Num) -> Self {
        n.dec()
    }
}

impl FuzzNumber for f64 {
    const NAME: &'static str = "f64";
    fn from_num(n: Num) -> Self {
        n.f64()
    }
}

/// Asserts the library's promise "no result is ever infinite or NaN" for one `Ok` value.
pub fn check_finite<T: Number>(what: &str, value: T) {
    assert!(value.is_finite(), "{what}: Ok result is not finite: {value}");
}

/// Asserts that every error names a field (the library's promise: every bad input is an error naming
/// the field), and that its message renders.
pub fn check_error(what: &str, error: &LtvError) {
    assert!(!error.field().is_empty(), "{what}: error without a field: {error:?}");
    let _ = error.to_string();
    let _ = error.kind();
    let _ = error.value();
}

/// Errors whose occurrence depends on a computed value's exact comparison with a boundary (a sum's
/// convergence, the number range): `Decimal` (28 digits) and `f64` (53 bits) may round either side of
/// it, so they are exempt from the Ok-vs-Err agreement check.
#[must_use]
pub fn rounding_sensitive(error: &LtvError) -> bool {
    matches!(error, LtvError::Divergent { .. } | LtvError::Overflow { .. })
}

/// Checks the outcome of one call on both paths: finite `Ok` values on each, and, when `exact` (every
/// input the same small value on both paths), the same Ok-vs-Err outcome unless the error is
/// [`rounding_sensitive`].
pub fn check_pair(what: &str, exact: bool, dec: &Result<Vec<Decimal>, LtvError>, f: &Result<Vec<f64>, LtvError>) {
    match dec {
        Ok(values) => values.iter().for_each(|v| check_finite(what, *v)),
        Err(e) => check_error(what, e),
    }
    match f {
        Ok(values) => values.iter().for_each(|v| check_finite(what, *v)),
        Err(e) => check_error(what, e),
    }
    if !exact {
        return;
    }
    match (dec, f) {
        (Ok(_), Err(e)) | (Err(e), Ok(_)) if !rounding_sensitive(e) => {
            panic!("{what}: Decimal and f64 disagree on exact inputs: Decimal {dec:?}, f64 {f:?}")
        }
        _ => {}
    }
}

