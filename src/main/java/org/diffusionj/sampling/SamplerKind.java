package org.diffusionj.sampling;

/** The samplers a user can choose, by their macro names. */
public enum SamplerKind {
	DDPM("DDPM"), DDIM("DDIM"), DPM_SOLVER_2M("DPM++2M");

	/** Steps used when the user gives none: DDIM's 50, DPM++2M's 20; DDPM walks every training step. */
	public static final int DEFAULT_STEPS = 50, DPM_DEFAULT_STEPS = 20;

	private final String label;

	SamplerKind(final String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}

	/** The default number of steps for a model trained with {@code numTrainTimesteps}. */
	public int defaultSteps(final int numTrainTimesteps) {
		if (this == DDPM) return numTrainTimesteps;
		return Math.min(this == DPM_SOLVER_2M ? DPM_DEFAULT_STEPS : DEFAULT_STEPS, numTrainTimesteps);
	}

	public static SamplerKind fromLabel(final String label) {
		for (final SamplerKind k : values()) {
			if (k.label.equalsIgnoreCase(label.trim())) return k;
		}
		throw new IllegalArgumentException("sampler=" + label + " is not a known sampler (known: DDPM, DDIM, DPM++2M)");
	}

	@Override
	public String toString() {
		return label;
	}
}
