package org.diffusionj.calibration;

/**
 * The Hoeffding–Bentkus upper confidence bound on the mean of losses in [0, 1] (Bates, Angelopoulos, Lei, Malik,
 * Jordan 2021, "Distribution-free, risk-controlling prediction sets", Section 3.1.2; the bound im2im-uq calibrates
 * with, Angelopoulos et al. 2022): with probability at least 1 − δ over n independent losses of mean R̂, the true
 * mean is at most R̂⁺ = sup { R : min(p_H(R), p_B(R)) ≥ δ }, where
 * <ul>
 * <li>Hoeffding: p_H(R) = exp(−n h(min(R̂, R), R)), h(a, b) = a log(a / b) + (1 − a) log((1 − a) / (1 − b));</li>
 * <li>Bentkus: p_B(R) = e · P(Binomial(n, R) ≤ ⌊n R̂⌋).</li>
 * </ul>
 * R̂⁺ is found by bisection on [R̂, 1], where min(p_H, p_B) decreases in R.
 */
public final class HoeffdingBentkus {

	private HoeffdingBentkus() {}

	/** R̂⁺ for a mean loss {@code riskHat} over {@code n} losses, at level {@code delta}. */
	public static double upperBound(final double riskHat, final int n, final double delta) {
		if (n < 1) throw new IllegalArgumentException("a bound needs at least one loss, not " + n + ".");
		if (!(riskHat >= 0 && riskHat <= 1)) throw new IllegalArgumentException("a mean loss lies in [0, 1], not " +
			riskHat + ".");
		if (!(delta > 0 && delta < 1)) throw new IllegalArgumentException("delta lies in (0, 1), not " + delta + ".");
		final double logDelta = Math.log(delta);
		final double top = 1 - 1e-10;
		if (logTail(top, riskHat, n) > logDelta) return 1;
		double lo = riskHat, hi = top;
		for (int i = 0; i < 200 && hi - lo > 1e-12; i++) {
			final double mid = 0.5 * (lo + hi);
			if (logTail(mid, riskHat, n) > logDelta) lo = mid;
			else hi = mid;
		}
		return hi;
	}

	/** log min(p_H(R), p_B(R)). */
	static double logTail(final double risk, final double riskHat, final int n) {
		return Math.min(-n * h(Math.min(riskHat, risk), risk), 1 + Math.log(Math.max(binomialCdf((int) Math.floor(n *
			riskHat), n, risk), 1e-10)));
	}

	/** h(a, b) = a log(a / b) + (1 − a) log((1 − a) / (1 − b)), the Bernoulli relative entropy (0 log 0 = 0). */
	static double h(final double a, final double b) {
		return (a > 0 ? a * Math.log(a / b) : 0) + (a < 1 ? (1 - a) * Math.log((1 - a) / (1 - b)) : 0);
	}

	/** P(Binomial(n, p) ≤ k), summed in log space (no underflow for large n). */
	static double binomialCdf(final int k, final int n, final double p) {
		if (k < 0) return 0;
		if (k >= n) return 1;
		final double logP = Math.log(p), logQ = Math.log1p(-p);
		double logChoose = 0, max = Double.NEGATIVE_INFINITY;
		final double[] terms = new double[k + 1];
		for (int i = 0; i <= k; i++) {
			if (i > 0) logChoose += Math.log((double) (n - i + 1) / i);
			terms[i] = logChoose + i * logP + (n - i) * logQ;
			max = Math.max(max, terms[i]);
		}
		double sum = 0;
		for (final double t : terms) sum += Math.exp(t - max);
		return Math.min(1, Math.exp(max + Math.log(sum)));
	}
}
