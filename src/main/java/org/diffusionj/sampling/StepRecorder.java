package org.diffusionj.sampling;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps every k-th step of a run (and always the last): the timestep, x after the step, the predicted
 * clean image and the predicted noise. Forwards everything to another listener (progress, cancel).
 */
public final class StepRecorder implements StepListener {

	/** One recorded step. */
	public static final class Step {
		public final int t;
		public final Tensor x; // x_tPrev, after the step
		public final Tensor x0Pred;
		public final Tensor eps;

		Step(final int t, final Tensor x, final Tensor x0Pred, final Tensor eps) {
			this.t = t;
			this.x = x;
			this.x0Pred = x0Pred;
			this.eps = eps;
		}
	}

	private final int every;
	private final StepListener next;
	private final List<Step> steps = new ArrayList<>();

	public StepRecorder(final int every, final StepListener next) {
		if (every < 1) throw new IllegalArgumentException("every=" + every + " is out of range: it must be 1 or more");
		this.every = every;
		this.next = next;
	}

	@Override
	public void stepDone(final int index, final int total, final int t, final Tensor x, final Prediction p) {
		if ((index + 1) % every == 0 || index == total - 1) steps.add(new Step(t, x.copy(), p.x0Pred(), p.eps()));
		next.stepDone(index, total, t, x, p);
	}

	@Override
	public boolean isCanceled() {
		return next.isCanceled();
	}

	public List<Step> steps() {
		return steps;
	}
}
