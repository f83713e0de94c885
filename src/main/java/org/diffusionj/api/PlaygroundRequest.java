package org.diffusionj.api;

import org.diffusionj.sampling.SamplerKind;

/**
 * What Diffusion Playground... does, as one immutable value: the shared sampling keys ({@link SamplingKeys}: a point
 * model, DDPM over every training step by default; range, type, tile, overlap, noise and batch do not apply), how many
 * points, which steps become frames, the forward stack's frames, what else each frame draws, and the plots' size.
 */
public final class PlaygroundRequest {

	/** The playground's own model, the default of its {@code model} key. */
	public static final String DEFAULT_MODEL = "playground-swiss-roll";

	public final SamplingKeys keys;
	/** {@link #every} 0: about 20 frames. */
	public final int points, every, frames, size;
	public final boolean x0, field;

	private PlaygroundRequest(final Builder b) {
		keys = b.keys();
		points = b.points;
		every = b.every;
		frames = b.frames;
		size = b.size;
		x0 = b.x0;
		field = b.field;
	}

	public static Builder builder() {
		return new Builder();
	}

	/** Every key with its default; {@link #build()} checks them. */
	public static final class Builder extends SamplingKeys.Builder<Builder> {

		private int points = 2000, every = 0, frames = 11, size = 512;
		private boolean x0, field;

		private Builder() {
			super(DEFAULT_MODEL, SamplerKind.DDPM); // the classic: ancestral steps, with steps=0 over every training step
		}

		@Override
		protected Builder self() {
			return this;
		}

		public Builder points(final int v) { points = v; return this; }
		public Builder every(final int v) { every = v; return this; }
		public Builder frames(final int v) { frames = v; return this; }
		/** Edge of each plot in pixels, 64 to 4096. */
		public Builder size(final int v) { size = v; return this; }
		/** Also draw the predicted clean points. */
		public Builder x0(final boolean v) { x0 = v; return this; }
		/** Also draw the predicted noise on a grid, as arrows. */
		public Builder field(final boolean v) { field = v; return this; }

		/** The request, or an IllegalArgumentException whose message is one sentence naming the bad value. */
		public PlaygroundRequest build() {
			if (points < 1) throw new IllegalArgumentException("points=" + points + " is out of range: it must be 1 or more");
			if (frames < 2) throw new IllegalArgumentException("frames=" + frames + " is out of range: it must be 2 or more");
			if (size < 64 || size > 4096) throw new IllegalArgumentException("size=" + size + " is out of range: 64 to 4096");
			return new PlaygroundRequest(this);
		}
	}
}
