package org.diffusionj.sampling;

/**
 * The user's sampler choices for one run: which sampler, how many steps, eta, seed and the epsilon scale.
 * Immutable.
 */
public final class SamplerSettings {

	/** The range of the epsilon scale: wide enough for any published value, narrow enough to catch a typo. */
	public static final double MIN_EPSILON_SCALE = 0.5, MAX_EPSILON_SCALE = 2;

	private final SamplerKind kind;
	private final int steps;
	private final double eta;
	private final long seed;
	private final double epsilonScale;

	/** Without epsilon scaling (a scale of 1, as diffusers samples). */
	public SamplerSettings(final SamplerKind kind, final int steps, final double eta, final long seed,
		final int numTrainTimesteps)
	{
		this(kind, steps, eta, seed, 1, numTrainTimesteps);
	}

	/**
	 * @param steps denoising steps over the whole schedule, 1..T
	 * @param epsilonScale lambda of Epsilon Scaling: the predicted noise is divided by it before each step, 1 is off
	 * @param numTrainTimesteps the model's T, which bounds steps
	 */
	public SamplerSettings(final SamplerKind kind, final int steps, final double eta, final long seed,
		final double epsilonScale, final int numTrainTimesteps)
	{
		if (steps < 1 || steps > numTrainTimesteps) {
			throw new IllegalArgumentException("steps=" + steps + " is out of range: it must be between 1 and " +
				numTrainTimesteps + " (the model's training timesteps)");
		}
		if (!(eta >= 0) || Double.isInfinite(eta)) {
			throw new IllegalArgumentException("eta=" + eta + " is out of range: it must be 0 or more");
		}
		if (!isEpsilonScale(epsilonScale)) {
			throw new IllegalArgumentException("epsilon=" + epsilonScale + " is out of range: it must be between " +
				MIN_EPSILON_SCALE + " and " + MAX_EPSILON_SCALE + " (1 is off; useful values are near 1, e.g. 1.004)");
		}
		this.kind = kind;
		this.steps = steps;
		this.eta = eta;
		this.seed = seed;
		this.epsilonScale = epsilonScale;
	}

	/**
	 * The settings of a user's keys, their defaults decided here and nowhere else: {@code steps} 0 is the sampler's
	 * own default for a model of T training steps ({@link SamplerKind#defaultSteps(int)}), {@code epsilon} 0 the
	 * model's own lambda for the sampler ({@code modelEpsilonScale}: diffusion.json's epsilon_scale, 1 if it names
	 * none).
	 */
	public static SamplerSettings resolved(final SamplerKind kind, final int steps, final double eta, final long seed,
		final double epsilon, final double modelEpsilonScale, final int numTrainTimesteps)
	{
		if (steps < 0 || steps > numTrainTimesteps) {
			throw new IllegalArgumentException("steps=" + steps + " is out of range: it must be 0 (the sampler's default) " +
				"or between 1 and " + numTrainTimesteps + " (the model's training timesteps)");
		}
		if (epsilon != 0 && !isEpsilonScale(epsilon)) {
			throw new IllegalArgumentException("epsilon=" + epsilon + " is out of range: it must be 0 (the model's own " +
				"for the sampler) or between " + MIN_EPSILON_SCALE + " and " + MAX_EPSILON_SCALE + " (1 is off; useful " +
				"values are near 1, e.g. 1.004)");
		}
		return new SamplerSettings(kind, steps == 0 ? kind.defaultSteps(numTrainTimesteps) : steps, eta, seed, epsilon == 0
			? modelEpsilonScale : epsilon, numTrainTimesteps);
	}

	/** True for a lambda of Epsilon Scaling in the accepted range (NaN is not). */
	public static boolean isEpsilonScale(final double lambda) {
		return lambda >= MIN_EPSILON_SCALE && lambda <= MAX_EPSILON_SCALE;
	}

	public SamplerKind kind() { return kind; }
	public int steps() { return steps; }
	public double eta() { return eta; }
	public long seed() { return seed; }
	public double epsilonScale() { return epsilonScale; }

	@Override
	public String toString() {
		return kind.label() + ", " + steps + " steps" + (kind == SamplerKind.DDIM ? ", eta " + eta : "") +
			(epsilonScale != 1 ? ", epsilon scale " + epsilonScale : "") + ", seed " + seed;
	}
}
