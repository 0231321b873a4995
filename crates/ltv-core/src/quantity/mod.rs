//! Quantities: the validated inputs every formula takes.
//!
//! [`Money`] `>= 0`, [`Fraction`] in `[0, 1]`, [`Ratio`] `> 0`, [`Months`] and [`Days`] `>= 0`, [`Churn`]
//! with its [`Period`] and [`ChurnBasis`], and [`DiscountRate`]. Each is a newtype over a
//! [`Number`](crate::Number) checked on construction and on deserialization (the `quantity!` macro below
//! defines the simple ones); `validate` holds the range checks shared with the formulas.
//!
//! **Naming the field.** Errors name a default field (`money`, `churn`, `discount_rate`, ...) unless the
//! value was built by the `*_named` twin of its constructor, which takes the caller's field first and keeps
//! it for the formulas' own errors too: `new` -> `named` (every quantity), [`Churn::monthly`] /
//! [`Churn::annual`] -> [`Churn::monthly_named`] / [`Churn::annual_named`], [`DiscountRate::annual`] /
//! [`DiscountRate::monthly`] -> [`DiscountRate::annual_named`] / [`DiscountRate::monthly_named`].
//!
//! ```
//! use ltv_core::{Churn, Money, dec};
//!
//! let err = Money::named("arpu", dec!(-5)).unwrap_err();
//! assert_eq!(err.to_string(), "arpu = -5 is out of range: expected a value >= 0");
//! assert_eq!(Churn::monthly_named("monthly_churn", dec!(0.03))?.field(), "monthly_churn");
//! # Ok::<(), ltv_core::LtvError>(())
//! ```

mod churn;
pub(crate) mod discount;
mod duration;
mod fraction;
mod money;
mod ratio;
pub(crate) mod validate;

pub use churn::{Churn, ChurnBasis, Period};
pub use discount::{DiscountRate, annual_to_monthly_rate};
pub use duration::{Days, Months};
pub use fraction::Fraction;
pub use money::Money;
pub use ratio::Ratio;

/// Defines `pub struct $name<T = Decimal>(T)` validated by `$check` on construction and on deserialization.
macro_rules! quantity {
    ($(#[$doc:meta])* $name:ident, default_field = $field:literal, check = $check:path, check_with = $check_with:path) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name<T = rust_decimal::Decimal>(T);

        impl<T: $crate::Number> $name<T> {
            #[doc = concat!("Validates `value`; errors name the field `", $field, "`.")]
            ///
            /// # Errors
            /// [`LtvError::InvalidInput`](crate::LtvError::InvalidInput) when out of range,
            /// [`LtvError::NotFinite`](crate::LtvError::NotFinite) for a NaN or infinite `f64`.
            pub fn new(value: T) -> $crate::Result<Self> {
                Self::named($field, value)
            }

            /// Validates `value`; errors name `field` (use the name your caller knows, e.g. `"arpu"`): the
            /// `*_named` twin of [`Self::new`].
            ///
            /// # Errors
            /// As [`Self::new`].
            #[inline]
            pub fn named(field: &'static str, value: T) -> $crate::Result<Self> {
                $check(field, value).map(Self)
            }

            /// Validates `value` under any [`Checks`](crate::Checks) policy (the column engine's lanes).
            #[inline(always)]
            pub(crate) fn check<C: $crate::Checks>(
                c: &mut C,
                field: &'static str,
                value: T,
            ) -> std::result::Result<Self, C::Error> {
                $check_with(c, field, value).map(Self)
            }

            /// A value the crate knows to be valid (constants).
            #[allow(dead_code)]
            pub(crate) fn new_unchecked(value: T) -> Self {
                Self(value)
            }

            /// The validated value.
            #[must_use]
            #[inline]
            pub fn get(self) -> T {
                self.0
            }
        }

        impl TryFrom<rust_decimal::Decimal> for $name<rust_decimal::Decimal> {
            type Error = $crate::LtvError;
            fn try_from(value: rust_decimal::Decimal) -> $crate::Result<Self> {
                Self::new(value)
            }
        }

        impl From<$name<rust_decimal::Decimal>> for rust_decimal::Decimal {
            fn from(value: $name<rust_decimal::Decimal>) -> Self {
                value.0
            }
        }

        impl<T: std::fmt::Display> std::fmt::Display for $name<T> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        #[cfg(feature = "serde")]
        impl<T: serde::Serialize> serde::Serialize for $name<T> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                self.0.serialize(serializer)
            }
        }

        #[cfg(feature = "serde")]
        impl<'de, T: $crate::Number + serde::de::DeserializeOwned> serde::Deserialize<'de> for $name<T> {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = T::deserialize(deserializer)?;
                Self::new(value).map_err(serde::de::Error::custom)
            }
        }
    };
}

pub(crate) use quantity;

/// The option of `all` whose `name` is `s`, else [`LtvError::InvalidInput`](crate::LtvError::InvalidInput)
/// naming `field`, with the value quoted and `allowed` listing the strings.
pub(crate) fn parse_option<E: Copy>(
    field: &'static str,
    s: &str,
    all: &[E],
    name: fn(E) -> &'static str,
    allowed: &'static str,
) -> crate::Result<E> {
    all.iter().copied().find(|&e| name(e) == s).ok_or_else(|| crate::LtvError::InvalidInput {
        field,
        value: format!("'{s}'"),
        allowed,
        suggestion: None,
    })
}

/// `as_str`, `Display`, `FromStr` (errors name `$field` and list the strings) and, with the `serde` feature,
/// serialization as that string, for a formula option enum.
macro_rules! option_enum {
    ($name:ident, field = $field:literal, allowed = $allowed:literal, { $($variant:ident => $text:literal),+ $(,)? }) => {
        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The string form of the option, as the Python API and the serialized form spell it.
            #[must_use]
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $text,)+
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::LtvError;
            #[doc = concat!("The option spelled `s`; anything else is `LtvError::InvalidInput` naming `", $field, "` and listing ", $allowed, ".")]
            fn from_str(s: &str) -> $crate::Result<Self> {
                $crate::quantity::parse_option($field, s, Self::ALL, Self::as_str, $allowed)
            }
        }

        #[cfg(feature = "serde")]
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        #[cfg(feature = "serde")]
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

pub(crate) use option_enum;
