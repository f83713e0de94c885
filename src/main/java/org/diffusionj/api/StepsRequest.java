package org.diffusionj.api;

import java.util.Locale;

import org.diffusionj.sampling.SamplerKind;

/**
 * What Denoising Steps... does, as one immutable value: the shared sampling keys ({@link SamplingKeys}: model,
 * sampler, steps, eta, epsilon, seed, label, guidance, range; tile, overlap, noise, type and batch do not apply),
 * where the run starts (pure noise, or the image noised to {@code strength}), every how many steps a frame is
 * recorded, and the size of a run from noise. Built by {@link Builder}, with the macro's defaults.
 */
public final class StepsRequest {

	/** Where the recorded run starts. */
	public enum Start {
		NOISE, IMAGE;

		static Start of(final String key) {
			for (final Start s : values()) if (s.key().equals(key.trim().toLowerCase(Locale.ROOT))) return s;
			throw new IllegalArgumentException("start=" + key + " is not a start (known: noise, image)");
		}

		public String key() {
			return name().toLowerCase(Locale.ROOT);
		}
	}

	public final SamplingKeys keys;
	public final Start start;
	public final double strength;
	/** {@link #width} and {@link #height} 0: the model's sample size. */
	public final int every, width, height;

	private StepsRequest(final Builder b) {
		keys = b.keys();
		start = Start.of(b.start);
		strength = b.strength;
		every = b.every;
		width = b.width;
		height = b.height;
	}

	public static Builder builder() {
		return new Builder();
	}

	/** Every key with its default; {@link #build()} checks them. */
	public static final class Builder extends SamplingKeys.Builder<Builder> {

		private String start = "noise";
		private double strength = 0.5;
		private int every = 1, width = 0, height = 0;

		private Builder() {
			super(ModelPaths.DEFAULT_MODEL, SamplerKind.DEFAULT);
		}

		@Override
		protected Builder self() {
			return this;
		}

		/** noise: a run from pure noise (a restoration model: of the image); image: the image's Noise and Denoise run. */
		public Builder start(final String v) { start = v; return this; }
		public Builder strength(final double v) { strength = v; return this; }
		public Builder every(final int v) { every = v; return this; }
		public Builder width(final int v) { width = v; return this; }
		public Builder height(final int v) { height = v; return this; }

		/** The request, or an IllegalArgumentException whose message is one sentence naming the bad value. */
		public StepsRequest build() {
			return new StepsRequest(this);
		}
	}
}
