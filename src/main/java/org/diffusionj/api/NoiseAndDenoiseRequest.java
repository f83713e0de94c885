package org.diffusionj.api;

import org.diffusionj.sampling.SamplerKind;

/**
 * What Noise and Denoise... (SDEdit) does, as one immutable value: the shared sampling keys ({@link SamplingKeys}),
 * the strength of the noise and how many results per image. Built by {@link Builder}: its defaults are the macro's
 * (the shipped generative model, DDIM with its default of 50 steps, strength 0.5, one sample).
 */
public final class NoiseAndDenoiseRequest {

	public final SamplingKeys keys;
	public final double strength;
	public final int samples;

	private NoiseAndDenoiseRequest(final Builder b) {
		keys = b.keys();
		strength = b.strength;
		samples = b.samples;
	}

	public static Builder builder() {
		return new Builder();
	}

	/** Every key with its default; {@link #build()} checks them. */
	public static final class Builder extends SamplingKeys.Builder<Builder> {

		private double strength = 0.5;
		private int samples = 1;

		private Builder() {
			// NB: DDIM, not the generative default DPM++2M-t0: DPM-Solver++ never clips x0 (as diffusers), and on images
			// from outside the training data (16-bit camera data and the Fashion-MNIST model) its results overshoot the
			// input's range, so that 16-bit results get pixels at 0; DDIM clips (docs/models.md, "The defaults follow")
			super(ModelPaths.DEFAULT_MODEL, SamplerKind.DDIM);
		}

		@Override
		protected Builder self() {
			return this;
		}

		/** Noise level in (0, 1]: the share of the schedule that is walked back (SdEdit checks it with the model's T). */
		public Builder strength(final double v) { strength = v; return this; }
		public Builder samples(final int v) { samples = v; return this; }

		/** The request, or an IllegalArgumentException whose message is one sentence naming the bad value. */
		public NoiseAndDenoiseRequest build() {
			if (samples < 1) throw new IllegalArgumentException("samples=" + samples + " is out of range: it must be 1 or " +
				"more");
			return new NoiseAndDenoiseRequest(this);
		}
	}
}
