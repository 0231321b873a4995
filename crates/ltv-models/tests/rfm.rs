//! `rfm_summary` and `calibration_holdout`: the worked check of lifetimes / pymc-marketing, the CDNOW
//! calibration summary of Fader, Hardie & Lee (2005), the cross-language vectors (`tests/vectors/rfm/`,
//! also read by `tests/python/test_rfm.py`), error cases, and invariants as property tests.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use ltv_models::{
    ModelError, Recency, RfmOptions, RfmSummary, RfmUnit as TimeUnit, TimeBase, Transactions, calibration_holdout,
    rfm_summary,
};
use proptest::prelude::*;
use serde_json::Value;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Days since 1970-01-01 of a civil date (the test's own arithmetic: days per month summed).
fn day(year: i64, month: i64, d: i64) -> i64 {
    let leap = |y: i64| (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let mut days = 0;
    for y in 1970..year {
        days += if leap(y) { 366 } else { 365 };
    }
    let lengths = [31, if leap(year) { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    days + lengths[..(month - 1) as usize].iter().sum::<i64>() + d - 1
}

#[test]
fn worked_check_daily() -> TestResult {
    let customer = [1, 1, 2, 3, 3, 3];
    let time = [day(2015, 2, 1), day(2015, 2, 6), day(2015, 1, 1), day(2015, 1, 1), day(2015, 1, 2), day(2015, 1, 5)];
    let log = Transactions::new(&customer, &time, None, TimeBase::Days)?;
    let options = RfmOptions { observation_end: Some(day(2015, 2, 7)), ..RfmOptions::default() };
    let s = rfm_summary(&log, &options)?;
    assert_eq!(s.customer, [1, 2, 3]);
    let triples: Vec<_> = (0..3).map(|i| (s.frequency[i], s.recency[i], s.age[i])).collect();
    assert_eq!(triples, [(1.0, 5.0, 6.0), (0.0, 0.0, 37.0), (2.0, 4.0, 37.0)]);
    assert_eq!((s.monetary_value, s.rows_after_observation_end), (None, 0));
    // The other recency convention, by name: T - t_x.
    let since_last = rfm_summary(&log, &RfmOptions { recency: Recency::SinceLastPurchase, ..options })?;
    assert_eq!(since_last.recency, [1.0, 37.0, 33.0]);
    assert_eq!(since_last.recency_convention, Recency::SinceLastPurchase);
    // The same in nanoseconds (numpy datetime64[ns]) with a sparse key.
    let ns: Vec<i64> = time.iter().map(|d| d * 86_400_000_000_000 + 3_600_000_000_000).collect();
    let keys = [1 << 40, 1 << 40, 5, 7, 7, 7];
    let log = Transactions::new(&keys, &ns, None, TimeBase::Nanoseconds)?;
    let s2 = rfm_summary(&log, &RfmOptions { observation_end: Some(day(2015, 2, 7) * 86_400_000_000_000), ..options })?;
    assert_eq!(s2.customer, [5, 7, 1 << 40]);
    assert_eq!((s2.frequency, s2.recency, s2.age), (vec![0.0, 2.0, 1.0], vec![0.0, 4.0, 5.0], vec![37.0, 37.0, 6.0]));
    Ok(())
}

/// `tests/data/CDNOW_sample.txt`: (customer, days, dollars) per row.
type Columns = (Vec<i64>, Vec<i64>, Vec<f64>);

fn cdnow() -> Result<Columns, Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string(root().join("tests/data/CDNOW_sample.txt"))?;
    let (mut c, mut t, mut v) = (Vec::new(), Vec::new(), Vec::new());
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let f: Vec<&str> = line.split_whitespace().collect();
        let date = f[2];
        c.push(f[1].parse()?);
        t.push(day(date[..4].parse()?, date[4..6].parse()?, date[6..].parse()?));
        v.push(f[4].parse()?);
    }
    Ok((c, t, v))
}

/// Fader, Hardie & Lee (2005): the CDNOW sample's calibration summary (to 1997-09-30, in weeks = days / 7)
/// has 2,357 customers with 2,457 repeat transactions, and 1,882 repeat transactions in the 39-week holdout
/// to 1998-06-30 (BTYD's `cdnowSummary`: the same sums).
#[test]
fn cdnow_calibration_summary() -> TestResult {
    let (c, t, v) = cdnow()?;
    assert_eq!(c.len(), 6_919);
    let log = Transactions::new(&c, &t, Some(&v), TimeBase::Days)?;
    let options = RfmOptions { fractional: true, ..RfmOptions::new(TimeUnit::Week) };
    let split = calibration_holdout(&log, day(1997, 9, 30), day(1998, 6, 30), &options)?;
    let cal = &split.calibration;
    assert_eq!(cal.len(), 2_357);
    assert_eq!(cal.frequency.iter().sum::<f64>(), 2_457.0);
    assert_eq!(split.holdout_frequency.iter().sum::<f64>(), 1_882.0);
    assert_eq!(split.holdout_duration, 39.0);
    assert_eq!((split.customers_first_in_holdout, cal.rows_after_observation_end), (0, 0));
    // Customer 1 (first purchase 1997-01-01): x = 2, t_x = 30.43, T = 38.86 weeks (272 days).
    assert_eq!((cal.frequency[0], cal.recency[0], cal.age[0]), (2.0, 213.0 / 7.0, 272.0 / 7.0));
    assert_eq!(cal.age.iter().copied().fold(0.0, f64::max), 272.0 / 7.0);
    // 946 repeat buyers (the Gamma-Gamma note's sample), zbar = mean repeat value.
    let repeaters = cal.frequency.iter().filter(|&&x| x > 0.0).count();
    assert_eq!(repeaters, 946);
    let m = cal.monetary_value.as_ref().ok_or("no values")?;
    assert!((m[0] - (29.73 + 14.96) / 2.0).abs() < 1e-12);
    // Whole calendar weeks instead: the same counts, different (integer) times.
    let weeks = calibration_holdout(&log, day(1997, 9, 30), day(1998, 6, 30), &RfmOptions::new(TimeUnit::Week))?;
    assert_eq!(weeks.calibration.frequency.iter().sum::<f64>() as i64, 2_457 + weeks_merged(&c, &t, day(1997, 9, 30)));
    assert!(weeks.calibration.age.iter().all(|a| a.fract() == 0.0));
    Ok(())
}

/// The change in repeat purchases from days to whole ISO weeks: the calibration end's week runs to its
/// Sunday (ends are inclusive of their period), and purchase days in one week merge.
fn weeks_merged(c: &[i64], t: &[i64], cal: i64) -> i64 {
    let mut days: BTreeMap<i64, BTreeSet<i64>> = BTreeMap::new();
    for (&c, &t) in c.iter().zip(t) {
        if (t + 3).div_euclid(7) <= (cal + 3).div_euclid(7) {
            days.entry(c).or_default().insert(t);
        }
    }
    let (mut by_day, mut by_week) = (0, 0);
    for d in days.values() {
        let weeks: BTreeSet<i64> = d.iter().map(|x| (x + 3).div_euclid(7)).collect();
        by_day += d.iter().filter(|&&x| x <= cal).count() as i64 - 1;
        by_week += weeks.len() as i64 - 1;
    }
    by_week - by_day
}

// --- the cross-language vectors ---------------------------------------------------------------------------

fn vectors() -> Result<Value, Box<dyn std::error::Error>> {
    Ok(serde_json::from_str(&std::fs::read_to_string(root().join("tests/vectors/rfm/cases.json"))?)?)
}

fn ints(v: &Value) -> Vec<i64> {
    v.as_array().map(|a| a.iter().map(|x| x.as_i64().unwrap_or(-1)).collect()).unwrap_or_default()
}

fn floats(v: &Value) -> Option<Vec<f64>> {
    v.as_array().map(|a| a.iter().map(|x| x.as_f64().unwrap_or(f64::NAN)).collect())
}

fn times(v: &Value) -> Vec<i64> {
    v.as_array().map(|a| a.iter().map(|x| x.as_i64().unwrap_or(i64::MIN)).collect()).unwrap_or_default()
}

fn options(o: &Value) -> RfmOptions {
    let unit = match o["unit"].as_str() {
        Some("hour") => TimeUnit::Hour,
        Some("week") => TimeUnit::Week,
        Some("month") => TimeUnit::Month,
        _ => TimeUnit::Day,
    };
    RfmOptions {
        unit,
        unit_multiple: o["unit_multiple"].as_u64().unwrap_or(1) as u32,
        fractional: o["fractional"].as_bool().unwrap_or(false),
        recency: if o["recency"] == "since_last" { Recency::SinceLastPurchase } else { Recency::SinceFirstPurchase },
        observation_end: o["observation_end_seconds"].as_i64(),
    }
}

fn close(name: &str, got: &[f64], want: &[f64]) {
    assert_eq!(got.len(), want.len(), "{name}: length");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!((g - w).abs() <= 1e-12 * w.abs().max(1.0), "{name}[{i}]: {g} != {w}");
    }
}

fn check_summary(name: &str, s: &RfmSummary, opts: &RfmOptions, e: &Value) -> TestResult {
    assert_eq!(s.customer, ints(&e["customer"]), "{name}: customer");
    close(&format!("{name} frequency"), &s.frequency, &floats(&e["frequency"]).ok_or("frequency")?);
    close(&format!("{name} recency"), &s.recency, &floats(&e["recency"]).ok_or("recency")?);
    close(&format!("{name} age"), &s.age, &floats(&e["age"]).ok_or("age")?);
    match (&s.monetary_value, floats(&e["monetary_value"])) {
        (Some(g), Some(w)) => close(&format!("{name} monetary_value"), g, &w),
        (None, None) => {}
        _ => panic!("{name}: monetary_value presence differs"),
    }
    let starts = opts.period_starts(&s.first_period)?;
    let one_by_one: Vec<i64> = s.first_period.iter().map(|&p| opts.period_start(p)).collect::<Result<_, _>>()?;
    assert_eq!(starts, one_by_one, "{name}: period_starts");
    assert_eq!(starts, ints(&e["first_period_start_seconds"]), "{name}: first period");
    assert_eq!(s.rows_after_observation_end as u64, e["rows_after_observation_end"].as_u64().ok_or("rows")?, "{name}");
    Ok(())
}

#[test]
fn vectors_rfm_summary() -> TestResult {
    let v = vectors()?;
    let cases = v["rfm_summary"].as_array().ok_or("cases")?;
    assert!(cases.len() >= 15);
    for case in cases {
        let name = case["name"].as_str().ok_or("name")?;
        let (c, t, val) = (ints(&case["customer"]), times(&case["time_seconds"]), floats(&case["value"]));
        let log = Transactions::new(&c, &t, val.as_deref(), TimeBase::Seconds)?;
        let opts = options(&case["options"]);
        check_summary(name, &rfm_summary(&log, &opts)?, &opts, &case["expected"])?;
    }
    Ok(())
}

#[test]
fn vectors_calibration_holdout() -> TestResult {
    let v = vectors()?;
    for case in v["calibration_holdout"].as_array().ok_or("cases")? {
        let name = case["name"].as_str().ok_or("name")?;
        let (c, t, val) = (ints(&case["customer"]), times(&case["time_seconds"]), floats(&case["value"]));
        let log = Transactions::new(&c, &t, val.as_deref(), TimeBase::Seconds)?;
        let opts = options(&case["options"]);
        let (cal, end) = (case["calibration_end_seconds"].as_i64(), case["observation_end_seconds"].as_i64());
        let split = calibration_holdout(&log, cal.ok_or("cal")?, end.ok_or("end")?, &opts)?;
        let e = &case["expected"];
        check_summary(name, &split.calibration, &opts, e)?;
        close(
            &format!("{name} holdout_frequency"),
            &split.holdout_frequency,
            &floats(&e["holdout_frequency"]).ok_or("hf")?,
        );
        match (&split.holdout_monetary_value, floats(&e["holdout_monetary_value"])) {
            (Some(g), Some(w)) => close(&format!("{name} holdout_monetary_value"), g, &w),
            (None, None) => {}
            _ => panic!("{name}: holdout_monetary_value presence differs"),
        }
        close(name, &[split.holdout_duration], &[e["holdout_duration"].as_f64().ok_or("duration")?]);
        assert_eq!(split.customers_first_in_holdout as u64, e["customers_first_in_holdout"].as_u64().ok_or("first")?);
    }
    Ok(())
}

#[test]
fn vectors_errors() -> TestResult {
    let v = vectors()?;
    for case in v["errors"].as_array().ok_or("cases")? {
        let name = case["name"].as_str().ok_or("name")?;
        let (c, t, val) = (ints(&case["customer"]), times(&case["time_seconds"]), floats(&case["value"]));
        let log = Transactions::new(&c, &t, val.as_deref(), TimeBase::Seconds)?;
        let result = match case["calibration_end_seconds"].as_i64() {
            Some(cal) => {
                let end = case["observation_end_seconds"].as_i64().ok_or("end")?;
                calibration_holdout(&log, cal, end, &RfmOptions::default()).map(|_| ())
            }
            None => {
                let end = case["observation_end_seconds"].as_i64();
                rfm_summary(&log, &RfmOptions { observation_end: end, ..RfmOptions::default() }).map(|_| ())
            }
        };
        let err = result.err().ok_or(format!("{name}: no error"))?;
        assert_eq!(err.field(), case["field"].as_str(), "{name}: {err}");
        assert_eq!(err.row(), case["row"].as_u64().map(|r| r as usize), "{name}: {err}");
        assert_eq!(err.kind(), "invalid_data");
    }
    Ok(())
}

#[test]
fn rejects_bad_inputs() {
    let field = |r: Result<RfmSummary, ModelError>| r.err().and_then(|e| e.field().map(str::to_owned));
    assert!(matches!(Transactions::new(&[1], &[1, 2], None, TimeBase::Days), Err(ModelError::LengthMismatch { .. })));
    assert!(matches!(Transactions::new(&[1], &[1], Some(&[]), TimeBase::Days), Err(ModelError::LengthMismatch { .. })));
    assert!(Transactions::new(&[], &[], None, TimeBase::Days).is_err());
    let Ok(log) = Transactions::new(&[1, 2], &[0, 5], None, TimeBase::Days) else { panic!("valid log") };
    let with = |o: RfmOptions| field(rfm_summary(&log, &o));
    assert_eq!(with(RfmOptions { unit_multiple: 0, ..RfmOptions::default() }).as_deref(), Some("unit_multiple"));
    assert_eq!(with(RfmOptions { unit_multiple: 10_001, ..RfmOptions::default() }).as_deref(), Some("unit_multiple"));
    assert_eq!(
        with(RfmOptions { fractional: true, ..RfmOptions::new(TimeUnit::Month) }).as_deref(),
        Some("fractional")
    );
    assert_eq!(
        with(RfmOptions { observation_end: Some(i64::MAX), ..RfmOptions::default() }).as_deref(),
        Some("observation_end")
    );
    let Ok(far) = Transactions::new(&[1], &[3_000_000], None, TimeBase::Days) else { panic!("valid log") };
    let err = rfm_summary(&far, &RfmOptions::default()).err();
    assert_eq!(err.as_ref().and_then(|e| e.row()), Some(0), "{err:?}");
    let Ok(inf) = Transactions::new(&[1], &[0], Some(&[f64::INFINITY]), TimeBase::Days) else { panic!("valid log") };
    assert_eq!(field(rfm_summary(&inf, &RfmOptions::default())).as_deref(), Some("value"));
    assert!(RfmOptions::default().period_start(i64::MAX).is_err());
}

#[test]
fn multiples_and_calendar_units() -> TestResult {
    // 2024-01-31 and 2024-02-01 are one quarter (3 months) apart by 0, one month by 1; ISO weeks: Wed and Thu.
    let t = [day(2024, 1, 31), day(2024, 2, 1), day(2024, 4, 2)];
    let log = Transactions::new(&[0, 0, 0], &t, Some(&[1.0, 2.0, 4.0]), TimeBase::Days)?;
    let months = rfm_summary(&log, &RfmOptions::new(TimeUnit::Month))?;
    assert_eq!((months.frequency[0], months.recency[0], months.age[0]), (2.0, 3.0, 3.0));
    assert_eq!(months.monetary_value, Some(vec![3.0]));
    let quarters = rfm_summary(&log, &RfmOptions { unit_multiple: 3, ..RfmOptions::new(TimeUnit::Month) })?;
    assert_eq!((quarters.frequency[0], quarters.recency[0]), (1.0, 1.0));
    assert_eq!(quarters.monetary_value, Some(vec![4.0]));
    let weeks = rfm_summary(&log, &RfmOptions::new(TimeUnit::Week))?;
    assert_eq!((weeks.frequency[0], weeks.recency[0], weeks.age[0]), (1.0, 9.0, 9.0));
    let hours = rfm_summary(&log, &RfmOptions::new(TimeUnit::Hour))?;
    assert_eq!((hours.frequency[0], hours.age[0]), (2.0, 62.0 * 24.0));
    Ok(())
}

// --- properties ---------------------------------------------------------------------------------------------

fn arb_log() -> impl Strategy<Value = Vec<(i64, i64, f64)>> {
    prop::collection::vec((0_i64..12, 19_000_i64..19_400, (0_u32..400).prop_map(|v| f64::from(v) / 4.0)), 1..120)
}

fn arb_options() -> impl Strategy<Value = RfmOptions> {
    (0_usize..4, 1_u32..4, any::<bool>(), any::<bool>()).prop_map(|(u, k, frac, last)| {
        let unit = [TimeUnit::Hour, TimeUnit::Day, TimeUnit::Week, TimeUnit::Month][u];
        RfmOptions {
            unit_multiple: k,
            fractional: frac && matches!(unit, TimeUnit::Day | TimeUnit::Week),
            recency: if last { Recency::SinceLastPurchase } else { Recency::SinceFirstPurchase },
            ..RfmOptions::new(unit)
        }
    })
}

fn columns(rows: &[(i64, i64, f64)]) -> (Vec<i64>, Vec<i64>, Vec<f64>) {
    (rows.iter().map(|r| r.0).collect(), rows.iter().map(|r| r.1).collect(), rows.iter().map(|r| r.2).collect())
}

fn summary_of(rows: &[(i64, i64, f64)], options: &RfmOptions) -> Result<RfmSummary, ModelError> {
    let (c, t, v) = columns(rows);
    rfm_summary(&Transactions::new(&c, &t, Some(&v), TimeBase::Days)?, options)
}

proptest! {
    #[test]
    fn row_order_does_not_matter(rows in arb_log(), options in arb_options(), seed in any::<u64>()) {
        let mut shuffled = rows.clone();
        // A deterministic shuffle from the seed.
        let mut s = seed | 1;
        for i in (1..shuffled.len()).rev() {
            s ^= s << 13; s ^= s >> 7; s ^= s << 17;
            shuffled.swap(i, (s % (i as u64 + 1)) as usize);
        }
        prop_assert_eq!(summary_of(&rows, &options).ok(), summary_of(&shuffled, &options).ok());
    }

    #[test]
    fn same_period_purchases_merge(rows in arb_log(), options in arb_options()) {
        // Duplicating every row (same period) leaves x, t_x, T unchanged and doubles the values.
        let doubled: Vec<_> = rows.iter().flat_map(|&r| [r, r]).collect();
        let (a, b) = (summary_of(&rows, &options), summary_of(&doubled, &options));
        prop_assert!(a.is_ok() && b.is_ok());
        let (a, b) = (a.ok().unwrap_or_else(|| unreachable!()), b.ok().unwrap_or_else(|| unreachable!()));
        prop_assert_eq!(&a.frequency, &b.frequency);
        prop_assert_eq!(&a.recency, &b.recency);
        prop_assert_eq!(&a.age, &b.age);
        let twice: Vec<f64> = a.monetary_value.unwrap_or_default().iter().map(|m| 2.0 * m).collect();
        prop_assert_eq!(twice, b.monetary_value.unwrap_or_default());
    }

    #[test]
    fn bounds_hold(rows in arb_log(), options in arb_options()) {
        let s = summary_of(&rows, &RfmOptions { recency: Recency::SinceFirstPurchase, ..options });
        prop_assert!(s.is_ok());
        let s = s.ok().unwrap_or_else(|| unreachable!());
        for (i, &key) in s.customer.iter().enumerate() {
            let n_rows = rows.iter().filter(|r| r.0 == key).count() as f64;
            prop_assert!(s.frequency[i] <= n_rows - 1.0);
            prop_assert!(0.0 <= s.recency[i] && s.recency[i] <= s.age[i]);
            prop_assert!(s.frequency[i] > 0.0 || s.recency[i] == 0.0);
            prop_assert!(s.age[i].is_finite() && s.monetary_value.as_ref().is_some_and(|m| m[i].is_finite() && m[i] >= 0.0));
        }
        let distinct: BTreeSet<i64> = rows.iter().map(|r| r.0).collect();
        prop_assert_eq!(s.customer, distinct.into_iter().collect::<Vec<_>>());
    }

    #[test]
    fn calibration_and_holdout_add_up(rows in arb_log(), options in arb_options(), cut in 19_000_i64..19_400) {
        let (c, t, v) = columns(&rows);
        let log = Transactions::new(&c, &t, Some(&v), TimeBase::Days);
        prop_assert!(log.is_ok());
        let log = log.ok().unwrap_or_else(|| unreachable!());
        let end = *t.iter().max().unwrap_or(&0);
        let first = *t.iter().min().unwrap_or(&0);
        let cut = cut.clamp(first, end);
        let full = rfm_summary(&log, &options);
        let split = calibration_holdout(&log, cut, end, &options);
        prop_assert!(full.is_ok() && split.is_ok());
        let (full, split) = (full.ok().unwrap_or_else(|| unreachable!()), split.ok().unwrap_or_else(|| unreachable!()));
        prop_assert_eq!(split.calibration.len() + split.customers_first_in_holdout, full.len());
        // Purchase periods of calibration customers: full = calibration (x + 1) + holdout.
        let mut j = 0;
        for (i, &key) in full.customer.iter().enumerate() {
            if split.calibration.customer.get(j) == Some(&key) {
                let periods = split.calibration.frequency[j] + 1.0 + split.holdout_frequency[j];
                prop_assert_eq!(periods, full.frequency[i] + 1.0);
                prop_assert!((split.calibration.age[j] + split.holdout_duration - full.age[i]).abs() < 1e-9);
                j += 1;
            }
        }
        prop_assert_eq!(j, split.calibration.len());
    }
}
