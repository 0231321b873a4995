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
    /// `false` for NaN and infinities (never for `Decimal`).
    fn is_finite(self) -> bool;
    /// The nearest `f64`.
    fn to_f64(self) -> f64;
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
    fn is_finite(self) -> bool {
        true
    }
    #[inline]
    fn to_f64(self) -> f64 {
        rust_decimal::prelude::ToPrimitive::to_f64(&self).unwrap_or(f64::NAN)
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
    fn is_finite(self) -> bool {
        f64::is_finite(self)
    }
    #[inline]
    fn to_f64(self) -> f64 {
        self
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
    #[inline]
    pub(crate) fn powi<T: Number>(self, a: T, n: u32) -> Result<T> {
        a.checked_powi(n).ok_or_else(|| self.overflow())
    }
    #[inline]
    pub(crate) fn powf<T: Number>(self, a: T, e: T) -> Result<T> {
        a.checked_powf(e).ok_or_else(|| self.overflow())
    }
    /// Callers make sure `a > 0`.
    #[inline]
    pub(crate) fn twelfth_root<T: Number>(self, a: T) -> Result<T> {
        a.checked_twelfth_root().ok_or_else(|| self.overflow())
    }
}
