package org.diffusionj.sampling;

import org.diffusionj.schedule.NoiseSchedule;
import org.diffusionj.schedule.TimestepPlan;

/**
 * DPM-Solver++(2M) and (3M) (Lu et al. 2022), data-prediction multistep, as diffusers'
 * DPMSolverMultistepScheduler with {@code solver_type="midpoint"}, {@code final_sigmas_type="zero"} and
 * {@code lower_order_final}: first order at the first and the last step; with order 3, second order at the second
 * step and, in a plan of fewer than 15 steps, at the one before the last; with {@code sde} its
 * {@code sde-dpmsolver++} variant.
 *
 * <table>
 * <caption>symbols</caption>
 * <tr><td>{@code alpha}, {@code sigma}</td><td>sqrt(alphaBar), sqrt(1 - alphaBar) of the plan's state before and
 * after the step; after the last step 1, 0</td></tr>
 * <tr><td>{@code lambda}</td><td>log alpha - log sigma (half the log SNR)</td></tr>
 * <tr><td>{@code h}</td><td>lambda_t - lambda_s0, the step in lambda; r0, r1 the two steps before it over h</td></tr>
 * <tr><td>{@code m0, m1, m2}</td><td>the x0 predictions of this step and the two before</td></tr>
 * </table>
 * NB: stateful (it remembers the previous x0 predictions and counts the plan's steps): one instance per run.
 */
final class DpmSolverStep implements ReverseStep {

	private final NoiseSchedule schedule;
	private final TimestepPlan plan;
	private final int solverOrder;
	private final boolean sde;
	private final MultistepHistory history;

	DpmSolverStep(final NoiseSchedule schedule, final TimestepPlan plan, final int solverOrder, final boolean sde) {
		this.schedule = schedule;
		this.plan = plan;
		this.solverOrder = solverOrder;
		this.sde = sde;
		this.history = new MultistepHistory(3);
	}

	@Override
	public Tensor step(final Tensor x, final Prediction p, final int t, final int tPrev, final NoiseBatch noise) {
		final int index = history.steps();
		final double alphaBarS = plan.alphaBarAt(index, schedule), alphaBarT = plan.alphaBarAfter(index, schedule);
		final int order = order(index);
		history.add(p.x0Pred(), MultistepHistory.lambda(alphaBarS));
		final double alphaT = Math.sqrt(alphaBarT), sigmaT = Math.sqrt(1 - alphaBarT);
		final double sigmaS = Math.sqrt(1 - alphaBarS);
		final double h = MultistepHistory.lambda(alphaBarT) - history.lambda(0); // +inf after the last step
		final double e1 = Math.exp(-h), e2 = Math.exp(-2 * h); // 0 after the last step
		final float[] o = new float[x.data().length], xs = x.data();
		final float[] m0 = history.x0(0).data();
		final float[] m1 = order >= 2 ? history.x0(1).data() : null, m2 = order == 3 ? history.x0(2).data() : null;
		final double r0 = order >= 2 ? (history.lambda(0) - history.lambda(1)) / h : 0;
		final double r1 = order == 3 ? (history.lambda(1) - history.lambda(2)) / h : 0;
		// the coefficients of x, D0, D1, D2 (reference/diffusers-schedulers.md section 3)
		final double cX = sde ? sigmaT / sigmaS * e1 : sigmaT / sigmaS;
		final double c0 = sde ? alphaT * (1 - e2) : -alphaT * (e1 - 1);
		final double c1 = order == 2 ? 0.5 * c0 : sde ? alphaT * ((1 - e2) / (-2 * h) + 1) : alphaT * ((e1 - 1) / h + 1);
		final double c2 = sde ? alphaT * ((1 - e2 - 2 * h) / (4 * h * h) - 0.5) : -alphaT * ((e1 - 1 + h) / (h * h) - 0.5);
		for (int i = 0; i < o.length; i++) {
			double update = c0 * m0[i];
			if (order == 2) update += c1 * (m0[i] - m1[i]) / r0; // D1 = (m0 - m1) / r0, midpoint: 0.5 D1
			else if (order == 3) {
				final double d10 = (m0[i] - m1[i]) / r0, d11 = (m1[i] - m2[i]) / r1;
				final double d2 = (d10 - d11) / (r0 + r1);
				update += c1 * (d10 + r0 * d2) + c2 * d2; // D1 = D1_0 + r0 / (r0 + r1) (D1_0 - D1_1)
			}
			o[i] = (float) (cX * xs[i] + update);
		}
		if (sde) {
			final double std = sigmaT * Math.sqrt(1 - e2);
			final float[] z = noise.draw(x.c(), x.h(), x.w()).data();
			for (int i = 0; i < o.length; i++) o[i] += (float) (std * z[i]);
		}
		return new Tensor(o, x.n(), x.c(), x.h(), x.w());
	}

	/** diffusers' choice of order at step {@code index}, from the steps taken so far and the plan's length. */
	private int order(final int index) {
		final boolean lowerOrderFinal = index == plan.size() - 1; // final_sigmas_type="zero"
		final boolean lowerOrderSecond = index == plan.size() - 2 && plan.planned() < 15;
		final int taken = Math.min(index, solverOrder); // lower_order_nums
		if (taken < 1 || lowerOrderFinal) return 1;
		if (solverOrder == 2 || taken < 2 || lowerOrderSecond) return 2;
		return 3;
	}
}
