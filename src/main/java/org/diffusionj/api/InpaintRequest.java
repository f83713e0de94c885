package org.diffusionj.api;

import org.diffusionj.image.OutputType;
import org.diffusionj.image.RangeMode;

/**
 * What Inpaint Selection... (RePaint) does, as one immutable value: the model, RePaint's schedule (steps, jump,
 * resample, eta), seed, label and guidance, how many fills, and the range and type of the images. Built by
 * {@link Builder} with the macro's defaults; RePaint checks its schedule against the model when it runs.
 */
public final class InpaintRequest {

	public final String model, device, label, range, type;
	public final int steps, jump, resample, samples, batch;
	public final double eta, guidance;
	public final long seed;

	private InpaintRequest(final Builder b) {
		model = b.model;
		device = b.device;
		label = b.label;
		range = b.range;
		type = b.type;
		steps = b.steps;
		jump = b.jump;
		resample = b.resample;
		samples = b.samples;
		batch = b.batch;
		eta = b.eta;
		guidance = b.guidance;
		seed = b.seed;
	}

	public static Builder builder() {
		return new Builder();
	}

	/** Every key with its default; {@link #build()} checks those that need no model. */
	public static final class Builder {

		private String model = ModelPaths.DEFAULT_MODEL, device = "auto", label = "none", range = "auto", type =
			OutputType.AUTO;
		private int steps = 50, jump = 5, resample = 5, samples = 1, batch = 8;
		private double eta = 1, guidance = 1;
		private long seed = 42;

		private Builder() {}

		public Builder model(final String v) { model = v == null ? ModelPaths.DEFAULT_MODEL : v; return this; }
		public Builder device(final String v) { device = v; return this; }
		/** Denoising steps over the whole schedule. */
		public Builder steps(final int v) { steps = v; return this; }
		/** Steps between jumps back (RePaint's jump length). */
		public Builder jump(final int v) { jump = v; return this; }
		/** Passes over each jump (RePaint's jump_n_sample). */
		public Builder resample(final int v) { resample = v; return this; }
		/** 0: a DDIM-like update of the unknown pixels, 1: DDPM-like. */
		public Builder eta(final double v) { eta = v; return this; }
		public Builder seed(final long v) { seed = v; return this; }
		public Builder label(final String v) { label = v; return this; }
		public Builder guidance(final double v) { guidance = v; return this; }
		public Builder samples(final int v) { samples = v; return this; }
		public Builder range(final String v) { range = v; return this; }
		public Builder type(final String v) { type = v; return this; }
		public Builder batch(final int v) { batch = v; return this; }

		/** The request, or an IllegalArgumentException whose message is one sentence naming the bad value. */
		public InpaintRequest build() {
			RangeMode.fromKey(range); // their own sentences
			OutputType.ofOrNull(type);
			return new InpaintRequest(this);
		}
	}
}
