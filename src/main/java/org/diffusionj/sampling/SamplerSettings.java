package org.diffusionj.sampling;

/** The user's sampler choices for one run: which sampler, how many steps, eta and seed. Immutable. */
public final class SamplerSettings {

	private final SamplerKind kind;
	private final int steps;
	private final double eta;
	private final long seed;

	/**
	 * @param steps denoising steps over the whole schedule, 1..T
	 * @param numTrainTimesteps the model's T, which bounds steps
	 */
	public SamplerSettings(final SamplerKind kind, final int steps, final double eta, final long seed,
		final int numTrainTimesteps)
	{
		if (steps < 1 || steps > numTrainTimesteps) {
			throw new IllegalArgumentException("steps=" + steps + " is out of range: it must be between 1 and " +
				numTrainTimesteps + " (the model's training timesteps)");
		}
		if (!(eta >= 0) || Double.isInfinite(eta)) {
			throw new IllegalArgumentException("eta=" + eta + " is out of range: it must be 0 or more");
		}
		this.kind = kind;
		this.steps = steps;
		this.eta = eta;
		this.seed = seed;
	}

	public SamplerKind kind() { return kind; }
	public int steps() { return steps; }
	public double eta() { return eta; }
	public long seed() { return seed; }

	@Override
	public String toString() {
		return kind.label() + ", " + steps + " steps" + (kind == SamplerKind.DDIM ? ", eta " + eta : "") + ", seed " +
			seed;
	}
}
