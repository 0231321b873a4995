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

/// The weight of each distinct channel of a journey: 1 each.
pub(crate) fn weights(distinct: usize) -> Vec<u64> {
    vec![1; distinct]
}
