//! Every serde type of ltv-core (feature `serde`), on `Decimal` and `f64` where generic, deserialized from
//! arbitrary bytes as JSON; a value that parses must serialize, and read back equal to itself.
//!
//! Checks: no panic; the round trip `to_string -> from_str` succeeds and gives an equal value (and the
//! same JSON again).
#![no_main]

use libfuzzer_sys::fuzz_target;
use ltv_core::{
    CacPayback, Churn, ChurnBasis, Days, Decimal, DiscountRate, Fraction, HealthBand, HealthBands, LeadRules,
    LtvCacRatio, Money, Months, MrrMovements, PaymentTiming, Period, Ratio,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

fn roundtrip<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(data: &[u8]) {
    let Ok(value) = serde_json::from_slice::<T>(data) else { return };
    let json = serde_json::to_string(&value).expect("a deserialized value serializes");
    let back: T = serde_json::from_str(&json)
        .unwrap_or_else(|e| panic!("{}: {json} does not read back: {e}", std::any::type_name::<T>()));
    assert_eq!(back, value, "{}: {json} reads back as another value", std::any::type_name::<T>());
    let again = serde_json::to_string(&back).expect("serializes");
    assert_eq!(again, json, "{}: serialization is not stable", std::any::type_name::<T>());
}

macro_rules! both {
    ($data:expr, $($ty:ident),*) => {{
        $(
            roundtrip::<$ty<Decimal>>($data);
            roundtrip::<$ty<f64>>($data);
        )*
    }};
}

fuzz_target!(|data: &[u8]| {
    // The first byte picks the type (so each input exercises one deserializer deeply); the rest is the JSON.
    let Some((&pick, json)) = data.split_first() else { return };
    match pick % 12 {
        0 => both!(json, Money),
        1 => both!(json, Fraction),
        2 => both!(json, Ratio, Months, Days),
        3 => both!(json, Churn),
        4 => both!(json, DiscountRate),
        5 => {
            roundtrip::<Period>(json);
            roundtrip::<ChurnBasis>(json);
            roundtrip::<PaymentTiming>(json);
            roundtrip::<HealthBand>(json);
        }
        6 => both!(json, HealthBands),
        7 => both!(json, LtvCacRatio),
        8 => both!(json, CacPayback),
        9 => both!(json, LeadRules),
        10 => both!(json, MrrMovements),
        _ => {
            // Any of them, on the whole input.
            both!(data, Money, Fraction, Churn, DiscountRate, HealthBands, LeadRules, MrrMovements);
        }
    }
});
