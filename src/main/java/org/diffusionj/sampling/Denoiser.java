package org.diffusionj.sampling;

/**
 * The network: one forward pass from a noisy batch to the model's prediction.
 *
 * <p>The one seam between the math and the runtime. Implementations: the ONNX Runtime model, exact
 * analytic denoisers in tests, a tiling wrapper.
 */
public interface Denoiser {

	/**
	 * @param sample x_t, (n, c, h, w) in model space
	 * @param timesteps t of each item, (n)
	 * @param classLabels class of each item, (n), the model's null class for "unconditional"; null for an
	 *          unconditional model
	 * @param condition an image the result must agree with, (n, cc, h, w), for image-conditioned models; else null
	 * @return the prediction (eps, x0 or v), (n, c, h, w), or (n, 2c, h, w) when the variance is learned
	 */
	Tensor predict(Tensor sample, long[] timesteps, long[] classLabels, Tensor condition);
}
