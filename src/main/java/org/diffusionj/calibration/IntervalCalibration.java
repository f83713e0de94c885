package org.diffusionj.calibration;

/**
 * Conformal risk control of a per-pixel interval mean ± λ·std (Angelopoulos et al. 2022, "Image-to-image regression
 * with distribution-free uncertainty quantification", the RCPS procedure of Bates et al. 2021): each calibration
 * image's loss is the fraction of its pixels outside the interval, and λ̂ is the smallest λ of a grid such that the
 * Hoeffding–Bentkus bound on the expected loss stays at most α for λ̂ and every larger λ of the grid. Then, with
 * probability at least 1 − δ over the calibration set, a new image like them has an expected fraction of pixels
 * outside mean ± λ̂·std of at most α.
 */
public final class IntervalCalibration {

	/** The λ grid: 0.01 to 20 in steps of 0.01, fine enough that λ̂ moves the miss rate by a hair. */
	public static final double STEP = 0.01, MAX = 20;
	private static final double STEPS_PER_UNIT = Math.rint(1 / STEP);

	/** What a calibration found. */
	public static final class Result {

		/** λ̂, or NaN when even the largest λ of the grid does not reach the bound. */
		public final double lambda;
		/** The bound on the miss rate at λ̂, and the empirical miss rate there (mean over images). */
		public final double bound, missRate;

		Result(final double lambda, final double bound, final double missRate) {
			this.lambda = lambda;
			this.bound = bound;
			this.missRate = missRate;
		}
	}

	private IntervalCalibration() {}

	/**
	 * @param scores per image, per pixel: |target − mean| / std (+∞ where std is 0 and the two differ, 0 where they
	 *          agree)
	 */
	public static Result calibrate(final float[][] scores, final double alpha, final double delta) {
		if (!(alpha > 0 && alpha <= 0.5) || !(delta > 0 && delta <= 0.5)) {
			throw new IllegalArgumentException("alpha and delta must lie in (0, 0.5], not " + alpha + " and " + delta + ".");
		}
		final float[][] sorted = new float[scores.length][];
		for (int i = 0; i < scores.length; i++) {
			sorted[i] = scores[i].clone();
			java.util.Arrays.sort(sorted[i]);
		}
		Result best = new Result(Double.NaN, 1, 1);
		for (int g = (int) Math.round(MAX / STEP); g >= 1; g--) { // NB: from the widest down, to the first violation
			final double lambda = g / STEPS_PER_UNIT; // NB: not g * STEP, whose rounding writes 13.790000000000001
			final double risk = sortedMissRate(sorted, lambda);
			final double bound = HoeffdingBentkus.upperBound(risk, scores.length, delta);
			if (bound > alpha) break;
			best = new Result(lambda, bound, risk);
		}
		return best;
	}

	/**
	 * The fewest images with which a calibration can reach α at level δ at all: with n images and no miss the bound
	 * is 1 − δ^(1/n) (Hoeffding's side, the smaller), which is at most α from n = ⌈ln δ / ln(1 − α)⌉ on.
	 */
	public static int fewestImages(final double alpha, final double delta) {
		return (int) Math.ceil(Math.log(delta) / Math.log(1 - alpha) - 1e-9);
	}

	/** The mean over images of the fraction of pixels whose score exceeds λ (outside mean ± λ·std). */
	public static double missRate(final float[][] scores, final double lambda) {
		double sum = 0;
		for (final float[] image : scores) {
			int out = 0;
			for (final float s : image) if (s > lambda) out++;
			sum += (double) out / image.length;
		}
		return sum / scores.length;
	}

	private static double sortedMissRate(final float[][] sorted, final double lambda) {
		double sum = 0;
		for (final float[] image : sorted) {
			int lo = 0, hi = image.length; // NB: the first index whose score exceeds lambda
			while (lo < hi) {
				final int mid = (lo + hi) >>> 1;
				if (image[mid] > lambda) hi = mid;
				else lo = mid + 1;
			}
			sum += (double) (image.length - lo) / image.length;
		}
		return sum / sorted.length;
	}

	/** One pixel's score |target − mean| / std. */
	public static float score(final double target, final double mean, final double std) {
		final double r = Math.abs(target - mean);
		if (std > 0) return (float) (r / std);
		return r == 0 ? 0 : Float.POSITIVE_INFINITY;
	}
}
