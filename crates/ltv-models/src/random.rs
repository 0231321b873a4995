//! The seeded random generator behind every simulator (purchase models, Gamma-Gamma spend): a bottom layer,
//! so that families share it without importing each other.
//!
//! **Generator: our own, no `rand` crate.** splitmix64 (Steele, Lea & Flood 2014, "Fast splittable
//! pseudorandom number generators", OOPSLA) for uniforms, Box–Muller for normals, Marsaglia & Tsang (2000,
//! *ACM TOMS* 26(3)) for Gamma variates (shapes below 1 by `Gamma(shape + 1) U^(1/shape)`), Beta as a ratio
//! of Gammas. A fixed seed gives the same customers on every platform and in every future release, which
//! `rand`'s distributions do not promise across versions.

use crate::error::ModelError;

/// The most purchases one simulation may draw in all (summed over customers): `1e9`, checked as it goes.
pub const MAX_SIMULATED_PURCHASES: u64 = 1_000_000_000;

/// The most customers one simulation may draw: `1e8`, checked first (every simulator: purchase models and
/// Gamma-Gamma spend).
pub const MAX_SIMULATED_CUSTOMERS: usize = 100_000_000;

/// splitmix64 with the samplers the purchase models need.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Self {
        Self(seed)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in the open interval (0, 1).
    pub(crate) fn uniform(&mut self) -> f64 {
        ((self.next_u64() >> 11) as f64 + 0.5) * (1.0 / (1_u64 << 53) as f64)
    }

    fn normal(&mut self) -> f64 {
        let (u, v) = (self.uniform(), self.uniform());
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }

    /// Gamma(shape, 1). Marsaglia–Tsang accepts with probability above 0.95 per try; after 1000 rejections
    /// in a row (probability below 1e-1300) it reports an error rather than loop on.
    pub(crate) fn gamma(&mut self, shape: f64) -> Result<f64, ModelError> {
        let boost = if shape < 1.0 { self.uniform().powf(1.0 / shape) } else { 1.0 };
        let d = if shape < 1.0 { shape + 1.0 } else { shape } - 1.0 / 3.0;
        let c = 1.0 / (9.0 * d).sqrt();
        for _ in 0..1000 {
            let x = self.normal();
            let v = 1.0 + c * x;
            if v <= 0.0 {
                continue;
            }
            let v = v * v * v;
            let u = self.uniform();
            if u < 1.0 - 0.0331 * x.powi(4) || u.ln() < 0.5 * x * x + d * (1.0 - v + v.ln()) {
                return Ok(d * v * boost);
            }
        }
        Err(ModelError::NotComputable {
            quantity: "simulate",
            field: "seed",
            value: 0.0,
            reason: "the Gamma sampler rejected 1000 draws in a row",
        })
    }

    /// Beta(a, b) as `X / (X + Y)`; when both Gamma draws underflow to 0 (shapes near 1e-8), the limit of
    /// the Beta as its shapes shrink, a Bernoulli(a / (a + b)) draw.
    pub(crate) fn beta(&mut self, a: f64, b: f64) -> Result<f64, ModelError> {
        let (x, y) = (self.gamma(a)?, self.gamma(b)?);
        if x + y > 0.0 { Ok(x / (x + y)) } else { Ok(if self.uniform() < a / (a + b) { 1.0 } else { 0.0 }) }
    }
}
