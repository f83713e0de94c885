package org.diffusionj.sampling;

import org.diffusionj.schedule.NoiseSchedule;
import org.diffusionj.schedule.TimestepPlan;

/**
 * DPM-Solver++(2M) (Lu et al. 2022), data-prediction multistep, midpoint form, as diffusers'
 * DPMSolverMultistepScheduler with {@code final_sigmas_type="zero"} and {@code lower_order_final}: first order at the
 * first and the last step, second order in between; with {@code sde} its {@code sde-dpmsolver++} variant.
 *
 * <table>
 * <caption>symbols</caption>
 * <tr><td>{@code alpha}, {@code sigma}</td><td>sqrt(alphaBar), sqrt(1 - alphaBar) of the plan's state before and
 * after the step; after the last step 1, 0</td></tr>
 * <tr><td>{@code lambda}</td><td>log alpha - log sigma (half the log SNR)</td></tr>
 * <tr><td>{@code h}</td><td>lambda_t - lambda_s, the step in lambda</td></tr>
 * <tr><td>{@code d0}, {@code d1}</td><td>the current x0 prediction and its divided difference to the previous one</td></tr>
 * </table>
 * NB: stateful (it remembers the previous x0 prediction and counts the plan's steps): one instance per run.
 */
final class DpmSolverStep implements ReverseStep {

	private final NoiseSchedule schedule;
	private final TimestepPlan plan;
	private final boolean sde;
	private int index; // the plan's step this call takes
	private Tensor previousX0; // m1
	private double previousLambda; // lambda_s1

	DpmSolverStep(final NoiseSchedule schedule, final TimestepPlan plan, final boolean sde) {
		this.schedule = schedule;
		this.plan = plan;
		this.sde = sde;
	}

	@Override
	public Tensor step(final Tensor x, final Prediction p, final int t, final int tPrev, final NoiseBatch noise) {
		final double alphaBarS = plan.alphaBarAt(index, schedule), alphaBarT = plan.alphaBarAfter(index, schedule);
		final boolean firstOrder = previousX0 == null || index == plan.size() - 1; // lower_order_final
		index++;
		final double alphaS = Math.sqrt(alphaBarS), sigmaS = Math.sqrt(1 - alphaBarS);
		final double alphaT = Math.sqrt(alphaBarT), sigmaT = Math.sqrt(1 - alphaBarT);
		final double lambdaS = Math.log(alphaS) - Math.log(sigmaS);
		final double lambdaT = Math.log(alphaT) - Math.log(sigmaT); // +inf after the last step
		final double h = lambdaT - lambdaS;
		final double r = firstOrder ? 0 : (lambdaS - previousLambda) / h;
		final float[] o = new float[x.data().length], xs = x.data(), m0 = p.x0Pred().data();
		final float[] m1 = firstOrder ? null : previousX0.data();
		final double coefX, coefD;
		final double e2h = Math.exp(-2 * h); // 0 after the last step
		if (sde) {
			// sde-dpmsolver++: x_t = (sigma_t / sigma_s) e^-h x + alpha_t (1 - e^-2h) D + sigma_t sqrt(1 - e^-2h) z
			coefX = sigmaT / sigmaS * Math.exp(-h);
			coefD = alphaT * (1 - e2h);
		}
		else {
			// 1st order (= DDIM): x_t = (sigma_t / sigma_s) x - alpha_t (e^-h - 1) D0
			coefX = sigmaT / sigmaS;
			coefD = -alphaT * (Math.exp(-h) - 1);
		}
		for (int i = 0; i < o.length; i++) {
			// 2M midpoint: D = D0 + 0.5 D1, D1 = (m0 - m1) / r
			final double d = firstOrder ? m0[i] : m0[i] + 0.5 * (m0[i] - m1[i]) / r;
			o[i] = (float) (coefX * xs[i] + coefD * d);
		}
		if (sde) {
			final double std = sigmaT * Math.sqrt(1 - e2h);
			final float[] z = noise.draw(x.c(), x.h(), x.w()).data();
			for (int i = 0; i < o.length; i++) o[i] += (float) (std * z[i]);
		}
		previousX0 = p.x0Pred();
		previousLambda = lambdaS;
		return new Tensor(o, x.n(), x.c(), x.h(), x.w());
	}
}
