//! Billing normalisation: the reconciliation guarantee as a property (every line's monthly amounts sum to
//! its amount to the cent, under every day-count rule), the allocation rule, rates and messages.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ltv_core::Decimal;
use ltv_core::billing::{
    AuditRule, BillingLine, BillingOptions, CreditPlacement, DayCount, LineKind, MAX_SERVICE_DAYS, MonthStatus, Rate,
    RateDate, allocate, normalise,
};
use ltv_core::cohort::{Date, PeriodUnit};
use proptest::prelude::*;

fn day(d: i64) -> Date {
    PeriodUnit::Day.start(d).unwrap()
}

fn d(y: i32, m: u32, day: u32) -> Date {
    Date { year: y, month: m, day }
}

const RULES: [DayCount; 3] = [DayCount::ActualDays, DayCount::Thirty360, DayCount::WholeMonths];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Every line's audit amounts sum to its net amount to the cent, and every part is within one cent of
    /// its exact proportional share.
    #[test]
    fn monthly_amounts_sum_to_the_line(
        specs in prop::collection::vec((0_i64..2_000, 1_i64..=MAX_SERVICE_DAYS, 0_i64..10_000_000, 0_usize..3), 1..20),
        rule in 0_usize..3,
    ) {
        let lines: Vec<BillingLine<u32>> = specs.iter().enumerate().map(|(i, &(start, len, cents, plan))| {
            let start = 19_000 + start;
            BillingLine::charge(&format!("l{i}"), u32::try_from(i % 4).unwrap(), Decimal::new(cents, 2), "USD", day(start), day(start + len))
                .with_plan(&format!("p{i}-{plan}"))
        }).collect();
        let options = BillingOptions { day_count: RULES[rule], ..BillingOptions::default() };
        let out = normalise(&lines, &[], &options).unwrap();
        let mut per_line = vec![Decimal::ZERO; lines.len()];
        for a in &out.audit {
            per_line[a.row] += a.amount;
            prop_assert!(a.amount >= Decimal::ZERO);
        }
        for (line, got) in lines.iter().zip(per_line) {
            prop_assert_eq!(got, line.amount, "{}", line.line_id);
        }
        let total: Decimal = out.mrr.iter().map(|r| r.mrr).sum();
        prop_assert_eq!(total, lines.iter().map(|l| l.amount).sum::<Decimal>());
        prop_assert!(out.mrr.windows(2).all(|w| (w[0].customer, w[0].period) < (w[1].customer, w[1].period)));
    }

    /// The fast float path reads a float as its shortest decimal, like parsing its `Display` form.
    #[test]
    fn floats_read_as_their_shortest_decimal(cents in -10_000_000_000_i64..10_000_000_000, places in 0_u32..9, noise in prop::bool::ANY) {
        let mut value = cents as f64 / 10_f64.powi(i32::try_from(places).unwrap());
        if noise {
            value = f64::from_bits(value.to_bits() + 1);
        }
        let fast = ltv_core::billing::amount_from_f64(0, "l", "amount", value).unwrap();
        let slow = ltv_core::billing::parse_amount(0, "l", "amount", Some(&value.to_string())).unwrap();
        prop_assert_eq!(fast, slow);
    }

    /// Largest remainder: parts sum exactly and each is the floor or ceiling of its exact share.
    #[test]
    fn allocation_is_exact(units in -10_000_000_000_i128..10_000_000_000, weights in prop::collection::vec(0_i64..400, 1..130)) {
        prop_assume!(weights.iter().any(|&w| w > 0));
        let parts = allocate(units, &weights).unwrap();
        prop_assert_eq!(parts.iter().sum::<i128>(), units);
        let total: i128 = weights.iter().map(|&w| i128::from(w)).sum();
        for (&w, &p) in weights.iter().zip(&parts) {
            let exact = units.abs() * i128::from(w);
            let floor = exact / total;
            prop_assert!(p.abs() == floor || p.abs() == floor + 1);
        }
    }
}

#[test]
fn ties_go_to_the_earlier_month() {
    assert_eq!(allocate(2, &[1, 1, 1]), Some(vec![1, 1, 0]));
    assert_eq!(allocate(-2, &[1, 1, 1]), Some(vec![-1, -1, 0]));
    assert_eq!(allocate(5, &[0, 0]), None);
    assert_eq!(allocate(5, &[]), None);
}

#[test]
fn rates_apply_as_of_the_chosen_date() {
    // Service starts 2024-01-20, invoiced 2024-02-03: the invoice date reads the February rate.
    let line = BillingLine::charge("in_1", "A", Decimal::new(100, 0), "EUR", d(2024, 1, 20), d(2024, 2, 20))
        .issued_on(d(2024, 2, 3));
    let rates = [
        Rate { currency: "EUR".into(), date: d(2024, 1, 1), rate: Decimal::new(110, 2) },
        Rate { currency: "EUR".into(), date: d(2024, 2, 1), rate: Decimal::new(120, 2) },
    ];
    let mut options = BillingOptions { reporting_currency: Some("USD".into()), ..BillingOptions::default() };
    let total = |o: &BillingOptions| {
        normalise(std::slice::from_ref(&line), &rates, o).unwrap().mrr.iter().map(|r| r.mrr).sum::<Decimal>()
    };
    assert_eq!(total(&options), Decimal::new(12_000, 2));
    options.rate_date = RateDate::ServiceStart;
    assert_eq!(total(&options), Decimal::new(11_000, 2));
    let bad = [Rate { currency: "EUR".into(), date: d(2024, 1, 1), rate: Decimal::ZERO }];
    let err = normalise(&[line], &bad, &options).unwrap_err();
    assert_eq!((err.problem.as_str(), err.error.field(), err.row), ("invalid_rate", "rate", Some(0)));
}

#[test]
fn audit_names_the_rule() {
    let lines = [
        BillingLine::charge("trial", "A", Decimal::ZERO, "USD", d(2024, 1, 1), d(2024, 2, 1)),
        BillingLine::charge("m", "A", Decimal::new(100, 0), "USD", d(2024, 2, 1), d(2024, 3, 1)),
        BillingLine::charge("fee", "A", Decimal::new(50, 0), "USD", d(2024, 2, 10), d(2024, 2, 10))
            .with_kind(LineKind::OneTime),
        BillingLine::charge("cn", "A", Decimal::new(10, 0), "USD", d(2024, 2, 1), d(2024, 3, 1))
            .with_kind(LineKind::CreditNote)
            .crediting("m")
            .issued_on(d(2024, 3, 3)),
        BillingLine::charge("m2", "A", Decimal::new(100, 0), "USD", d(2024, 3, 1), d(2024, 4, 1)),
    ];
    let options = BillingOptions { credit_applies_to: CreditPlacement::IssueMonth, ..BillingOptions::default() };
    let out = normalise(&lines, &[], &options).unwrap();
    let rules: Vec<(usize, &str, bool)> = out.audit.iter().map(|a| (a.row, a.rule.as_str(), a.recurring)).collect();
    assert_eq!(
        rules,
        [
            (0, "trial", true),
            (1, "actual_days", true),
            (2, "one_time", false),
            (3, "issue_month", true),
            (4, "actual_days", true)
        ]
    );
    assert_eq!(out.mrr[0].status, MonthStatus::Trial);
    assert_eq!(
        out.mrr.iter().map(|r| r.mrr).collect::<Vec<_>>(),
        [Decimal::new(0, 2), Decimal::new(10_000, 2), Decimal::new(9_000, 2)]
    );
    assert_eq!(out.one_time[0].amount, Decimal::new(5_000, 2));
    assert_eq!(AuditRule::Prorated(DayCount::Thirty360).as_str(), "thirty_360");
}

#[test]
fn messages_name_the_line_and_value() {
    let base = BillingLine::charge("in_1", "A", Decimal::new(100, 0), "USD", d(2024, 1, 1), d(2024, 2, 1));
    let credit = BillingLine::charge("cn_7", "A", Decimal::new(120, 0), "USD", d(2024, 1, 1), d(2024, 2, 1))
        .with_kind(LineKind::CreditNote)
        .crediting("in_1");
    let err = normalise(&[base.clone(), credit], &[], &BillingOptions::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 'cn_7' (row 1): amount = 120 (credits of 'in_1' total 120, its net amount is 100) is out of range: \
         expected credits adding up to at most the net amount of the line they credit"
    );
    let eur = BillingLine::charge("in_2", "A", Decimal::new(100, 0), "EUR", d(2024, 1, 1), d(2024, 2, 1));
    let options = BillingOptions { reporting_currency: Some("USD".into()), ..BillingOptions::default() };
    let err = normalise(&[base.clone(), eur], &[], &options).unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 'in_2' (row 1): currency = 'EUR' on 2024-01-01 (invoice_date) is out of range: \
         expected a currency with a rate on or before the line's rate date"
    );
    let dup = BillingLine::charge("in_3", "A", Decimal::new(100, 0), "USD", d(2024, 1, 31), d(2024, 2, 28));
    let err = normalise(&[base, dup], &[], &BillingOptions::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 'in_3' (row 1): line_id = 'in_3' (overlaps 'in_1': same customer, plan, currency and amount) is out of \
         range: expected one charge per customer, plan, amount and service day"
    );
    assert_eq!("upgrade".parse::<LineKind>().unwrap_err().field(), "kind");
    let err = LineKind::parse_line(4, "x", "upgrade").unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 'x' (row 4): kind = 'upgrade' is out of range: expected 'charge', 'credit_note', 'refund' or 'one_time'"
    );
}

#[test]
fn back_to_back_lines_are_not_duplicates() {
    // Same customer, plan and amount in consecutive months: renewals, not duplicates.
    let lines: Vec<_> = (1..=12)
        .map(|m| {
            let end = if m == 12 { d(2025, 1, 1) } else { d(2024, m + 1, 1) };
            BillingLine::charge(&format!("m{m}"), "A", Decimal::new(100, 0), "USD", d(2024, m, 1), end)
        })
        .collect();
    let out = normalise(&lines, &[], &BillingOptions::default()).unwrap();
    assert_eq!(out.mrr.len(), 12);
    assert!(out.mrr.iter().all(|r| r.mrr == Decimal::new(10_000, 2)));
    assert!(out.pauses.is_empty());
}

#[test]
fn whole_months_clamps_anniversaries_to_month_end() {
    // Jan 31 .. Apr 30 (2024): anniversaries Jan 31, Feb 29, Mar 31; three whole service months.
    let line = BillingLine::charge("q", "A", Decimal::new(300, 0), "USD", d(2024, 1, 31), d(2024, 4, 30));
    let options = BillingOptions { day_count: DayCount::WholeMonths, ..BillingOptions::default() };
    let out = normalise(&[line], &[], &options).unwrap();
    let got: Vec<_> = out.mrr.iter().map(|r| r.mrr).collect();
    // The last service month Mar 31 .. Apr 30 is 30 of its 30 days (Apr 30 is the clamped anniversary): whole.
    assert_eq!(got, [Decimal::new(10_000, 2), Decimal::new(10_000, 2), Decimal::new(10_000, 2)]);
}
