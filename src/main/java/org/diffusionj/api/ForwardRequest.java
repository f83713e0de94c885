package org.diffusionj.api;

import org.diffusionj.image.OutputType;
import org.diffusionj.image.RangeMode;

/**
 * What Forward Diffusion... does, as one immutable value: the model (its schedule and pixel_range; "none": a schedule
 * by name with {@code timesteps} steps), the schedule, how many frames, the seed, range and output type. Built by
 * {@link Builder} with the macro's defaults.
 */
public final class ForwardRequest {

	public final String model, device, schedule, range, type;
	public final int timesteps, frames;
	public final long seed;

	private ForwardRequest(final Builder b) {
		model = b.model;
		device = b.device;
		schedule = b.schedule;
		range = b.range;
		type = b.type;
		timesteps = b.timesteps;
		frames = b.frames;
		seed = b.seed;
	}

	public static Builder builder() {
		return new Builder();
	}

	/** Every key with its default; {@link #build()} checks those that need no model. */
	public static final class Builder {

		private String model = ModelPaths.DEFAULT_MODEL, device = "cpu", schedule = ScheduleChoice.FROM_MODEL, range =
			"auto", type = OutputType.AUTO;
		private int timesteps = 1000, frames = 11;
		private long seed = 42;

		private Builder() {}

		/** A model folder or name, or "none" for a schedule alone. */
		public Builder model(final String v) { model = v; return this; }
		/** The model only fills unknown (NaN) pixels: the CPU unless asked. */
		public Builder device(final String v) { device = v; return this; }
		/** "model" (its own) or a beta schedule by name: linear, scaled_linear, squaredcos_cap_v2, sigmoid. */
		public Builder schedule(final String v) { schedule = v; return this; }
		public Builder timesteps(final int v) { timesteps = v; return this; }
		public Builder frames(final int v) { frames = v; return this; }
		public Builder seed(final long v) { seed = v; return this; }
		public Builder range(final String v) { range = v; return this; }
		public Builder type(final String v) { type = v; return this; }

		/** The request, or an IllegalArgumentException whose message is one sentence naming the bad value. */
		public ForwardRequest build() {
			if (frames < 2) throw new IllegalArgumentException("frames=" + frames + " is out of range: it must be 2 or more");
			RangeMode.fromKey(range); // their own sentences
			OutputType.ofOrNull(type);
			return new ForwardRequest(this);
		}
	}
}
