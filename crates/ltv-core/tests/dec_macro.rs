//! `dec!` against `rust_decimal`'s own parsing and display: every `Decimal` written out reads back through the
//! macro's parser with the same value and the same scale, and what `dec!` accepts, `Decimal::from_str_exact`
//! (or `from_scientific`) agrees with.

use ltv_core::__private::decimal_from_literal;
use ltv_core::{Decimal, dec};
use proptest::prelude::*;

#[test]
fn literals_keep_their_scale() {
    assert_eq!(dec!(0.80).scale(), 2);
    assert_eq!(dec!(500).scale(), 0);
    assert_eq!(dec!(1_000_000.000).to_string(), "1000000.000");
    assert_eq!(dec!(2.5e3).to_string(), "2500");
    assert_eq!(dec!(25e-1).to_string(), "2.5");
    assert_eq!(dec!("-0.03"), Decimal::new(-3, 2));
    assert_eq!(dec!(-79228162514264337593543950335), Decimal::MIN);
    const RATE: Decimal = dec!(0.0075);
    assert_eq!(RATE, Decimal::new(75, 4));
}

proptest! {
    #[test]
    fn display_round_trips(lo: u32, mid: u32, hi: u32, negative: bool, scale in 0u32..=28) {
        let d = Decimal::from_parts(lo, mid, hi, negative, scale);
        let text = d.to_string();
        let parsed = decimal_from_literal(&text);
        prop_assert_eq!(parsed, Some(d));
        prop_assert_eq!(parsed.map(|p| (p.scale(), p.to_string())), Some((d.scale(), text.clone())));
        // The same inside quotes (the string-literal form).
        prop_assert_eq!(decimal_from_literal(&format!("\"{text}\"")), Some(d));
    }

    #[test]
    fn exponents_agree_with_rust_decimal(mantissa in -1_000_000_000i64..1_000_000_000, exponent in -20i32..=12) {
        let text = format!("{mantissa}e{exponent}");
        let ours = decimal_from_literal(&text);
        let theirs = Decimal::from_scientific(&text).ok();
        prop_assert_eq!(ours, theirs, "{}", text);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "[-+0-9._eE\" ]{0,40}") {
        if let Some(d) = decimal_from_literal(&text) {
            // Whatever is accepted is what rust_decimal reads from the same digits.
            let plain: String = text.chars().filter(|&c| c != '_' && c != '"' && c != ' ').collect();
            let expected = plain.parse::<Decimal>().ok().or_else(|| Decimal::from_scientific(&plain).ok());
            prop_assert_eq!(Some(d), expected, "{}", text);
        }
    }
}
