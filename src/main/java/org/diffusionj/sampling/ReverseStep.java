package org.diffusionj.sampling;

/** One reverse-diffusion update x_t -> x_tPrev, given the model's prediction at t. */
public interface ReverseStep {

	/**
	 * @param x x_t, (n, c, h, w); not modified
	 * @param tPrev the next timestep, or -1 after the last
	 * @param noise the batch's noise streams, drawn from only when the step is stochastic
	 * @return x_tPrev, a new tensor
	 */
	Tensor step(Tensor x, Prediction prediction, int t, int tPrev, NoiseBatch noise);
}
