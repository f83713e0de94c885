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

	/** Checked before every step; true stops the run with a {@link java.util.concurrent.CancellationException}. */
	default boolean isCanceled() {
		return false;
	}
}
