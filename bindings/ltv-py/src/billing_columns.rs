//! The column path of `ltv.billing.normalise`: text columns arrive as Arrow-style string buffers (offsets
//! and UTF-8 bytes), codes, days and float or text amounts as numpy arrays; one call to
//! `ltv_core::billing::normalise_columns` with the GIL released; the tables go back as numpy columns of
//! integer minor units. No Python object or Rust `String` per line on the way.

use std::collections::HashMap;

use ltv_core::billing::{
    AuditRule, BillingError, BillingProblem, LineColumns, LineKind, MonthStatus, NormalisedColumns, amount_from_f64,
    normalise_columns, parse_amount,
};
use ltv_core::{Decimal, LtvError as CoreError};
use numpy::PyReadonlyArray1;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::billing::{billing_err, billing_options, rates_of, set};
use crate::convert::Choice;

/// A string column as `(offsets, data, valid)`: value `i` is `data[offsets[i]..offsets[i + 1]]`, missing
/// where `valid[i]` is false.
type StringArgs<'py> = (PyReadonlyArray1<'py, i64>, PyReadonlyArray1<'py, u8>, Option<PyReadonlyArray1<'py, bool>>);

/// A checked string column.
struct Strings<'a> {
    values: Vec<Option<&'a str>>,
}

fn strings<'a>(name: &str, args: &'a StringArgs<'_>) -> PyResult<Strings<'a>> {
    let bad = |what: &str| PyTypeError::new_err(format!("{name}: {what}"));
    let offsets = args.0.as_slice().map_err(|_| bad("expected contiguous offsets"))?;
    let data = args.1.as_slice().map_err(|_| bad("expected contiguous data"))?;
    let data = std::str::from_utf8(data).map_err(|_| bad("expected UTF-8 text"))?;
    let valid = args.2.as_ref().map(|v| v.as_slice()).transpose().map_err(|_| bad("expected a contiguous mask"))?;
    let n = offsets.len().saturating_sub(1);
    let mut values = Vec::with_capacity(n);
    for (row, pair) in offsets.windows(2).enumerate() {
        if valid.is_some_and(|v| !v.get(row).copied().unwrap_or(false)) {
            values.push(None);
            continue;
        }
        let (a, b) = (usize::try_from(pair[0]).unwrap_or(usize::MAX), usize::try_from(pair[1]).unwrap_or(0));
        values.push(Some(data.get(a..b).ok_or_else(|| bad("offsets out of range"))?));
    }
    Ok(Strings { values })
}

/// Codes of a string column in order of first appearance, the distinct values and the first row of each.
fn intern<'a>(s: &Strings<'a>) -> (Vec<u32>, Vec<&'a str>, Vec<u64>) {
    let mut ids: HashMap<&str, u32> = HashMap::new();
    let (mut codes, mut names, mut first) = (Vec::with_capacity(s.values.len()), Vec::new(), Vec::new());
    let mut last: Option<(&str, u32)> = None;
    for (row, v) in s.values.iter().enumerate() {
        let text = v.unwrap_or("");
        let code = match last {
            Some((t, c)) if t == text => c,
            _ => {
                let next = u32::try_from(names.len()).unwrap_or(u32::MAX);
                let c = *ids.entry(text).or_insert_with(|| {
                    names.push(text);
                    first.push(row as u64);
                    next
                });
                last = Some((text, c));
                c
            }
        };
        codes.push(code);
    }
    (codes, names, first)
}

fn length(field: &'static str) -> BillingError {
    BillingError::new(
        BillingProblem::InvalidOption,
        CoreError::InvalidInput {
            field,
            value: "a shorter column".to_owned(),
            allowed: "columns of one length",
            suggestion: None,
        },
    )
}

fn optional(row: usize, id: &str, field: &'static str, v: &[f64]) -> Result<Option<Decimal>, BillingError> {
    match v.get(row).copied() {
        None => Err(length(field)),
        Some(x) if x.is_nan() => Ok(None),
        Some(x) => amount_from_f64(row, id, field, x).map(Some),
    }
}

/// The amounts, kinds, quantities and discounts of every line, errors in row order.
struct Parsed {
    amount: Vec<Decimal>,
    kind: Vec<LineKind>,
    quantity: Option<Vec<Option<Decimal>>>,
    discount: Option<Vec<Option<Decimal>>>,
}

fn parse(
    ids: &[&str],
    amounts: Option<&[f64]>,
    amount_text: Option<&[Option<String>]>,
    kinds: Option<(&[u32], &[&str])>,
    quantity: Option<&[f64]>,
    discount: Option<&[f64]>,
) -> Result<Parsed, BillingError> {
    let n = ids.len();
    let parsed_kinds: Vec<Result<LineKind, _>> =
        kinds.map(|(_, names)| names.iter().map(|k| k.parse::<LineKind>()).collect()).unwrap_or_default();
    let mut out = Parsed {
        amount: Vec::with_capacity(n),
        kind: Vec::with_capacity(n),
        quantity: quantity.map(|_| Vec::with_capacity(n)),
        discount: discount.map(|_| Vec::with_capacity(n)),
    };
    for (row, &id) in ids.iter().enumerate() {
        out.amount.push(match (amounts, amount_text) {
            (Some(v), _) => amount_from_f64(row, id, "amount", v.get(row).copied().ok_or_else(|| length("amount"))?)?,
            (None, Some(t)) => parse_amount(row, id, "amount", t.get(row).ok_or_else(|| length("amount"))?.as_deref())?,
            (None, None) => return Err(length("amount")),
        });
        out.kind.push(match kinds {
            None => LineKind::Charge,
            Some((codes, names)) => {
                let code = codes.get(row).map_or(usize::MAX, |&c| c as usize);
                match parsed_kinds.get(code) {
                    Some(Ok(kind)) => *kind,
                    _ => LineKind::parse_line(row, id, names.get(code).copied().unwrap_or(""))?,
                }
            }
        });
        if let (Some(q), Some(v)) = (out.quantity.as_mut(), quantity) {
            q.push(optional(row, id, "quantity", v)?);
        }
        if let (Some(d), Some(v)) = (out.discount.as_mut(), discount) {
            d.push(optional(row, id, "discount", v)?);
        }
    }
    Ok(out)
}

fn units(values: &[i128], row_of: impl Fn(usize) -> usize, ids: &[&str]) -> Result<Vec<i64>, BillingError> {
    values
        .iter()
        .enumerate()
        .map(|(k, &u)| {
            i64::try_from(u).map_err(|_| {
                let row = row_of(k);
                BillingError::at_line(
                    BillingProblem::Overflow,
                    row,
                    ids.get(row).copied().unwrap_or(""),
                    CoreError::Overflow { field: "amount" },
                )
            })
        })
        .collect()
}

/// The tables as numpy-ready columns.
struct Out {
    columns: NormalisedColumns,
    mrr_units: Vec<i64>,
    one_time_units: Vec<i64>,
    audit_units: Vec<i64>,
}

fn to_dict<'py>(py: Python<'py>, out: Out, customer_first_row: Option<Vec<u64>>) -> PyResult<Bound<'py, PyDict>> {
    let Out { columns: c, mrr_units, one_time_units, audit_units } = out;
    let d = PyDict::new(py);
    d.set_item("reporting_currency", &c.reporting_currency)?;
    if let Some(first) = customer_first_row {
        set(&d, "customer_first_row", first)?;
    }
    let mrr = PyDict::new(py);
    set(&mrr, "customer", c.mrr.customer)?;
    set(&mrr, "period", c.mrr.period)?;
    set(&mrr, "units", mrr_units)?;
    let status = |s: &MonthStatus| match s {
        MonthStatus::Paying => 0_u8,
        MonthStatus::Trial => 1,
        MonthStatus::CreditOnly => 2,
    };
    set(&mrr, "status", c.mrr.status.iter().map(status).collect())?;
    d.set_item("mrr", mrr)?;
    let one_time = PyDict::new(py);
    set(&one_time, "customer", c.one_time.customer)?;
    set(&one_time, "period", c.one_time.period)?;
    set(&one_time, "units", one_time_units)?;
    d.set_item("one_time", one_time)?;
    let pauses = PyDict::new(py);
    set(&pauses, "customer", c.pauses.customer)?;
    set(&pauses, "first_period", c.pauses.first_period)?;
    set(&pauses, "periods", c.pauses.periods)?;
    d.set_item("pauses", pauses)?;
    let audit = PyDict::new(py);
    set(&audit, "row", c.audit.row)?;
    set(&audit, "customer", c.audit.customer)?;
    set(&audit, "period", c.audit.period)?;
    set(&audit, "units", audit_units)?;
    set(&audit, "recurring", c.audit.recurring)?;
    let rule = |r: &AuditRule| match r {
        AuditRule::Prorated(_) => 0_u8,
        AuditRule::Trial => 1,
        AuditRule::IssueMonth => 2,
        AuditRule::OneTime => 3,
    };
    set(&audit, "rule", c.audit.rule.iter().map(rule).collect())?;
    d.set_item("audit", audit)?;
    Ok(d)
}

fn array<'a, T: numpy::Element>(name: &str, a: &'a PyReadonlyArray1<'_, T>) -> PyResult<&'a [T]> {
    a.as_slice().map_err(|_| PyTypeError::new_err(format!("{name}: expected a contiguous 1-D array")))
}

/// Customer codes: `(codes, None)` from numpy, or interned from a string column with the first row of each.
#[derive(FromPyObject)]
pub enum Customers<'py> {
    /// Dense codes from `pandas.factorize`.
    Codes(PyReadonlyArray1<'py, u32>),
    /// A string column.
    Text(StringArgs<'py>),
}

/// Normalises invoice lines given as columns (see `ltv.billing.normalise`): the same result dict as
/// `_billing_normalise`, plus `customer_first_row` when customers came as text (the input row of each code).
#[pyfunction]
#[pyo3(signature = (
    line_ids, customers, starts, ends, *, currency = None, kind = None, plan = None, credits = None,
    amounts = None, amount_text = None, quantity = None, discount = None, issued = None,
    rate_currencies = Vec::new(), rate_days = None, rate_values = Vec::new(),
    day_count, credit_applies_to, rate_date, reporting_currency = None, decimal_places = 2
))]
#[allow(clippy::too_many_arguments)]
pub fn _billing_normalise_columns<'py>(
    py: Python<'py>,
    line_ids: StringArgs<'py>,
    customers: Customers<'py>,
    starts: PyReadonlyArray1<'py, i64>,
    ends: PyReadonlyArray1<'py, i64>,
    currency: Option<StringArgs<'py>>,
    kind: Option<StringArgs<'py>>,
    plan: Option<StringArgs<'py>>,
    credits: Option<StringArgs<'py>>,
    amounts: Option<PyReadonlyArray1<'py, f64>>,
    amount_text: Option<Vec<Option<String>>>,
    quantity: Option<PyReadonlyArray1<'py, f64>>,
    discount: Option<PyReadonlyArray1<'py, f64>>,
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
    let ids = strings("line_id", &line_ids)?;
    let n = ids.values.len();
    let line_id: Vec<&str> = ids.values.iter().map(|v| v.unwrap_or("")).collect();
    let text_customers = match &customers {
        Customers::Text(args) => Some(strings("customer", args)?),
        Customers::Codes(_) => None,
    };
    let code_customers = match &customers {
        Customers::Codes(a) => Some(array("customer", a)?),
        Customers::Text(_) => None,
    };
    let currency = currency.as_ref().map(|a| strings("currency", a)).transpose()?;
    let kind = kind.as_ref().map(|a| strings("kind", a)).transpose()?;
    let plan = plan.as_ref().map(|a| strings("plan", a)).transpose()?;
    let credits = credits.as_ref().map(|a| strings("credits", a)).transpose()?;
    let starts = array("service_start", &starts)?;
    let ends = array("service_end", &ends)?;
    let amounts = amounts.as_ref().map(|a| array("amount", a)).transpose()?;
    let quantity = quantity.as_ref().map(|a| array("quantity", a)).transpose()?;
    let discount = discount.as_ref().map(|a| array("discount", a)).transpose()?;
    let issued = issued.as_ref().map(|a| array("issued", a)).transpose()?;
    if starts.len() != n || ends.len() != n {
        return Err(billing_err(py, &length("service_start")));
    }
    let result = py.detach(|| {
        let (customer, first_row) = match (&text_customers, code_customers) {
            (Some(s), _) => {
                let (codes, _, first) = intern(s);
                (codes, Some(first))
            }
            (None, Some(codes)) => (codes.to_vec(), None),
            (None, None) => (Vec::new(), None),
        };
        let (currency_codes, currency_names) = match &currency {
            Some(s) => {
                let (codes, names, _) = intern(s);
                (codes, names.into_iter().map(str::to_owned).collect())
            }
            None => (vec![0; n], vec![String::new()]),
        };
        let kinds = kind.as_ref().map(|s| {
            let (codes, names, _) = intern(s);
            (codes, names)
        });
        let plans: Option<Vec<i64>> = plan.as_ref().map(|s| {
            let (codes, _, _) = intern(s);
            codes.iter().zip(&s.values).map(|(&c, v)| if v.is_some() { i64::from(c) } else { -1 }).collect()
        });
        let parsed = parse(
            &line_id,
            amounts,
            amount_text.as_deref(),
            kinds.as_ref().map(|(c, k)| (c.as_slice(), k.as_slice())),
            quantity,
            discount,
        )?;
        let columns = LineColumns {
            line_id: &line_id,
            customer: &customer,
            kind: &parsed.kind,
            amount: &parsed.amount,
            currency: &currency_codes,
            currencies: &currency_names,
            service_start: starts,
            service_end: ends,
            plan: plans.as_deref(),
            quantity: parsed.quantity.as_deref(),
            discount: parsed.discount.as_deref(),
            credits: credits.as_ref().map(|c| c.values.as_slice()),
            issued,
        };
        let out = normalise_columns(&columns, &rates, &options)?;
        let audit_units = units(&out.audit.units, |k| out.audit.row.get(k).map_or(0, |&r| r as usize), &line_id)?;
        let mrr_units = units(&out.mrr.units, |_| 0, &line_id)?;
        let one_time_units = units(&out.one_time.units, |_| 0, &line_id)?;
        Ok::<_, BillingError>((Out { columns: out, mrr_units, one_time_units, audit_units }, first_row))
    });
    let (out, first_row) = result.map_err(|e| billing_err(py, &e))?;
    to_dict(py, out, first_row)
}
