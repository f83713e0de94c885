package org.diffusionj.api;

import org.diffusionj.image.RangeMode;

/**
 * What Likelihood... does, as one immutable value: the model, the seed of the one-sample estimate of each term, the
 * class (none: the null class), the range, and timesteps per forward pass. Built by {@link Builder} with the macro's
 * defaults.
 */
public final class LikelihoodRequest {

	public final String model, device, label, range;
	public final long seed;
	public final int batch;

	private LikelihoodRequest(final Builder b) {
		model = b.model;
		device = b.device;
		label = b.label;
		range = b.range;
		seed = b.seed;
		batch = b.batch;
	}

	public static Builder builder() {
		return new Builder();
	}

	/** Every key with its default; {@link #build()} checks those that need no model. */
	public static final class Builder {

		private String model = ModelPaths.DEFAULT_MODEL, device = "auto", label = "none", range = "auto";
		private long seed = 42;
		private int batch = 50;

		private Builder() {}

		public Builder model(final String v) { model = v == null ? ModelPaths.DEFAULT_MODEL : v; return this; }
		public Builder device(final String v) { device = v; return this; }
		public Builder label(final String v) { label = v; return this; }
		public Builder range(final String v) { range = v; return this; }
		public Builder seed(final long v) { seed = v; return this; }
		/** Timesteps per forward pass. */
		public Builder batch(final int v) { batch = v; return this; }

		/** The request, or an IllegalArgumentException whose message is one sentence naming the bad value. */
		public LikelihoodRequest build() {
			RangeMode.fromKey(range); // its own sentence
			return new LikelihoodRequest(this);
		}
	}
}
