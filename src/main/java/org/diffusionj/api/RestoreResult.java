package org.diffusionj.api;

import ij.ImagePlus;

import java.util.Map;

import org.diffusionj.model.IntervalSettings;

/**
 * What a {@link Restoration} gives: its images by output name ({@link Outputs}), in the order a command shows them,
 * each with the recipe in its Info; the recipe; the residual test's verdict; the seconds it took.
 */
public final class RestoreResult extends PosteriorResult {

	RestoreResult(final Map<String, ImagePlus> images, final String recipe, final String check,
		final double residualScore, final IntervalSettings settings, final double seconds)
	{
		super(images, recipe, check, residualScore, settings, seconds);
	}

	/** The image less the mean (residual=true), or null. */
	public ImagePlus residual() {
		return image(Outputs.RESIDUAL);
	}
}
