package org.diffusionj.sampling;

/**
 * What a multistep solver remembers: its last few x0 predictions, each with the lambda of the state it was made at,
 * newest first, and how many steps it has taken. One instance per run.
 */
final class MultistepHistory {

	private final Tensor[] x0;
	private final double[] lambda;
	private int steps;

	MultistepHistory(final int capacity) {
		x0 = new Tensor[capacity];
		lambda = new double[capacity];
	}

	/** lambda = log alpha - log sigma (half the log SNR) of a state at alphaBar; +inf at alphaBar = 1. */
	static double lambda(final double alphaBar) {
		return Math.log(Math.sqrt(alphaBar)) - Math.log(Math.sqrt(1 - alphaBar));
	}

	/** Remembers this step's x0 prediction and its state's lambda, forgetting the oldest. */
	void add(final Tensor x0Pred, final double stateLambda) {
		System.arraycopy(x0, 0, x0, 1, x0.length - 1);
		System.arraycopy(lambda, 0, lambda, 1, lambda.length - 1);
		x0[0] = x0Pred;
		lambda[0] = stateLambda;
		steps++;
	}

	/** The steps taken, which is also the plan index of the next one. */
	int steps() {
		return steps;
	}

	/** The x0 prediction {@code back} steps ago (0: the newest). */
	Tensor x0(final int back) {
		return x0[back];
	}

	double lambda(final int back) {
		return lambda[back];
	}
}
