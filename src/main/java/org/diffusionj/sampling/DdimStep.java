package org.diffusionj.sampling;

import org.diffusionj.schedule.NoiseSchedule;

/**
 * The DDIM step (Song et al. 2021, eq. 12) with stochasticity eta, as diffusers' DDIMScheduler.
 *
 * <table>
 * <caption>symbols</caption>
 * <tr><td>{@code sigma}</td><td>sigma_t(eta) = eta sqrt((1 - abPrev) / (1 - ab)) sqrt(1 - ab / abPrev) (eq. 16)</td></tr>
 * <tr><td>{@code finalAlphaBar}</td><td>alphaBar after the last step: 1 (set_alpha_to_one) or alphaBar_0</td></tr>
 * </table>
 * With {@code useClippedModelOutput} the noise is recomputed from the clipped x0, eps = (x_t - sqrt(ab) x0) /
 * sqrt(1 - ab), so that x0 and eps agree (diffusers' step argument of that name).
 * eta = 0 is deterministic (an ODE solver); eta = 1 has DDPM's ancestral variance.
 */
public final class DdimStep implements ReverseStep {

	private final NoiseSchedule schedule;
	private final double eta;
	private final double finalAlphaBar;
	private final boolean useClippedModelOutput;

	public DdimStep(final NoiseSchedule schedule, final double eta, final boolean setAlphaToOne,
		final boolean useClippedModelOutput)
	{
		if (!(eta >= 0) || Double.isInfinite(eta)) {
			throw new IllegalArgumentException("eta=" + eta + " is out of range: it must be 0 or more");
		}
		this.schedule = schedule;
		this.eta = eta;
		this.finalAlphaBar = setAlphaToOne ? 1.0 : schedule.alphaBar(0);
		this.useClippedModelOutput = useClippedModelOutput;
	}

	@Override
	public Tensor step(final Tensor x, final Prediction p, final int t, final int tPrev, final NoiseBatch noise) {
		final double alphaBar = schedule.alphaBar(t);
		final double alphaBarPrev = tPrev >= 0 ? schedule.alphaBar(tPrev) : finalAlphaBar;
		final double variance = (1 - alphaBarPrev) / (1 - alphaBar) * (1 - alphaBar / alphaBarPrev);
		final double sigma = eta * Math.sqrt(variance);
		// eq. 12: x_prev = sqrt(abPrev) x0 + sqrt(1 - abPrev - sigma^2) eps + sigma z
		final double coefX0 = Math.sqrt(alphaBarPrev);
		final double coefEps = Math.sqrt(Math.max(0, 1 - alphaBarPrev - sigma * sigma));
		final Tensor out = x.zerosLike();
		final float[] o = out.data(), x0 = p.x0Pred().data(), e = p.eps().data(), xs = x.data();
		final double sqrtAb = Math.sqrt(alphaBar), sqrtOneMinusAb = Math.sqrt(1 - alphaBar);
		for (int i = 0; i < o.length; i++) {
			final double eps = useClippedModelOutput ? (xs[i] - sqrtAb * x0[i]) / sqrtOneMinusAb : e[i];
			o[i] = (float) (coefX0 * x0[i] + coefEps * eps);
		}
		if (eta > 0) {
			final float[] z = noise.draw(out.c(), out.h(), out.w()).data();
			for (int i = 0; i < o.length; i++) o[i] += (float) (sigma * z[i]);
		}
		return out;
	}
}
