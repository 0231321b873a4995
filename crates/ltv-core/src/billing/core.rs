//! The one implementation of the normalisation rules, over [`LineColumns`]: checks, credits, duplicates,
//! conversion, then spreading and summing customer by customer.
//!
//! Lines are grouped by customer code once (a counting sort), so the duplicate check and the tables sort
//! only each customer's few lines and entries, never the whole input.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};

use rust_decimal::{Decimal, RoundingStrategy};

use super::allocate::allocate_into;
use super::audit::{AuditRule, MonthStatus};
use super::columns::{LineColumns, NormalisedColumns};
use super::currency::{RateDate, RateTable};
use super::day_count::{month_of, weights};
use super::error::{BillingError, BillingProblem as P};
use super::line::LineKind;
use super::normalise::{BillingOptions, CreditPlacement, MAX_LINES, MAX_SERVICE_DAYS};
use super::{DayCount, Rate};
use crate::cohort::{Date, PeriodUnit};
use crate::error::LtvError;

/// A multiply-rotate hasher over 8-byte words, seeded per process from the standard library's random
/// keys (line ids are hashed once per line: SipHash would dominate the check).
#[derive(Clone, Copy)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        // MurmurHash3's 64-bit finaliser: the table takes its bucket from the low bits and its tag from the
        // top 7, and without it ids that differ in their last characters only (`il_1`, `il_2`, ...) would
        // share tags and be compared byte by byte on every probe.
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut word = [0_u8; 8];
            word.copy_from_slice(c);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
        }
        let mut word = [0_u8; 8];
        let rest = chunks.remainder();
        word.get_mut(..rest.len()).unwrap_or_default().copy_from_slice(rest);
        self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word) ^ (bytes.len() as u64)).wrapping_mul(K);
    }
}

/// [`IdHasher`]s with one random seed.
#[derive(Clone, Copy)]
pub(crate) struct IdHash(u64);

impl IdHash {
    pub(crate) fn new() -> Self {
        Self(std::collections::hash_map::RandomState::new().hash_one(0x9e37_79b9_u64))
    }
}

impl BuildHasher for IdHash {
    type Hasher = IdHasher;
    fn build_hasher(&self) -> IdHasher {
        IdHasher(self.0)
    }
}

/// A checked line: its days and net amount in its own currency, then its converted minor units.
#[derive(Clone, Copy)]
struct Checked {
    start: i64,
    end: i64,
    net: Decimal,
    units: i128,
}

fn option_error(field: &'static str, value: String, allowed: &'static str) -> BillingError {
    BillingError::new(P::InvalidOption, LtvError::InvalidInput { field, value, allowed, suggestion: None })
}

fn overflow(row: usize, id: &str) -> BillingError {
    BillingError::at_line(P::Overflow, row, id, LtvError::Overflow { field: "amount" })
}

fn date_text(day: i64) -> String {
    PeriodUnit::Day
        .start(day)
        .map_or_else(|_| if day == i64::MIN { "missing".to_owned() } else { day.to_string() }, |d| d.to_string())
}

/// The days of 0001-01-01 and 9999-12-31.
fn day_range() -> (i64, i64) {
    let first = PeriodUnit::Day.index_of(Date { year: 1, month: 1, day: 1 }).unwrap_or(i64::MIN);
    let last = PeriodUnit::Day.index_of(Date { year: 9999, month: 12, day: 31 }).unwrap_or(i64::MAX);
    (first, last)
}

struct Ctx<'c, 'a> {
    c: &'c LineColumns<'a>,
    range: (i64, i64),
}

impl Ctx<'_, '_> {
    fn id(&self, row: usize) -> &str {
        self.c.line_id.get(row).copied().unwrap_or("")
    }
    fn kind(&self, row: usize) -> LineKind {
        self.c.kind.get(row).copied().unwrap_or_default()
    }
    fn customer(&self, row: usize) -> u32 {
        self.c.customer.get(row).copied().unwrap_or(0)
    }
    fn currency(&self, row: usize) -> &str {
        self.c.currency.get(row).and_then(|&k| self.c.currencies.get(k as usize)).map_or("", String::as_str)
    }
    fn issued(&self, row: usize) -> Option<i64> {
        self.c.issued.and_then(|v| v.get(row).copied()).filter(|&d| d != i64::MIN)
    }

    fn day(&self, row: usize, field: &'static str, day: i64) -> Result<i64, BillingError> {
        if day < self.range.0 || day > self.range.1 {
            return Err(BillingError::invalid(
                P::InvalidDate,
                row,
                self.id(row),
                field,
                date_text(day),
                "a calendar date from 0001-01-01 to 9999-12-31",
            ));
        }
        Ok(day)
    }

    fn check_line(&self, row: usize) -> Result<Checked, BillingError> {
        let c = self.c;
        let id = self.id(row);
        let start = self.day(row, "service_start", c.service_start.get(row).copied().unwrap_or(i64::MIN))?;
        let end = self.day(row, "service_end", c.service_end.get(row).copied().unwrap_or(i64::MIN))?;
        if let Some(issued) = self.issued(row) {
            self.day(row, "issued", issued)?;
        }
        let recurring = self.kind(row) != LineKind::OneTime;
        if end < start || (recurring && end == start) {
            return Err(BillingError::invalid(
                P::EndBeforeStart,
                row,
                id,
                "service_end",
                date_text(end),
                if recurring { "a date after service_start" } else { "a date on or after service_start" },
            ));
        }
        if end - start > MAX_SERVICE_DAYS {
            return Err(BillingError::invalid(
                P::PeriodTooLong,
                row,
                id,
                "service_end",
                date_text(end),
                "a service period of at most 3660 days (MAX_SERVICE_DAYS)",
            ));
        }
        let amount = |field: &'static str, value: Decimal, allowed: &'static str| {
            BillingError::invalid(P::InvalidAmount, row, id, field, value.to_string(), allowed)
        };
        let value = c.amount.get(row).copied().unwrap_or_default();
        if value.is_sign_negative() && !value.is_zero() {
            return Err(amount("amount", value, "an amount >= 0 (the kind gives the sign of credits)"));
        }
        let total = match c.quantity.and_then(|q| q.get(row).copied().flatten()) {
            None => value,
            Some(quantity) => {
                if quantity.is_sign_negative() && !quantity.is_zero() {
                    return Err(amount("quantity", quantity, "a quantity >= 0"));
                }
                value.checked_mul(quantity).ok_or_else(|| overflow(row, id))?
            }
        };
        let net = match c.discount.and_then(|q| q.get(row).copied().flatten()) {
            None => total,
            Some(discount) => {
                if discount < Decimal::ZERO || discount > total {
                    return Err(amount(
                        "discount",
                        discount,
                        "a discount from 0 to the line total (amount x quantity)",
                    ));
                }
                total - discount
            }
        };
        Ok(Checked { start, end, net, units: 0 })
    }
}

fn check_lengths(c: &LineColumns<'_>) -> Result<usize, BillingError> {
    let n = c.line_id.len();
    let lengths = [
        ("customer", Some(c.customer.len())),
        ("kind", Some(c.kind.len())),
        ("amount", Some(c.amount.len())),
        ("currency", Some(c.currency.len())),
        ("service_start", Some(c.service_start.len())),
        ("service_end", Some(c.service_end.len())),
        ("plan", c.plan.map(<[i64]>::len)),
        ("quantity", c.quantity.map(<[Option<Decimal>]>::len)),
        ("discount", c.discount.map(<[Option<Decimal>]>::len)),
        ("credits", c.credits.map(<[Option<&str>]>::len)),
        ("issued", c.issued.map(<[i64]>::len)),
    ];
    for (field, len) in lengths {
        if let Some(len) = len
            && len != n
        {
            return Err(option_error(field, format!("{len} values for {n} line ids"), "columns of one length"));
        }
    }
    if let Some(bad) = c.currency.iter().find(|&&k| k as usize >= c.currencies.len()) {
        return Err(option_error("currency", bad.to_string(), "an index into currencies"));
    }
    Ok(n)
}

/// The options and the number of lines `n`.
pub(crate) fn check_options(n: usize, options: &BillingOptions) -> Result<(), BillingError> {
    if options.decimal_places > 8 {
        return Err(option_error("decimal_places", options.decimal_places.to_string(), "0 to 8"));
    }
    if n == 0 || n > MAX_LINES {
        return Err(option_error("lines", n.to_string(), "1 to 4294967295 lines"));
    }
    Ok(())
}

/// The shared implementation of [`normalise`](super::normalise) and
/// [`normalise_columns`](super::normalise_columns).
pub(crate) fn run(
    c: &LineColumns<'_>,
    rates: &[Rate],
    options: &BillingOptions,
) -> Result<NormalisedColumns, BillingError> {
    check_options(c.line_id.len(), options)?;
    let n = check_lengths(c)?;
    let ctx = Ctx { c, range: day_range() };
    let mut ids: HashMap<&str, u32, IdHash> = HashMap::with_capacity_and_hasher(n, IdHash::new());
    let mut checked = Vec::with_capacity(n);
    for (row, &id) in c.line_id.iter().enumerate() {
        #[allow(clippy::cast_possible_truncation)] // n <= MAX_LINES
        if let Some(first) = ids.insert(id, row as u32) {
            return Err(BillingError::invalid(
                P::DuplicateLineId,
                row,
                id,
                "line_id",
                format!("'{id}' (also on row {first})"),
                "a line id used once",
            ));
        }
        checked.push(ctx.check_line(row)?);
    }
    let targets = check_credits(&ctx, &checked, &ids)?;
    drop(ids);
    let groups = Groups::new(c.customer);
    check_duplicates(&ctx, &checked, &groups)?;
    let reporting = reporting_currency(&ctx, options)?;
    convert(&ctx, &mut checked, rates, options, &reporting)?;
    super::tables::build(&ctx_parts(&ctx, &checked, &targets, options), &groups, reporting)
}

/// What the placing and summing stage reads.
pub(crate) struct Parts<'p, 'a> {
    pub(crate) columns: &'p LineColumns<'a>,
    starts: Vec<i64>,
    units: Vec<i128>,
    pub(crate) targets: &'p [u32],
    pub(crate) options: &'p BillingOptions,
    zero: Vec<bool>,
}

fn ctx_parts<'p, 'a>(
    ctx: &Ctx<'p, 'a>,
    checked: &[Checked],
    targets: &'p [u32],
    options: &'p BillingOptions,
) -> Parts<'p, 'a> {
    Parts {
        columns: ctx.c,
        starts: checked.iter().map(|k| k.start).collect(),
        units: checked.iter().map(|k| k.units).collect(),
        targets,
        options,
        zero: checked.iter().map(|k| k.net.is_zero()).collect(),
    }
}

impl Parts<'_, '_> {
    pub(crate) fn id(&self, row: usize) -> &str {
        self.columns.line_id.get(row).copied().unwrap_or("")
    }
    pub(crate) fn start(&self, row: usize) -> i64 {
        self.starts.get(row).copied().unwrap_or(0)
    }
    pub(crate) fn end(&self, row: usize) -> i64 {
        self.columns.service_end.get(row).copied().unwrap_or(0)
    }
    pub(crate) fn units(&self, row: usize) -> i128 {
        self.units.get(row).copied().unwrap_or(0)
    }
    pub(crate) fn is_zero(&self, row: usize) -> bool {
        self.zero.get(row).copied().unwrap_or(false)
    }
    pub(crate) fn kind(&self, row: usize) -> LineKind {
        self.columns.kind.get(row).copied().unwrap_or_default()
    }
    pub(crate) fn issued(&self, row: usize) -> i64 {
        self.columns.issued.and_then(|v| v.get(row).copied()).filter(|&d| d != i64::MIN).unwrap_or(self.start(row))
    }
    /// The credited row of a credit (`u32::MAX` for other lines).
    pub(crate) fn target(&self, row: usize) -> Option<usize> {
        self.targets.get(row).copied().filter(|&t| t != u32::MAX).map(|t| t as usize)
    }
    pub(crate) fn day_count(&self) -> DayCount {
        self.options.day_count
    }
    pub(crate) fn placement(&self) -> CreditPlacement {
        self.options.credit_applies_to
    }
}

/// The rows of each customer code, in row order: `rows[offsets[k]..offsets[k + 1]]` for the `k`-th code
/// present (codes ascending).
pub(crate) struct Groups {
    pub(crate) rows: Vec<u32>,
    pub(crate) bounds: Vec<(u32, usize, usize)>,
}

impl Groups {
    fn new(customer: &[u32]) -> Self {
        let n = customer.len();
        let max = customer.iter().copied().max().unwrap_or(0) as usize;
        let mut rows = vec![0_u32; n];
        let mut bounds = Vec::new();
        if max <= n.saturating_mul(4) {
            // Counting sort (stable: rows ascending within a code).
            let mut counts = vec![0_usize; max + 2];
            for &k in customer {
                if let Some(c) = counts.get_mut(k as usize + 1) {
                    *c += 1;
                }
            }
            for k in 1..counts.len() {
                let previous = counts.get(k - 1).copied().unwrap_or(0);
                if let Some(c) = counts.get_mut(k) {
                    *c += previous;
                }
            }
            let starts = counts.clone();
            #[allow(clippy::cast_possible_truncation)] // n <= MAX_LINES
            for (row, &k) in customer.iter().enumerate() {
                if let Some(at) = counts.get_mut(k as usize) {
                    if let Some(slot) = rows.get_mut(*at) {
                        *slot = row as u32;
                    }
                    *at += 1;
                }
            }
            for (k, pair) in starts.windows(2).enumerate() {
                if let [a, b] = *pair
                    && b > a
                {
                    #[allow(clippy::cast_possible_truncation)] // k <= max, a u32
                    bounds.push((k as u32, a, b));
                }
            }
        } else {
            #[allow(clippy::cast_possible_truncation)]
            let mut pairs: Vec<(u32, u32)> = customer.iter().zip(0_u32..).map(|(&k, r)| (k, r)).collect();
            pairs.sort_unstable();
            let mut start = 0;
            for (i, &(k, r)) in pairs.iter().enumerate() {
                if let Some(slot) = rows.get_mut(i) {
                    *slot = r;
                }
                if pairs.get(i + 1).is_none_or(|&(next, _)| next != k) {
                    bounds.push((k, start, i + 1));
                    start = i + 1;
                }
            }
        }
        Self { rows, bounds }
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = (u32, &[u32])> {
        self.bounds.iter().map(|&(k, a, b)| (k, self.rows.get(a..b).unwrap_or_default()))
    }
}

/// The credited row of each credit (`u32::MAX` for other lines), checking that credits exist, match and
/// add up to at most the line.
fn check_credits(
    ctx: &Ctx<'_, '_>,
    checked: &[Checked],
    ids: &HashMap<&str, u32, IdHash>,
) -> Result<Vec<u32>, BillingError> {
    let mut targets = vec![u32::MAX; checked.len()];
    let mut credited: HashMap<u32, Decimal> = HashMap::new();
    for (row, k) in checked.iter().enumerate() {
        if !ctx.kind(row).is_credit() {
            continue;
        }
        let id = ctx.id(row);
        let given = ctx.c.credits.and_then(|v| v.get(row).copied().flatten());
        let reference = given.unwrap_or("");
        let Some(&target) = ids.get(reference) else {
            let value = given.map_or_else(|| "None".to_owned(), |r| format!("'{r}'"));
            return Err(BillingError::invalid(
                P::UnknownCreditedLine,
                row,
                id,
                "credits",
                value,
                "the line_id of the line this credit note or refund credits",
            ));
        };
        let t = target as usize;
        let mismatch =
            |field, value: String, allowed| BillingError::invalid(P::CreditMismatch, row, id, field, value, allowed);
        if ctx.kind(t).is_credit() {
            return Err(mismatch(
                "credits",
                format!("'{reference}'"),
                "a charge or one-time line (not another credit)",
            ));
        }
        if ctx.customer(t) != ctx.customer(row) {
            return Err(mismatch("customer", format!("'{reference}'"), "the customer of the credited line"));
        }
        if ctx.currency(t) != ctx.currency(row) {
            return Err(mismatch("currency", format!("'{}'", ctx.currency(row)), "the currency of the credited line"));
        }
        let total = credited.entry(target).or_insert(Decimal::ZERO);
        *total = total.checked_add(k.net).ok_or_else(|| overflow(row, id))?;
        let available = checked.get(t).map_or(Decimal::ZERO, |t| t.net);
        if *total > available {
            return Err(BillingError::invalid(
                P::CreditTooLarge,
                row,
                id,
                "amount",
                format!("{} (credits of '{reference}' total {total}, its net amount is {available})", k.net),
                "credits adding up to at most the net amount of the line they credit",
            ));
        }
        if let Some(slot) = targets.get_mut(row) {
            *slot = target;
        }
    }
    Ok(targets)
}

/// The sort key of a charge in the duplicate check, within a customer: plan code + 1 (0: none), currency
/// code, net mantissa and scale (normalised), start, end, row.
type DuplicateKey = (i64, u32, i128, u32, i64, i64, u32);

/// Two charges are duplicates when they have the same customer, plan, currency and net amount and their
/// service periods share a day.
fn check_duplicates(ctx: &Ctx<'_, '_>, checked: &[Checked], groups: &Groups) -> Result<(), BillingError> {
    let mut keys: Vec<DuplicateKey> = Vec::new();
    for (_, rows) in groups.iter() {
        if rows.len() < 2 {
            continue;
        }
        keys.clear();
        for &row in rows {
            let r = row as usize;
            let Some(k) = checked.get(r) else { continue };
            if ctx.kind(r) != LineKind::Charge || k.net.is_zero() {
                continue;
            }
            let plan =
                ctx.c.plan.and_then(|p| p.get(r).copied()).filter(|&p| p >= 0).map_or(0, |p| p.saturating_add(1));
            let net = k.net.normalize();
            let currency = ctx.c.currency.get(r).copied().unwrap_or(0);
            keys.push((plan, currency, net.mantissa(), net.scale(), k.start, k.end, row));
        }
        if keys.len() < 2 {
            continue;
        }
        keys.sort_unstable();
        let group = |k: &DuplicateKey| (k.0, k.1, k.2, k.3);
        let mut open: Option<(usize, i64)> = None;
        for (i, key) in keys.iter().enumerate() {
            let same_group = i > 0 && keys.get(i - 1).is_some_and(|p| group(p) == group(key));
            let (start, end, row) = (key.4, key.5, key.6 as usize);
            match open {
                Some((other, reach)) if same_group && start < reach => {
                    let (first, second) = (other.min(row), other.max(row));
                    let id = ctx.id(second);
                    let other_id = ctx.id(first);
                    return Err(BillingError::invalid(
                        P::DuplicateLine,
                        second,
                        id,
                        "line_id",
                        format!("'{id}' (overlaps '{other_id}': same customer, plan, currency and amount)"),
                        "one charge per customer, plan, amount and service day",
                    ));
                }
                Some((_, reach)) if same_group && end <= reach => {}
                _ => open = Some((row, end)),
            }
        }
    }
    Ok(())
}

fn reporting_currency(ctx: &Ctx<'_, '_>, options: &BillingOptions) -> Result<String, BillingError> {
    if let Some(currency) = &options.reporting_currency {
        if currency.trim().is_empty() {
            return Err(option_error("reporting_currency", format!("'{currency}'"), "a currency code"));
        }
        return Ok(currency.clone());
    }
    let codes = ctx.c.currency;
    let first_code = codes.first().copied().unwrap_or(0);
    let first = ctx.currency(0);
    match codes.iter().enumerate().position(|(row, &k)| k != first_code && ctx.currency(row) != first) {
        None => Ok(first.to_owned()),
        Some(row) => Err(BillingError::at_line(
            P::InvalidOption,
            row,
            ctx.id(row),
            LtvError::InvalidInput {
                field: "reporting_currency",
                value: "None".to_owned(),
                allowed: "a reporting currency (and rates) when lines are in several currencies",
                suggestion: None,
            },
        )),
    }
}

/// Minor units of `value` at `places` decimal places, rounded half away from zero.
fn to_units(value: Decimal, places: u32) -> Option<i128> {
    if value.scale() <= places {
        return value.mantissa().checked_mul(10_i128.checked_pow(places - value.scale())?);
    }
    let rounded = value.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
    let scale_up = places.checked_sub(rounded.scale())?;
    rounded.mantissa().checked_mul(10_i128.checked_pow(scale_up)?)
}

fn convert(
    ctx: &Ctx<'_, '_>,
    checked: &mut [Checked],
    rates: &[Rate],
    options: &BillingOptions,
    reporting: &str,
) -> Result<(), BillingError> {
    let table = RateTable::new(rates)?;
    let same: Vec<bool> = ctx.c.currencies.iter().map(|name| name == reporting).collect();
    for (row, k) in checked.iter_mut().enumerate() {
        let id = ctx.id(row);
        let code = ctx.c.currency.get(row).copied().unwrap_or(0) as usize;
        let converted = if same.get(code).copied().unwrap_or(false) {
            k.net
        } else {
            let currency = ctx.currency(row);
            let day = match options.rate_date {
                RateDate::InvoiceDate => ctx.issued(row).unwrap_or(k.start),
                RateDate::ServiceStart => k.start,
            };
            let rate = table.rate(currency, day).ok_or_else(|| {
                BillingError::invalid(
                    P::MissingRate,
                    row,
                    id,
                    "currency",
                    format!("'{currency}' on {} ({})", date_text(day), options.rate_date),
                    "a currency with a rate on or before the line's rate date",
                )
            })?;
            k.net.checked_mul(rate).ok_or_else(|| overflow(row, id))?
        };
        k.units = to_units(converted, options.decimal_places).ok_or_else(|| overflow(row, id))?;
    }
    Ok(())
}

/// The month of `day` for line `row`.
pub(crate) fn month(row: usize, id: &str, day: i64) -> Result<i64, BillingError> {
    month_of(day).map_err(|e| BillingError::at_line(P::InvalidDate, row, id, e))
}

/// Reused buffers of [`spread`].
#[derive(Default)]
pub(crate) struct Scratch {
    weights: Vec<(i64, i64)>,
    parts: Vec<i128>,
    order: Vec<(i128, usize)>,
}

/// Spreads `units` of line `row` over `start .. end` by `rule`, calling `push(period, units)` per month
/// with a positive weight.
#[allow(clippy::too_many_arguments)]
pub(crate) fn spread(
    row: usize,
    id: &str,
    start: i64,
    end: i64,
    units: i128,
    rule: DayCount,
    scratch: &mut Scratch,
    mut push: impl FnMut(i64, i128),
) -> Result<(), BillingError> {
    weights(rule, start, end, &mut scratch.weights)
        .map_err(|e| BillingError::at_line(P::EndBeforeStart, row, id, e))?;
    allocate_into(units, scratch.weights.iter().map(|&(_, w)| w), &mut scratch.parts, &mut scratch.order)
        .ok_or_else(|| overflow(row, id))?;
    for (&(period, weight), &part) in scratch.weights.iter().zip(&scratch.parts) {
        if weight > 0 {
            push(period, part);
        }
    }
    Ok(())
}

/// The rule of a prorated amount.
pub(crate) fn prorated(rule: DayCount) -> AuditRule {
    AuditRule::Prorated(rule)
}

/// The status of a customer-month.
pub(crate) fn status(paying: bool, trial: bool) -> MonthStatus {
    if paying {
        MonthStatus::Paying
    } else if trial {
        MonthStatus::Trial
    } else {
        MonthStatus::CreditOnly
    }
}
