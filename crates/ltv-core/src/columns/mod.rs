//! The column engine: every formula over whole `f64` columns, validated row by row exactly as the scalar API
//! validates one value, in one fused, vectorised pass.
//!
//! - **One body, two policies.** A [`Formula`] is written once over a [`Checks`] policy. The engine runs it
//!   over chunks of [`CHUNK`] rows with the lane policy [`Mask`] (no branch: LLVM vectorises the loop on
//!   the SSE2 baseline), and re-runs only a chunk that has a bad row with the exact policy [`FirstError`]
//!   to report the first bad row and its exact [`LtvError`].
//! - **Broadcasting.** A column of length 1 (or a [`Column::Scalar`]) is splatted into a chunk buffer once,
//!   so every chunk runs the same loop shape, with no strided gathers.
//! - **Non-contiguous sources.** A [`Source`] (e.g. a strided view) is read chunk by chunk into a buffer,
//!   without copying the whole column.
//! - **Errors.** [`Errors::Raise`] returns the first bad row as a [`RowError`] `{ row: Some(i), error }`;
//!   [`Errors::Nan`] writes NaN on the bad rows only. Columns of different lengths are a [`RowError`]
//!   with `row: None` and an [`LtvError::InvalidInput`] naming the column.
//! - **Threads.** At least [`Options::parallel_min_rows`] rows run on [`Options::threads`] scoped threads
//!   (`std::thread::scope`); results do not depend on the thread count. [`set_threads_enabled`] switches
//!   threads off for the process (a forked child).
//!
//! On good rows the result has the same bits as the scalar `f64` formula (the same code runs).
//!
//! ```
//! use ltv_core::columns::{self, Column, Options, SaasLtv};
//! use ltv_core::ChurnBasis;
//! let arpu = [500.0, 500.0, 80.0];
//! let churn = [0.03, 0.015, 0.0];
//! let f = SaasLtv { churn_basis: ChurnBasis::Logo };
//! let err = columns::run(&f, [Column::from(&arpu[..]), Column::Scalar(0.8), Column::from(&churn[..])], &Options::default())
//!     .unwrap_err();
//! assert_eq!((err.row, err.error.kind()), (Some(2), "zero_churn"));
//! let out = columns::run(&f, [(&arpu[..]).into(), 0.8.into(), (&churn[..]).into()], &Options::nan()).unwrap();
//! assert_eq!(out[0], ltv_core::saas_ltv(
//!     ltv_core::Money::new(500.0)?, ltv_core::Fraction::new(0.8)?, ltv_core::Churn::monthly(0.03)?)?);
//! assert!(out[2].is_nan());
//! # Ok::<(), ltv_core::LtvError>(())
//! ```

mod formulas;

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

pub use formulas::*;

use crate::error::{LtvError, RowError};
use crate::number::{Checks, FirstError, Mask};

/// Rows per chunk: the unit of the vectorised loop, of broadcasting buffers and of the exact re-run.
pub const CHUNK: usize = 1024;

/// Default [`Options::parallel_min_rows`]: inputs at least this long run on several threads.
pub const DEFAULT_PARALLEL_MIN_ROWS: usize = 1 << 20;

static THREADS_ENABLED: AtomicBool = AtomicBool::new(true);
static THREADS_SPAWNED: AtomicUsize = AtomicUsize::new(0);

/// How many worker threads the engine has started in this process so far (a diagnostic: it tells whether a
/// call took the threaded path).
#[must_use]
pub fn threads_spawned() -> usize {
    THREADS_SPAWNED.load(Ordering::Relaxed)
}

/// Allows or forbids threads for the whole process (a binding calls `set_threads_enabled(false)` in a
/// forked child process, where threads of the parent are gone). Allowed by default.
pub fn set_threads_enabled(enabled: bool) {
    THREADS_ENABLED.store(enabled, Ordering::Relaxed);
}

/// Whether threads are allowed in this process (see [`set_threads_enabled`]).
#[must_use]
pub fn threads_enabled() -> bool {
    THREADS_ENABLED.load(Ordering::Relaxed)
}

/// What a bad row does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Errors {
    /// The first bad row is the result: [`RowError`] with its row and exact error. The default.
    #[default]
    Raise,
    /// Bad rows are NaN; good rows keep their values.
    Nan,
}

crate::quantity::option_enum!(Errors, field = "errors", allowed = "'raise' or 'nan'", {
    Raise => "raise",
    Nan => "nan",
});

/// How the engine runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// What a bad row does.
    pub errors: Errors,
    /// Threads for a large input: `0` for every available core, `1` for none.
    pub threads: usize,
    /// Inputs shorter than this run on the calling thread.
    pub parallel_min_rows: usize,
}

impl Default for Options {
    fn default() -> Self {
        Self { errors: Errors::Raise, threads: 0, parallel_min_rows: DEFAULT_PARALLEL_MIN_ROWS }
    }
}

impl Options {
    /// The defaults with [`Errors::Nan`].
    #[must_use]
    pub fn nan() -> Self {
        Self { errors: Errors::Nan, ..Self::default() }
    }

    /// These options with `errors`.
    #[must_use]
    pub fn with_errors(self, errors: Errors) -> Self {
        Self { errors, ..self }
    }

    /// These options with `threads` (`0`: every core, `1`: single-threaded).
    #[must_use]
    pub fn with_threads(self, threads: usize) -> Self {
        Self { threads, ..self }
    }

    fn thread_count(&self, rows: usize) -> usize {
        if rows < self.parallel_min_rows.max(2 * CHUNK) || !threads_enabled() {
            return 1;
        }
        let wanted = match self.threads {
            0 => std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get),
            n => n,
        };
        wanted.min(rows.div_ceil(CHUNK)).max(1)
    }
}

/// A column that is not one contiguous slice (a strided view, a chunked array): the engine reads it chunk by
/// chunk.
pub trait Source: Sync {
    /// Its length in rows.
    fn len(&self) -> usize;
    /// Whether it has no rows.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Copies rows `start..start + buf.len()` into `buf` (the range is always within the column).
    fn read(&self, start: usize, buf: &mut [f64]);
}

/// One input column of the engine.
#[derive(Clone, Copy)]
pub enum Column<'a> {
    /// A contiguous column; one of length 1 broadcasts.
    Slice(&'a [f64]),
    /// One value for every row.
    Scalar(f64),
    /// A column read chunk by chunk; one of length 1 broadcasts.
    Source(&'a dyn Source),
}

impl std::fmt::Debug for Column<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Slice(s) => f.debug_tuple("Slice").field(&s.len()).finish(),
            Self::Scalar(x) => f.debug_tuple("Scalar").field(x).finish(),
            Self::Source(s) => f.debug_tuple("Source").field(&s.len()).finish(),
        }
    }
}

impl<'a> From<&'a [f64]> for Column<'a> {
    fn from(s: &'a [f64]) -> Self {
        Self::Slice(s)
    }
}

impl<'a> From<&'a Vec<f64>> for Column<'a> {
    fn from(s: &'a Vec<f64>) -> Self {
        Self::Slice(s)
    }
}

impl From<f64> for Column<'_> {
    fn from(x: f64) -> Self {
        Self::Scalar(x)
    }
}

impl Column<'_> {
    /// Its length (1 for a scalar).
    #[must_use]
    pub fn len(&self) -> usize {
        match self {
            Self::Slice(s) => s.len(),
            Self::Scalar(_) => 1,
            Self::Source(s) => s.len(),
        }
    }

    /// Whether it has no rows.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The one value of a column of length 1.
    fn single(&self) -> f64 {
        match self {
            Self::Slice(s) => s.first().copied().unwrap_or(f64::NAN),
            Self::Scalar(x) => *x,
            Self::Source(s) => {
                let mut one = [f64::NAN];
                s.read(0, &mut one);
                one[0]
            }
        }
    }
}

/// A formula the engine can run: `K` input columns in, one `f64` per row out, written once over a
/// [`Checks`] policy. The options of the formula (a churn basis, a payment timing) are fields of `self`.
///
/// ```
/// use ltv_core::columns::{self, Formula, Options};
/// use ltv_core::{Checks, LtvError};
/// /// Twice a non-negative amount.
/// struct Double;
/// impl Formula<1> for Double {
///     fn fields(&self) -> [&'static str; 1] { ["x"] }
///     fn row<C: Checks>(&self, c: &mut C, [x]: [f64; 1]) -> Result<f64, C::Error> {
///         c.require(x >= 0.0, || LtvError::InvalidInput {
///             field: "x", value: x.to_string(), allowed: "a value >= 0", suggestion: None })?;
///         Ok(2.0 * x)
///     }
/// }
/// let x = [1.0, 2.0];
/// assert_eq!(columns::run(&Double, [(&x[..]).into()], &Options::default()).unwrap(), vec![2.0, 4.0]);
/// ```
pub trait Formula<const K: usize>: Sync {
    /// The names of the input columns, in order (errors about lengths name them).
    fn fields(&self) -> [&'static str; K];

    /// The value of one row, with every check of the scalar API.
    ///
    /// # Errors
    /// Under [`FirstError`], the first failed check of the row.
    fn row<C: Checks>(&self, c: &mut C, x: [f64; K]) -> Result<f64, C::Error>;
}

/// The number of rows of `columns`: the length shared by those not of length 1 (1 when all are).
///
/// # Errors
/// A [`RowError`] with `row: None` and [`LtvError::InvalidInput`] naming the first column whose length
/// differs (its `value` is that length).
pub fn rows<const K: usize>(fields: [&'static str; K], columns: &[Column<'_>; K]) -> Result<usize, RowError> {
    let n = columns.iter().map(Column::len).find(|&len| len != 1).unwrap_or(1);
    for (field, col) in fields.iter().zip(columns) {
        let len = col.len();
        if len != n && len != 1 {
            return Err(RowError::from(LtvError::InvalidInput {
                field,
                value: format!("{len} rows"),
                allowed: "as many rows as the other columns (or 1 to broadcast)",
                suggestion: None,
            }));
        }
    }
    Ok(n)
}

/// Runs `formula` over `columns` into a new `Vec` (see the [module docs](self)).
///
/// # Errors
/// As [`run_into`].
pub fn run<const K: usize, F: Formula<K>>(
    formula: &F,
    columns: [Column<'_>; K],
    options: &Options,
) -> Result<Vec<f64>, RowError> {
    let n = rows(formula.fields(), &columns)?;
    let n = if columns.iter().any(Column::is_empty) { 0 } else { n };
    let mut out = vec![0.0; n];
    run_into(formula, columns, &mut out, options)?;
    Ok(out)
}

/// Runs `formula` over `columns`, writing one value per row into `out` (whose length must be the number of
/// rows, see [`rows`]; 0 when a column is empty).
///
/// # Errors
/// Mismatched lengths (`row: None`, naming the column, or the field `out`); with [`Errors::Raise`], the
/// first bad row and its exact error.
pub fn run_into<const K: usize, F: Formula<K>>(
    formula: &F,
    columns: [Column<'_>; K],
    out: &mut [f64],
    options: &Options,
) -> Result<(), RowError> {
    let n = rows(formula.fields(), &columns)?;
    let n = if columns.iter().any(Column::is_empty) { 0 } else { n };
    if out.len() != n {
        return Err(RowError::from(LtvError::InvalidInput {
            field: "out",
            value: out.len().to_string(),
            allowed: "as many rows as the input columns",
            suggestion: None,
        }));
    }
    if n == 0 {
        return Ok(());
    }
    let threads = options.thread_count(n);
    if threads <= 1 {
        return Worker::new(formula, &columns, options.errors, None).run(0, out);
    }
    // Contiguous, chunk-aligned ranges, one per thread; a thread stops once a bad row before its next chunk
    // is known (raise), and the smallest bad row among the threads is the first.
    let chunks = n.div_ceil(CHUNK);
    let per_thread = chunks.div_ceil(threads) * CHUNK;
    let first_bad = AtomicUsize::new(usize::MAX);
    THREADS_SPAWNED.fetch_add(n.div_ceil(per_thread), Ordering::Relaxed);
    let errors = std::thread::scope(|scope| {
        let handles: Vec<_> = out
            .chunks_mut(per_thread)
            .enumerate()
            .map(|(t, part)| {
                let (columns, first_bad) = (&columns, &first_bad);
                scope.spawn(move || {
                    Worker::new(formula, columns, options.errors, Some(first_bad)).run(t * per_thread, part)
                })
            })
            .collect();
        handles.into_iter().map(std::thread::ScopedJoinHandle::join).collect::<Vec<_>>()
    });
    let mut first: Option<RowError> = None;
    for result in errors {
        match result {
            Ok(Ok(())) => {}
            Ok(Err(e)) => {
                if first.as_ref().is_none_or(|f| e.row < f.row) {
                    first = Some(e);
                }
            }
            // A formula never panics; should a thread do so anyway, re-raise it here.
            Err(panic) => std::panic::resume_unwind(panic),
        }
    }
    first.map_or(Ok(()), Err)
}

/// One thread's state: the formula, the columns and the chunk buffers.
struct Worker<'f, 'c, const K: usize, F> {
    formula: &'f F,
    columns: &'f [Column<'c>; K],
    errors: Errors,
    first_bad: Option<&'f AtomicUsize>,
    /// A length-1 column's buffer is splatted once; a copied column's is refilled per chunk.
    buffers: Box<[[f64; CHUNK]; K]>,
    broadcast: [bool; K],
}

impl<'f, 'c, const K: usize, F: Formula<K>> Worker<'f, 'c, K, F> {
    fn new(formula: &'f F, columns: &'f [Column<'c>; K], errors: Errors, first_bad: Option<&'f AtomicUsize>) -> Self {
        let mut buffers = Box::new([[0.0; CHUNK]; K]);
        let broadcast: [bool; K] = std::array::from_fn(|k| columns[k].len() == 1);
        for k in 0..K {
            if broadcast[k] {
                buffers[k] = [columns[k].single(); CHUNK];
            }
        }
        Self { formula, columns, errors, first_bad, buffers, broadcast }
    }

    /// Fills `out`, rows `offset..offset + out.len()`.
    fn run(&mut self, offset: usize, out: &mut [f64]) -> Result<(), RowError> {
        for (i, chunk) in out.chunks_mut(CHUNK).enumerate() {
            let start = offset + i * CHUNK;
            if let Some(first_bad) = self.first_bad
                && first_bad.load(Ordering::Relaxed) < start
            {
                return Ok(());
            }
            if let Err(e) = self.chunk(start, chunk) {
                if let (Some(first_bad), Some(row)) = (self.first_bad, e.row) {
                    first_bad.fetch_min(row, Ordering::Relaxed);
                }
                return Err(e);
            }
        }
        Ok(())
    }

    /// One chunk of at most [`CHUNK`] rows from `start`.
    #[allow(clippy::needless_range_loop)] // `j` indexes every input column at once
    fn chunk(&mut self, start: usize, out: &mut [f64]) -> Result<(), RowError> {
        let len = out.len();
        let full = len == CHUNK;
        // Copy what cannot be borrowed as a whole chunk: a source, or the last, partial chunk of a slice.
        for k in 0..K {
            if self.broadcast[k] {
                continue;
            }
            match self.columns[k] {
                Column::Source(s) => s.read(start, &mut self.buffers[k][..len]),
                Column::Slice(s) if !full => self.buffers[k][..len].copy_from_slice(&s[start..start + len]),
                Column::Slice(_) | Column::Scalar(_) => {}
            }
        }
        let buffers = &self.buffers;
        let inputs: [&[f64; CHUNK]; K] = std::array::from_fn(|k| match self.columns[k] {
            Column::Slice(s) if full && !self.broadcast[k] => {
                <&[f64; CHUNK]>::try_from(&s[start..start + CHUNK]).unwrap_or(&buffers[k])
            }
            _ => &buffers[k],
        });
        let nan = self.errors == Errors::Nan;
        let Ok(out_chunk) = <&mut [f64; CHUNK]>::try_from(&mut *out) else {
            // The last, partial chunk (fewer than CHUNK rows): row by row, exactly.
            for (j, slot) in out.iter_mut().enumerate() {
                let x: [f64; K] = std::array::from_fn(|k| inputs[k][j]);
                match self.formula.row(&mut FirstError, x) {
                    Ok(v) => *slot = v,
                    Err(_) if nan => *slot = f64::NAN,
                    Err(error) => return Err(RowError::in_row(start + j, error)),
                }
            }
            return Ok(());
        };
        let any_bad = if nan {
            lanes::<K, F, true>(self.formula, &inputs, out_chunk)
        } else {
            lanes::<K, F, false>(self.formula, &inputs, out_chunk)
        };
        if any_bad && !nan {
            // The exact policy finds the first bad row of the chunk and its error.
            for j in 0..len {
                let x: [f64; K] = std::array::from_fn(|k| inputs[k][j]);
                if let Err(error) = self.formula.row(&mut FirstError, x) {
                    return Err(RowError::in_row(start + j, error));
                }
            }
        }
        Ok(())
    }
}

/// The vectorised loop: every lane of a chunk under [`Mask`], NaN on the bad lanes when `NAN`; whether any
/// lane is bad.
#[inline(always)]
fn lanes<const K: usize, F: Formula<K>, const NAN: bool>(
    formula: &F,
    inputs: &[&[f64; CHUNK]; K],
    out: &mut [f64; CHUNK],
) -> bool {
    let mut any_bad = false;
    for j in 0..CHUNK {
        let mut mask = Mask::default();
        let x: [f64; K] = std::array::from_fn(|k| inputs[k][j]);
        let Ok(value) = formula.row(&mut mask, x);
        out[j] = if NAN && mask.bad { f64::NAN } else { value };
        any_bad |= mask.bad;
    }
    any_bad
}
