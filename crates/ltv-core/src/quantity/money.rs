//! Amounts of money.

use crate::quantity::quantity;
use crate::quantity::validate::{non_negative, non_negative_with};

quantity! {
    /// An amount of money (ARPU, CAC, a customer's LTV), `>= 0`, in whatever currency the caller uses.
    ///
    /// `Money<Decimal>` (the default) is exact to the cent and beyond; with the `serde` feature it is written
    /// as a JSON string so it round-trips exactly.
    ///
    /// ```
    /// use ltv_core::Money;
    /// use ltv_core::Decimal;
    /// let arpu = Money::new(Decimal::new(500, 0))?;
    /// assert_eq!(arpu.get(), Decimal::new(500, 0));
    /// assert!(Money::new(Decimal::new(-1, 0)).is_err());
    /// # Ok::<(), ltv_core::LtvError>(())
    /// ```
    Money, default_field = "money", check = non_negative, check_with = non_negative_with
}

impl<T: crate::Number> Money<T> {
    /// Zero.
    #[must_use]
    pub fn zero() -> Self {
        Self::new_unchecked(T::ZERO)
    }
}
