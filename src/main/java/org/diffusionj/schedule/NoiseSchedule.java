package org.diffusionj.schedule;

/**
 * The materialised noise schedule: beta_t and alphaBar_t for t = 0..T-1, in float32 as diffusers.
 *
 * <table>
 * <caption>symbols</caption>
 * <tr><td>{@code beta(t)}</td><td>beta_t, variance added at step t</td></tr>
 * <tr><td>{@code alphaBar(t)}</td><td>alphaBar_t = prod_{s &lt;= t} (1 - beta_s)</td></tr>
 * <tr><td>{@code snr(t)}</td><td>alphaBar_t / (1 - alphaBar_t)</td></tr>
 * </table>
 * Immutable and thread-safe.
 */
public final class NoiseSchedule {

	private final float[] betas; // (T)
	private final float[] alphaBar; // (T)

	private NoiseSchedule(final float[] betas) {
		this.betas = betas;
		this.alphaBar = cumulativeAlpha(betas);
	}

	public static NoiseSchedule of(final SchedulerConfig config) {
		final float[] trained = config.trainedBetas();
		float[] betas = trained != null ? trained : config.betaSchedule().betas(config.numTrainTimesteps(),
			config.betaStart(), config.betaEnd());
		if (config.rescaleBetasZeroSnr()) betas = rescaleZeroTerminalSnr(betas);
		return new NoiseSchedule(betas);
	}

	/** A schedule given as an explicit beta table. */
	public static NoiseSchedule ofBetas(final float[] betas) {
		return new NoiseSchedule(betas.clone());
	}

	public int numTrainTimesteps() {
		return betas.length;
	}

	public float beta(final int t) {
		return betas[t];
	}

	public float alphaBar(final int t) {
		return alphaBar[t];
	}

	/** Signal-to-noise ratio alphaBar / (1 - alphaBar). */
	public double snr(final int t) {
		return alphaBar[t] / (1.0 - alphaBar[t]);
	}

	public float[] betas() {
		return betas.clone();
	}

	public float[] alphaBars() {
		return alphaBar.clone();
	}

	/** torch.cumprod(1 - betas): a sequential float32 product. */
	private static float[] cumulativeAlpha(final float[] betas) {
		final float[] ab = new float[betas.length];
		float prod = 1f;
		for (int t = 0; t < betas.length; t++) {
			prod *= 1f - betas[t];
			ab[t] = prod;
		}
		return ab;
	}

	/**
	 * Lin et al. 2024, Algorithm 1: shift and scale sqrt(alphaBar) so that its last value is 0 and its
	 * first is kept, then recover the betas (the last one becomes exactly 1).
	 */
	static float[] rescaleZeroTerminalSnr(final float[] betas) {
		final int T = betas.length;
		final float[] s = cumulativeAlpha(betas);
		for (int t = 0; t < T; t++) s[t] = (float) Math.sqrt(s[t]);
		final float s0 = s[0];
		final float sT = s[T - 1];
		final float[] ab = new float[T];
		for (int t = 0; t < T; t++) {
			final float v = (s[t] - sT) * s0 / (s0 - sT);
			ab[t] = v * v;
		}
		final float[] out = new float[T];
		out[0] = 1f - ab[0];
		for (int t = 1; t < T; t++) out[t] = 1f - ab[t] / ab[t - 1];
		return out;
	}
}
