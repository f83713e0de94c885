package org.diffusionj.api;

import org.diffusionj.image.OutputType;
import org.diffusionj.image.RangeMode;
import org.diffusionj.sampling.SamplerKind;

/**
 * What Restore Image... does, as one immutable value: the restoration model, the sampler, how many samples and which
 * images come back. Built by {@link Builder}, which holds every default and checks every value that does not depend
 * on the model, once, in {@link Builder#build()}; the keys are the macro's. Those that do (steps against the model's
 * T, tile against its size, label against its classes) are checked when the request runs, in one sentence each.
 */
public final class RestoreRequest {

	public final String model, device, label, range, type;
	public final SamplerKind sampler;
	/** 0: the sampler's default; {@link #epsilon} 0: the model's own. */
	public final int steps, samples, batch, tile, overlap;
	public final double eta, epsilon, guidance;
	public final long seed;
	public final NoiseChoice noise;
	public final boolean keep, residual;

	private RestoreRequest(final Builder b) {
		model = b.model;
		device = b.device;
		sampler = SamplerKind.fromLabel(b.sampler);
		steps = b.steps;
		eta = b.eta;
		epsilon = b.epsilon;
		seed = b.seed;
		label = b.label;
		guidance = b.guidance;
		samples = b.samples;
		range = b.range;
		keep = b.keep;
		batch = b.batch;
		residual = b.residual;
		type = b.type;
		tile = b.tile;
		overlap = b.overlap;
		noise = NoiseChoice.of(b.noise);
	}

	public static Builder builder() {
		return new Builder();
	}

	/** True for samples=0: the posterior mean in one model call, no std, no samples to keep or test. */
	public boolean oneCall() {
		return samples == 0;
	}

	/** Every key with its default (as a macro that leaves it out gets); {@link #build()} checks them. */
	public static final class Builder {

		private String model = ModelPaths.RESTORATION_MODEL, device = "auto", sampler = SamplerKind.DPM_SOLVER_2M_T0
			.label(), label = "none", range = "auto", type = OutputType.AUTO, noise = "image";
		private int steps = 0, samples = 8, batch = 8, tile = 0, overlap = Tiling.DEFAULT_OVERLAP;
		private double eta = 0, epsilon = 0, guidance = 1;
		private long seed = 42;
		private boolean keep, residual;

		public Builder model(final String v) { model = v == null || v.trim().isEmpty() ? ModelPaths.RESTORATION_MODEL : v; return this; }
		public Builder device(final String v) { device = v; return this; }
		/** A sampler's label, as the macro's {@code sampler} key ({@link SamplerKind#label()}). */
		public Builder sampler(final String v) { sampler = v; return this; }
		public Builder sampler(final SamplerKind v) { sampler = v.label(); return this; }
		public Builder steps(final int v) { steps = v; return this; }
		public Builder eta(final double v) { eta = v; return this; }
		public Builder epsilon(final double v) { epsilon = v; return this; }
		public Builder seed(final long v) { seed = v; return this; }
		public Builder label(final String v) { label = v; return this; }
		public Builder guidance(final double v) { guidance = v; return this; }
		public Builder samples(final int v) { samples = v; return this; }
		public Builder range(final String v) { range = v; return this; }
		public Builder keep(final boolean v) { keep = v; return this; }
		public Builder batch(final int v) { batch = v; return this; }
		public Builder residual(final boolean v) { residual = v; return this; }
		public Builder type(final String v) { type = v; return this; }
		public Builder tile(final int v) { tile = v; return this; }
		public Builder overlap(final int v) { overlap = v; return this; }
		public Builder noise(final String v) { noise = v; return this; }

		/** The request, or an IllegalArgumentException whose message is one sentence naming the bad value. */
		public RestoreRequest build() {
			if (samples < 0) throw new IllegalArgumentException("samples=" + samples + " is out of range: it must be 0 " +
				"(the posterior mean in one call) or more");
			RangeMode.fromKey(range); // their own sentences
			OutputType.ofOrNull(type);
			return new RestoreRequest(this);
		}
	}
}
