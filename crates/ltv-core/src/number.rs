//! The two number types every formula runs on: exact [`Decimal`] and fast `f64`.
//!
//! Formulas are written once, generic over [`Number`]. `Decimal` gives the exact, cent-true result a finance
//! team checks; `f64` gives the same formula, with the same validation, at column speed (the Python
//! vectorised API). Arithmetic is checked in both, over the same range: a `Decimal` overflow, or an `f64`
//! result that is not finite or whose magnitude exceeds `Decimal::MAX` (about 7.9e28), becomes
//! [`LtvError::Overflow`], never a panic, an infinity or a NaN. Sharing the range keeps the two number types
//! in agreement: an input the exact path cannot value is an error on the fast path too.

use std::fmt;

use rust_decimal::{Decimal, MathematicalOps};

use crate::error::{LtvError, Result};

mod sealed {
    pub trait Sealed {}
    impl Sealed for rust_decimal::Decimal {}
    impl Sealed for f64 {}
}

/// A number a formula can run on: [`Decimal`] (exact) or `f64` (fast). Sealed.
pub trait Number: Copy + PartialOrd + fmt::Display + fmt::Debug + Send + Sync + 'static + sealed::Sealed {
    /// 0.
    const ZERO: Self;
    /// 1.
    const ONE: Self;
    /// A small integer, exactly.
    fn from_u32(n: u32) -> Self;
    /// `self + rhs`, `None` on overflow.
    fn checked_add(self, rhs: Self) -> Option<Self>;
    /// `self - rhs`, `None` on overflow.
    fn checked_sub(self, rhs: Self) -> Option<Self>;
    /// `self * rhs`, `None` on overflow.
    fn checked_mul(self, rhs: Self) -> Option<Self>;
    /// `self / rhs`, `None` on overflow or division by zero.
    fn checked_div(self, rhs: Self) -> Option<Self>;
    /// `self^n` for a whole `n`, `None` on overflow.
    fn checked_powi(self, n: u32) -> Option<Self>;
    /// `self^exp` for a positive base, `None` on overflow or a base <= 0.
    fn checked_powf(self, exp: Self) -> Option<Self>;
    /// `self^(1/12)` (an annual factor as a monthly one) for a positive base, `None` for a base <= 0.
    fn checked_twelfth_root(self) -> Option<Self>;
    /// `(1 + self)^(1/12) - 1` for `self > -1` (an annual rate or survival change as a monthly one), `None`
    /// for `self <= -1`. On `f64` it is `expm1(ln_1p(x) / 12)`, which keeps full relative precision for a
    /// small rate (the power then minus 1 would cancel); on `Decimal` the twelfth root minus 1, exactly as
    /// [`checked_twelfth_root`](Self::checked_twelfth_root).
    fn checked_twelfth_root_m1(self) -> Option<Self>;
    /// The tail `1 - ((1 - c) / (1 + d))^n` of a discounted geometric sum (`c` a churn in `[-1, 1]`, `d` a
    /// discount rate `>= 0`), `None` on overflow. On `f64` it is `-expm1(n (ln_1p(-c) - ln_1p(d)))`, which
    /// keeps its relative precision when the ratio is near 1 (a small churn and discount rate); on `Decimal`
    /// the ratio, its power and the difference, each checked.
    fn checked_geometric_tail(c: Self, d: Self, n: u32) -> Option<Self>;
    /// `false` for NaN and infinities (never for `Decimal`).
    fn is_finite(self) -> bool;
    /// The nearest `f64`.
    fn to_f64(self) -> f64;
    /// The value as an error message shows it: bounded and never rounded to a different number. A `Decimal`
    /// prints as itself (at most 29 digits); an `f64` in shortest round-trip form, in exponent notation
    /// outside `[1e-6, 1e16)` (`1e308`, not 309 digits; `5e-324`, not `0`).
    fn describe(self) -> String {
        self.to_string()
    }
    /// `true` when the value is within the range shared by both number types (`|x| <= Decimal::MAX`;
    /// `false` for NaN and infinities). Always `true` for `Decimal`.
    fn in_range(self) -> bool;
    /// `self + rhs` and whether it stayed in range, without a branch on `f64`.
    fn add_flag(self, rhs: Self) -> (Self, bool);
    /// `self - rhs` and whether it stayed in range, without a branch on `f64`.
    fn sub_flag(self, rhs: Self) -> (Self, bool);
    /// `self * rhs` and whether it stayed in range, without a branch on `f64`.
    fn mul_flag(self, rhs: Self) -> (Self, bool);
    /// `self / rhs` and whether it is defined and in range (`false` for a zero divisor), without a branch on `f64`.
    fn div_flag(self, rhs: Self) -> (Self, bool);
    /// `-self` (exact for both number types).
    fn neg(self) -> Self;
    /// `if cond { a } else { b }`, written so that it compiles to a select on `f64` lanes.
    fn select(cond: bool, a: Self, b: Self) -> Self;
}

impl Number for Decimal {
    const ZERO: Self = Decimal::ZERO;
    const ONE: Self = Decimal::ONE;
    #[inline]
    fn from_u32(n: u32) -> Self {
        Decimal::from(n)
    }
    #[inline]
    fn checked_add(self, rhs: Self) -> Option<Self> {
        Decimal::checked_add(self, rhs)
    }
    #[inline]
    fn checked_sub(self, rhs: Self) -> Option<Self> {
        Decimal::checked_sub(self, rhs)
    }
    #[inline]
    fn checked_mul(self, rhs: Self) -> Option<Self> {
        Decimal::checked_mul(self, rhs)
    }
    #[inline]
    fn checked_div(self, rhs: Self) -> Option<Self> {
        Decimal::checked_div(self, rhs)
    }
    #[inline]
    fn checked_powi(self, n: u32) -> Option<Self> {
        MathematicalOps::checked_powu(&self, u64::from(n))
    }
    #[inline]
    fn checked_powf(self, exp: Self) -> Option<Self> {
        if self <= Decimal::ZERO {
            return None;
        }
        if exp.is_zero() {
            return Some(Decimal::ONE);
        }
        if self == Decimal::ONE {
            return Some(Decimal::ONE);
        }
        MathematicalOps::checked_powd(&self, exp)
    }
    /// Newton's method on `y^12 = x` from the `f64` root (about 16 correct digits): each step doubles the
    /// digits, so two reach `Decimal`'s 28. About 7x faster than `powd(1/12)` and no less accurate. Bases
    /// outside `[0.01, 100]` (an annual churn above 99 %, growth above 9,900 % a year), where `y^11` would
    /// lose significant digits to `Decimal`'s 28 decimal places, go through `powd`.
    fn checked_twelfth_root(self) -> Option<Self> {
        const STEPS: usize = 2;
        if self <= Decimal::ZERO {
            return None;
        }
        if self == Decimal::ONE {
            return Some(Decimal::ONE);
        }
        if self < Decimal::new(1, 2) || self > Decimal::ONE_HUNDRED {
            return MathematicalOps::checked_powd(&self, Decimal::ONE.checked_div(Decimal::from(12))?);
        }
        let twelve = Decimal::from(12);
        let eleven = Decimal::from(11);
        let mut y = Decimal::from_f64_retain(self.to_f64().powf(1.0 / 12.0))?;
        for _ in 0..STEPS {
            let y11 = MathematicalOps::checked_powu(&y, 11)?;
            y = eleven.checked_mul(y)?.checked_add(self.checked_div(y11)?)?.checked_div(twelve)?;
        }
        Some(y)
    }
    #[inline]
    fn checked_geometric_tail(c: Self, d: Self, n: u32) -> Option<Self> {
        let q = Decimal::ONE.checked_sub(c)?.checked_div(Decimal::ONE.checked_add(d)?)?;
        Decimal::ONE.checked_sub(Number::checked_powi(q, n)?)
    }
    #[inline]
    fn checked_twelfth_root_m1(self) -> Option<Self> {
        Decimal::ONE.checked_add(self)?.checked_twelfth_root()?.checked_sub(Decimal::ONE)
    }
    #[inline]
    fn is_finite(self) -> bool {
        true
    }
    #[inline]
    fn to_f64(self) -> f64 {
        rust_decimal::prelude::ToPrimitive::to_f64(&self).unwrap_or(f64::NAN)
    }
    #[inline]
    fn in_range(self) -> bool {
        true
    }
    #[inline]
    fn add_flag(self, rhs: Self) -> (Self, bool) {
        flag(Decimal::checked_add(self, rhs))
    }
    #[inline]
    fn sub_flag(self, rhs: Self) -> (Self, bool) {
        flag(Decimal::checked_sub(self, rhs))
    }
    #[inline]
    fn mul_flag(self, rhs: Self) -> (Self, bool) {
        flag(Decimal::checked_mul(self, rhs))
    }
    #[inline]
    fn div_flag(self, rhs: Self) -> (Self, bool) {
        flag(Decimal::checked_div(self, rhs))
    }
    #[inline]
    fn neg(self) -> Self {
        -self
    }
    #[inline]
    fn select(cond: bool, a: Self, b: Self) -> Self {
        if cond { a } else { b }
    }
}

/// A checked `Decimal` result as a value and a flag (zero when it failed; the flag makes it an error).
#[inline]
fn flag(x: Option<Decimal>) -> (Decimal, bool) {
    match x {
        Some(v) => (v, true),
        None => (Decimal::ZERO, false),
    }
}

/// `Decimal::MAX` as an `f64`: the largest magnitude either number type represents.
const F64_LIMIT: f64 = 7.922_816_251_426_434e28;

/// `x` when it is within the shared range (a NaN compares false, so it is rejected too).
#[inline]
fn finite(x: f64) -> Option<f64> {
    (x.abs() <= F64_LIMIT).then_some(x)
}

impl Number for f64 {
    const ZERO: Self = 0.0;
    const ONE: Self = 1.0;
    #[inline]
    fn from_u32(n: u32) -> Self {
        f64::from(n)
    }
    #[inline]
    fn checked_add(self, rhs: Self) -> Option<Self> {
        finite(self + rhs)
    }
    #[inline]
    fn checked_sub(self, rhs: Self) -> Option<Self> {
        finite(self - rhs)
    }
    #[inline]
    fn checked_mul(self, rhs: Self) -> Option<Self> {
        finite(self * rhs)
    }
    #[inline]
    fn checked_div(self, rhs: Self) -> Option<Self> {
        if rhs == 0.0 { None } else { finite(self / rhs) }
    }
    #[inline]
    fn checked_powi(self, n: u32) -> Option<Self> {
        // `powi` takes an `i32`; a larger whole exponent is exact as an `f64`, so `powf` takes it.
        match i32::try_from(n) {
            Ok(n) => finite(self.powi(n)),
            Err(_) => finite(self.powf(f64::from(n))),
        }
    }
    #[inline]
    fn checked_powf(self, exp: Self) -> Option<Self> {
        if self <= 0.0 { None } else { finite(self.powf(exp)) }
    }
    #[inline]
    fn checked_twelfth_root(self) -> Option<Self> {
        if self <= 0.0 { None } else { finite(self.powf(1.0 / 12.0)) }
    }
    #[inline]
    fn checked_geometric_tail(c: Self, d: Self, n: u32) -> Option<Self> {
        finite(-(f64::from(n) * ((-c).ln_1p() - d.ln_1p())).exp_m1())
    }
    #[inline]
    fn checked_twelfth_root_m1(self) -> Option<Self> {
        if self <= -1.0 { None } else { finite((self.ln_1p() / 12.0).exp_m1()) }
    }
    #[inline]
    fn is_finite(self) -> bool {
        // A float comparison (NaN compares false), which vectorises on SSE2, unlike the bit test of
        // `f64::is_finite` (a 64-bit integer compare SSE2 lacks).
        self.abs() <= f64::MAX
    }
    #[inline]
    fn to_f64(self) -> f64 {
        self
    }
    fn describe(self) -> String {
        let magnitude = self.abs();
        if self == 0.0 || !self.is_finite() || (1e-6..1e16).contains(&magnitude) {
            self.to_string()
        } else {
            format!("{self:e}")
        }
    }
    #[inline]
    fn in_range(self) -> bool {
        self.abs() <= F64_LIMIT
    }
    #[inline]
    fn add_flag(self, rhs: Self) -> (Self, bool) {
        let v = self + rhs;
        (v, v.in_range())
    }
    #[inline]
    fn sub_flag(self, rhs: Self) -> (Self, bool) {
        let v = self - rhs;
        (v, v.in_range())
    }
    #[inline]
    fn mul_flag(self, rhs: Self) -> (Self, bool) {
        let v = self * rhs;
        (v, v.in_range())
    }
    #[inline]
    fn div_flag(self, rhs: Self) -> (Self, bool) {
        let v = self / rhs;
        (v, (rhs != 0.0) & v.in_range())
    }
    #[inline]
    fn neg(self) -> Self {
        -self
    }
    #[inline]
    fn select(cond: bool, a: Self, b: Self) -> Self {
        if cond { a } else { b }
    }
}

/// Checked arithmetic that names the quantity being computed in its [`LtvError::Overflow`].
#[derive(Clone, Copy, Debug)]
pub(crate) struct Calc(pub(crate) &'static str);

impl Calc {
    #[cold]
    #[inline(never)]
    fn overflow(self) -> LtvError {
        LtvError::Overflow { field: self.0 }
    }
    #[inline]
    pub(crate) fn add<T: Number>(self, a: T, b: T) -> Result<T> {
        a.checked_add(b).ok_or_else(|| self.overflow())
    }
    #[inline]
    pub(crate) fn sub<T: Number>(self, a: T, b: T) -> Result<T> {
        a.checked_sub(b).ok_or_else(|| self.overflow())
    }
    #[inline]
    pub(crate) fn mul<T: Number>(self, a: T, b: T) -> Result<T> {
        a.checked_mul(b).ok_or_else(|| self.overflow())
    }
    /// Callers make sure `b` is not zero; a zero still comes back as an error, never a panic.
    #[inline]
    pub(crate) fn div<T: Number>(self, a: T, b: T) -> Result<T> {
        a.checked_div(b).ok_or_else(|| self.overflow())
    }
}

/// How a formula reacts to a failed check: the type parameter that lets one formula body serve both the exact
/// scalar API and the column engine.
///
/// - [`FirstError`] returns the first failed check's [`LtvError`] (`Error = LtvError`): the scalar API.
/// - [`Mask`] records that the row is bad and carries on (`Error = Infallible`), so after monomorphisation
///   every `?` on its results compiles to nothing and a loop over `f64` rows has no branch: LLVM vectorises
///   it. The column engine re-runs only the chunks with a bad row under [`FirstError`] to find the exact
///   error.
///
/// Checks combine their conditions with `&`, not `&&`, so that they become vector masks.
///
/// ```
/// use ltv_core::{Checks, FirstError, LtvError, Mask};
/// fn half_of_positive<C: Checks>(c: &mut C, x: f64) -> Result<f64, C::Error> {
///     c.require(x.is_finite() & (x > 0.0), || LtvError::NotFinite { field: "x", value: x.to_string() })?;
///     Ok(x / 2.0)
/// }
/// assert_eq!(half_of_positive(&mut FirstError, 3.0), Ok(1.5));
/// assert!(half_of_positive(&mut FirstError, f64::NAN).is_err());
/// let mut mask = Mask::default();
/// let Ok(_) = half_of_positive(&mut mask, -1.0);
/// assert!(mask.bad);
/// ```
pub trait Checks {
    /// [`LtvError`] for the exact policy, [`Infallible`](std::convert::Infallible) for lanes.
    type Error;
    /// Checks `ok`; `err` builds the error when it is `false` (never called by [`Mask`]).
    ///
    /// # Errors
    /// `err()` under [`FirstError`] when `ok` is `false`; never under [`Mask`].
    fn require(&mut self, ok: bool, err: impl FnOnce() -> LtvError) -> std::result::Result<(), Self::Error>;
}

/// The exact policy: the first failed check is the result ([`LtvError`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FirstError;

impl Checks for FirstError {
    type Error = LtvError;
    #[inline(always)]
    fn require(&mut self, ok: bool, err: impl FnOnce() -> LtvError) -> Result<()> {
        if ok { Ok(()) } else { Err(err()) }
    }
}

/// The lane policy: a failed check sets `bad` and the formula carries on (its value for the row is
/// meaningless and discarded).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Mask {
    /// Whether any check of the row failed.
    pub bad: bool,
}

impl Checks for Mask {
    type Error = std::convert::Infallible;
    #[inline(always)]
    fn require(&mut self, ok: bool, _err: impl FnOnce() -> LtvError) -> std::result::Result<(), Self::Error> {
        self.bad |= !ok;
        Ok(())
    }
}

/// A number with a flag saying whether every step that produced it stayed in range: formulas read as
/// arithmetic (`arpu * margin / churn`), and one [`Checks::require`] on [`Checked::ok`] turns an overflow
/// anywhere in the expression into [`LtvError::Overflow`]. On `f64` the flag is a comparison per step (no
/// branch); on `Decimal` each operator is the checked one (`Decimal`'s own operators panic on overflow).
///
/// ```
/// use ltv_core::{Checked, Decimal};
/// let v = Checked::new(Decimal::MAX) * Checked::new(Decimal::TWO);
/// assert!(!v.ok());
/// let v = Checked::new(500.0) * Checked::new(0.8) / Checked::new(0.03);
/// assert!(v.ok() && v.get() == 500.0 * 0.8 / 0.03);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Checked<T> {
    value: T,
    ok: bool,
}

impl<T: Number> Checked<T> {
    /// An in-range start value.
    #[inline(always)]
    #[must_use]
    pub fn new(value: T) -> Self {
        Self { value, ok: true }
    }
    /// The result of a checked operation: its value, or not in range for `None`.
    #[inline(always)]
    #[must_use]
    pub fn from_option(value: Option<T>) -> Self {
        match value {
            Some(value) => Self { value, ok: true },
            None => Self { value: T::ZERO, ok: false },
        }
    }
    /// The value (meaningless when not [`ok`](Self::ok)).
    #[inline(always)]
    #[must_use]
    pub fn get(self) -> T {
        self.value
    }
    /// Whether every step stayed in range.
    #[inline(always)]
    #[must_use]
    pub fn ok(self) -> bool {
        self.ok
    }
    /// `if cond { a } else { b }`, value and flag, without a branch on `f64`.
    #[inline(always)]
    #[must_use]
    pub fn select(cond: bool, a: Self, b: Self) -> Self {
        Self { value: T::select(cond, a.value, b.value), ok: (cond & a.ok) | (!cond & b.ok) }
    }
    /// `self^n` for a whole `n`.
    #[inline]
    #[must_use]
    pub fn powi(self, n: u32) -> Self {
        match self.value.checked_powi(n) {
            Some(v) => Self { value: v, ok: self.ok },
            None => Self { value: self.value, ok: false },
        }
    }
    /// `self^(1/12)` for a positive base (not in range for a base <= 0).
    #[inline]
    #[must_use]
    pub fn twelfth_root(self) -> Self {
        match self.value.checked_twelfth_root() {
            Some(v) => Self { value: v, ok: self.ok },
            None => Self { value: self.value, ok: false },
        }
    }
    /// `(1 + self)^(1/12) - 1` (see [`Number::checked_twelfth_root_m1`]); not in range for `self <= -1`.
    #[inline]
    #[must_use]
    pub fn twelfth_root_m1(self) -> Self {
        match self.value.checked_twelfth_root_m1() {
            Some(v) => Self { value: v, ok: self.ok },
            None => Self { value: self.value, ok: false },
        }
    }
    /// `self^exp` for a positive base.
    #[inline]
    #[must_use]
    pub fn powf(self, exp: Self) -> Self {
        match self.value.checked_powf(exp.value) {
            Some(v) => Self { value: v, ok: self.ok & exp.ok },
            None => Self { value: self.value, ok: false },
        }
    }
}

macro_rules! checked_op {
    ($trait:ident, $method:ident, $flag:ident) => {
        impl<T: Number> std::ops::$trait for Checked<T> {
            type Output = Self;
            // The `&` combines the in-range flags; the arithmetic is `$flag`'s.
            #[allow(clippy::suspicious_arithmetic_impl)]
            #[inline(always)]
            fn $method(self, rhs: Self) -> Self {
                let (value, ok) = self.value.$flag(rhs.value);
                Self { value, ok: self.ok & rhs.ok & ok }
            }
        }
        impl<T: Number> std::ops::$trait<T> for Checked<T> {
            type Output = Self;
            #[allow(clippy::suspicious_arithmetic_impl)]
            #[inline(always)]
            fn $method(self, rhs: T) -> Self {
                let (value, ok) = self.value.$flag(rhs);
                Self { value, ok: self.ok & ok }
            }
        }
    };
}

checked_op!(Add, add, add_flag);
checked_op!(Sub, sub, sub_flag);
checked_op!(Mul, mul, mul_flag);
checked_op!(Div, div, div_flag);

impl<T: Number> std::ops::Neg for Checked<T> {
    type Output = Self;
    #[inline(always)]
    fn neg(self) -> Self {
        Self { value: Number::neg(self.value), ok: self.ok }
    }
}

/// Requires `x.ok()` (else [`LtvError::Overflow`] naming `field`) and returns its value.
///
/// # Errors
/// [`LtvError::Overflow`] under [`FirstError`].
#[inline(always)]
pub(crate) fn in_range<T: Number, C: Checks>(
    c: &mut C,
    field: &'static str,
    x: Checked<T>,
) -> std::result::Result<T, C::Error> {
    c.require(x.ok(), || overflow(field))?;
    Ok(x.get())
}

#[cold]
#[inline(never)]
pub(crate) fn overflow(field: &'static str) -> LtvError {
    LtvError::Overflow { field }
}
