//! Largest-remainder allocation of a whole number of units (cents, or the value's finest scale) over integer
//! weights: the parts are whole units and sum exactly to the total.

/// Splits `units` over `weights` (one per channel, **in channel-label order**) in proportion to the weights,
/// in whole units, summing exactly to `units` (Hamilton's largest-remainder method), into `parts`.
///
/// Each part first gets `floor(units x w / W)`; the few units left (fewer than the number of parts) go one
/// each to the parts with the largest remainders. **Tie-break** among equal remainders: the larger weight
/// first, then round-robin in label order starting at part `rotate % parts` (the caller passes the journey
/// number), so no channel is favoured across journeys by its name.
///
/// The total weight `W` must be below `2^64` (the callers' caps guarantee it); with `W = 0` every part is 0,
/// and `units` must then be 0 too (the callers make sure). `scratch` is reused between calls.
pub(crate) fn largest_remainder(
    units: u128,
    weights: &[u64],
    rotate: usize,
    parts: &mut Vec<u128>,
    scratch: &mut Vec<(u128, u64, usize)>,
) {
    parts.clear();
    let total: u128 = weights.iter().map(|&w| u128::from(w)).sum();
    if total == 0 || units == 0 {
        parts.resize(weights.len(), 0);
        return;
    }
    // One positive weight (first or last touch, a one-channel journey) takes every unit: no remainder.
    let mut positive = weights.iter().enumerate().filter(|&(_, &w)| w > 0);
    if let (Some((only, _)), None) = (positive.next(), positive.next()) {
        parts.resize(weights.len(), 0);
        parts[only] = units;
        return;
    }
    scratch.clear();
    let mut given: u128 = 0;
    let n = weights.len();
    let start = rotate % n;
    // units x w / W = q w + (r w) / W with units = q W + r and r < W < 2^64, so r w < 2^128. When units
    // < 2^64 and W < 2^32 (every rule but time decay, for any realistic value), r w < 2^64 and the same
    // steps run in u64 (a u128 division is several times slower).
    if let (Ok(units64), Ok(total64)) = (u64::try_from(units), u32::try_from(total)) {
        let total64 = u64::from(total64);
        let (q, r) = (units64 / total64, units64 % total64);
        for (i, &w) in weights.iter().enumerate() {
            let rw = r * w;
            let part = u128::from(q) * u128::from(w) + u128::from(rw / total64);
            given += part;
            parts.push(part);
            scratch.push((u128::from(rw % total64), w, (i + n - start) % n));
        }
    } else {
        let (q, r) = (units / total, units % total);
        for (i, &w) in weights.iter().enumerate() {
            let rw = r * u128::from(w);
            let part = q * u128::from(w) + rw / total;
            given += part;
            parts.push(part);
            scratch.push((rw % total, w, (i + n - start) % n));
        }
    }
    let left = units - given;
    if left > 0 {
        scratch.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        for &(_, _, turn) in scratch.iter().take(usize::try_from(left).unwrap_or(n)) {
            parts[(turn + start) % n] += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    fn largest_remainder(units: u128, weights: &[u64], rotate: usize) -> Vec<u128> {
        let mut parts = Vec::new();
        super::largest_remainder(units, weights, rotate, &mut parts, &mut Vec::new());
        parts
    }

    #[test]
    fn thirds_of_a_hundred_euros() {
        // 10000 cents over three equal weights: 3334, 3333, 3333; the extra cent rotates with the journey.
        assert_eq!(largest_remainder(10_000, &[1, 1, 1], 0), vec![3334, 3333, 3333]);
        assert_eq!(largest_remainder(10_000, &[1, 1, 1], 1), vec![3333, 3334, 3333]);
        assert_eq!(largest_remainder(10_000, &[1, 1, 1], 5), vec![3333, 3333, 3334]);
    }

    #[test]
    fn largest_remainder_first_then_larger_weight() {
        // 100 units over 1:2: exact 33.33 and 66.67 -> 33 and 67.
        assert_eq!(largest_remainder(100, &[1, 2], 0), vec![33, 67]);
        // 1 unit over 1:1:2: quotas 0.25, 0.25, 0.5 -> the largest remainder (0.5) wins.
        assert_eq!(largest_remainder(1, &[1, 1, 2], 0), vec![0, 0, 1]);
        // Equal remainders 0.5, 0.5 with weights 1 and 1 plus a zero weight.
        assert_eq!(largest_remainder(1, &[0, 1, 1], 0), vec![0, 1, 0]);
        assert_eq!(largest_remainder(0, &[0, 0], 0), vec![0, 0]);
    }

    #[test]
    fn the_u64_and_u128_paths_agree() {
        // The same split through the u64 path (small total) and the u128 path (weights scaled by 2^33).
        for units in [1_u128, 99, 10_000, 123_456_789, u128::from(u64::MAX)] {
            let small = largest_remainder(units, &[3, 5, 7, 1], 2);
            let big = largest_remainder(units, &[3 << 33, 5 << 33, 7 << 33, 1 << 33], 2);
            assert_eq!(small, big, "{units}");
            assert_eq!(small.iter().sum::<u128>(), units);
        }
    }

    #[test]
    fn one_positive_weight_takes_every_unit() {
        assert_eq!(largest_remainder(10_001, &[0, 7, 0], 1), vec![0, 10_001, 0]);
        assert_eq!(largest_remainder(3, &[5], 0), vec![3]);
        // The same as the general path would give (it leaves no remainder).
        assert_eq!(largest_remainder(10_001, &[0, 7, 1], 1).iter().sum::<u128>(), 10_001);
    }

    #[test]
    fn huge_units_do_not_overflow() {
        let units = (1_u128 << 96) - 1;
        let w = [u64::MAX / 4, u64::MAX / 4, 3];
        let parts = largest_remainder(units, &w, 0);
        assert_eq!(parts.iter().sum::<u128>(), units);
    }
}
