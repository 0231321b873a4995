//! Runs the cross-language test vectors in `tests/vectors/*.json` (at the repository root) against the typed
//! API, in `Decimal` (checked against the expected values) and in `f64` (checked against the `Decimal` result).
//!
//! Each case names a function of the Python API and its keyword inputs; this file maps them onto the Rust
//! API, constructing every newtype with `named("<input name>", value)` so that error fields equal input names.
//! An unknown function, an unknown input key, or an unknown key in a case fails the run, so the vectors and
//! the two implementations cannot drift apart silently. All failing cases are reported together.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use ltv_core::{
    CacPayback, Churn, ChurnBasis, Days, Decimal, DiscountRate, Fraction, HealthBands, LeadRules, LtvCacRatio,
    LtvError, Money, Months, MrrMovements, Number, PaymentTiming, Period, Ratio, annual_to_monthly_rate, bid_cap,
    cac_payback_months, campaign_value, discounted_ltv, lead_ltv, lead_value, lifespan_from_churn, logo_churn_rate,
    ltv_cac_ratio, max_cac, net_lead_ltv, present_value_lead_ltv, purchase_ltv, retention_cltv, saas_ltv,
    subscription_ltv,
};
use rust_decimal::RoundingStrategy;
use serde_json::{Map, Value};

/// The files the vectors must come in.
const FILES: &[&str] =
    &["saas", "subscription", "purchase", "discounted", "retention", "ltv_cac", "payback", "lead", "mrr", "quantities"];

/// Every function the runner knows; each must be exercised by at least one vector.
const FUNCTIONS: &[&str] = &[
    "purchase_ltv",
    "subscription_ltv",
    "lifespan_from_churn",
    "saas_ltv",
    "monthly_churn_from_annual",
    "annual_to_monthly_rate",
    "discounted_ltv",
    "retention_cltv",
    "ltv_cac_ratio",
    "max_cac",
    "cac_payback_months",
    "lead_ltv",
    "net_lead_ltv",
    "present_value_lead_ltv",
    "lead_value",
    "is_zombie",
    "campaign_value",
    "bid_cap",
    "logo_churn_rate",
    "MrrMovements.gross_mrr_churn",
    "MrrMovements.net_mrr_churn",
    "MrrMovements.net_revenue_retention",
    "MrrMovements.gross_revenue_retention",
    "MrrMovements.quick_ratio",
    "MrrMovements.ending_mrr",
];

const CASE_KEYS: &[&str] =
    &["name", "function", "inputs", "expected", "places", "error", "f64_only", "decimal_only", "note"];
const ERROR_KEYS: &[&str] = &["kind", "field", "message"];
const ERROR_KINDS: &[&str] =
    &["invalid_input", "zero_churn", "negative_net_churn", "divergent", "not_finite", "overflow", "undefined"];

/// Relative agreement required of the f64 path with the Decimal path.
const F64_REL_TOL: f64 = 1e-9;
/// Absolute slack for results that are (nearly) zero, where a relative tolerance means nothing.
const F64_ABS_TOL: f64 = 1e-12;

/// A number the runner can parse from a vector.
trait Num: Number {
    fn parse(s: &str) -> Option<Self>;
}

impl Num for Decimal {
    fn parse(s: &str) -> Option<Self> {
        // Exact: a vector may not hold a value that Decimal would round.
        Decimal::from_str_exact(s).ok()
    }
}

impl Num for f64 {
    fn parse(s: &str) -> Option<Self> {
        s.parse().ok()
    }
}

/// A function's result.
#[derive(Debug)]
enum Out<T> {
    Num(T),
    Bool(bool),
    Ratio(LtvCacRatio<T>),
    Payback(CacPayback<T>),
}

/// The inputs of one case, read key by key; [`Inputs::finish`] rejects any key that was not read.
struct Inputs<'a> {
    map: &'a Map<String, Value>,
    used: BTreeSet<&'static str>,
}

type Harness<T> = std::result::Result<T, String>;

impl<'a> Inputs<'a> {
    fn new(map: &'a Map<String, Value>) -> Self {
        Self { map, used: BTreeSet::new() }
    }

    fn raw(&mut self, key: &'static str) -> Option<&'a Value> {
        self.used.insert(key);
        self.map.get(key)
    }

    fn opt_num<T: Num>(&mut self, key: &'static str) -> Harness<Option<T>> {
        match self.raw(key) {
            None => Ok(None),
            Some(Value::String(s)) => {
                T::parse(s).map(Some).ok_or_else(|| format!("input {key} = {s:?} is not a valid number here"))
            }
            Some(v) => Err(format!("input {key} must be a decimal string, got {v}")),
        }
    }

    fn num<T: Num>(&mut self, key: &'static str) -> Harness<T> {
        self.opt_num(key)?.ok_or_else(|| format!("missing input {key}"))
    }

    fn num_or<T: Num>(&mut self, key: &'static str, default: &str) -> Harness<T> {
        match self.opt_num(key)? {
            Some(v) => Ok(v),
            None => T::parse(default).ok_or_else(|| format!("bad default {default} for {key}")),
        }
    }

    fn opt_int(&mut self, key: &'static str) -> Harness<Option<u32>> {
        match self.raw(key) {
            None => Ok(None),
            Some(Value::Number(n)) => n
                .as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .map(Some)
                .ok_or_else(|| format!("input {key} = {n} is not a u32")),
            Some(v) => Err(format!("input {key} must be a JSON integer, got {v}")),
        }
    }

    fn int(&mut self, key: &'static str) -> Harness<u32> {
        self.opt_int(key)?.ok_or_else(|| format!("missing input {key}"))
    }

    fn word(&mut self, key: &'static str, default: &'static str) -> Harness<&'a str> {
        match self.raw(key) {
            None => Ok(default),
            Some(Value::String(s)) => Ok(s),
            Some(v) => Err(format!("input {key} must be a string, got {v}")),
        }
    }

    fn basis(&mut self) -> Harness<ChurnBasis> {
        match self.word("churn_basis", "logo")? {
            "logo" => Ok(ChurnBasis::Logo),
            "gross_revenue" => Ok(ChurnBasis::GrossRevenue),
            "net_revenue" => Ok(ChurnBasis::NetRevenue),
            other => Err(format!("unknown churn_basis {other:?}")),
        }
    }

    fn timing(&mut self) -> Harness<PaymentTiming> {
        match self.word("timing", "start_of_period")? {
            "start_of_period" => Ok(PaymentTiming::StartOfPeriod),
            "end_of_period" => Ok(PaymentTiming::EndOfPeriod),
            "end_of_period_survivors" => Ok(PaymentTiming::EndOfPeriodSurvivors),
            other => Err(format!("unknown timing {other:?}")),
        }
    }

    fn period(&mut self) -> Harness<Period> {
        match self.word("period", "annual")? {
            "annual" => Ok(Period::Annual),
            "monthly" => Ok(Period::Monthly),
            other => Err(format!("unknown period {other:?}")),
        }
    }

    fn finish(&self) -> Harness<()> {
        let unknown: Vec<&str> = self.map.keys().map(String::as_str).filter(|k| !self.used.contains(k)).collect();
        if unknown.is_empty() { Ok(()) } else { Err(format!("unknown input key(s) {unknown:?}")) }
    }
}

/// Raw inputs of the lead rules, with the Python defaults.
struct RawRules<T> {
    annual_discount_rate: T,
    discount_after_months: T,
    zombie_after_days: T,
}

impl<T: Num> RawRules<T> {
    fn read(inp: &mut Inputs<'_>) -> Harness<Self> {
        Ok(Self {
            annual_discount_rate: inp.num_or("annual_discount_rate", "0.10")?,
            discount_after_months: inp.num_or("discount_after_months", "12")?,
            zombie_after_days: inp.num_or("zombie_after_days", "180")?,
        })
    }

    fn build(self) -> ltv_core::Result<LeadRules<T>> {
        Ok(LeadRules::new(
            DiscountRate::named("annual_discount_rate", self.annual_discount_rate, Period::Annual)?,
            Months::named("discount_after_months", self.discount_after_months)?,
            Days::named("zombie_after_days", self.zombie_after_days)?,
        ))
    }
}

fn num<T>(r: ltv_core::Result<T>) -> ltv_core::Result<Out<T>> {
    r.map(Out::Num)
}

/// Dispatches one case. The outer `Result` is a fault of the vector (unknown function or key, bad input
/// syntax); the inner one is the library's answer.
#[allow(clippy::too_many_lines)]
fn eval<T: Num>(function: &str, map: &Map<String, Value>) -> Harness<ltv_core::Result<Out<T>>> {
    let mut inp = Inputs::new(map);
    let inp = &mut inp;
    let out = match function {
        "purchase_ltv" => {
            let apv: T = inp.num("average_purchase_value")?;
            let freq: T = inp.num("purchase_frequency")?;
            let life: T = inp.num("customer_lifespan")?;
            let gm: Option<T> = inp.opt_num("gross_margin")?;
            inp.finish()?;
            (|| {
                let gm = gm.map(|g| Fraction::named("gross_margin", g)).transpose()?;
                num(purchase_ltv(Money::named("average_purchase_value", apv)?, freq, life, gm))
            })()
        }
        "subscription_ltv" => {
            let rev: T = inp.num("average_monthly_revenue")?;
            let months: T = inp.num("lifespan_months")?;
            inp.finish()?;
            (|| {
                num(subscription_ltv(
                    Money::named("average_monthly_revenue", rev)?,
                    Months::named("lifespan_months", months)?,
                ))
            })()
        }
        "lifespan_from_churn" => {
            let c: T = inp.num("monthly_churn")?;
            let basis = inp.basis()?;
            inp.finish()?;
            (|| num(lifespan_from_churn(Churn::named("monthly_churn", c, Period::Monthly, basis)?).map(Months::get)))()
        }
        "saas_ltv" => {
            let arpu: T = inp.num("arpu")?;
            let gm: T = inp.num("gross_margin")?;
            let c: T = inp.num("monthly_churn")?;
            let basis = inp.basis()?;
            inp.finish()?;
            (|| {
                num(saas_ltv(
                    Money::named("arpu", arpu)?,
                    Fraction::named("gross_margin", gm)?,
                    Churn::named("monthly_churn", c, Period::Monthly, basis)?,
                ))
            })()
        }
        "monthly_churn_from_annual" => {
            let a: T = inp.num("annual_churn")?;
            let basis = inp.basis()?;
            inp.finish()?;
            (|| num(Churn::named("annual_churn", a, Period::Annual, basis)?.monthly_rate()))()
        }
        "annual_to_monthly_rate" => {
            let a: T = inp.num("annual_rate")?;
            inp.finish()?;
            (|| {
                DiscountRate::named("annual_rate", a, Period::Annual)?;
                num(annual_to_monthly_rate(a, "annual_rate"))
            })()
        }
        "discounted_ltv" => {
            let m: T = inp.num("monthly_margin")?;
            let c: T = inp.num("monthly_churn")?;
            let basis = inp.basis()?;
            let annual: Option<T> = inp.opt_num("annual_discount_rate")?;
            let monthly: Option<T> = inp.opt_num("monthly_discount_rate")?;
            let timing = inp.timing()?;
            let horizon = inp.opt_int("horizon_months")?;
            inp.finish()?;
            let (field, rate, period) = match (annual, monthly) {
                (Some(a), None) => ("annual_discount_rate", a, Period::Annual),
                (None, Some(m)) => ("monthly_discount_rate", m, Period::Monthly),
                _ => return Err("exactly one of annual_discount_rate and monthly_discount_rate".into()),
            };
            (|| {
                num(discounted_ltv(
                    Money::named("monthly_margin", m)?,
                    Churn::named("monthly_churn", c, Period::Monthly, basis)?,
                    DiscountRate::named(field, rate, period)?,
                    timing,
                    horizon,
                ))
            })()
        }
        "retention_cltv" => {
            let rev: T = inp.num("revenue")?;
            let gm: T = inp.num("gross_margin")?;
            let ret: T = inp.num("retention")?;
            let d: T = inp.num("discount_rate")?;
            let periods = inp.int("periods")?;
            let period = inp.period()?;
            let timing = inp.timing()?;
            inp.finish()?;
            (|| {
                num(retention_cltv(
                    Money::named("revenue", rev)?,
                    Fraction::named("gross_margin", gm)?,
                    Fraction::named("retention", ret)?,
                    DiscountRate::named("discount_rate", d, period)?,
                    periods,
                    period,
                    timing,
                ))
            })()
        }
        "ltv_cac_ratio" => {
            let ltv: T = inp.num("ltv")?;
            let cac: T = inp.num("cac")?;
            let lo: T = inp.num_or("healthy_min", "3")?;
            let hi: T = inp.num_or("healthy_max", "5")?;
            inp.finish()?;
            (|| {
                ltv_cac_ratio(Money::named("ltv", ltv)?, Money::named("cac", cac)?, HealthBands::new(lo, hi)?)
                    .map(Out::Ratio)
            })()
        }
        "max_cac" => {
            let ltv: T = inp.num("ltv")?;
            let target: T = inp.num_or("target_ratio", "3")?;
            inp.finish()?;
            (|| num(max_cac(Money::named("ltv", ltv)?, Ratio::named("target_ratio", target)?)))()
        }
        "cac_payback_months" => {
            let cac: T = inp.num("cac")?;
            let arpu: T = inp.num("arpu")?;
            let gm: T = inp.num("gross_margin")?;
            let target: T = inp.num_or("target_months", "18")?;
            inp.finish()?;
            (|| {
                cac_payback_months(
                    Money::named("cac", cac)?,
                    Money::named("arpu", arpu)?,
                    Fraction::named("gross_margin", gm)?,
                    Months::named("target_months", target)?,
                )
                .map(Out::Payback)
            })()
        }
        "lead_ltv" => {
            let ltv: T = inp.num("customer_ltv")?;
            let conv: T = inp.num("conversion_rate")?;
            inp.finish()?;
            (|| num(lead_ltv(Money::named("customer_ltv", ltv)?, Fraction::named("conversion_rate", conv)?)))()
        }
        "net_lead_ltv" => {
            let ltv: T = inp.num("customer_ltv")?;
            let conv: T = inp.num("conversion_rate")?;
            let cac: T = inp.num("cac")?;
            let nurture: T = inp.num_or("nurture_cost", "0")?;
            let time: T = inp.num_or("time_factor", "1")?;
            inp.finish()?;
            (|| {
                num(net_lead_ltv(
                    Money::named("customer_ltv", ltv)?,
                    Fraction::named("conversion_rate", conv)?,
                    Money::named("cac", cac)?,
                    Money::named("nurture_cost", nurture)?,
                    time,
                ))
            })()
        }
        "present_value_lead_ltv" => {
            let ltv: T = inp.num("customer_ltv")?;
            let conv: T = inp.num("conversion_rate")?;
            let months: T = inp.num("months_to_close")?;
            let rate: T = inp.num_or("annual_discount_rate", "0.10")?;
            let after: T = inp.num_or("discount_after_months", "12")?;
            inp.finish()?;
            (|| {
                let ltv = Money::named("customer_ltv", ltv)?;
                let conv = Fraction::named("conversion_rate", conv)?;
                let months = Months::named("months_to_close", months)?;
                let defaults = LeadRules::<T>::default();
                let rules = LeadRules::new(
                    DiscountRate::named("annual_discount_rate", rate, Period::Annual)?,
                    Months::named("discount_after_months", after)?,
                    defaults.zombie_after_days,
                );
                num(present_value_lead_ltv(ltv, conv, months, rules))
            })()
        }
        "lead_value" => {
            let ltv: T = inp.num("customer_ltv")?;
            let conv: T = inp.num("conversion_probability")?;
            let months: T = inp.num("months_to_close")?;
            let days: T = inp.num("days_since_engagement")?;
            let rules = RawRules::<T>::read(inp)?;
            inp.finish()?;
            (|| {
                let ltv = Money::named("customer_ltv", ltv)?;
                let conv = Fraction::named("conversion_probability", conv)?;
                let months = Months::named("months_to_close", months)?;
                let days = Days::named("days_since_engagement", days)?;
                num(lead_value(ltv, conv, months, days, rules.build()?))
            })()
        }
        "is_zombie" => {
            let days: T = inp.num("days_since_engagement")?;
            let zombie: T = inp.num_or("zombie_after_days", "180")?;
            inp.finish()?;
            (|| {
                let days = Days::named("days_since_engagement", days)?;
                let defaults = LeadRules::<T>::default();
                let rules = LeadRules::new(
                    defaults.discount_rate,
                    defaults.discount_after_months,
                    Days::named("zombie_after_days", zombie)?,
                );
                Ok(Out::Bool(rules.is_zombie(days)))
            })()
        }
        "campaign_value" => {
            let leads = inp.int("leads")?;
            let v: T = inp.num("lead_ltv")?;
            inp.finish()?;
            (|| num(campaign_value(leads, Money::named("lead_ltv", v)?)))()
        }
        "bid_cap" => {
            let v: T = inp.num("lead_ltv")?;
            let target: T = inp.num_or("target_ratio", "3")?;
            inp.finish()?;
            (|| num(bid_cap(Money::named("lead_ltv", v)?, Ratio::named("target_ratio", target)?)))()
        }
        "logo_churn_rate" => {
            let start = inp.int("customers_at_start")?;
            let lost = inp.int("customers_lost")?;
            inp.finish()?;
            num(logo_churn_rate::<T>(start, lost))
        }
        f if f.starts_with("MrrMovements.") => {
            let method = &f["MrrMovements.".len()..];
            let start: T = inp.num("starting_mrr")?;
            let new: T = inp.num_or("new", "0")?;
            let expansion: T = inp.num_or("expansion", "0")?;
            let contraction: T = inp.num_or("contraction", "0")?;
            let churned: T = inp.num_or("churned", "0")?;
            let reactivation: T = inp.num_or("reactivation", "0")?;
            inp.finish()?;
            let call: fn(MrrMovements<T>) -> ltv_core::Result<T> = match method {
                "gross_mrr_churn" => MrrMovements::gross_mrr_churn,
                "net_mrr_churn" => MrrMovements::net_mrr_churn,
                "net_revenue_retention" => MrrMovements::net_revenue_retention,
                "gross_revenue_retention" => MrrMovements::gross_revenue_retention,
                "quick_ratio" => MrrMovements::quick_ratio,
                "ending_mrr" => MrrMovements::ending_mrr,
                other => return Err(format!("unknown MrrMovements method {other:?}")),
            };
            (|| {
                let mv = MrrMovements::new(
                    Money::named("starting_mrr", start)?,
                    Money::named("new", new)?,
                    Money::named("expansion", expansion)?,
                    Money::named("contraction", contraction)?,
                    Money::named("churned", churned)?,
                    Money::named("reactivation", reactivation)?,
                )?;
                num(call(mv))
            })()
        }
        other => return Err(format!("unknown function {other:?}")),
    };
    Ok(out)
}

// ----------------------------------------------------------------------------------------------------------
// Checking.

struct Case<'a> {
    name: &'a str,
    function: &'a str,
    inputs: &'a Map<String, Value>,
    expected: Option<&'a Value>,
    places: Option<u32>,
    error: Option<&'a Map<String, Value>>,
    /// Non-finite float inputs: run on f64 only.
    f64_only: bool,
    /// Inputs beyond f64 precision: skip the f64 path.
    decimal_only: bool,
}

fn parse_case(v: &Value) -> Harness<Case<'_>> {
    let obj = v.as_object().ok_or("a case must be an object")?;
    for k in obj.keys() {
        if !CASE_KEYS.contains(&k.as_str()) {
            return Err(format!("unknown case key {k:?}"));
        }
    }
    let name = obj.get("name").and_then(Value::as_str).ok_or("case without a string name")?;
    let function = obj.get("function").and_then(Value::as_str).ok_or("case without a string function")?;
    let inputs = obj.get("inputs").and_then(Value::as_object).ok_or("case without an inputs object")?;
    let expected = obj.get("expected");
    let places = match obj.get("places") {
        None => None,
        Some(p) => Some(p.as_u64().and_then(|p| u32::try_from(p).ok()).ok_or("places must be a small integer")?),
    };
    let error = match obj.get("error") {
        None => None,
        Some(e) => {
            let e = e.as_object().ok_or("error must be an object")?;
            for k in e.keys() {
                if !ERROR_KEYS.contains(&k.as_str()) {
                    return Err(format!("unknown error key {k:?}"));
                }
            }
            let kind = e.get("kind").and_then(Value::as_str).ok_or("error without a kind")?;
            if !ERROR_KINDS.contains(&kind) {
                return Err(format!("unknown error kind {kind:?}"));
            }
            e.get("field").and_then(Value::as_str).ok_or("error without a field")?;
            Some(e)
        }
    };
    if expected.is_some() == error.is_some() {
        return Err("a case needs exactly one of expected and error".into());
    }
    let flag = |key: &str| match obj.get(key) {
        None => Ok(false),
        Some(b) => b.as_bool().ok_or(format!("{key} must be a bool")),
    };
    let (f64_only, decimal_only) = (flag("f64_only")?, flag("decimal_only")?);
    if f64_only && decimal_only {
        return Err("a case cannot be both f64_only and decimal_only".into());
    }
    Ok(Case { name, function, inputs, expected, places, error, f64_only, decimal_only })
}

fn round(x: Decimal, places: Option<u32>) -> Decimal {
    match places {
        Some(p) => x.round_dp_with_strategy(p, RoundingStrategy::MidpointNearestEven),
        None => x,
    }
}

fn check_decimal(field: &str, actual: Decimal, expected: Option<&Value>, places: Option<u32>) -> Harness<()> {
    let s = expected.and_then(Value::as_str).ok_or_else(|| format!("expected {field} must be a decimal string"))?;
    let want = Decimal::from_str_exact(s).map_err(|e| format!("expected {field} {s:?}: {e}"))?;
    let got = round(actual, places);
    if got == round(want, places) {
        Ok(())
    } else {
        Err(format!("{field}: got {actual} (rounded {got}), expected {want}"))
    }
}

fn check_struct_keys(obj: &Map<String, Value>, keys: &[&str]) -> Harness<()> {
    let got: BTreeSet<&str> = obj.keys().map(String::as_str).collect();
    let want: BTreeSet<&str> = keys.iter().copied().collect();
    if got == want { Ok(()) } else { Err(format!("expected object keys {want:?}, got {got:?}")) }
}

fn check_expected(out: &Out<Decimal>, expected: &Value, places: Option<u32>) -> Harness<()> {
    match out {
        Out::Num(x) => check_decimal("value", *x, Some(expected), places),
        Out::Bool(b) => match expected.as_bool() {
            Some(want) if want == *b => Ok(()),
            Some(want) => Err(format!("got {b}, expected {want}")),
            None => Err(format!("result is a bool, expected {expected}")),
        },
        Out::Ratio(r) => {
            let obj = expected.as_object().ok_or("expected must be an object {ratio, band}")?;
            check_struct_keys(obj, &["ratio", "band"])?;
            check_decimal("ratio", r.ratio, obj.get("ratio"), places)?;
            let band = obj.get("band").and_then(Value::as_str).ok_or("band must be a string")?;
            if band == r.band.as_str() {
                Ok(())
            } else {
                Err(format!("band: got {}, expected {band}", r.band.as_str()))
            }
        }
        Out::Payback(p) => {
            let obj = expected.as_object().ok_or("expected must be an object {months, target_months, meets_target}")?;
            check_struct_keys(obj, &["months", "target_months", "meets_target"])?;
            check_decimal("months", p.months, obj.get("months"), places)?;
            check_decimal("target_months", p.target_months, obj.get("target_months"), places)?;
            let meets = obj.get("meets_target").and_then(Value::as_bool).ok_or("meets_target must be a bool")?;
            if meets == p.meets_target {
                Ok(())
            } else {
                Err(format!("meets_target: got {}, expected {meets}", p.meets_target))
            }
        }
    }
}

fn check_error(err: &LtvError, spec: &Map<String, Value>, with_message: bool) -> Harness<()> {
    let kind = spec["kind"].as_str().unwrap_or_default();
    let field = spec["field"].as_str().unwrap_or_default();
    if err.kind() != kind || err.field() != field {
        return Err(format!("got error {}/{} ({err}), expected {kind}/{field}", err.kind(), err.field()));
    }
    if with_message && let Some(message) = spec.get("message") {
        let message = message.as_str().ok_or("message must be a string")?;
        if err.to_string() != message {
            return Err(format!("message:\n      got      {err}\n      expected {message}"));
        }
    }
    Ok(())
}

fn close(field: &str, f: f64, d: Decimal) -> Harness<()> {
    let d = d.to_f64();
    let diff = (f - d).abs();
    if diff <= F64_ABS_TOL || diff <= F64_REL_TOL * f.abs().max(d.abs()) {
        Ok(())
    } else {
        Err(format!("f64 {field} {f:e} disagrees with Decimal {d:e} (relative {:e})", diff / d.abs()))
    }
}

fn check_f64_agrees(f: &Out<f64>, d: &Out<Decimal>) -> Harness<()> {
    match (f, d) {
        (Out::Num(f), Out::Num(d)) => close("value", *f, *d),
        (Out::Bool(f), Out::Bool(d)) if f == d => Ok(()),
        (Out::Ratio(f), Out::Ratio(d)) => {
            close("ratio", f.ratio, d.ratio)?;
            if f.band == d.band { Ok(()) } else { Err(format!("f64 band {:?} vs Decimal {:?}", f.band, d.band)) }
        }
        (Out::Payback(f), Out::Payback(d)) => {
            close("months", f.months, d.months)?;
            close("target_months", f.target_months, d.target_months)?;
            if f.meets_target == d.meets_target { Ok(()) } else { Err("f64 meets_target differs".into()) }
        }
        _ => Err(format!("f64 result {f:?} does not match Decimal result {d:?}")),
    }
}

fn check_f64_only(case: &Case<'_>) -> Harness<()> {
    let out = eval::<f64>(case.function, case.inputs)?;
    match (out, case.error) {
        (Err(e), Some(spec)) => check_error(&e, spec, true),
        (Ok(out), Some(_)) => Err(format!("f64: expected an error, got {out:?}")),
        (Ok(Out::Num(x)), None) => {
            let s = case.expected.and_then(Value::as_str).ok_or("expected must be a decimal string")?;
            let want: f64 = s.parse().map_err(|_| format!("bad expected {s:?}"))?;
            let diff = (x - want).abs();
            if diff <= F64_ABS_TOL || diff <= F64_REL_TOL * want.abs() {
                Ok(())
            } else {
                Err(format!("f64: got {x}, expected {want}"))
            }
        }
        (Ok(out), None) => Err(format!("f64_only supports numeric expectations only, got {out:?}")),
        (Err(e), None) => Err(format!("f64: unexpected error {}: {e}", e.kind())),
    }
}

fn check_case(case: &Case<'_>) -> Harness<()> {
    if case.f64_only {
        return check_f64_only(case);
    }
    let dec = eval::<Decimal>(case.function, case.inputs)?;
    let fast = eval::<f64>(case.function, case.inputs)?;
    match (&dec, case.error, case.expected) {
        (Ok(out), None, Some(expected)) => check_expected(out, expected, case.places)?,
        (Ok(out), Some(spec), _) => {
            return Err(format!("expected error {}/{}, got {out:?}", spec["kind"], spec["field"]));
        }
        (Err(e), Some(spec), _) => check_error(e, spec, true)?,
        (Err(e), None, _) => return Err(format!("unexpected error {}/{}: {e}", e.kind(), e.field())),
        (Ok(_), None, None) => unreachable!("checked in parse_case"),
    }
    if case.decimal_only {
        return Ok(());
    }
    // The f64 instantiation of the same formula.
    match (&dec, &fast) {
        (Ok(d), Ok(f)) => check_f64_agrees(f, d),
        (Ok(_), Err(e)) => Err(format!("f64 errors ({}: {e}) where Decimal does not", e.kind())),
        // Both number types share Decimal's range, so an overflow is an overflow in both.
        (Err(d), Ok(f)) => Err(format!("Decimal errors ({}: {d}) where f64 gives {f:?}", d.kind())),
        (Err(d), Err(f)) => {
            if d.kind() == f.kind() && d.field() == f.field() {
                Ok(())
            } else {
                Err(format!("f64 error {}/{} differs from Decimal {}/{}", f.kind(), f.field(), d.kind(), d.field()))
            }
        }
    }
}

fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors")
}

#[test]
fn vectors() {
    let dir = vectors_dir();
    let mut failures = String::new();
    let mut seen_functions = BTreeSet::new();
    let mut total = 0;

    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let stems: BTreeSet<String> = files.iter().map(|p| p.file_stem().unwrap().to_string_lossy().into_owned()).collect();
    for want in FILES {
        if !stems.contains(*want) {
            writeln!(failures, "missing vector file {want}.json").unwrap();
        }
    }

    for path in &files {
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = fs::read_to_string(path).unwrap();
        let doc: Value = match serde_json::from_str(&text) {
            Ok(v) => v,
            Err(e) => {
                writeln!(failures, "{file}: invalid JSON: {e}").unwrap();
                continue;
            }
        };
        let Some(top) = doc.as_object() else {
            writeln!(failures, "{file}: not a JSON object").unwrap();
            continue;
        };
        for k in top.keys() {
            if k != "description" && k != "cases" {
                writeln!(failures, "{file}: unknown top-level key {k:?}").unwrap();
            }
        }
        if !top.get("description").is_some_and(Value::is_string) {
            writeln!(failures, "{file}: missing description").unwrap();
        }
        let Some(cases) = top.get("cases").and_then(Value::as_array) else {
            writeln!(failures, "{file}: missing cases array").unwrap();
            continue;
        };
        if cases.is_empty() {
            writeln!(failures, "{file}: no cases").unwrap();
        }
        let mut names = BTreeSet::new();
        for (i, raw) in cases.iter().enumerate() {
            total += 1;
            let case = match parse_case(raw) {
                Ok(c) => c,
                Err(e) => {
                    writeln!(failures, "{file} case #{i}: {e}").unwrap();
                    continue;
                }
            };
            if !names.insert(case.name) {
                writeln!(failures, "{file}: duplicate case name {:?}", case.name).unwrap();
            }
            seen_functions.insert(case.function.to_owned());
            if let Err(e) = check_case(&case) {
                writeln!(failures, "{file}: {:?} ({}): {e}", case.name, case.function).unwrap();
            }
        }
    }
    for f in FUNCTIONS {
        if !seen_functions.contains(*f) {
            writeln!(failures, "no vector exercises {f}").unwrap();
        }
    }
    assert!(total > 0, "no vectors found in {}", dir.display());
    assert!(failures.is_empty(), "test vector failures:\n{failures}");
}

/// The runner itself rejects what it does not know, so the vectors cannot drift from the API.
#[test]
fn runner_rejects_unknown_functions_and_keys() {
    let inputs: Map<String, Value> = serde_json::from_str(r#"{"arpu": "1", "gross_margin": "1"}"#).unwrap();
    assert!(eval::<Decimal>("no_such_function", &inputs).is_err());
    assert!(eval::<Decimal>("MrrMovements.no_such_method", &serde_json::Map::new()).is_err());
    let extra: Map<String, Value> =
        serde_json::from_str(r#"{"arpu": "1", "gross_margin": "1", "monthly_churn": "0.1", "typo": "1"}"#).unwrap();
    let err = eval::<Decimal>("saas_ltv", &extra).unwrap_err();
    assert!(err.contains("typo"), "{err}");
    let ok: Map<String, Value> =
        serde_json::from_str(r#"{"arpu": "1", "gross_margin": "1", "monthly_churn": "0.1"}"#).unwrap();
    assert!(eval::<Decimal>("saas_ltv", &ok).unwrap().is_ok());
    // An extra key is caught even when validation fails first.
    let extra_invalid: Map<String, Value> =
        serde_json::from_str(r#"{"arpu": "-1", "gross_margin": "1", "monthly_churn": "0.1", "typo": "1"}"#).unwrap();
    assert!(eval::<Decimal>("saas_ltv", &extra_invalid).is_err());
    let bad_case: Value =
        serde_json::from_str(r#"{"name": "x", "function": "saas_ltv", "inputs": {}, "expected": "1", "expectd": "1"}"#)
            .unwrap();
    assert!(parse_case(&bad_case).is_err());
}
