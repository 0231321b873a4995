//! Billing exports to MRR over columns: `ltv.billing` encodes ids, kinds, currencies, plans and dates, this
//! module builds `ltv_core::billing` lines, normalises them with the GIL released and hands back dicts of
//! numpy columns (amounts as integer minor units, so no cent is lost on the way).

use ltv_core::billing::{
    AuditRule, BillingError, BillingLine, BillingOptions, LineKind, MonthStatus, Rate, allocate, amount_from_f64,
    normalise, parse_amount,
};
use ltv_core::cohort::{Date, PeriodUnit};
use ltv_core::{Decimal, LtvError as CoreError};
use numpy::{IntoPyArray, PyReadonlyArray1};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::convert::{Choice, option};
use crate::errors::{to_py, to_py_labelled};

/// The Python exception of a billing error: the class of its kind, with `.field`, `.value`, `.kind`,
/// `.row`, `.label` (the line id) and `.problem` set.
pub(crate) fn billing_err(py: Python<'_>, e: &BillingError) -> PyErr {
    let err = to_py_labelled(py, &e.error, e.to_string(), e.row, e.line_id.as_deref());
    let _ = err.value(py).setattr("problem", e.problem.as_str());
    err
}

fn slice<'a, T: numpy::Element>(name: &str, a: &'a PyReadonlyArray1<'_, T>) -> PyResult<&'a [T]> {
    a.as_slice().map_err(|_| PyTypeError::new_err(format!("{name}: expected a contiguous 1-D array")))
}

fn get<T: Copy>(name: &'static str, values: &[T], row: usize) -> Result<T, BillingError> {
    values.get(row).copied().ok_or_else(|| length(name))
}

fn length(name: &'static str) -> BillingError {
    BillingError::new(
        ltv_core::billing::BillingProblem::InvalidOption,
        CoreError::InvalidInput {
            field: name,
            value: "a shorter column".to_owned(),
            allowed: "columns of one length",
            suggestion: None,
        },
    )
}

fn date(row: usize, id: &str, field: &'static str, days: i64) -> Result<Date, BillingError> {
    PeriodUnit::Day.start(days).map_err(|_| {
        BillingError::at_line(
            ltv_core::billing::BillingProblem::InvalidDate,
            row,
            id,
            CoreError::InvalidInput {
                field,
                value: if days == i64::MIN { "missing".to_owned() } else { days.to_string() },
                allowed: "a calendar date from 0001-01-01 to 9999-12-31",
                suggestion: None,
            },
        )
    })
}

/// The encoded columns of the lines.
struct Columns<'a> {
    customers: &'a [u32],
    amounts: Option<&'a [f64]>,
    amount_text: Option<&'a [Option<String>]>,
    currency_codes: &'a [u32],
    currencies: &'a [String],
    starts: &'a [i64],
    ends: &'a [i64],
    kind_codes: &'a [u32],
    kinds: &'a [String],
    plan_codes: Option<&'a [i64]>,
    plans: &'a [String],
    quantity: Option<&'a [f64]>,
    discount: Option<&'a [f64]>,
    credits: Option<&'a [Option<String>]>,
    issued: Option<&'a [i64]>,
}

fn optional_number(
    row: usize,
    id: &str,
    field: &'static str,
    values: Option<&[f64]>,
) -> Result<Option<Decimal>, BillingError> {
    match values {
        None => Ok(None),
        Some(v) => {
            let x = get(field, v, row)?;
            if x.is_nan() { Ok(None) } else { amount_from_f64(row, id, field, x).map(Some) }
        }
    }
}

fn build_lines(line_ids: Vec<String>, c: &Columns<'_>) -> Result<Vec<BillingLine<u32>>, BillingError> {
    let kinds: Vec<Result<LineKind, _>> = c.kinds.iter().map(|k| k.parse::<LineKind>()).collect();
    let mut lines = Vec::with_capacity(line_ids.len());
    for (row, id) in line_ids.into_iter().enumerate() {
        let id_text = id.as_str();
        let amount = match (c.amounts, c.amount_text) {
            (Some(v), _) => amount_from_f64(row, id_text, "amount", get("amount", v, row)?)?,
            (None, Some(t)) => {
                parse_amount(row, id_text, "amount", t.get(row).ok_or_else(|| length("amount"))?.as_deref())?
            }
            (None, None) => return Err(length("amount")),
        };
        let kind_code = usize::try_from(get("kind", c.kind_codes, row)?).unwrap_or(usize::MAX);
        let kind = match kinds.get(kind_code) {
            Some(Ok(kind)) => *kind,
            _ => LineKind::parse_line(row, id_text, c.kinds.get(kind_code).map_or("", String::as_str))?,
        };
        let currency_code = usize::try_from(get("currency", c.currency_codes, row)?).unwrap_or(usize::MAX);
        let currency = c.currencies.get(currency_code).ok_or_else(|| length("currency"))?;
        let plan = match c.plan_codes {
            Some(codes) => usize::try_from(get("plan", codes, row)?).ok().and_then(|p| c.plans.get(p)).cloned(),
            None => None,
        };
        let issued = match c.issued {
            Some(days) => match get("issued", days, row)? {
                i64::MIN => None,
                d => Some(date(row, id_text, "issued", d)?),
            },
            None => None,
        };
        let service_start = date(row, id_text, "service_start", get("service_start", c.starts, row)?)?;
        let service_end = date(row, id_text, "service_end", get("service_end", c.ends, row)?)?;
        let quantity = optional_number(row, id_text, "quantity", c.quantity)?;
        let discount = optional_number(row, id_text, "discount", c.discount)?;
        lines.push(BillingLine {
            line_id: id,
            customer: get("customer", c.customers, row)?,
            amount,
            currency: currency.clone(),
            service_start,
            service_end,
            kind,
            plan,
            quantity,
            discount,
            credits: match c.credits {
                Some(credits) => credits.get(row).ok_or_else(|| length("credits"))?.clone(),
                None => None,
            },
            issued,
        });
    }
    Ok(lines)
}

fn units(d: Decimal, places: u32) -> i64 {
    let mut d = d;
    d.rescale(places);
    i64::try_from(d.mantissa()).unwrap_or(i64::MAX)
}

pub(crate) fn set<T: numpy::Element>(d: &Bound<'_, PyDict>, key: &str, values: Vec<T>) -> PyResult<()> {
    d.set_item(key, values.into_pyarray(d.py()))
}

/// The rate table from its columns (rates as text, read exactly).
/// The options of both billing entry points (rows and columns), from their Python keywords.
pub(crate) fn billing_options(
    day_count: &Choice,
    credit_applies_to: &Choice,
    rate_date: &Choice,
    reporting_currency: Option<String>,
    decimal_places: u32,
) -> PyResult<BillingOptions> {
    Ok(BillingOptions {
        day_count: option(day_count)?,
        credit_applies_to: option(credit_applies_to)?,
        rate_date: option(rate_date)?,
        reporting_currency,
        decimal_places,
    })
}

pub(crate) fn rates_of(
    py: Python<'_>,
    rate_currencies: &[String],
    rate_days: Option<&PyReadonlyArray1<'_, i64>>,
    rate_values: &[String],
) -> PyResult<Vec<Rate>> {
    let mut rates = Vec::with_capacity(rate_currencies.len());
    let rate_days_slice = match rate_days {
        Some(a) => slice("rate date", a)?.to_vec(),
        None => Vec::new(),
    };
    for (row, (currency, text)) in rate_currencies.iter().zip(rate_values).enumerate() {
        let rate = text.parse::<Decimal>().or_else(|_| Decimal::from_scientific(text)).map_err(|_| {
            to_py_labelled(
                py,
                &CoreError::InvalidInput {
                    field: "rate",
                    value: format!("'{text}'"),
                    allowed: "a decimal number",
                    suggestion: None,
                },
                format!("rate row {row}: rate = '{text}' is not a decimal number"),
                Some(row),
                None,
            )
        })?;
        let days = rate_days_slice.get(row).copied().unwrap_or(i64::MIN);
        let date = PeriodUnit::Day.start(days).map_err(|e| to_py(py, e))?;
        rates.push(Rate { currency: currency.clone(), date, rate });
    }
    Ok(rates)
}

/// Normalises encoded invoice lines (see `ltv.billing.normalise`). Returns a dict of four dicts of numpy
/// columns: `mrr` (customer, period, units, status), `one_time` (customer, period, units), `pauses`
/// (customer, first_period, periods), `audit` (row, customer, period, units, recurring, rule), plus
/// `reporting_currency`; amounts are minor units of `decimal_places`.
#[pyfunction]
#[pyo3(signature = (
    line_ids, customers, currency_codes, currencies, starts, ends, kind_codes, kinds, *,
    amounts = None, amount_text = None, plan_codes = None, plans = Vec::new(), quantity = None, discount = None,
    credits = None, issued = None, rate_currencies = Vec::new(), rate_days = None, rate_values = Vec::new(),
    day_count, credit_applies_to, rate_date, reporting_currency = None, decimal_places = 2
))]
#[allow(clippy::too_many_arguments)]
pub fn _billing_normalise<'py>(
    py: Python<'py>,
    line_ids: Vec<String>,
    customers: PyReadonlyArray1<'py, u32>,
    currency_codes: PyReadonlyArray1<'py, u32>,
    currencies: Vec<String>,
    starts: PyReadonlyArray1<'py, i64>,
    ends: PyReadonlyArray1<'py, i64>,
    kind_codes: PyReadonlyArray1<'py, u32>,
    kinds: Vec<String>,
    amounts: Option<PyReadonlyArray1<'py, f64>>,
    amount_text: Option<Vec<Option<String>>>,
    plan_codes: Option<PyReadonlyArray1<'py, i64>>,
    plans: Vec<String>,
    quantity: Option<PyReadonlyArray1<'py, f64>>,
    discount: Option<PyReadonlyArray1<'py, f64>>,
    credits: Option<Vec<Option<String>>>,
    issued: Option<PyReadonlyArray1<'py, i64>>,
    rate_currencies: Vec<String>,
    rate_days: Option<PyReadonlyArray1<'py, i64>>,
    rate_values: Vec<String>,
    day_count: Choice,
    credit_applies_to: Choice,
    rate_date: Choice,
    reporting_currency: Option<String>,
    decimal_places: u32,
) -> PyResult<Bound<'py, PyDict>> {
    let options = billing_options(&day_count, &credit_applies_to, &rate_date, reporting_currency, decimal_places)?;
    let rates = rates_of(py, &rate_currencies, rate_days.as_ref(), &rate_values)?;
    let columns = Columns {
        customers: slice("customer", &customers)?,
        amounts: amounts.as_ref().map(|a| slice("amount", a)).transpose()?,
        amount_text: amount_text.as_deref(),
        currency_codes: slice("currency", &currency_codes)?,
        currencies: &currencies,
        starts: slice("service_start", &starts)?,
        ends: slice("service_end", &ends)?,
        kind_codes: slice("kind", &kind_codes)?,
        kinds: &kinds,
        plan_codes: plan_codes.as_ref().map(|a| slice("plan", a)).transpose()?,
        plans: &plans,
        quantity: quantity.as_ref().map(|a| slice("quantity", a)).transpose()?,
        discount: discount.as_ref().map(|a| slice("discount", a)).transpose()?,
        credits: credits.as_deref(),
        issued: issued.as_ref().map(|a| slice("issued", a)).transpose()?,
    };
    let places = options.decimal_places;
    let result = py.detach(|| build_lines(line_ids, &columns).and_then(|lines| normalise(&lines, &rates, &options)));
    let out = result.map_err(|e| billing_err(py, &e))?;

    let d = PyDict::new(py);
    d.set_item("reporting_currency", &out.reporting_currency)?;
    let mrr = PyDict::new(py);
    set(&mrr, "customer", out.mrr.iter().map(|r| r.customer).collect())?;
    set(&mrr, "period", out.mrr.iter().map(|r| r.period).collect())?;
    set(&mrr, "units", out.mrr.iter().map(|r| units(r.mrr, places)).collect())?;
    let status = |s: MonthStatus| match s {
        MonthStatus::Paying => 0_u8,
        MonthStatus::Trial => 1,
        MonthStatus::CreditOnly => 2,
    };
    set(&mrr, "status", out.mrr.iter().map(|r| status(r.status)).collect())?;
    d.set_item("mrr", mrr)?;
    let one_time = PyDict::new(py);
    set(&one_time, "customer", out.one_time.iter().map(|r| r.customer).collect())?;
    set(&one_time, "period", out.one_time.iter().map(|r| r.period).collect())?;
    set(&one_time, "units", out.one_time.iter().map(|r| units(r.amount, places)).collect())?;
    d.set_item("one_time", one_time)?;
    let pauses = PyDict::new(py);
    set(&pauses, "customer", out.pauses.iter().map(|p| p.customer).collect())?;
    set(&pauses, "first_period", out.pauses.iter().map(|p| p.first_period).collect())?;
    set(&pauses, "periods", out.pauses.iter().map(|p| p.periods).collect())?;
    d.set_item("pauses", pauses)?;
    let audit = PyDict::new(py);
    set(&audit, "row", out.audit.iter().map(|a| a.row as u64).collect())?;
    set(&audit, "customer", out.audit.iter().map(|a| a.customer).collect())?;
    set(&audit, "period", out.audit.iter().map(|a| a.period).collect())?;
    set(&audit, "units", out.audit.iter().map(|a| units(a.amount, places)).collect())?;
    set(&audit, "recurring", out.audit.iter().map(|a| a.recurring).collect())?;
    let rule = |r: AuditRule| match r {
        AuditRule::Prorated(_) => 0_u8,
        AuditRule::Trial => 1,
        AuditRule::IssueMonth => 2,
        AuditRule::OneTime => 3,
    };
    set(&audit, "rule", out.audit.iter().map(|a| rule(a.rule)).collect())?;
    d.set_item("audit", audit)?;
    Ok(d)
}

/// `ltv_core::billing::allocate`: `units` split by `weights` to the unit, largest remainder, ties to the
/// earlier weight. Weights all 0, a negative weight or an overflow raise `InvalidInputError` naming `weights`.
#[pyfunction]
pub fn _billing_allocate(py: Python<'_>, units: i64, weights: Vec<i64>) -> PyResult<Vec<i64>> {
    let parts = allocate(i128::from(units), &weights).ok_or_else(|| {
        to_py(
            py,
            CoreError::InvalidInput {
                field: "weights",
                value: format!("{weights:?}"),
                allowed: "weights >= 0, at least one > 0",
                suggestion: None,
            },
        )
    })?;
    // Each part is at most |units| in magnitude: it fits in i64.
    Ok(parts.into_iter().map(|p| i64::try_from(p).unwrap_or_default()).collect())
}
