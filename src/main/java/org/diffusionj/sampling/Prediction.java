package org.diffusionj.sampling;

import java.util.Arrays;

import org.diffusionj.schedule.PredictionType;
import org.diffusionj.schedule.SchedulerConfig;

/**
 * The network's output turned into the predicted clean image x0Pred and the predicted noise eps.
 *
 * <p>eps is derived from the raw output; x0Pred is then clipped or thresholded as diffusers does, so a
 * DDIM step uses the clipped x0Pred with the unclipped eps ({@code use_clipped_model_output=False}).
 */
public final class Prediction {

	private final Tensor x0Pred; // (n, c, h, w)
	private final Tensor eps; // (n, c, h, w)
	private final Tensor varianceChannels; // (n, c, h, w) learned variance, or null

	private Prediction(final Tensor x0Pred, final Tensor eps, final Tensor varianceChannels) {
		this.x0Pred = x0Pred;
		this.eps = eps;
		this.varianceChannels = varianceChannels;
	}

	public Tensor x0Pred() { return x0Pred; }
	public Tensor eps() { return eps; }
	/** The learned-variance half of the output, or null. */
	public Tensor varianceChannels() { return varianceChannels; }

	/**
	 * @param output the network's output, (n, c, h, w) or (n, 2c, h, w)
	 * @param x the noisy sample x_t it was given, (n, c, h, w)
	 * @param alphaBar alphaBar_t
	 */
	public static Prediction of(final Tensor output, final Tensor x, final double alphaBar,
		final SchedulerConfig config)
	{
		return of(output, x, alphaBar, config, config.clipSample());
	}

	/**
	 * As {@link #of(Tensor, Tensor, double, SchedulerConfig)}, with clip_sample decided by the caller: diffusers' DPM
	 * solvers have no clip_sample (they only threshold).
	 */
	public static Prediction of(final Tensor output, final Tensor x, final double alphaBar,
		final SchedulerConfig config, final boolean clipSample)
	{
		return of(output, x, alphaBar, config, clipSample, 1);
	}

	/**
	 * As {@link #of(Tensor, Tensor, double, SchedulerConfig, boolean)}, with Epsilon Scaling (Ning et al., "Elucidating
	 * the Exposure Bias in Diffusion Models", ICLR 2024): the predicted noise is divided by {@code epsilonScale} and x0
	 * follows from the scaled noise, whatever the model predicts; 1 leaves the prediction as it is.
	 */
	public static Prediction of(final Tensor output, final Tensor x, final double alphaBar,
		final SchedulerConfig config, final boolean clipSample, final double epsilonScale)
	{
		final int c = x.c();
		Tensor main = output;
		Tensor variance = null;
		if (output.c() == 2 * c) {
			main = output.channels(0, c);
			variance = output.channels(c, c);
		} else if (output.c() != c) {
			throw new IllegalArgumentException("the model returned " + output.c() + " channels for an input of " + c);
		}
		final double sqrtAb = Math.sqrt(alphaBar);
		final double sqrtOneMinusAb = Math.sqrt(1 - alphaBar);
		final float[] xs = x.data(), m = main.data();
		final Tensor x0 = x.zerosLike(), eps = x.zerosLike();
		final float[] x0d = x0.data(), ed = eps.data();
		final PredictionType type = config.predictionType();
		for (int i = 0; i < xs.length; i++) {
			switch (type) {
				case EPSILON: // theory.md: x0 = (x_t - sqrt(1 - alphaBar) eps) / sqrt(alphaBar)
					ed[i] = m[i];
					x0d[i] = (float) ((xs[i] - sqrtOneMinusAb * m[i]) / sqrtAb);
					break;
				case SAMPLE: // eps = (x_t - sqrt(alphaBar) x0) / sqrt(1 - alphaBar)
					x0d[i] = m[i];
					ed[i] = (float) ((xs[i] - sqrtAb * m[i]) / sqrtOneMinusAb);
					break;
				case V_PREDICTION: // Salimans & Ho: x0 = sqrt(ab) x_t - sqrt(1-ab) v, eps = sqrt(1-ab) x_t + sqrt(ab) v
					x0d[i] = (float) (sqrtAb * xs[i] - sqrtOneMinusAb * m[i]);
					ed[i] = (float) (sqrtOneMinusAb * xs[i] + sqrtAb * m[i]);
					break;
				default:
					throw new AssertionError(type);
			}
			if (epsilonScale != 1) { // eps / lambda, then x0 = (x_t - sqrt(1 - alphaBar) eps) / sqrt(alphaBar)
				final double scaled = ed[i] / epsilonScale;
				ed[i] = (float) scaled;
				x0d[i] = (float) ((xs[i] - sqrtOneMinusAb * scaled) / sqrtAb);
			}
		}
		if (config.thresholding()) threshold(x0, config.dynamicThresholdingRatio(), config.sampleMaxValue());
		else if (clipSample) clip(x0.data(), (float) config.clipSampleRange());
		return new Prediction(x0, eps, variance);
	}

	static void clip(final float[] v, final float range) {
		for (int i = 0; i < v.length; i++) v[i] = Math.max(-range, Math.min(range, v[i]));
	}

	/**
	 * Imagen's dynamic thresholding, per item: s = clamp(quantile(|x0|, ratio), 1, maxValue);
	 * x0 = clamp(x0, -s, s) / s. The quantile interpolates linearly as torch.quantile.
	 */
	static void threshold(final Tensor x0, final double ratio, final double maxValue) {
		final int size = x0.itemSize();
		final float[] d = x0.data();
		final float[] abs = new float[size];
		for (int item = 0; item < x0.n(); item++) {
			final int off = item * size;
			for (int i = 0; i < size; i++) abs[i] = Math.abs(d[off + i]);
			Arrays.sort(abs);
			final double pos = ratio * (size - 1);
			final int lo = (int) Math.floor(pos);
			final int hi = Math.min(lo + 1, size - 1);
			final double q = abs[lo] + (abs[hi] - abs[lo]) * (pos - lo);
			final float s = (float) Math.max(1, Math.min(maxValue, q));
			for (int i = off; i < off + size; i++) d[i] = Math.max(-s, Math.min(s, d[i])) / s;
		}
	}
}
