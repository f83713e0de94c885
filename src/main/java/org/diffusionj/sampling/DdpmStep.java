package org.diffusionj.sampling;

import org.diffusionj.schedule.NoiseSchedule;
import org.diffusionj.schedule.VarianceType;

/**
 * DDPM's ancestral step (Ho et al. 2020, eqs. 6-7) over any pair of selected timesteps, as diffusers'
 * DDPMScheduler.
 *
 * <table>
 * <caption>symbols</caption>
 * <tr><td>{@code alphaBar}, {@code alphaBarPrev}</td><td>alphaBar_t, alphaBar_tPrev (1 after the last step)</td></tr>
 * <tr><td>{@code beta}</td><td>1 - alphaBar_t / alphaBar_tPrev, the beta of the strided step</td></tr>
 * <tr><td>{@code posteriorVariance}</td><td>betaTilde = (1 - alphaBarPrev) / (1 - alphaBar) beta</td></tr>
 * </table>
 * Noise is added only while t &gt; 0, as in diffusers.
 */
public final class DdpmStep implements ReverseStep {

	private final NoiseSchedule schedule;
	private final VarianceType varianceType;

	public DdpmStep(final NoiseSchedule schedule, final VarianceType varianceType) {
		this.schedule = schedule;
		this.varianceType = varianceType;
	}

	@Override
	public Tensor step(final Tensor x, final Prediction p, final int t, final int tPrev, final NoiseBatch noise) {
		final double alphaBar = schedule.alphaBar(t);
		final double alphaBarPrev = tPrev >= 0 ? schedule.alphaBar(tPrev) : 1.0;
		final double alpha = alphaBar / alphaBarPrev;
		final double beta = 1 - alpha;
		// posterior mean, DDPM eq. 7: sqrt(abPrev) beta / (1 - ab) x0 + sqrt(alpha) (1 - abPrev) / (1 - ab) x_t
		final double coefX0 = Math.sqrt(alphaBarPrev) * beta / (1 - alphaBar);
		final double coefXt = Math.sqrt(alpha) * (1 - alphaBarPrev) / (1 - alphaBar);
		final Tensor out = x.zerosLike();
		final float[] o = out.data(), xs = x.data(), x0 = p.x0Pred().data();
		for (int i = 0; i < o.length; i++) o[i] = (float) (coefX0 * x0[i] + coefXt * xs[i]);
		if (t > 0) addNoise(out, p, alphaBar, alphaBarPrev, beta, noise);
		return out;
	}

	private void addNoise(final Tensor out, final Prediction p, final double alphaBar, final double alphaBarPrev,
		final double beta, final NoiseBatch noise)
	{
		final float[] z = noise.draw(out.c(), out.h(), out.w()).data();
		final float[] o = out.data();
		final double posteriorVariance = Math.max((1 - alphaBarPrev) / (1 - alphaBar) * beta, 1e-20);
		if (varianceType.isLearned()) {
			if (p.varianceChannels() == null) {
				throw new IllegalArgumentException("variance_type " + varianceType.key() +
					" needs a model with 2C output channels");
			}
			final float[] v = p.varianceChannels().data();
			for (int i = 0; i < o.length; i++) {
				final double var = varianceType == VarianceType.LEARNED ? v[i]
					: learnedRangeVariance(v[i], beta, posteriorVariance);
				o[i] += (float) (Math.sqrt(var) * z[i]);
			}
			return;
		}
		final double std = varianceType == VarianceType.FIXED_LARGE ? Math.sqrt(beta) : Math.sqrt(posteriorVariance);
		for (int i = 0; i < o.length; i++) o[i] += (float) (std * z[i]);
	}

	/** Improved DDPM eq. 15: log sigma^2 = f log beta + (1 - f) log betaTilde, with f = (v + 1) / 2. */
	private static double learnedRangeVariance(final double v, final double beta, final double posteriorVariance) {
		final double frac = (v + 1) / 2;
		return Math.exp(frac * Math.log(beta) + (1 - frac) * Math.log(posteriorVariance));
	}
}
