//! Shapley values over channel sets, the "simplified Shapley value" of Zhao, Mahboobi and Bagheri (2018).
//!
//! Zhao, K., Mahboobi, S. H. and Bagheri, S. R. (2018), "Shapley Value Methods for Attribution Modeling in
//! Online Advertising", arXiv:1804.05327 (the "simplified Shapley value"), after Dalessandro, Perlich, Stitelman and Provost (2012),
//! "Causally motivated attribution for online advertising", *Proceedings of the Sixth International Workshop
//! on Data Mining for Online Advertising (ADKDD)*. The players are the channels; the worth of a coalition
//! `S` is `v(S)` = the conversions (or value) of the journeys whose set of channels is **contained in** `S`
//! (order and repeats ignored). The Shapley value of channel `c` is
//! `phi_c = sum over S not containing c of |S|! (N - |S| - 1)! / N! x (v(S + c) - v(S))`.
//!
//! **Exact for any number of channels.** `v = sum over channel sets T of R(T) u_T`, where `R(T)` is the
//! conversions (value) of journeys whose channel set is exactly `T` and `u_T(S) = 1` when `T` is in `S`
//! (a unanimity game). The Shapley value is linear and gives `1 / |T|` of `u_T` to each member of `T`, so
//! `phi_c = sum over T containing c of R(T) / |T|` (Zhao et al.'s simplified formula): each
//! journey's conversion and value split equally over its **distinct** channels. That is what this model
//! computes, in one pass and without the `2^N` coalitions, so no channel cap and no sampled approximation
//! are needed; the tests check it against the coalition sum enumerated in full (up to 10 channels) and
//! against the generator script `tests/vectors/attribution/generate.py`, which enumerates with exact
//! fractions.

//!
//! Three channels worked by hand (also `tests/vectors/attribution`): journeys `ads > email > direct` worth
//! 100, `ads > direct` 50, `email` 30 and `direct` 20 give `R({a,d,e}) = 100`, `R({a,d}) = 50`,
//! `R({e}) = 30`, `R({d}) = 20`, so `phi_ads = 100/3 + 50/2 = 58.33`, `phi_direct = 100/3 + 25 + 20 = 78.33`,
//! `phi_email = 100/3 + 30 = 63.33` (each journey to the cent: 58.34, 78.33, 63.33; the spare cent of the
//! first journey goes to `ads`, first in the round-robin of journey 0):
//!
//! ```
//! use ltv_core::attribution::{attribute, AttributionModel, AttributionOptions, Journeys, Outcome, Touchpoint};
//! use ltv_core::Decimal;
//! let tp = |journey, day: f64, channel| Touchpoint { journey, time_days: day, channel, cost: None };
//! let won = |journey, v| Outcome { journey, converted: true, value: Decimal::new(v, 0), conversion_time_days: None };
//! let data = Journeys::new(
//!     &["ads", "direct", "email"],
//!     &["j1", "j2", "j3", "j5"],
//!     &[tp(0, 0.0, 0), tp(0, 7.0, 2), tp(0, 14.0, 1), tp(1, 0.0, 0), tp(1, 7.0, 1), tp(2, 0.0, 2), tp(3, 0.0, 1)],
//!     &[won(0, 100), won(1, 50), won(2, 30), won(3, 20)],
//!     &[],
//!     2,
//! )?;
//! let r = attribute(&data, &[AttributionModel::Shapley], &AttributionOptions::default())?;
//! let v: Vec<String> = r.channels.iter().map(|c| c.value[0].to_string()).collect();
//! assert_eq!(v, ["58.34", "78.33", "63.33"]);
//! # Ok::<(), ltv_core::RowError>(())
//! ```

/// The weight of each distinct channel of a journey: 1 each, written into `out`.
pub(crate) fn weights(distinct: usize, out: &mut Vec<u64>) {
    out.clear();
    out.resize(distinct, 1);
}
