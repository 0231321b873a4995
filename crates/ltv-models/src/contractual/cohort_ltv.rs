//! Cohort LTV: the observed margin of a cohort to date plus an sBG projection of its tail.

use super::sbg::{MAX_PERIODS, SbgFit, SbgModel};
use crate::error::ModelError;

/// How the margin per active customer moves beyond the last observed age.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[non_exhaustive]
pub enum Growth {
    /// Flat: every projected period earns the margin per active customer of the last observed age (the
    /// default).
    #[default]
    None,
    /// The cohort's own expansion: the compound growth rate per period of revenue per active customer
    /// from age 0 to the last observed age `A`, `(rpa[A] / rpa[0])^(1 / A) - 1` with
    /// `rpa[a] = revenue[a] / active_customers[a]` (the gross margin cancels).
    Observed,
    /// A given growth rate per period, finite and `> -1`.
    Fixed(f64),
}

/// The options of [`cohort_ltv`]: margin, discounting, horizon, growth and (optionally) the model.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct CohortLtvOptions {
    /// The fraction of revenue kept as margin, in `[0, 1]` (1 for a revenue LTV).
    pub gross_margin: f64,
    /// The discount rate per period (the cohort's period: a month for monthly ages), finite and `>= 0`.
    pub discount_rate: f64,
    /// The total number of ages valued (ages `0..horizon`), or `None` for no limit.
    pub horizon: Option<u32>,
    /// How margin per active customer moves beyond the last observed age.
    pub growth: Growth,
    /// A given model (e.g. fitted on several cohorts with [`SbgFit::fit_cohorts`]); `None` fits this
    /// cohort alone.
    pub model: Option<SbgModel>,
}

impl CohortLtvOptions {
    /// Options with the given margin and discount rate per period, no horizon, no growth, and a model fitted
    /// on the cohort itself.
    #[must_use]
    pub fn new(gross_margin: f64, discount_rate: f64) -> Self {
        Self { gross_margin, discount_rate, horizon: None, growth: Growth::None, model: None }
    }

    /// Values ages `0..horizon` only.
    #[must_use]
    pub fn with_horizon(self, horizon: u32) -> Self {
        Self { horizon: Some(horizon), ..self }
    }

    /// Projects margin per active customer with this growth.
    #[must_use]
    pub fn with_growth(self, growth: Growth) -> Self {
        Self { growth, ..self }
    }

    /// Projects the tail with this model instead of fitting the cohort alone.
    #[must_use]
    pub fn with_model(self, model: SbgModel) -> Self {
        Self { model: Some(model), ..self }
    }
}

/// One age of a cohort LTV: observed, or projected by the model.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct CohortLtvAge {
    /// The age (0 = the period of acquisition).
    pub age: u32,
    /// Whether the age was observed (`false`: projected).
    pub observed: bool,
    /// Surviving customers: the observed count, or the expected count `surviving[A] S(age) / S(A)`.
    pub customers: f64,
    /// The cohort's margin in the period: `gross_margin * revenue[age]` observed, or the expected
    /// customers times the projected margin per active customer.
    pub margin: f64,
    /// `margin / (1 + d)^age`.
    pub discounted_margin: f64,
    /// The value per acquired customer accumulated up to and including this age.
    pub cumulative_value: f64,
}

/// The result of [`cohort_ltv`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct CohortLtv {
    /// The cohort size, `surviving_customers[0]`.
    pub cohort_size: u64,
    /// The number of observed ages (`A + 1`).
    pub ages_observed: u32,
    /// The discounted observed margin per acquired customer (ages `0..=A`, or `0..horizon` if shorter).
    pub observed_value: f64,
    /// The discounted projected margin per acquired customer (ages beyond `A`, up to the horizon).
    pub projected_value: f64,
    /// `observed_value + projected_value`: the cohort LTV per acquired customer.
    pub ltv_per_customer: f64,
    /// The model that projected the tail.
    pub model: SbgModel,
    /// The fit on this cohort alone, when no model was given.
    pub fit: Option<SbgFit>,
    /// The growth rate per period of margin per active customer used in the tail.
    pub growth_rate: f64,
    /// The margin per active customer at the last observed age, `gross_margin * revenue[A] / active[A]`.
    pub margin_per_active: f64,
    /// Every observed age, then projected ages: up to the horizon, or with no horizon as many projected
    /// ages as observed ones and at least 12 (the projected value always covers the whole tail).
    pub projection: Vec<CohortLtvAge>,
}

/// Projected ages shown in [`CohortLtv::projection`] with no horizon: at least this many.
const MIN_SHOWN_PROJECTED: u32 = 12;

/// The lifetime value per acquired customer of one cohort: its observed, discounted margin to date plus
/// the discounted margin the sBG model projects for its surviving customers.
///
/// Following Fader & Hardie (2010), a cohort is valued from its own survival curve rather than from one
/// constant churn rate: the sBG model ([`SbgModel`]) captures the retention that rises with tenure as the
/// customers who churn readily leave first. With `A` the last observed age, `n = surviving[0]` the
/// cohort size, `d` the discount rate and `g` the growth rate per period:
///
/// - observed value `= sum_{a=0}^{A} gross_margin * revenue[a] / (1 + d)^a / n`;
/// - projected value `= sum_{t>A} surviving[A] S(t) / S(A) * m_A (1 + g)^(t - A) / (1 + d)^t / n`, with
///   `m_A = gross_margin * revenue[A] / active[A]` the latest margin per active customer.
///
/// Payments are at the start of each period, age 0 undiscounted (the convention of
/// [`SbgModel::discounted_expected_lifetime`]). With no horizon the tail is summed in closed form: it is
/// `surviving[A] m_A (1 + d)^-A x DERL(d', A + 1) / n` with `x = (1 + g) / (1 + d)`, `d' = 1/x - 1` and DERL
/// of [`SbgModel::discounted_expected_residual_lifetime`]. It converges when `d > g` (or `d = g` and
/// `alpha > 1`); otherwise it is an error, never an infinity. Because expansion enters through the margin
/// per active customer and churn through the customer count, a cohort whose expansion outweighs its
/// churn (negative net revenue churn) still has a finite value.
///
/// Surviving customers (`surviving[a]`: acquired customers who have not churned for good by age `a`) are
/// the sBG's data; active customers (those who paid at age `a`) only give the margin per active customer.
/// With no model given, the sBG is fitted on `surviving` alone ([`SbgFit::fit`]).
///
/// Reference: P. S. Fader and B. G. S. Hardie (2010), "Customer-Base Valuation in a Contractual Setting:
/// The Perils of Ignoring Heterogeneity", *Marketing Science* 29(1), 85–93.
///
/// # The simple formula on the same data
/// The steady-state SaaS formula `ARPU x margin / churn` (`ltv_core::saas_ltv`) with the cohort's
/// latest monthly churn overstates a cohort with heavy early churn: its new customers do not churn at
/// the low rate of those who stayed. Here the latest churn is 5.3 %, so the simple formula gives 1,520
/// per customer, but 45 % of the cohort left in its first month and the cohort LTV (discounted at 1 % a
/// month) is 1,000 per acquired customer:
///
/// ```
/// use ltv_core::{saas_ltv, Churn, Fraction, Money};
/// use ltv_models::{cohort_ltv, CohortLtvOptions};
///
/// let surviving = [1000, 550, 400, 340, 305, 285, 270];
/// let active = surviving;
/// let revenue: Vec<f64> = surviving.iter().map(|&s| 100.0 * s as f64).collect(); // ARPU 100
/// let latest_churn = 1.0 - 270.0 / 285.0; // 5.3 %
/// let simple = saas_ltv(Money::new(100.0)?, Fraction::new(0.8)?, Churn::monthly(latest_churn)?)?;
/// assert_eq!(simple.round(), 1520.0);
///
/// let cohort = cohort_ltv(&surviving, &active, &revenue, &CohortLtvOptions::new(0.8, 0.01))?;
/// assert_eq!(cohort.observed_value.round(), 247.0); // six months of margin, to date
/// assert_eq!(cohort.projected_value.round(), 753.0); // the sBG tail
/// assert_eq!(cohort.ltv_per_customer.round(), 1000.0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// With negative net revenue churn (expansion outweighs churn, so the cohort's revenue grows) the simple
/// formula has no value at all, while the cohort LTV is finite:
///
/// ```
/// use ltv_core::{saas_ltv, Churn, ChurnBasis, Fraction, LtvError, Money, Period};
/// use ltv_models::{cohort_ltv, CohortLtvOptions, Growth};
///
/// let surviving = [1000, 800, 720, 680, 655, 640, 630];
/// let active = surviving;
/// let revenue = [100_000.0, 88_000.0, 87_120.0, 90_508.0, 95_888.0, 102_978.0, 111_519.0];
/// let net_churn = 1.0 - revenue[6] / revenue[5]; // -8.3 %: revenue grows
/// let churn = Churn::new(net_churn, Period::Monthly, ChurnBasis::NetRevenue)?;
/// let simple = saas_ltv(Money::new(100.0)?, Fraction::new(0.8)?, churn);
/// assert!(matches!(simple, Err(LtvError::NegativeNetChurn { .. })));
///
/// let options = CohortLtvOptions::new(0.8, 0.01);
/// let flat = cohort_ltv(&surviving, &active, &revenue, &options)?;
/// assert_eq!(flat.ltv_per_customer.round(), 6541.0);
/// // Expansion at the observed ~10 %/month exceeds the discount rate: it needs a horizon.
/// let grown = cohort_ltv(&surviving, &active, &revenue, &options.with_growth(Growth::Observed).with_horizon(36))?;
/// assert_eq!(grown.ltv_per_customer.round(), 9667.0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// - [`ModelError::LengthMismatch`] when `active_customers` or `revenue` is not as long as
///   `surviving_customers`;
/// - [`ModelError::InvalidData`] naming the column and row for no ages (fewer than 2 when no model is
///   given: a cohort observed at age 0 only can be valued with a given model), an empty cohort,
///   surviving counts that grow, a negative or non-finite revenue, or no active customers at the last
///   observed age while some survive (and, for [`Growth::Observed`], no revenue at age 0);
/// - [`ModelError::InvalidParameter`] for a margin outside `[0, 1]`, a negative or non-finite discount
///   rate, or a fixed growth rate that is not finite and `> -1`;
/// - [`ModelError::DivergentValue`] when there is no horizon and growth is not below the discount rate
///   (equal rates are allowed when `alpha > 1`), and [`ModelError::SeriesNotConverged`] when growth is so
///   close below it (within about `4e-6` a period) that the tail's series does not converge: give a horizon;
/// - [`ModelError::InvalidParameter`] naming `horizon` when the projected margin per period grows beyond the
///   range of `f64` within the horizon;
/// - the errors of [`SbgFit::fit`] when no model is given and the cohort cannot be fitted (e.g. no one
///   churned, or retention does not rise: give a model fitted on more cohorts).
pub fn cohort_ltv(
    surviving_customers: &[u64],
    active_customers: &[u64],
    revenue: &[f64],
    options: &CohortLtvOptions,
) -> Result<CohortLtv, ModelError> {
    let surviving = surviving_customers;
    // Fitting the cohort alone needs ages 0 and 1; with a given model, age 0 alone is enough.
    let min_ages = if options.model.is_some() { 1 } else { 2 };
    check_columns(surviving, active_customers, revenue, min_ages)?;
    check_options(options)?;
    let last = surviving.len() - 1;
    let ages_observed =
        u32::try_from(surviving.len()).ok().filter(|&a| a <= MAX_PERIODS).ok_or_else(|| ModelError::InvalidData {
            field: "surviving_customers".to_owned(),
            row: None,
            reason: format!("{} ages: at most MAX_PERIODS = {MAX_PERIODS} are supported", surviving.len()),
        })?;
    let n = surviving[0] as f64;
    let margin = options.gross_margin;
    let v = 1.0 / (1.0 + options.discount_rate);

    let (model, fit) = match options.model {
        Some(model) => (model, None),
        None => {
            let fit = SbgFit::fit(surviving)?;
            (fit.model, Some(fit))
        }
    };
    let growth_rate = match options.growth {
        Growth::None => 0.0,
        Growth::Fixed(g) => g,
        Growth::Observed => observed_growth(active_customers, revenue)?,
    };
    let margin_per_active = if surviving[last] == 0 {
        0.0
    } else if active_customers[last] == 0 {
        return Err(ModelError::InvalidData {
            field: "active_customers".to_owned(),
            row: Some(last),
            reason: format!(
                "no active customers at the last observed age while {} survive, so the margin per active \
                 customer to project is undefined",
                surviving[last]
            ),
        });
    } else {
        margin * revenue[last] / active_customers[last] as f64
    };

    let mut projection = Vec::new();
    let mut cumulative = 0.0;
    let mut discount = 1.0;
    let valued_observed = options.horizon.map_or(surviving.len(), |h| (h as usize).min(surviving.len()));
    for age in 0..valued_observed {
        let period_margin = margin * revenue[age];
        cumulative += period_margin * discount / n;
        projection.push(CohortLtvAge {
            age: age as u32,
            observed: true,
            customers: surviving[age] as f64,
            margin: period_margin,
            discounted_margin: period_margin * discount,
            cumulative_value: cumulative,
        });
        discount *= v;
    }
    let observed_value = cumulative;

    // Projected ages: t = A + 1, ...; `discount` is now (1 + d)^-(A + 1).
    let shown_end = match options.horizon {
        Some(h) => h,
        None => ages_observed.saturating_add(ages_observed.max(MIN_SHOWN_PROJECTED)),
    };
    let (alpha, beta) = (model.alpha(), model.beta());
    let mut customers = surviving[last] as f64;
    let mut per_active = margin_per_active;
    // The margin per active customer, grown and discounted in one factor, so that a long horizon with growth
    // neither overflows nor underflows the discounted values.
    let step = (1.0 + growth_rate) * v;
    let mut discounted_per_active = margin_per_active * discount / v;
    let mut summed_tail = 0.0;
    for age in ages_observed..shown_end {
        let shift = f64::from(age) - 1.0;
        customers *= (beta + shift) / (alpha + beta + shift);
        per_active *= 1.0 + growth_rate;
        discounted_per_active *= step;
        let discounted_margin = customers * discounted_per_active;
        summed_tail += discounted_margin / n;
        cumulative += discounted_margin / n;
        let period_margin = customers * per_active;
        if !period_margin.is_finite() {
            return Err(ModelError::InvalidParameter {
                field: "horizon",
                value: f64::from(age),
                allowed: "a horizon over which the projected margin stays within the range of f64 \
                          (give less growth or a shorter horizon)",
            });
        }
        projection.push(CohortLtvAge {
            age,
            observed: false,
            customers,
            margin: period_margin,
            discounted_margin,
            cumulative_value: cumulative,
        });
    }
    let projected_value = match options.horizon {
        Some(_) => summed_tail,
        None => closed_form_tail(&model, surviving[last] as f64 * margin_per_active / n, last, options, growth_rate)?,
    };
    let ltv_per_customer = observed_value + projected_value;
    for (field, value) in [("projected_value", projected_value), ("ltv_per_customer", ltv_per_customer)] {
        if !value.is_finite() {
            return Err(ModelError::InvalidParameter {
                field,
                value,
                allowed: "a finite value: the inputs are too large for f64 (rescale revenue)",
            });
        }
    }
    Ok(CohortLtv {
        cohort_size: surviving[0],
        ages_observed,
        observed_value,
        projected_value,
        ltv_per_customer,
        model,
        fit,
        growth_rate,
        margin_per_active,
        projection,
    })
}

/// `sum_{t > A} scale S(t) / S(A) (1 + g)^(t - A) / (1 + d)^t` in closed form, by the DERL.
fn closed_form_tail(
    model: &SbgModel,
    scale: f64,
    last: usize,
    options: &CohortLtvOptions,
    growth_rate: f64,
) -> Result<f64, ModelError> {
    let d = options.discount_rate;
    if scale == 0.0 || growth_rate == -1.0 {
        return Ok(0.0);
    }
    let x = (1.0 + growth_rate) / (1.0 + d);
    let effective = 1.0 / x - 1.0;
    if effective < 0.0 || (effective == 0.0 && model.alpha() <= 1.0) {
        return Err(ModelError::DivergentValue { discount_rate: d, growth_rate, alpha: model.alpha() });
    }
    let n = u32::try_from(last + 1).map_err(|_| ModelError::InvalidData {
        field: "surviving_customers".to_owned(),
        row: None,
        reason: "too many ages".to_owned(),
    })?;
    let derl = model.discounted_expected_residual_lifetime(effective, n)?;
    let discount_to_last = (1.0 + d).powf(-(last as f64));
    Ok(scale * discount_to_last * x * derl)
}

fn observed_growth(active: &[u64], revenue: &[f64]) -> Result<f64, ModelError> {
    let last = revenue.len() - 1;
    if last == 0 {
        return Err(ModelError::InvalidData {
            field: "revenue".to_owned(),
            row: None,
            reason: "observed growth needs at least 2 observed ages (or give a fixed growth)".to_owned(),
        });
    }
    let per_active = |age: usize| if active[age] == 0 { 0.0 } else { revenue[age] / active[age] as f64 };
    let start = per_active(0);
    if start <= 0.0 {
        return Err(ModelError::InvalidData {
            field: "revenue".to_owned(),
            row: Some(0),
            reason: "observed growth needs revenue > 0 and active customers > 0 at age 0 (or give a fixed growth)"
                .to_owned(),
        });
    }
    let ratio = per_active(last) / start;
    Ok(ratio.powf(1.0 / last as f64) - 1.0)
}

fn check_columns(surviving: &[u64], active: &[u64], revenue: &[f64], min_ages: usize) -> Result<(), ModelError> {
    for (field, len) in [("active_customers", active.len()), ("revenue", revenue.len())] {
        if len != surviving.len() {
            return Err(ModelError::LengthMismatch {
                field: field.to_owned(),
                reference: "surviving_customers".to_owned(),
                expected: surviving.len(),
                found: len,
            });
        }
    }
    let invalid = |field: &str, row: Option<usize>, reason: String| ModelError::InvalidData {
        field: field.to_owned(),
        row,
        reason,
    };
    if surviving.len() < min_ages {
        let reason = if min_ages == 1 {
            "no ages: the cohort needs at least its size at age 0".to_owned()
        } else {
            format!(
                "{} age(s): fitting the cohort alone needs at least 2 observed ages (0 and 1); give a model \
                 (e.g. fitted on several cohorts) to value a cohort observed at age 0 only",
                surviving.len()
            )
        };
        return Err(invalid("surviving_customers", None, reason));
    }
    if surviving[0] == 0 {
        return Err(invalid("surviving_customers", Some(0), "the cohort size (age 0) must be >= 1".to_owned()));
    }
    for (age, pair) in surviving.windows(2).enumerate() {
        if pair[1] > pair[0] {
            return Err(invalid(
                "surviving_customers",
                Some(age + 1),
                format!(
                    "{} exceeds {} at age {age}: surviving counts must be non-increasing (customers who \
                     churn for good do not come back)",
                    pair[1], pair[0]
                ),
            ));
        }
    }
    for (age, &r) in revenue.iter().enumerate() {
        if !(r.is_finite() && r >= 0.0) {
            return Err(invalid(
                "revenue",
                Some(age),
                format!("got {}, expected a finite revenue >= 0", crate::Shown(r)),
            ));
        }
    }
    Ok(())
}

fn check_options(options: &CohortLtvOptions) -> Result<(), ModelError> {
    let m = options.gross_margin;
    if !(m.is_finite() && (0.0..=1.0).contains(&m)) {
        return Err(ModelError::InvalidParameter {
            field: "gross_margin",
            value: m,
            allowed: "a fraction in [0, 1] (0.8 for 80 %)",
        });
    }
    let d = options.discount_rate;
    if !(d.is_finite() && d >= 0.0) {
        return Err(ModelError::InvalidParameter {
            field: "discount_rate",
            value: d,
            allowed: "a finite discount rate per period >= 0",
        });
    }
    match options.horizon {
        Some(0) => {
            return Err(ModelError::InvalidPeriod {
                field: "horizon",
                value: 0,
                allowed: "a number of ages >= 1, or no horizon",
            });
        }
        Some(h) if h > MAX_PERIODS => {
            return Err(ModelError::InvalidPeriod {
                field: "horizon",
                value: h,
                allowed: "a number of ages of at most MAX_PERIODS = 1000000, or no horizon (the tail in closed form)",
            });
        }
        _ => {}
    }
    if let Growth::Fixed(g) = options.growth
        && !(g.is_finite() && g > -1.0)
    {
        return Err(ModelError::InvalidParameter { field: "growth", value: g, allowed: "a finite growth rate > -1" });
    }
    Ok(())
}
