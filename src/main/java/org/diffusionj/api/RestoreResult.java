package org.diffusionj.api;

import ij.ImagePlus;

import java.util.Map;

/**
 * What a {@link Restoration} gives: its images by output name ({@link Outputs}), in the order a command shows them,
 * each with the recipe in its Info; the recipe; the residual test's verdict; the seconds it took.
 */
public final class RestoreResult extends RunResult {

	/** The residual test's verdict on the samples (or why it did not run). */
	public final String check;

	RestoreResult(final Map<String, ImagePlus> images, final String recipe, final String check, final double seconds) {
		super(images, recipe, seconds);
		this.check = check;
	}

	/** The restoration: the mean of the samples (the one-call posterior mean with samples=0; the sample with 1). */
	public ImagePlus mean() {
		return image(Outputs.RESULT);
	}

	/** The per-pixel standard deviation of the samples (n - 1), or null for fewer than two. */
	public ImagePlus std() {
		return image(Outputs.STD);
	}

	/** The calibrated interval's bounds, mean ∓ λ̂·std, or null when the model is not calibrated for these settings. */
	public ImagePlus lower() {
		return image(Outputs.LOWER);
	}

	public ImagePlus upper() {
		return image(Outputs.UPPER);
	}

	/** Every sample (keep=true), or null. */
	public ImagePlus samples() {
		return image(Outputs.SAMPLES);
	}

	/** The image less the mean (residual=true), or null. */
	public ImagePlus residual() {
		return image(Outputs.RESIDUAL);
	}
}
