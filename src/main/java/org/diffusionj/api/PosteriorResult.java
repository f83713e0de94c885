package org.diffusionj.api;

import ij.ImagePlus;

import java.util.Map;

import org.diffusionj.model.IntervalSettings;

/**
 * What a run that samples a posterior gives (Restore Image..., Deconvolve Image...): the mean of the samples, their
 * per-pixel std, the calibrated interval's bounds when a calibration holds for the settings, every sample when asked,
 * the residual test's verdict on the samples, as text and as its highest score (what a calibration keeps as
 * {@code residual_max}), and the settings a calibration of such runs holds for.
 */
public abstract class PosteriorResult extends RunResult {

	/** The residual test's verdict on the samples (or why it did not run). */
	public final String check;

	/** The residual test's highest score over the image's tiles; NaN when it did not run. */
	public final double residualScore;

	/** The settings a calibrated interval depends on, as the run resolved them (steps=0 made the sampler's). */
	public final IntervalSettings settings;

	PosteriorResult(final Map<String, ImagePlus> images, final String recipe, final String check,
		final double residualScore, final IntervalSettings settings, final double seconds)
	{
		super(images, recipe, seconds);
		this.check = check;
		this.settings = settings;
		this.residualScore = residualScore;
	}

	/** The estimate: the mean of the samples (Restore's one-call posterior mean with samples=0; the sample with 1). */
	public final ImagePlus mean() {
		return image(Outputs.RESULT);
	}

	/** The per-pixel standard deviation of the samples (n - 1), or null for fewer than two. */
	public final ImagePlus std() {
		return image(Outputs.STD);
	}

	/** The calibrated interval's lower bound, mean − λ̂·std, or null when no calibration holds for these settings. */
	public final ImagePlus lower() {
		return image(Outputs.LOWER);
	}

	/** The calibrated interval's upper bound, mean + λ̂·std, or null. */
	public final ImagePlus upper() {
		return image(Outputs.UPPER);
	}

	/** Every sample (keep=true), or null. */
	public final ImagePlus samples() {
		return image(Outputs.SAMPLES);
	}
}
