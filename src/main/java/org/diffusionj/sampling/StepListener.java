package org.diffusionj.sampling;

/** Hears every finished sampler step (progress, preview) and may ask the run to stop. */
public interface StepListener {

	/** No progress, never canceled. */
	StepListener NONE = new StepListener() {
		@Override
		public void stepDone(final int index, final int total, final int t, final Tensor x, final Prediction p) {}
	};

	/**
	 * @param index 0-based step just done; {@code total} steps in all
	 * @param t the timestep the step started from
	 * @param x x_tPrev, the sample after the step (do not modify)
	 * @param p the prediction made at t (x0Pred, eps)
	 */
	void stepDone(int index, int total, int t, Tensor x, Prediction p);

	/** Something the user should read (a retry, a fallback); the command shows it in the Log. */
	default void note(final String message) {}

	/**
	 * A listener for one batch of {@code n} images starting at image {@code first} of a run of {@code count}:
	 * it reports to {@code whole} in image-steps of the whole run, and forwards cancel and notes.
	 */
	static StepListener forBatch(final StepListener whole, final long first, final int n, final int count) {
		return new StepListener() {
			@Override
			public void stepDone(final int index, final int steps, final int t, final Tensor x, final Prediction p) {
				final long done = first * steps + (long) (index + 1) * n;
				whole.stepDone((int) (done - 1), count * steps, t, x, p);
			}

			@Override
			public void note(final String message) {
				whole.note(message);
			}

			@Override
			public boolean isCanceled() {
				return whole.isCanceled();
			}
		};
	}

	/** Checked before every step; true stops the run with a {@link java.util.concurrent.CancellationException}. */
	default boolean isCanceled() {
		return false;
	}
}
