//! The column entry point (`normalise_columns`) against the row entry point (`normalise`) on random invoice
//! lines with credits, refunds, two currencies, pauses, trials, one-time charges, quantities, discounts and
//! every kind of bad line: identical tables, or the identical error.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashMap;

use ltv_core::Decimal;
use ltv_core::billing::{
    BillingLine, BillingOptions, CreditPlacement, DayCount, LineColumns, LineKind, MAX_SERVICE_DAYS, NormalisedColumns,
    Rate, RateDate, normalise, normalise_columns,
};
use ltv_core::cohort::PeriodUnit;
use proptest::prelude::*;

const KINDS: [LineKind; 4] = [LineKind::Charge, LineKind::CreditNote, LineKind::Refund, LineKind::OneTime];
const RULES: [DayCount; 3] = [DayCount::ActualDays, DayCount::Thirty360, DayCount::WholeMonths];

/// One generated line: customer, kind, cents, extra decimal, currency, start, length, plan, quantity,
/// discount cents, credited line, issued offset.
type Spec = (u32, usize, i64, bool, usize, i64, i64, usize, Option<i64>, Option<i64>, Option<usize>, Option<i64>);

fn spec() -> impl Strategy<Value = Spec> {
    (
        0_u32..4,
        prop_oneof![6 => Just(0_usize), 2 => Just(1_usize), 1 => Just(2_usize), 2 => Just(3_usize)],
        prop_oneof![1 => Just(0_i64), 1 => -5_i64..0, 8 => 0_i64..200_000, 4 => prop::sample::select(vec![1_999_i64, 4_900])],
        prop::bool::weighted(0.15),
        prop_oneof![5 => Just(0_usize), 1 => Just(1_usize)],
        0_i64..900,
        prop_oneof![1 => -3_i64..=0, 10 => 1_i64..400, 1 => 3_600_i64..3_700],
        0_usize..3,
        prop::option::weighted(0.2, -1_i64..5),
        prop::option::weighted(0.2, 0_i64..30_000),
        prop::option::weighted(0.5, 0_usize..14),
        prop::option::weighted(0.3, -40_i64..40),
    )
}

/// The lines of `specs`; unless `bad`, without negative amounts, empty or over-long periods, and credits
/// name an earlier line of their customer when there is one.
fn lines_of(specs: &[Spec], bad: bool) -> Vec<BillingLine<u32>> {
    specs
        .iter()
        .enumerate()
        .map(|(i, s)| {
            // Now and then the line before again, from another start: a duplicate when the periods overlap.
            let s = match i.checked_sub(1).map(|p| specs[p]) {
                Some(p) if s.3 && s.7 == 2 => (p.0, p.1, p.2, p.3, p.4, s.5, p.6, p.7, p.8, p.9, p.10, p.11),
                _ => *s,
            };
            let (
                customer,
                kind,
                mut cents,
                extra,
                currency,
                start,
                mut len,
                plan,
                quantity,
                discount,
                mut credits,
                issued,
            ) = s;
            if !bad {
                cents = cents.abs();
                len = if len <= 0 {
                    2 - len
                } else if len > MAX_SERVICE_DAYS {
                    len - 3_300
                } else {
                    len
                };
                if let Some(t) = credits
                    && let Some(same) = (0..i).rev().find(|&j| specs[j].0 == customer && (t % 3 != 0 || j == 0))
                {
                    credits = Some(same);
                }
            }
            let start = 19_700 + start;
            let day = |d: i64| PeriodUnit::Day.start(d).unwrap();
            let amount = if extra { Decimal::new(cents * 10 + 5, 3) } else { Decimal::new(cents, 2) };
            let mut line = BillingLine::charge(
                &format!("l{}", if i == 7 && specs.len() > 9 { 3 } else { i }),
                customer,
                amount,
                ["USD", "EUR"][currency],
                day(start),
                day(start + len),
            )
            .with_kind(KINDS[kind]);
            line.plan = (plan > 0).then(|| format!("p{plan}"));
            line.quantity = quantity.map(Decimal::from);
            line.discount = discount.map(|c| Decimal::new(c, 2));
            line.credits = credits.map(|t| format!("l{t}"));
            line.issued = issued.map(|o| day(start + o));
            line
        })
        .collect()
}

/// The columns of `lines`, encoded by the test itself.
fn columns_run(
    lines: &[BillingLine<u32>],
    rates: &[Rate],
    options: &BillingOptions,
) -> Result<NormalisedColumns, ltv_core::billing::BillingError> {
    let day = |d| PeriodUnit::Day.index_of(d).unwrap();
    let mut currencies: Vec<String> = Vec::new();
    let mut plans: HashMap<&str, i64> = HashMap::new();
    let currency: Vec<u32> = lines
        .iter()
        .map(|l| match currencies.iter().position(|c| *c == l.currency) {
            Some(k) => u32::try_from(k).unwrap(),
            None => {
                currencies.push(l.currency.clone());
                u32::try_from(currencies.len() - 1).unwrap()
            }
        })
        .collect();
    let plan: Vec<i64> = lines
        .iter()
        .map(|l| match l.plan.as_deref() {
            None => -1,
            Some(p) => {
                let next = i64::try_from(plans.len()).unwrap();
                *plans.entry(p).or_insert(next)
            }
        })
        .collect();
    let line_id: Vec<&str> = lines.iter().map(|l| l.line_id.as_str()).collect();
    let customer: Vec<u32> = lines.iter().map(|l| l.customer).collect();
    let kind: Vec<LineKind> = lines.iter().map(|l| l.kind).collect();
    let amount: Vec<Decimal> = lines.iter().map(|l| l.amount).collect();
    let start: Vec<i64> = lines.iter().map(|l| day(l.service_start)).collect();
    let end: Vec<i64> = lines.iter().map(|l| day(l.service_end)).collect();
    let quantity: Vec<Option<Decimal>> = lines.iter().map(|l| l.quantity).collect();
    let discount: Vec<Option<Decimal>> = lines.iter().map(|l| l.discount).collect();
    let credits: Vec<Option<&str>> = lines.iter().map(|l| l.credits.as_deref()).collect();
    let issued: Vec<i64> = lines.iter().map(|l| l.issued.map_or(i64::MIN, day)).collect();
    let columns = LineColumns {
        line_id: &line_id,
        customer: &customer,
        kind: &kind,
        amount: &amount,
        currency: &currency,
        currencies: &currencies,
        service_start: &start,
        service_end: &end,
        plan: Some(&plan),
        quantity: Some(&quantity),
        discount: Some(&discount),
        credits: Some(&credits),
        issued: Some(&issued),
    };
    normalise_columns(&columns, rates, options)
}

fn units(d: Decimal, places: u32) -> i128 {
    let mut d = d;
    d.rescale(places);
    d.mantissa()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn columns_and_rows_agree(
        specs in prop::collection::vec(spec(), 1..14),
        bad in prop::bool::weighted(0.3),
        rule in 0_usize..3,
        placement in prop::bool::ANY,
        reporting in 0_usize..3,
        rate_date in prop::bool::ANY,
        with_rates in prop::bool::weighted(0.8),
        places in prop_oneof![Just(2_u32), Just(0_u32), Just(3_u32)],
    ) {
        let lines = lines_of(&specs, bad);
        let day = |d: i64| PeriodUnit::Day.start(d).unwrap();
        let rates = if with_rates {
            vec![
                Rate { currency: "EUR".into(), date: day(19_600), rate: Decimal::new(10_873, 4) },
                Rate { currency: "EUR".into(), date: day(19_900), rate: Decimal::new(1_1127, 4) },
                Rate { currency: "USD".into(), date: day(19_600), rate: Decimal::new(9_2, 1) / Decimal::TEN },
            ]
        } else {
            Vec::new()
        };
        let options = BillingOptions {
            day_count: RULES[rule],
            credit_applies_to: if placement { CreditPlacement::IssueMonth } else { CreditPlacement::ServicePeriod },
            reporting_currency: [None, Some("USD".to_owned()), Some("EUR".to_owned())][reporting].clone(),
            rate_date: if rate_date { RateDate::ServiceStart } else { RateDate::InvoiceDate },
            decimal_places: places,
        };
        let rows = normalise(&lines, &rates, &options);
        let columns = columns_run(&lines, &rates, &options);
        match (rows, columns) {
            (Ok(r), Ok(c)) => {
                prop_assert_eq!(&r.reporting_currency, &c.reporting_currency);
                let mrr: Vec<_> = r.mrr.iter().map(|m| (m.customer, m.period, units(m.mrr, places), m.status)).collect();
                let mrr_c: Vec<_> = (0..c.mrr.customer.len())
                    .map(|k| (c.mrr.customer[k], c.mrr.period[k], c.mrr.units[k], c.mrr.status[k]))
                    .collect();
                prop_assert_eq!(mrr, mrr_c);
                let audit: Vec<_> = r.audit.iter()
                    .map(|a| (a.row, a.customer, a.period, units(a.amount, places), a.recurring, a.rule))
                    .collect();
                let audit_c: Vec<_> = (0..c.audit.row.len())
                    .map(|k| (c.audit.row[k] as usize, c.audit.customer[k], c.audit.period[k], c.audit.units[k], c.audit.recurring[k], c.audit.rule[k]))
                    .collect();
                prop_assert_eq!(audit, audit_c);
                let one: Vec<_> = r.one_time.iter().map(|o| (o.customer, o.period, units(o.amount, places))).collect();
                let one_c: Vec<_> = (0..c.one_time.customer.len())
                    .map(|k| (c.one_time.customer[k], c.one_time.period[k], c.one_time.units[k]))
                    .collect();
                prop_assert_eq!(one, one_c);
                let pauses: Vec<_> = r.pauses.iter().map(|p| (p.customer, p.first_period, p.periods)).collect();
                let pauses_c: Vec<_> = (0..c.pauses.customer.len())
                    .map(|k| (c.pauses.customer[k], c.pauses.first_period[k], c.pauses.periods[k]))
                    .collect();
                prop_assert_eq!(pauses, pauses_c);
                // The reconciliation guarantee on the column side: each line's parts sum to its converted amount.
                let mut per_line: HashMap<usize, i128> = HashMap::new();
                for k in 0..c.audit.row.len() {
                    *per_line.entry(c.audit.row[k] as usize).or_default() += c.audit.units[k];
                }
                prop_assert_eq!(c.mrr.units.iter().sum::<i128>() + c.one_time.units.iter().sum::<i128>(), per_line.values().sum::<i128>());
            }
            (Err(r), Err(c)) => prop_assert_eq!(r, c),
            (r, c) => prop_assert!(false, "rows {:?} vs columns {:?}", r.map(|_| ()), c.map(|_| ())),
        }
    }
}

/// Every problem the generator can produce is produced, so the agreement above covers the error paths.
#[test]
fn the_generator_reaches_every_error() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let mut seen = std::collections::BTreeSet::new();
    let strategy = prop::collection::vec(spec(), 1..14);
    for i in 0..1_500 {
        let specs = strategy.new_tree(&mut runner).unwrap().current();
        let lines = lines_of(&specs, i % 3 == 0);
        let options = BillingOptions {
            credit_applies_to: CreditPlacement::IssueMonth,
            reporting_currency: (i % 2 == 0).then(|| "USD".to_owned()),
            ..BillingOptions::default()
        };
        match normalise(&lines, &[], &options) {
            Ok(_) => {
                seen.insert("ok");
            }
            Err(e) => {
                seen.insert(e.problem.as_str());
            }
        }
    }
    for problem in [
        "ok",
        "end_before_start",
        "period_too_long",
        "invalid_amount",
        "duplicate_line_id",
        "duplicate_line",
        "unknown_credited_line",
        "credit_mismatch",
        "credit_too_large",
        "negative_revenue",
        "missing_rate",
        "invalid_option",
    ] {
        assert!(seen.contains(problem), "{problem} never generated: {seen:?}");
    }
}
