//! Customer value from a purchase model: discounted expected purchases over a horizon in months times an
//! expected spend per purchase (and a margin).
//!
//! `value = sum_{i=1}^{H} (E[Y(i m) | history] - E[Y((i - 1) m) | history]) * spend * margin / (1 + d)^i`,
//! with `m` the length of a month in the data's time unit ([`TimeUnit`], [`ValueConvention`]), `d` the
//! monthly discount rate (an annual rate is converted by compounding, `(1 + d_year)^(1/12) - 1`, ltv-core's
//! `annual_to_monthly_rate`), and `spend` typically the Gamma-Gamma conditional expected spend
//! ([`GammaGammaModel::conditional_expected_spend`](crate::GammaGammaModel::conditional_expected_spend)).
//! Each month's purchases are discounted at the month's end.
//!
//! **lifetimes' `customer_lifetime_value(model, frequency, recency, T, monetary_value, time=12,
//! discount_rate=0.01, freq="D")`** computes the same sum with `margin = 1`, a monthly `discount_rate`, and
//! its own month lengths: 30 days (`freq="D"`), 4.345 weeks (`"W"`), 1 month (`"M"`), 720 hours (`"H"`),
//! where ours ([`ValueConvention::Calendar`]) are the calendar mean, 365.25 / 12 = 30.4375 days, 4.348 weeks,
//! 730.5 hours. [`ValueConvention::Lifetimes`] uses lifetimes' month lengths, so with `margin = 1` and a
//! monthly rate a migrating user gets lifetimes' number.
//!
//! **pymc-marketing's `clv.customer_lifetime_value(transaction_model, data, future_t=12, discount_rate=0.0,
//! time_unit="D")`** (adapted from lifetimes, as its docstring says) is the same sum again: the same month
//! lengths (30 days, 4.345 weeks, 1 month, 720 hours), month `i`'s purchases discounted by
//! `(1 + discount_rate)^i` with a monthly rate, and the spend per purchase taken as given (its `future_spend`
//! column, typically a Gamma-Gamma expected spend: our `spend`) with no margin. It differs only in its
//! defaults (no discounting, daily data) and, without discounting, in summing one step from 0 to the horizon,
//! which telescopes to the same number. So [`ValueConvention::PymcMarketing`] is an alias of
//! [`ValueConvention::Lifetimes`] (a test checks that the numbers are identical); pass
//! `discount_rate = 0.0` and [`TimeUnit::Day`] for pymc-marketing's defaults.
//!
//! | convention | month (days / weeks / hours) | discounting | spend |
//! |---|---|---|---|
//! | [`Calendar`](ValueConvention::Calendar) (ours) | 30.4375 / 4.348 / 730.5 | `(1 + d)^i`, month-end | given, x margin |
//! | [`Lifetimes`](ValueConvention::Lifetimes) | 30 / 4.345 / 720 | the same | given (lifetimes: Gamma-Gamma), margin 1 |
//! | [`PymcMarketing`](ValueConvention::PymcMarketing) | 30 / 4.345 / 720 | the same | given (`future_spend`), margin 1 |
//!
//! **Continuous discounting** ([`RatePeriod::Continuous`]): `value = spend * margin * ∫_0^{H m} e^(-d t / m)
//! dE[Y(t) | history]` with `d` a continuously compounded rate per month, by quadrature, for every model; over
//! a long horizon it is the discounted expected residual transactions (Fader, Hardie & Lee 2005, "RFM and
//! CLV", eq. (1); `discounted_expected_residual_transactions` of each model, at `d / m` per time unit) times
//! the spend and margin.

use crate::data::TimeUnit;
use rayon::prelude::*;

use super::PurchaseModel;
use super::data::FastMap;
use crate::error::ModelError;
use crate::merge::key_bits;

/// Distinct histories per chunk of [`customer_value`]'s parallel loop.
const VALUE_CHUNK: usize = 1024;

/// The longest horizon of a customer value, in months: 1200 (100 years), checked before any loop.
pub const MAX_VALUE_MONTHS: u32 = 1200;

/// How long a month is in the data's time unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum ValueConvention {
    /// The calendar mean: 365.25 / 12 days (30.4375 days, 4.348 weeks, 730.5 hours).
    #[default]
    Calendar,
    /// lifetimes' `customer_lifetime_value`: 30 days, 4.345 weeks, 720 hours.
    Lifetimes,
    /// pymc-marketing's `clv.customer_lifetime_value`: identical to [`Self::Lifetimes`] (the same month
    /// lengths and discounting; see the module docs).
    PymcMarketing,
}

/// Whether a discount rate is per month or per year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum RatePeriod {
    /// Per month.
    #[default]
    Monthly,
    /// Per year, converted to monthly by compounding.
    Annual,
    /// A continuously compounded rate per month, `d`: a purchase `s` months ahead is worth `e^(-d s)`
    /// (continuous discounting; with the longest horizon and `d` well above `1 / 1200`, the customer's
    /// discounted expected residual transactions, FHL 2005 "RFM and CLV" eq. (1), times the spend).
    Continuous,
}

/// The options of [`customer_value`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ValueOptions {
    /// Months valued, `1..=MAX_VALUE_MONTHS` (default 12).
    pub horizon_months: u32,
    /// The data's time unit (default weeks, as CDNOW's).
    pub time_unit: TimeUnit,
    /// The discount rate, `>= 0` (default 0.01 a month, lifetimes' default).
    pub discount_rate: f64,
    /// Whether `discount_rate` is monthly or annual (default monthly).
    pub rate_period: RatePeriod,
    /// The margin multiplying the spend, finite and `>= 0` (default 1: value = revenue).
    pub margin: f64,
    /// The month length (default [`ValueConvention::Calendar`]).
    pub convention: ValueConvention,
}

impl Default for ValueOptions {
    fn default() -> Self {
        Self {
            horizon_months: 12,
            time_unit: TimeUnit::Week,
            discount_rate: 0.01,
            rate_period: RatePeriod::Monthly,
            margin: 1.0,
            convention: ValueConvention::Calendar,
        }
    }
}

impl ValueOptions {
    /// The length of a month in the data's time unit.
    #[must_use]
    pub fn month_length(&self) -> f64 {
        let days = match self.convention {
            ValueConvention::Calendar => 365.25 / 12.0,
            ValueConvention::Lifetimes | ValueConvention::PymcMarketing => 30.0,
        };
        match (self.time_unit, self.convention) {
            (TimeUnit::Day, _) => days,
            (TimeUnit::Week, ValueConvention::Calendar) => days / 7.0,
            (TimeUnit::Week, ValueConvention::Lifetimes | ValueConvention::PymcMarketing) => 4.345,
            (TimeUnit::Month, _) => 1.0,
            (TimeUnit::Hour, _) => days * 24.0,
        }
    }

    /// The monthly discount rate.
    fn monthly_rate(&self) -> Result<f64, ModelError> {
        let d = self.discount_rate;
        if !(d.is_finite() && (0.0..=10.0).contains(&d)) {
            return Err(ModelError::InvalidParameter {
                field: "discount_rate",
                value: d,
                allowed: "a finite discount rate in [0, 10]",
            });
        }
        match self.rate_period {
            RatePeriod::Monthly | RatePeriod::Continuous => Ok(d),
            RatePeriod::Annual => ltv_core::annual_to_monthly_rate(d, "discount_rate").map_err(|_| {
                ModelError::InvalidParameter { field: "discount_rate", value: d, allowed: "an annual rate > -1" }
            }),
        }
    }

    fn validate(&self) -> Result<f64, ModelError> {
        if !(1..=MAX_VALUE_MONTHS).contains(&self.horizon_months) {
            return Err(ModelError::InvalidPeriod {
                field: "horizon_months",
                value: self.horizon_months,
                allowed: "a horizon of 1..=1200 months",
            });
        }
        if !(self.margin.is_finite() && self.margin >= 0.0) {
            return Err(ModelError::InvalidParameter {
                field: "margin",
                value: self.margin,
                allowed: "a finite margin >= 0",
            });
        }
        self.monthly_rate()
    }
}

/// One customer's value (see the module docs).
///
/// # Errors
/// As for [`customer_value`].
pub fn customer_value_one<M: PurchaseModel>(
    model: &M,
    frequency: f64,
    recency: f64,
    age: f64,
    spend: f64,
    options: &ValueOptions,
) -> Result<f64, ModelError> {
    let d = options.validate()?;
    one(model, frequency, recency, age, spend, options, d)
}

fn one<M: PurchaseModel>(
    model: &M,
    frequency: f64,
    recency: f64,
    age: f64,
    spend: f64,
    options: &ValueOptions,
    d: f64,
) -> Result<f64, ModelError> {
    check_spend(spend)?;
    let purchases = if factors(model) {
        let alive = model.probability_alive(frequency, recency, age)?;
        if alive == 0.0 { 0.0 } else { alive * discounted_if_alive(model, frequency, age, options, d)? }
    } else {
        discounted(|t| model.conditional_expected_purchases(t, frequency, recency, age), options, d)?
    };
    finite_value(purchases, spend, options.margin)
}

/// Whether the model's conditional expectation is `P(alive)` times a function of `(x, T)`
/// ([`PurchaseModel::expected_purchases_if_alive`]).
fn factors<M: PurchaseModel>(model: &M) -> bool {
    model.expected_purchases_if_alive(0.0, 0.0, 0.0).is_some()
}

/// The discounted purchases of a customer with `(x, T)` who is alive now (for a model that [`factors`]).
fn discounted_if_alive<M: PurchaseModel>(
    model: &M,
    frequency: f64,
    age: f64,
    options: &ValueOptions,
    d: f64,
) -> Result<f64, ModelError> {
    let not_factored = |t: f64| ModelError::NotComputable {
        quantity: "customer_value",
        field: "t",
        value: t,
        reason: "the model's expectation depends on the recency",
    };
    if options.rate_period == RatePeriod::Continuous {
        let expected = |t: f64| model.expected_purchases_if_alive(t, frequency, age).unwrap_or(Err(not_factored(t)));
        return continuous(expected, options, d);
    }
    // Every monthly horizon in one call (a model may share work across them), then discounted in order.
    let month = options.month_length();
    let horizons: Vec<f64> = (1..=options.horizon_months).map(|i| f64::from(i) * month).collect();
    let curve =
        model.expected_purchases_if_alive_curve(&horizons, frequency, age).ok_or_else(|| not_factored(month))?;
    discount_monthly(curve, d)
}

/// `purchases * spend * margin`, or an error naming the larger of `spend` and `margin` when the product
/// overflows f64 (each is finite, but `1e300 x 1e10` is not).
fn finite_value(purchases: f64, spend: f64, margin: f64) -> Result<f64, ModelError> {
    let value = purchases * spend * margin;
    if value.is_finite() {
        return Ok(value);
    }
    let (field, got) = if spend >= margin { ("spend", spend) } else { ("margin", margin) };
    Err(ModelError::InvalidData {
        field: field.to_owned(),
        row: None,
        reason: format!(
            "got {}: the customer value (expected purchases x spend x margin) exceeds the f64 range; rescale \
             spend or margin (e.g. to thousands)",
            crate::Shown(got)
        ),
    })
}

fn check_spend(spend: f64) -> Result<(), ModelError> {
    if spend.is_finite() && spend >= 0.0 {
        Ok(())
    } else {
        Err(ModelError::InvalidData {
            field: "spend".to_owned(),
            row: None,
            reason: format!("got {}, expected a finite expected spend per purchase >= 0", crate::Shown(spend)),
        })
    }
}

/// `sum_{i=1}^{H} (E(i m) - E((i - 1) m)) / (1 + d)^i` of an expected-purchases curve `E(t)` (one
/// customer's `E[Y(t) | history]`, or `E[Y(t) | alive, x, T]`); [`RatePeriod::Continuous`]: [`continuous`].
fn discounted(
    expected: impl Fn(f64) -> Result<f64, ModelError>,
    options: &ValueOptions,
    d: f64,
) -> Result<f64, ModelError> {
    if options.rate_period == RatePeriod::Continuous {
        return continuous(expected, options, d);
    }
    let month = options.month_length();
    discount_monthly((1..=options.horizon_months).map(|i| expected(f64::from(i) * month)), d)
}

/// `sum_i (E_i - E_{i-1}) / (1 + d)^i` of the expected purchases `E_i` at the end of months `1, 2, ...`
/// (`E_0 = 0`); the first error in month order is returned.
fn discount_monthly(expected: impl IntoIterator<Item = Result<f64, ModelError>>, d: f64) -> Result<f64, ModelError> {
    let v = 1.0 / (1.0 + d);
    let (mut previous, mut factor, mut total) = (0.0, 1.0, 0.0);
    for e in expected {
        let e = e?;
        factor *= v;
        total += (e - previous).max(0.0) * factor;
        previous = e;
    }
    Ok(total)
}

/// `∫_0^{H m} e^(-d t / m) dE(t)` of an expected-purchases curve: continuous discounting at `d` per month over
/// `H` months of `m` time units. By parts and with `u = d t / m`, `e^(-U) E(U m / d) + ∫_0^U e^(-u) E(u m / d)
/// du`, `U = d H`, the integral by adaptive Gauss–Kronrod quadrature to a relative error estimate of `1e-11`
/// (`special::quadrature`); `d = 0` is `E(H m)`.
fn continuous(
    expected: impl Fn(f64) -> Result<f64, ModelError>,
    options: &ValueOptions,
    d: f64,
) -> Result<f64, ModelError> {
    let month = options.month_length();
    let horizon = f64::from(options.horizon_months) * month;
    let at_end = expected(horizon)?;
    if d == 0.0 || at_end == 0.0 {
        return Ok(at_end);
    }
    let upper = d * f64::from(options.horizon_months);
    let failed = std::cell::Cell::new(None);
    let integrand = |u: f64| match expected((u * month / d).min(horizon)) {
        Ok(e) => (-u).exp() * e,
        Err(e) => {
            failed.set(Some(e));
            f64::NAN
        }
    };
    let integral = crate::special::quadrature::integrate(integrand, 0.0, upper, 1e-11);
    if let Some(e) = failed.take() {
        return Err(e);
    }
    let integral = integral.map_err(|_| ModelError::NotComputable {
        quantity: "customer_value",
        field: "discount_rate",
        value: d,
        reason: "the quadrature of the continuously discounted purchases did not converge",
    })?;
    Ok((-upper).exp() * at_end + integral)
}

/// `f(k)` for every `k < n`, in parallel chunks when `n >= 2000`, each chunk stopping at its first error
/// (a horizon far beyond the model's time scale makes every series give up after MAX_SERIES_TERMS terms: no
/// chunk sums more than one such series); the first chunk's error.
fn in_chunks(n: usize, f: impl Fn(usize) -> Result<f64, ModelError> + Sync) -> Result<Vec<f64>, ModelError> {
    let mut out = vec![0.0; n];
    let fill = |(c, chunk): (usize, &mut [f64])| -> Result<(), ModelError> {
        for (j, slot) in chunk.iter_mut().enumerate() {
            *slot = f(c * VALUE_CHUNK + j)?;
        }
        Ok(())
    };
    let errors: Vec<Result<(), ModelError>> = if n >= 2_000 {
        out.par_chunks_mut(VALUE_CHUNK).enumerate().map(fill).collect()
    } else {
        out.chunks_mut(VALUE_CHUNK).enumerate().map(fill).collect()
    };
    errors.into_iter().collect::<Result<(), ModelError>>()?;
    Ok(out)
}

/// For each row, the index of its `(x, T)` among the distinct pairs of the live rows (`usize::MAX` for a
/// row with `alive == 0`), and the first row of each distinct pair, in order of first appearance. Chunks of
/// rows find their own distinct pairs in parallel; these are merged in chunk order and each chunk's indexes
/// remapped. A pair's first appearance is in the first chunk that has it, so the order (and every index)
/// is the serial one whatever the number of chunks.
fn live_pairs(frequency: &[f64], age: &[f64], alive: &[f64]) -> (Vec<usize>, Vec<usize>) {
    let n = alive.len();
    let key = |i: usize| (key_bits(frequency[i]), key_bits(age[i]));
    let chunk = n.div_ceil(rayon::current_num_threads().max(1)).max(1 << 14);
    let starts: Vec<usize> = (0..n).step_by(chunk).collect();
    let local: Vec<(Vec<usize>, Vec<usize>)> = starts
        .par_iter()
        .map(|&start| {
            let mut index: FastMap<(u64, u64), usize> = FastMap::default();
            let (mut slot, mut first) = (Vec::with_capacity(chunk), Vec::new());
            let end = (start + chunk).min(n);
            for (i, &a) in (start..end).zip(&alive[start..end]) {
                if a == 0.0 {
                    slot.push(usize::MAX);
                    continue;
                }
                let next = first.len();
                let k = *index.entry(key(i)).or_insert(next);
                if k == next {
                    first.push(i);
                }
                slot.push(k);
            }
            (slot, first)
        })
        .collect();
    let mut index: FastMap<(u64, u64), usize> = FastMap::default();
    let mut pairs: Vec<usize> = Vec::new();
    let remaps: Vec<Vec<usize>> = local
        .iter()
        .map(|(_, first)| {
            first
                .iter()
                .map(|&i| {
                    let next = pairs.len();
                    let k = *index.entry(key(i)).or_insert(next);
                    if k == next {
                        pairs.push(i);
                    }
                    k
                })
                .collect()
        })
        .collect();
    let slots = local
        .par_iter()
        .zip(&remaps)
        .flat_map_iter(|((slot, _), remap)| slot.iter().map(move |&s| if s == usize::MAX { s } else { remap[s] }))
        .collect();
    (slots, pairs)
}

/// `P(alive)` of every customer times `if_alive(x, T)`, a quantity of a customer alive now that depends on
/// `(x, T)` only (a model that [`factors`]: the discounted purchases of [`customer_value`], the DERT):
/// `P(alive)` per customer and `if_alive` once per distinct `(x, T)` of the customers alive with positive
/// probability (cohorts share `T`, and many customers share `x`), both in parallel. Each row's value is
/// `alive * if_alive(x, T)`, as the one-customer methods compute it; an error names the first row at fault.
pub(crate) fn alive_times<M: PurchaseModel + Sync>(
    model: &M,
    frequency: &[f64],
    recency: &[f64],
    age: &[f64],
    if_alive: impl Fn(f64, f64) -> Result<f64, ModelError> + Sync,
) -> Result<Vec<f64>, ModelError> {
    let n = frequency.len();
    check_history_lengths(n, recency, age)?;
    let alive =
        in_chunks(n, |i| model.probability_alive(frequency[i], recency[i], age[i]).map_err(|e| with_row(i, e)))?;
    let (slot, pairs) = live_pairs(frequency, age, &alive);
    let per_pair = in_chunks(pairs.len(), |k| {
        let i = pairs[k];
        if_alive(frequency[i], age[i]).map_err(|e| with_row(i, e))
    })?;
    Ok((0..n).map(|i| if slot[i] == usize::MAX { 0.0 } else { alive[i] * per_pair[slot[i]] }).collect())
}

/// Checks that `recency` and `age` have the `n` rows of `frequency`.
fn check_history_lengths(n: usize, recency: &[f64], age: &[f64]) -> Result<(), ModelError> {
    for (field, len) in [("recency", recency.len()), ("age", age.len())] {
        if len != n {
            return Err(ModelError::LengthMismatch {
                field: field.to_owned(),
                reference: "frequency".to_owned(),
                expected: n,
                found: len,
            });
        }
    }
    Ok(())
}

/// `e` with row `i` attached where it is a bad value without a row of its own.
fn with_row(i: usize, e: ModelError) -> ModelError {
    match e {
        ModelError::InvalidData { field, row: None, reason } => ModelError::InvalidData { field, row: Some(i), reason },
        other => other,
    }
}

/// The index of each row's key among the distinct keys, and the first row of each distinct key.
fn distinct_keys<K: std::hash::Hash + Eq>(keys: impl Iterator<Item = K>) -> (Vec<usize>, Vec<usize>) {
    let mut index: FastMap<K, usize> = FastMap::default();
    let (mut slot, mut first) = (Vec::new(), Vec::new());
    for (i, key) in keys.enumerate() {
        let next = first.len();
        let k = *index.entry(key).or_insert(next);
        if k == next {
            first.push(i);
        }
        slot.push(k);
    }
    (slot, first)
}

/// Each customer's value: the discounted expected purchases in each month of the horizon times
/// `spend[i]` times the margin (see the module docs). `spend` has one value per customer, or one for all.
///
/// # Errors
/// [`ModelError::InvalidPeriod`] for `horizon_months` outside `1..=1200`; [`ModelError::InvalidParameter`]
/// for a bad discount rate or margin; [`ModelError::LengthMismatch`] for columns of different lengths;
/// [`ModelError::InvalidData`] naming the column and row of a bad history or spend; the model's errors.
pub fn customer_value<M: PurchaseModel + Sync>(
    model: &M,
    frequency: &[f64],
    recency: &[f64],
    age: &[f64],
    spend: &[f64],
    options: &ValueOptions,
) -> Result<Vec<f64>, ModelError> {
    let d = options.validate()?;
    let n = frequency.len();
    check_history_lengths(n, recency, age)?;
    if spend.len() != n && spend.len() != 1 {
        return Err(ModelError::LengthMismatch {
            field: "spend".to_owned(),
            reference: "frequency".to_owned(),
            expected: n,
            found: spend.len(),
        });
    }
    // The value is linear in the spend. Where the model factors, P(alive) per customer (cheap: a closed
    // form) and the discounted purchases of a live customer once per distinct (x, T): cohorts share T, so
    // far fewer series are summed. Otherwise the discounted purchases once per distinct history (customers
    // sharing (x, t_x, T) share them). Then times each customer's spend and the margin.
    let purchases: Vec<f64> = if factors(model) {
        alive_times(model, frequency, recency, age, |x, t| discounted_if_alive(model, x, t, options, d))?
    } else {
        let (slot, distinct) =
            distinct_keys((0..n).map(|i| (frequency[i].to_bits(), recency[i].to_bits(), age[i].to_bits())));
        let per_history = in_chunks(distinct.len(), |k| {
            let i = distinct[k];
            discounted(|t| model.conditional_expected_purchases(t, frequency[i], recency[i], age[i]), options, d)
                .map_err(|e| with_row(i, e))
        })?;
        slot.iter().map(|&k| per_history[k]).collect()
    };
    in_chunks(n, |i| {
        let s = if spend.len() == 1 { spend[0] } else { spend[i] };
        check_spend(s).map_err(|e| with_row(i, e))?;
        finite_value(purchases[i], s, options.margin).map_err(|e| with_row(i, e))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `live_pairs` over several chunks (pairs shared across chunks, dead rows, -0) against the serial
    /// first-appearance count, on 1, 2 and 3 threads.
    #[test]
    fn live_pairs_index_the_pairs_in_order_of_first_appearance() -> Result<(), Box<dyn std::error::Error>> {
        let n = 100_003;
        let frequency: Vec<f64> = (0..n).map(|i| if i % 17 == 0 { -0.0 } else { (i % 17) as f64 }).collect();
        let age: Vec<f64> = (0..n).map(|i| 10.0 + ((i * 7919) % 1_000) as f64 * 0.01).collect();
        let alive: Vec<f64> = (0..n).map(|i| if i % 5 == 0 { 0.0 } else { 0.5 }).collect();
        let mut first: std::collections::BTreeMap<(u64, u64), usize> = std::collections::BTreeMap::new();
        let mut want_pairs = Vec::new();
        let want_slots: Vec<usize> = (0..n)
            .map(|i| {
                if alive[i] == 0.0 {
                    return usize::MAX;
                }
                let key = ((frequency[i] + 0.0).to_bits(), age[i].to_bits());
                *first.entry(key).or_insert_with(|| {
                    want_pairs.push(i);
                    want_pairs.len() - 1
                })
            })
            .collect();
        for threads in [1, 2, 3] {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build()?;
            let (slots, pairs) = pool.install(|| live_pairs(&frequency, &age, &alive));
            assert_eq!(pairs, want_pairs, "{threads} threads");
            assert_eq!(slots, want_slots, "{threads} threads");
        }
        Ok(())
    }
}
