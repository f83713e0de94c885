package org.diffusionj.api;

import org.diffusionj.sampling.SamplerKind;

/**
 * What Restore Image... does, as one immutable value: the shared sampling keys ({@link SamplingKeys}: the restoration
 * model, the sampler, ...), how many samples and which further images come back. Built by {@link Builder}, which holds
 * every default and checks every value that does not depend on the model, once, in {@link Builder#build()}; the keys
 * are the macro's. Those that do (steps against the model's T, tile against its size, label against its classes) are
 * checked when the request runs, in one sentence each.
 */
public final class RestoreRequest {

	public final SamplingKeys keys;
	public final int samples;
	public final boolean keep, residual;

	private RestoreRequest(final Builder b) {
		keys = b.keys();
		samples = b.samples;
		keep = b.keep;
		residual = b.residual;
	}

	public static Builder builder() {
		return new Builder();
	}

	/** True for samples=0: the posterior mean in one model call, no std, no samples to keep or test. */
	public boolean oneCall() {
		return samples == 0;
	}

	/**
	 * Every key with its default (as a macro that leaves it out gets): fluo-restore-1step (its one DDIM step; another
	 * sampler runs its teacher fluo-restore), 8 samples.
	 */
	public static final class Builder extends SamplingKeys.Builder<Builder> {

		private int samples = 8;
		private boolean keep, residual;

		private Builder() {
			super(ModelPaths.RESTORATION_MODEL, SamplerKind.DPM_SOLVER_2M_T0);
		}

		@Override
		protected Builder self() {
			return this;
		}

		public Builder samples(final int v) { samples = v; return this; }
		public Builder keep(final boolean v) { keep = v; return this; }
		public Builder residual(final boolean v) { residual = v; return this; }

		/** The request, or an IllegalArgumentException whose message is one sentence naming the bad value. */
		public RestoreRequest build() {
			if (samples < 0) throw new IllegalArgumentException("samples=" + samples + " is out of range: it must be 0 " +
				"(the posterior mean in one call) or more");
			return new RestoreRequest(this);
		}
	}
}
