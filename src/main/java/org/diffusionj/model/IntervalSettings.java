package org.diffusionj.model;

import java.util.Locale;

/**
 * What a calibrated interval depends on, and so what a calibration.json entry holds for: the command, its sampler,
 * steps and η, the number of samples, and for Deconvolve Image... the PSF and camera ({@code physics}, "" for
 * Restore Image...). A run finds its entry by these; Calibrate Uncertainty... writes them from the run it measured.
 */
public final class IntervalSettings {

	public final String command, sampler, physics;
	public final int steps, samples;
	public final double eta;

	public IntervalSettings(final String command, final String sampler, final int steps, final double eta,
		final int samples, final String physics)
	{
		this.command = command;
		this.sampler = sampler;
		this.steps = steps;
		this.eta = eta;
		this.samples = samples;
		this.physics = physics == null ? "" : physics;
	}

	/** The settings in words, for a Log line: "DPM++2M-t0-20, eta 0.0, 8 samples"; a prior's "12 steps, 8 samples, ...". */
	@Override
	public String toString() {
		return physics.isEmpty() ? String.format(Locale.ROOT, "%s-%d, eta %s, %d samples", sampler, steps, eta, samples)
			: steps + " steps, " + samples + " samples, " + physics;
	}
}
