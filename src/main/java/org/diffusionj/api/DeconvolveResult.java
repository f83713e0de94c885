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
	public final String recipe, residualTest;

	DeconvolveResult(final ImagePlus mean, final ImagePlus std, final ImagePlus denoised, final ImagePlus samples,
		final String recipe, final String residualTest)
	{
		this.residualTest = residualTest;
		this.mean = mean;
		this.std = std;
		this.denoised = denoised;
		this.samples = samples;
		this.recipe = recipe;
	}
}
