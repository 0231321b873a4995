//! Merging rows with identical keys into one weighted row (bottom layer: imports nothing of the crate).
//!
//! The likelihoods and predictions of the purchase and spend models are weighted sums over customers, so
//! they need each distinct row once: a million customers' `(x, t_x, T)` are about 300,000 distinct
//! histories, and their `(x, z̄)` spend rows about 60,000. [`merge_rows`] finds them in parallel, with a
//! result that does not depend on the number of threads.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use rayon::prelude::*;

/// A fast multiply-rotate hasher for the bit patterns of the rows (the FxHash recipe of rustc, with
/// MurmurHash3's 64-bit finaliser): the keys are our own floats, not adversarial input, and SipHash would
/// dominate the compression of a million rows. The finaliser matters: the low bits of a product depend only
/// on the low bits of the key, and whole-number floats (days, weeks, counts) have all their low bits zero,
/// so without it every such key would land in the same few buckets.
#[derive(Default)]
pub(crate) struct RowHasher(u64);

impl Hasher for RowHasher {
    #[inline]
    fn finish(&self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }

    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0_u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }

    #[inline]
    fn write_u64(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// A hash map keyed by row bit patterns, with [`RowHasher`].
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<RowHasher>>;

/// The number of partitions (as bits) that [`merge_rows`] merges rows in.
const PARTITION_BITS: u32 = 8;
const PARTITIONS: usize = 1 << PARTITION_BITS;

/// Rows per block of [`merge_rows`]'s scatter (fixed, so that the result is the same on any number of
/// threads).
pub(crate) const MERGE_BLOCK: usize = 1 << 16;

/// The bits of a float as a key: `-0` as `0`, so the two zeros are one value.
#[inline]
pub(crate) fn key_bits(v: f64) -> u64 {
    (v + 0.0).to_bits()
}

/// A distinct key and the summed weight of its rows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Distinct<const K: usize> {
    pub(crate) key: [u64; K],
    pub(crate) w: f64,
}

/// The top [`PARTITION_BITS`] bits of the hash of `key` (its words written in order).
#[inline]
fn partition<const K: usize>(key: &[u64; K]) -> usize {
    let mut hasher = RowHasher::default();
    for &word in key {
        hasher.write_u64(word);
    }
    (hasher.finish() >> (64 - PARTITION_BITS)) as usize
}

/// Merges the `n_rows` rows with the same key (`key_of(i)`) into one row weighted by their summed weight
/// (`weight[i]`), dropping rows of weight `<= 0`; `add(i, totals)` adds row `i` (of positive weight) into
/// its block's totals, which are summed block by block in order and returned.
///
/// The rows are scattered by a hash of the key into [`PARTITIONS`] partitions of one array, and each
/// partition is merged on its own (compacted in place): a partition's table fits in cache, where one table
/// of all distinct rows would be missed on almost every lookup. Both steps run in parallel: blocks of
/// [`MERGE_BLOCK`] rows count their rows per partition, and then write them to their own disjoint slices
/// of each partition, in row order. The distinct rows come partition by partition, each in the order of
/// its first row, so the result does not depend on the number of threads.
pub(crate) fn merge_rows<const K: usize, const T: usize>(
    n_rows: usize,
    weight: &[f64],
    key_of: impl Fn(usize) -> [u64; K] + Sync,
    add: impl Fn(usize, &mut [f64; T]) + Sync,
) -> (Vec<Distinct<K>>, [f64; T]) {
    let blocks: Vec<std::ops::Range<usize>> =
        (0..n_rows.div_ceil(MERGE_BLOCK)).map(|b| b * MERGE_BLOCK..((b + 1) * MERGE_BLOCK).min(n_rows)).collect();
    // Per block: the rows per partition, and the block's totals.
    let counted: Vec<(Vec<usize>, [f64; T])> = blocks
        .par_iter()
        .map(|range| {
            let mut sizes = vec![0_usize; PARTITIONS];
            let mut totals = [0.0; T];
            for i in range.clone() {
                if weight[i] > 0.0 {
                    add(i, &mut totals);
                    sizes[partition(&key_of(i))] += 1;
                }
            }
            (sizes, totals)
        })
        .collect();
    let totals = counted.iter().fold([0.0; T], |mut acc, (_, t)| {
        for (a, b) in acc.iter_mut().zip(t) {
            *a += b;
        }
        acc
    });
    let part_sizes: Vec<usize> = (0..PARTITIONS).map(|p| counted.iter().map(|(sizes, _)| sizes[p]).sum()).collect();
    let mut flat = vec![Distinct { key: [0; K], w: 0.0 }; part_sizes.iter().sum()];
    // The array, partition-major, cut into one slice per (partition, block); then regrouped per block.
    let mut per_block: Vec<Vec<&mut [Distinct<K>]>> =
        (0..blocks.len()).map(|_| Vec::with_capacity(PARTITIONS)).collect();
    let mut rest: &mut [Distinct<K>] = &mut flat;
    for p in 0..PARTITIONS {
        for (b, (sizes, _)) in counted.iter().enumerate() {
            let (slice, tail) = std::mem::take(&mut rest).split_at_mut(sizes[p]);
            per_block[b].push(slice);
            rest = tail;
        }
    }
    per_block.par_iter_mut().zip(&blocks).for_each(|(slices, range)| {
        let mut cursor = vec![0_usize; PARTITIONS];
        for i in range.clone() {
            let w = weight[i];
            if w > 0.0 {
                let key = key_of(i);
                let p = partition(&key);
                slices[p][cursor[p]] = Distinct { key, w };
                cursor[p] += 1;
            }
        }
    });
    drop(per_block);
    let mut parts: Vec<&mut [Distinct<K>]> = Vec::with_capacity(PARTITIONS);
    let mut rest: &mut [Distinct<K>] = &mut flat;
    for &size in &part_sizes {
        let (slice, tail) = std::mem::take(&mut rest).split_at_mut(size);
        parts.push(slice);
        rest = tail;
    }
    let kept: Vec<usize> = parts
        .into_par_iter()
        .map_init(FastMap::<[u64; K], usize>::default, |index, part| {
            // One table per thread, cleared (not freed) between partitions.
            index.clear();
            index.reserve(part.len());
            let mut kept = 0_usize;
            for i in 0..part.len() {
                let row = part[i];
                match index.get(&row.key) {
                    Some(&k) => part[k].w += row.w,
                    None => {
                        index.insert(row.key, kept);
                        part[kept] = row;
                        kept += 1;
                    }
                }
            }
            kept
        })
        .collect();
    let mut rows = Vec::with_capacity(kept.iter().sum());
    let mut start = 0;
    for (&size, &k) in part_sizes.iter().zip(&kept) {
        rows.extend_from_slice(&flat[start..start + k]);
        start += size;
    }
    (rows, totals)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two-word keys over several blocks, with duplicates across blocks, zero and negative weights and -0:
    /// the weights summed per key as an independent BTreeMap count does, the same on 1, 2 and 3 threads.
    #[test]
    fn merge_rows_sums_the_weights_of_each_key_on_any_number_of_threads() -> Result<(), Box<dyn std::error::Error>> {
        let n = 2 * MERGE_BLOCK + 77;
        let a: Vec<f64> = (0..n).map(|i| if i % 9 == 0 { -0.0 } else { (i % 9) as f64 }).collect();
        let b: Vec<f64> = (0..n).map(|i| (i % 13) as f64 * 0.25).collect();
        let weight: Vec<f64> = (0..n).map(|i| [0.0, 1.0, 2.5, -1.0][i % 4]).collect();
        let key_of = |i: usize| [key_bits(a[i]), key_bits(b[i])];
        let run = || merge_rows(n, &weight, key_of, |i, t: &mut [f64; 1]| t[0] += weight[i]);
        let (rows, [total]) = run();
        let mut expected = std::collections::BTreeMap::new();
        for i in (0..n).filter(|&i| weight[i] > 0.0) {
            *expected.entry([(a[i] + 0.0).to_bits(), b[i].to_bits()]).or_insert(0.0) += weight[i];
        }
        let got: std::collections::BTreeMap<[u64; 2], f64> = rows.iter().map(|r| (r.key, r.w)).collect();
        assert_eq!(got.len(), rows.len(), "a key appears twice");
        assert_eq!(got, expected);
        assert_eq!(total, weight.iter().filter(|w| **w > 0.0).sum::<f64>());
        for threads in [1, 2, 3] {
            let again = rayon::ThreadPoolBuilder::new().num_threads(threads).build()?.install(run);
            assert_eq!(again.0, rows, "{threads} threads");
        }
        Ok(())
    }
}
