package org.diffusionj.api;

import ij.ImagePlus;

import java.util.Map;

import org.diffusionj.model.IntervalSettings;

/**
 * What Deconvolve Image... gives, each a new 32-bit image in the input's units with the recipe in its Info: the mean
 * of the object estimates, their per-pixel std, the mean seen through the PSF (what the microscope would have recorded
 * without noise), and, when asked, every sample; and the residual test's verdict on the samples seen through the PSF
 * (whether they explain the image: {@link org.diffusionj.calibration.ResidualTest}).
 */
public final class DeconvolveResult extends PosteriorResult {

	/** The output name of the mean seen through the PSF. */
	public static final String DENOISED = "denoised";

	DeconvolveResult(final Map<String, ImagePlus> images, final String recipe, final String check,
		final double residualScore, final IntervalSettings settings, final double seconds)
	{
		super(images, recipe, check, residualScore, settings, seconds);
	}

	/** The mean seen through the PSF: what the microscope would have recorded without noise. */
	public ImagePlus denoised() {
		return image(DENOISED);
	}
}
