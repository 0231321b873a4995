//! The Nelder–Mead simplex method, `n`-dimensional (J. A. Nelder and R. Mead (1965), "A simplex method for
//! function minimization", *The Computer Journal* 7(4), 308–313), with the standard coefficients:
//! reflection 1, expansion 2, contraction 1/2, shrink 1/2.

/// The most iterations.
pub(crate) const MAX_ITERATIONS: u32 = 2000;

/// `p + t (q - p)`, entry by entry.
fn lerp(p: &[f64], q: &[f64], t: f64) -> Vec<f64> {
    p.iter().zip(q).map(|(a, b)| a + t * (b - a)).collect()
}

/// Minimises `f` from `start`, with an initial simplex of `start` and `start + step e_i`; stops when the
/// values at the vertices agree to `1e-13` relative and the simplex is below `1e-9` across, or after
/// [`MAX_ITERATIONS`]. Returns the best vertex and the iterations taken.
pub(crate) fn minimize(f: impl Fn(&[f64]) -> f64, start: &[f64], step: f64) -> (Vec<f64>, u32) {
    minimize_at_most(f, start, step, MAX_ITERATIONS)
}

/// [`minimize`] within `max_iterations` (at most [`MAX_ITERATIONS`]): a fit's `max_iterations` option bounds
/// its simplex steps as it bounds its Newton steps, so a fit's work is capped by its options.
pub(crate) fn minimize_at_most(
    f: impl Fn(&[f64]) -> f64,
    start: &[f64],
    step: f64,
    max_iterations: u32,
) -> (Vec<f64>, u32) {
    let max_iterations = max_iterations.min(MAX_ITERATIONS);
    let n = start.len();
    let mut simplex: Vec<(Vec<f64>, f64)> = Vec::with_capacity(n + 1);
    simplex.push((start.to_vec(), f(start)));
    for i in 0..n {
        let mut p = start.to_vec();
        p[i] += step;
        let value = f(&p);
        simplex.push((p, value));
    }
    let mut iterations = 0;
    while iterations < max_iterations {
        simplex.sort_by(|x, y| x.1.total_cmp(&y.1));
        let (best, f_best) = simplex[0].clone();
        let f_second_worst = simplex[n - 1].1;
        let (worst, f_worst) = simplex[n].clone();
        let size = simplex
            .iter()
            .map(|(p, _)| p.iter().zip(&best).fold(0.0, |m: f64, (a, b)| m.max((a - b).abs())))
            .fold(0.0, f64::max);
        if (f_worst - f_best).abs() <= 1e-13 * (1.0 + f_best.abs()) && size < 1e-9 {
            break;
        }
        iterations += 1;
        // The centroid of the n best vertices, as `best + mean(v_i - best)` (for n = 2, `lerp(v_0, v_1, 1/2)`).
        let centroid: Vec<f64> = (0..n)
            .map(|k| {
                let spread: f64 = simplex[1..n].iter().fold(0.0, |acc, (p, _)| acc + (p[k] - best[k]));
                best[k] + spread / n as f64
            })
            .collect();
        let reflected = lerp(&centroid, &worst, -1.0);
        let f_reflected = f(&reflected);
        if f_reflected < f_best {
            let expanded = lerp(&centroid, &worst, -2.0);
            let f_expanded = f(&expanded);
            simplex[n] = if f_expanded < f_reflected { (expanded, f_expanded) } else { (reflected, f_reflected) };
        } else if f_reflected < f_second_worst {
            simplex[n] = (reflected, f_reflected);
        } else {
            let contracted =
                if f_reflected < f_worst { lerp(&centroid, &reflected, 0.5) } else { lerp(&centroid, &worst, 0.5) };
            let f_contracted = f(&contracted);
            if f_contracted < f_worst.min(f_reflected) {
                simplex[n] = (contracted, f_contracted);
            } else {
                for vertex in simplex.iter_mut().skip(1) {
                    let p = lerp(&best, &vertex.0, 0.5);
                    let value = f(&p);
                    *vertex = (p, value);
                }
            }
        }
    }
    simplex.sort_by(|x, y| x.1.total_cmp(&y.1));
    let best = simplex.swap_remove(0).0;
    (best, iterations)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_minimum_of_a_rosenbrock_valley_in_3_dimensions() {
        let f =
            |x: &[f64]| (0..2).map(|i| 100.0 * (x[i + 1] - x[i] * x[i]).powi(2) + (1.0 - x[i]).powi(2)).sum::<f64>();
        let (best, iterations) = minimize(f, &[-1.0, 0.5, 2.0], 0.5);
        assert!(iterations < MAX_ITERATIONS);
        for v in best {
            assert!((v - 1.0).abs() < 1e-6, "{v}");
        }
    }
}
