package org.diffusionj.deconvolution;

/**
 * The likelihood step of split Gibbs when every pixel has its own noise variance, and some pixels no data at all:
 * y_i = (k ⊛ z)_i + n_i, n_i ~ N(0, 1 / W_i), W_i = 0 where nothing was observed (the margin around an image, so
 * that no data wraps around the periodic grid), under N(z; x, ρ² I). The posterior is Gaussian with precision
 * P = Kᵀ W K + I / ρ² and mean P⁻¹ (Kᵀ W y + x / ρ²). A draw by perturb-and-optimise (Papandreou and Yuille 2010):
 * solve P z = Kᵀ W (y + W^(−1/2) n₁) + (x + ρ n₂) / ρ², n₁ n₂ white, whose solution has exactly that law; the
 * system is solved by conjugate gradients preconditioned with the uniform-weight inverse (w̄ KᵀK + I/ρ²)⁻¹, which
 * is exact, and ends the solve at once, when the weights are uniform.
 */
public final class WeightedPosterior {

	/** Relative residual at which conjugate gradients stop. */
	static final double TOLERANCE = 1e-6;
	static final int MAX_ITERATIONS = 200;

	private final Otf otf;
	private final double[] y;

	/** @param y the observation on the grid of otf (any value where the weight will be 0) */
	public WeightedPosterior(final Otf otf, final double[] y) {
		if (y.length != otf.h * otf.w) throw new IllegalArgumentException("y does not fill the grid");
		this.otf = otf;
		this.y = y.clone();
	}

	/** The posterior mean for weights W and the Gaussian N(x, ρ² I). */
	public double[] mean(final double[] x, final double[] weight, final double rho2) {
		return sample(x, weight, rho2, new double[x.length], new double[x.length]);
	}

	/** A posterior draw from the white draws n₁ (data) and n₂ (prior), each one per grid pixel (not modified). */
	public double[] sample(final double[] x, final double[] weight, final double rho2, final double[] white1,
		final double[] white2)
	{
		final int n = y.length;
		final double[] data = new double[n];
		for (int p = 0; p < n; p++) data[p] = weight[p] * y[p] + Math.sqrt(weight[p]) * white1[p];
		final double[] b = otf.adjoint(data);
		final double rho = Math.sqrt(rho2);
		for (int p = 0; p < n; p++) b[p] += (x[p] + rho * white2[p]) / rho2;
		return solve(weight, rho2, b);
	}

	/** P z = b by preconditioned conjugate gradients. */
	double[] solve(final double[] weight, final double rho2, final double[] b) {
		double sum = 0;
		int observed = 0;
		for (final double v : weight) {
			if (v > 0) {
				sum += v;
				observed++;
			}
		}
		final double wBar = observed == 0 ? 0 : sum / observed;
		final double[] z = otf.solveUniform(b, wBar, 1 / rho2);
		final double[] r = b.clone(), pz = precision(z, weight, rho2);
		for (int i = 0; i < r.length; i++) r[i] -= pz[i];
		final double stop = TOLERANCE * Math.sqrt(dot(b, b));
		if (Math.sqrt(dot(r, r)) <= stop) return z;
		double[] m = otf.solveUniform(r, wBar, 1 / rho2);
		final double[] dir = m.clone();
		double rm = dot(r, m);
		for (int it = 0; it < MAX_ITERATIONS; it++) {
			final double[] pd = precision(dir, weight, rho2);
			final double alpha = rm / dot(dir, pd);
			for (int i = 0; i < z.length; i++) {
				z[i] += alpha * dir[i];
				r[i] -= alpha * pd[i];
			}
			if (Math.sqrt(dot(r, r)) <= stop) break;
			m = otf.solveUniform(r, wBar, 1 / rho2);
			final double rmNext = dot(r, m), beta = rmNext / rm;
			rm = rmNext;
			for (int i = 0; i < dir.length; i++) dir[i] = m[i] + beta * dir[i];
		}
		return z;
	}

	/** P v = Kᵀ W K v + v / ρ². */
	private double[] precision(final double[] v, final double[] weight, final double rho2) {
		final double[] kv = otf.blur(v);
		for (int i = 0; i < kv.length; i++) kv[i] *= weight[i];
		final double[] out = otf.adjoint(kv);
		for (int i = 0; i < out.length; i++) out[i] += v[i] / rho2;
		return out;
	}

	private static double dot(final double[] a, final double[] b) {
		double s = 0;
		for (int i = 0; i < a.length; i++) s += a[i] * b[i];
		return s;
	}
}
