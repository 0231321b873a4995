//! Invoice lines: what a billing export holds, one [`BillingLine`] per line, and its [`LineKind`].

use rust_decimal::Decimal;

use super::error::{BillingError, BillingProblem};
use crate::cohort::Date;
use crate::error::string_option;

/// What a line is. Every kind's `amount` is `>= 0`; the kind gives the sign.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum LineKind {
    /// A recurring charge for its service period: spread over the months it covers, into MRR. A charge of
    /// net amount 0 (a free trial, a 100 % discount) keeps the customer present with 0 MRR, flagged as trial.
    #[default]
    Charge,
    /// A credit note against the line named in `credits`: reduces that line's revenue.
    CreditNote,
    /// A refund of (part of) the line named in `credits`: reduces that line's revenue, as a credit note.
    Refund,
    /// A one-time charge (setup fee, services): reported separately per customer-month, never in MRR.
    OneTime,
}

string_option!(LineKind, field = "kind", allowed = "'charge', 'credit_note', 'refund' or 'one_time'", {
    Charge => "charge",
    CreditNote => "credit_note",
    Refund => "refund",
    OneTime => "one_time",
});

impl LineKind {
    /// Parses the `kind` of line `row` (id `line_id`): anything but the four names is
    /// [`BillingProblem::UnknownKind`].
    ///
    /// # Errors
    /// [`BillingError`] naming the line, field `kind` and the text.
    pub fn parse_line(row: usize, line_id: &str, text: &str) -> Result<Self, BillingError> {
        text.parse().map_err(|error| BillingError::at_line(BillingProblem::UnknownKind, row, line_id, error))
    }

    /// Credit notes and refunds.
    #[must_use]
    pub fn is_credit(self) -> bool {
        matches!(self, Self::CreditNote | Self::Refund)
    }
}

/// One invoice line.
///
/// Net amount = `amount x quantity - discount`, in `currency`. The service period runs from `service_start`
/// (included) to `service_end` (excluded): January is `2024-01-01 .. 2024-02-01`, as Stripe's
/// `period.start` / `period.end` and Chargebee's `date_from` / `date_to`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BillingLine<C = String> {
    /// The line's id, unique in the input (errors and the audit table name it).
    pub line_id: String,
    /// The customer.
    pub customer: C,
    /// The amount, `>= 0`: the line total, or the unit price when `quantity` is given.
    pub amount: Decimal,
    /// The ISO currency code of `amount` (`"USD"`, `"EUR"`).
    pub currency: String,
    /// The first day of service.
    pub service_start: Date,
    /// The day after the last day of service (exclusive end).
    pub service_end: Date,
    /// The kind of line.
    pub kind: LineKind,
    /// The plan, if known: two charges of one customer are duplicates only within one plan.
    pub plan: Option<String>,
    /// Units billed (seats): the line total is `amount x quantity`. Default 1.
    pub quantity: Option<Decimal>,
    /// An amount off the line total (`>= 0`, at most the total). Default 0.
    pub discount: Option<Decimal>,
    /// For a credit note or refund: the `line_id` of the line it credits.
    pub credits: Option<String>,
    /// The invoice (issue) date; default `service_start`. Credits issued in a month land there under
    /// [`CreditPlacement::IssueMonth`](super::CreditPlacement::IssueMonth); rates are read on it under
    /// [`RateDate::InvoiceDate`](super::RateDate::InvoiceDate).
    pub issued: Option<Date>,
}

impl<C> BillingLine<C> {
    /// A charge of `amount` for `service_start .. service_end`, with no plan, quantity, discount or invoice date.
    #[must_use]
    pub fn charge(
        line_id: &str,
        customer: C,
        amount: Decimal,
        currency: &str,
        service_start: Date,
        service_end: Date,
    ) -> Self {
        Self {
            line_id: line_id.to_owned(),
            customer,
            amount,
            currency: currency.to_owned(),
            service_start,
            service_end,
            kind: LineKind::Charge,
            plan: None,
            quantity: None,
            discount: None,
            credits: None,
            issued: None,
        }
    }

    /// The same line with `kind`.
    #[must_use]
    pub fn with_kind(mut self, kind: LineKind) -> Self {
        self.kind = kind;
        self
    }

    /// The same line crediting `line_id` (for a credit note or refund).
    #[must_use]
    pub fn crediting(mut self, line_id: &str) -> Self {
        self.credits = Some(line_id.to_owned());
        self
    }

    /// The same line with `plan`.
    #[must_use]
    pub fn with_plan(mut self, plan: &str) -> Self {
        self.plan = Some(plan.to_owned());
        self
    }

    /// The same line with a `discount` off its total.
    #[must_use]
    pub fn with_discount(mut self, discount: Decimal) -> Self {
        self.discount = Some(discount);
        self
    }

    /// The same line with `quantity` units of `amount`.
    #[must_use]
    pub fn with_quantity(mut self, quantity: Decimal) -> Self {
        self.quantity = Some(quantity);
        self
    }

    /// The same line issued on `date`.
    #[must_use]
    pub fn issued_on(mut self, date: Date) -> Self {
        self.issued = Some(date);
        self
    }
}

/// An amount of line `row` from text (`None` for a missing value), as a column reader sees it: `NaN`,
/// `inf` or missing are [`BillingProblem::MissingAmount`], anything else must parse as a `Decimal`.
///
/// ```
/// use ltv_core::billing::parse_amount;
/// assert_eq!(parse_amount(0, "in_1", "amount", Some("29.99"))?.to_string(), "29.99");
/// assert_eq!(parse_amount(3, "in_4", "amount", None).unwrap_err().problem.as_str(), "missing_amount");
/// # Ok::<(), ltv_core::billing::BillingError>(())
/// ```
///
/// # Errors
/// [`BillingError`] naming the line and `field`.
pub fn parse_amount(
    row: usize,
    line_id: &str,
    field: &'static str,
    text: Option<&str>,
) -> Result<Decimal, BillingError> {
    let Some(text) = text.map(str::trim) else {
        return Err(BillingError::missing_amount(row, line_id, field, "missing"));
    };
    match text.to_ascii_lowercase().as_str() {
        "nan" | "inf" | "-inf" | "+inf" | "infinity" | "-infinity" => {
            return Err(BillingError::missing_amount(row, line_id, field, text));
        }
        _ => {}
    }
    text.parse::<Decimal>().or_else(|_| Decimal::from_scientific(text)).map_err(|_| {
        BillingError::invalid(
            BillingProblem::InvalidAmount,
            row,
            line_id,
            field,
            format!("'{text}'"),
            "a decimal number",
        )
    })
}

/// An amount of line `row` from a float column: NaN or an infinity is [`BillingProblem::MissingAmount`];
/// a finite float is read as its shortest decimal form (`29.99` is `Decimal("29.99")`, not the binary value).
///
/// ```
/// use ltv_core::billing::amount_from_f64;
/// assert_eq!(amount_from_f64(0, "in_1", "amount", 0.1 + 0.2)?.to_string(), "0.30000000000000004");
/// assert_eq!(amount_from_f64(0, "in_1", "amount", 29.99)?.to_string(), "29.99");
/// assert_eq!(amount_from_f64(1, "in_2", "amount", f64::NAN).unwrap_err().to_string(), "line 'in_2' (row 1): amount = NaN is not a finite number");
/// # Ok::<(), ltv_core::billing::BillingError>(())
/// ```
///
/// # Errors
/// [`BillingError`] naming the line and `field`.
pub fn amount_from_f64(row: usize, line_id: &str, field: &'static str, value: f64) -> Result<Decimal, BillingError> {
    if value.is_nan() {
        return Err(BillingError::missing_amount(row, line_id, field, "NaN"));
    }
    if value.is_infinite() {
        return Err(BillingError::missing_amount(row, line_id, field, if value > 0.0 { "inf" } else { "-inf" }));
    }
    // Fast path: the fewest decimals k <= 6 at which value round-trips is its shortest decimal form (a
    // shorter one would round-trip at fewer decimals); |value| x 10^k < 2^50 keeps one such decimal per float.
    let mut scale = 1.0_f64;
    for k in 0..=6_u32 {
        let scaled = value * scale;
        if scaled.abs() >= 1_125_899_906_842_624.0 {
            break;
        }
        let whole = scaled.round();
        if whole / scale == value {
            // |whole| < 2^50: exact as i64.
            #[allow(clippy::cast_possible_truncation)]
            return Ok(Decimal::new(whole as i64, k));
        }
        scale *= 10.0;
    }
    parse_amount(row, line_id, field, Some(&value.to_string()))
}
