package org.diffusionj.deconvolution;

/**
 * Split Gibbs's data step: a draw of z ~ p(z | y, x) ∝ p(y | z) N(z; x, ρ² I), for one chain. Called for several
 * chains at once from different threads, so it must keep no state between calls.
 */
@FunctionalInterface
public interface LikelihoodStep {

	/**
	 * @param x the chain's current object, h × w
	 * @param white1 N(0, 1) draws for the data's part, h × w (not modified)
	 * @param white2 N(0, 1) draws for the prior point's part, h × w (not modified)
	 */
	double[] sample(double[] x, double rho2, double[] white1, double[] white2);
}
