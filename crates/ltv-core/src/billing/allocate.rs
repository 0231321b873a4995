//! Largest-remainder allocation: an amount in minor units (cents) split by integer weights, summing exactly.

/// Splits `units` (minor units, e.g. cents; any sign) in proportion to `weights`, so that the parts sum to
/// `units` exactly (Hamilton's largest-remainder method).
///
/// Each part first gets `floor(|units| x weight / total)`; the units left over (fewer than the number of
/// weights) go one each to the parts with the largest remainders `|units| x weight mod total`; equal
/// remainders go to the earlier part first (for months: the earlier month). A negative `units` is split as
/// its magnitude and negated. `None` when the weights are all 0 or negative, or the products overflow `i128`.
///
/// ```
/// use ltv_core::billing::allocate;
/// // $100.00 over 3 equal months: 33.34 + 33.33 + 33.33 (the tie goes to the first month).
/// assert_eq!(allocate(10_000, &[1, 1, 1]), Some(vec![3_334, 3_333, 3_333]));
/// // $310.00 over Jan 15 .. Feb 15 (17 and 14 days): 170.00 + 140.00.
/// assert_eq!(allocate(31_000, &[17, 14]), Some(vec![17_000, 14_000]));
/// assert_eq!(allocate(-1, &[1, 1]), Some(vec![-1, 0]));
/// ```
#[must_use]
pub fn allocate(units: i128, weights: &[i64]) -> Option<Vec<i128>> {
    let mut parts = Vec::with_capacity(weights.len());
    let mut order = Vec::new();
    allocate_into(units, weights.iter().copied(), &mut parts, &mut order)?;
    Some(parts)
}

/// [`allocate`] into reused buffers: `parts` gets one part per weight, `order` is scratch.
pub(crate) fn allocate_into(
    units: i128,
    weights: impl Iterator<Item = i64> + Clone,
    parts: &mut Vec<i128>,
    order: &mut Vec<(i128, usize)>,
) -> Option<()> {
    parts.clear();
    order.clear();
    let mut total: i128 = 0;
    for w in weights.clone() {
        if w < 0 {
            return None;
        }
        total += i128::from(w);
    }
    if total <= 0 {
        return None;
    }
    let magnitude = units.checked_abs()?;
    let mut given: i128 = 0;
    for (i, w) in weights.enumerate() {
        let product = magnitude.checked_mul(i128::from(w))?;
        let (part, remainder) = (product / total, product % total);
        given += part;
        parts.push(part);
        order.push((remainder, i));
    }
    // Fewer than weights.len() units are left: the largest remainders, earlier index first on ties.
    let left = usize::try_from(magnitude - given).ok()?;
    if left > 0 {
        order.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        for &(_, i) in order.iter().take(left) {
            if let Some(p) = parts.get_mut(i) {
                *p += 1;
            }
        }
    }
    if units < 0 {
        parts.iter_mut().for_each(|p| *p = -*p);
    }
    Some(())
}
