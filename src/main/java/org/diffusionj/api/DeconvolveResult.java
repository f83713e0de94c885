package org.diffusionj.api;

import ij.ImagePlus;

/**
 * What Deconvolve Image... gives, each a new 32-bit image in the input's units with the recipe in its Info: the mean
 * of the object estimates, their per-pixel std, the mean seen through the PSF (what the microscope would have recorded
 * without noise), and, when asked, every sample; and the residual test's verdict on the samples seen through the PSF
 * (whether they explain the image: {@link org.diffusionj.calibration.ResidualTest}).
 */
public final class DeconvolveResult {

	public final ImagePlus mean, std, denoised, samples;
	/** The calibrated interval's bounds, mean ∓ λ̂·std, or null when the prior is not calibrated for these settings. */
	public final ImagePlus lower, upper;
	public final String recipe, residualTest;

	DeconvolveResult(final ImagePlus mean, final ImagePlus std, final ImagePlus denoised, final ImagePlus samples,
		final ImagePlus lower, final ImagePlus upper, final String recipe, final String residualTest)
	{
		this.lower = lower;
		this.upper = upper;
		this.residualTest = residualTest;
		this.mean = mean;
		this.std = std;
		this.denoised = denoised;
		this.samples = samples;
		this.recipe = recipe;
	}
}
