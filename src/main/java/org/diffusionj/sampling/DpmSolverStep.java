package org.diffusionj.sampling;

import org.diffusionj.schedule.NoiseSchedule;

/**
 * DPM-Solver++(2M) (Lu et al. 2022), data-prediction multistep, midpoint form, as diffusers'
 * DPMSolverMultistepScheduler with {@code final_sigmas_type="zero"}: first order at the first and the last
 * step, second order in between.
 *
 * <table>
 * <caption>symbols</caption>
 * <tr><td>{@code alpha}, {@code sigma}</td><td>sqrt(alphaBar_t), sqrt(1 - alphaBar_t); after the last step 1, 0</td></tr>
 * <tr><td>{@code lambda}</td><td>log alpha - log sigma (half the log SNR)</td></tr>
 * <tr><td>{@code h}</td><td>lambda_t - lambda_s, the step in lambda</td></tr>
 * <tr><td>{@code d0}, {@code d1}</td><td>the current x0 prediction and its divided difference to the previous one</td></tr>
 * </table>
 * NB: stateful (it remembers the previous x0 prediction): one instance per run, never shared.
 */
final class DpmSolverStep implements ReverseStep {

	private final NoiseSchedule schedule;
	private Tensor previousX0; // m1
	private double previousLambda; // lambda_s1

	DpmSolverStep(final NoiseSchedule schedule) {
		this.schedule = schedule;
	}

	@Override
	public Tensor step(final Tensor x, final Prediction p, final int t, final int tPrev, final NoiseBatch noise) {
		final double alphaBarS = schedule.alphaBar(t);
		final double alphaS = Math.sqrt(alphaBarS), sigmaS = Math.sqrt(1 - alphaBarS);
		final double alphaBarT = tPrev >= 0 ? schedule.alphaBar(tPrev) : 1.0;
		final double alphaT = Math.sqrt(alphaBarT), sigmaT = Math.sqrt(1 - alphaBarT);
		final double lambdaS = Math.log(alphaS) - Math.log(sigmaS);
		final double lambdaT = Math.log(alphaT) - Math.log(sigmaT); // +inf after the last step
		final double h = lambdaT - lambdaS;
		final double expMinusH = Math.exp(-h); // 0 after the last step
		final boolean firstOrder = previousX0 == null || tPrev < 0;
		final double r = firstOrder ? 0 : (lambdaS - previousLambda) / h;
		final float[] o = new float[x.data().length], xs = x.data(), m0 = p.x0Pred().data();
		final float[] m1 = firstOrder ? null : previousX0.data();
		final double ratio = sigmaT / sigmaS, coef = -alphaT * (expMinusH - 1);
		for (int i = 0; i < o.length; i++) {
			// 1st order (= DDIM): x_t = (sigma_t / sigma_s) x - alpha_t (e^-h - 1) D0
			// 2M midpoint: D = D0 + 0.5 D1, D1 = (m0 - m1) / r
			final double d = firstOrder ? m0[i] : m0[i] + 0.5 * (m0[i] - m1[i]) / r;
			o[i] = (float) (ratio * xs[i] + coef * d);
		}
		previousX0 = p.x0Pred();
		previousLambda = lambdaS;
		return new Tensor(o, x.n(), x.c(), x.h(), x.w());
	}
}
