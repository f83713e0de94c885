package org.diffusionj.sampling;

import org.diffusionj.schedule.NoiseSchedule;
import org.diffusionj.schedule.TimestepPlan;

/**
 * UniPC (Zhao et al. 2023) as diffusers' UniPCMultistepScheduler with its defaults: data prediction
 * ({@code predict_x0}), {@code solver_type="bh2"} (B(h) = e^-h - 1), {@code solver_order=2},
 * {@code lower_order_final}, no step without the corrector, final sigma 0. Each step but the first begins with UniC:
 * the model's x0 prediction at the new state corrects that state from the previous one, with no extra model call;
 * the uncorrected prediction enters the history, as diffusers keeps it. Then UniP (the DPM-Solver++ 2M update in the
 * bh2 form) steps on, of order 1 at the first and the last step.
 *
 * <p>Symbols as {@link DpmSolverStep}; {@code r_k} = (lambda_sk - lambda_s0) / h (negative), {@code b_k} = h phi_k(h)
 * k! / B(h), the corrector's weights rho solve R rho = b with R's rows r_k^0, r_k^1 (UniPC, eq. 8 and Algorithm 2).
 * NB: stateful: one instance per run.
 */
final class UniPcStep implements ReverseStep {

	private static final int SOLVER_ORDER = 2;

	private final NoiseSchedule schedule;
	private final TimestepPlan plan;
	private final MultistepHistory history = new MultistepHistory(SOLVER_ORDER);
	private Tensor lastSample; // the state the last predictor started from
	private int lastOrder; // the order of the last predictor, which its corrector takes

	UniPcStep(final NoiseSchedule schedule, final TimestepPlan plan) {
		this.schedule = schedule;
		this.plan = plan;
	}

	@Override
	public Tensor step(final Tensor x, final Prediction p, final int t, final int tPrev, final NoiseBatch noise) {
		final int index = history.steps();
		final double alphaBarS = plan.alphaBarAt(index, schedule);
		final Tensor sample = lastSample == null ? x : correct(p.x0Pred(), alphaBarS, plan.alphaBarAt(index - 1,
			schedule));
		history.add(p.x0Pred(), MultistepHistory.lambda(alphaBarS));
		// lower_order_final, then the warm-up: lower_order_nums = min(index, solver_order)
		lastOrder = Math.min(Math.min(SOLVER_ORDER, plan.size() - index), Math.min(index, SOLVER_ORDER) + 1);
		lastSample = sample;
		return predict(sample, alphaBarS, plan.alphaBarAfter(index, schedule), lastOrder);
	}

	/** UniP-bh2 of {@code order} from x at alphaBarS (the history's newest state) to alphaBarT. */
	private Tensor predict(final Tensor x, final double alphaBarS, final double alphaBarT, final int order) {
		final double h = MultistepHistory.lambda(alphaBarT) - history.lambda(0); // +inf to sigma = 0
		final double alphaT = Math.sqrt(alphaBarT), ratio = Math.sqrt(1 - alphaBarT) / Math.sqrt(1 - alphaBarS);
		final double hPhi1 = Math.expm1(-h); // = B(h); -1 to sigma = 0, where the step returns x0
		final float[] o = new float[x.data().length], xs = x.data(), m0 = history.x0(0).data();
		final float[] m1 = order == 2 ? history.x0(1).data() : null;
		final double rk = order == 2 ? (history.lambda(1) - history.lambda(0)) / h : 0;
		for (int i = 0; i < o.length; i++) {
			double v = ratio * xs[i] - alphaT * hPhi1 * m0[i];
			if (order == 2) v -= alphaT * hPhi1 * 0.5 * (m1[i] - m0[i]) / rk; // rhos_p = 0.5
			o[i] = (float) v;
		}
		return new Tensor(o, x.n(), x.c(), x.h(), x.w());
	}

	/**
	 * UniC-bh2 of the last predictor's order: the state at alphaBarT, recomputed from the last sample (at
	 * alphaBarS0, the history's newest) with the model's x0 prediction {@code modelT} at the predicted state.
	 */
	private Tensor correct(final Tensor modelT, final double alphaBarT, final double alphaBarS0) {
		final double h = MultistepHistory.lambda(alphaBarT) - history.lambda(0);
		final double alphaT = Math.sqrt(alphaBarT), ratio = Math.sqrt(1 - alphaBarT) / Math.sqrt(1 - alphaBarS0);
		final double hPhi1 = Math.expm1(-h);
		final double rhoD1, rhoT; // the weights of D1 = (m1 - m0) / rk and of modelT - m0
		double rk = 0;
		if (lastOrder == 1) {
			rhoD1 = 0;
			rhoT = 0.5; // diffusers' simplified order 1
		}
		else {
			rk = (history.lambda(1) - history.lambda(0)) / h;
			final double hh = -h;
			double hPhiK = hPhi1 / hh - 1;
			final double b1 = hPhiK / hPhi1;
			hPhiK = hPhiK / hh - 0.5;
			final double b2 = hPhiK * 2 / hPhi1;
			rhoD1 = (b1 - b2) / (1 - rk); // [[1, 1], [rk, 1]] rho = [b1, b2]
			rhoT = b1 - rhoD1;
		}
		final float[] o = new float[lastSample.data().length], xs = lastSample.data(), m0 = history.x0(0).data();
		final float[] m1 = lastOrder == 2 ? history.x0(1).data() : null, mt = modelT.data();
		for (int i = 0; i < o.length; i++) {
			final double d1 = lastOrder == 2 ? (m1[i] - m0[i]) / rk : 0;
			o[i] = (float) (ratio * xs[i] - alphaT * hPhi1 * m0[i] - alphaT * hPhi1 * (rhoD1 * d1 + rhoT * (mt[i] -
				m0[i])));
		}
		return new Tensor(o, lastSample.n(), lastSample.c(), lastSample.h(), lastSample.w());
	}
}
