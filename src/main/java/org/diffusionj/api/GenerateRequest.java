package org.diffusionj.api;

import org.diffusionj.sampling.SamplerKind;

/**
 * What Generate Images... does, as one immutable value: the shared sampling keys ({@link SamplingKeys}; range does not
 * apply), how many images and their size. Built by {@link Builder}: its defaults are the macro's (the shipped
 * generative model, DPM++2M-t0 with its default of 20 steps, 4 images of the model's size, 32 per pass).
 */
public final class GenerateRequest {

	public final SamplingKeys keys;
	/** {@link #width} and {@link #height} 0: the model's sample size. */
	public final int count, width, height;

	private GenerateRequest(final Builder b) {
		keys = b.keys();
		count = b.count;
		width = b.width;
		height = b.height;
	}

	public static Builder builder() {
		return new Builder();
	}

	/** Every key with its default; {@link #build()} checks them. */
	public static final class Builder extends SamplingKeys.Builder<Builder> {

		private int count = 4, width = 0, height = 0;

		private Builder() {
			super(ModelPaths.DEFAULT_MODEL, SamplerKind.DEFAULT);
			batch(32); // the fastest measured (docs/speed.md)
		}

		@Override
		protected Builder self() {
			return this;
		}

		public Builder count(final int v) { count = v; return this; }
		public Builder width(final int v) { width = v; return this; }
		public Builder height(final int v) { height = v; return this; }

		/** The request, or an IllegalArgumentException whose message is one sentence naming the bad value. */
		public GenerateRequest build() {
			if (count < 1) throw new IllegalArgumentException("count=" + count + " is out of range: it must be 1 or more");
			if (width < 0 || height < 0) {
				throw new IllegalArgumentException((width < 0 ? "width=" + width : "height=" + height) +
					" is out of range: it must be 0 (the model's size) or more");
			}
			return new GenerateRequest(this);
		}
	}
}
