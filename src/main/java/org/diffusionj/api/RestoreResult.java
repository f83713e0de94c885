package org.diffusionj.api;

import ij.ImagePlus;

import java.util.Collections;
import java.util.Map;

/**
 * What a {@link Restoration} gives: its images by output name ({@link Outputs}), in the order a command shows them,
 * each with the recipe in its Info; the recipe; the residual test's verdict; the seconds it took.
 */
public final class RestoreResult {

	private final Map<String, ImagePlus> images;
	public final String recipe, check;
	public final double seconds;

	RestoreResult(final Map<String, ImagePlus> images, final String recipe, final String check, final double seconds) {
		this.images = Collections.unmodifiableMap(images);
		this.recipe = recipe;
		this.check = check;
		this.seconds = seconds;
	}

	/** Every image, by output name, in the order a command shows them. */
	public Map<String, ImagePlus> images() {
		return images;
	}

	/** The restoration: the mean of the samples (the one-call posterior mean with samples=0; the sample with 1). */
	public ImagePlus mean() {
		return images.get(Outputs.RESULT);
	}

	/** The per-pixel standard deviation of the samples (n - 1), or null for fewer than two. */
	public ImagePlus std() {
		return images.get(Outputs.STD);
	}

	/** The calibrated interval's bounds, mean ∓ λ̂·std, or null when the model is not calibrated for these settings. */
	public ImagePlus lower() {
		return images.get(Outputs.LOWER);
	}

	public ImagePlus upper() {
		return images.get(Outputs.UPPER);
	}

	/** Every sample (keep=true), or null. */
	public ImagePlus samples() {
		return images.get(Outputs.SAMPLES);
	}

	/** The image less the mean (residual=true), or null. */
	public ImagePlus residual() {
		return images.get(Outputs.RESIDUAL);
	}
}
