package org.diffusionj.sampling;

import java.util.Locale;

/** The samplers a user can choose, by their macro names. */
public enum SamplerKind {
	DDPM("DDPM"), DDIM("DDIM");

	/** Steps used when the user gives none: DDIM's 50; DDPM walks every training step. */
	public static final int DEFAULT_STEPS = 50;

	private final String label;

	SamplerKind(final String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}

	/** The default number of steps for a model trained with {@code numTrainTimesteps}. */
	public int defaultSteps(final int numTrainTimesteps) {
		return this == DDPM ? numTrainTimesteps : Math.min(DEFAULT_STEPS, numTrainTimesteps);
	}

	public static SamplerKind fromLabel(final String label) {
		for (final SamplerKind k : values()) {
			if (k.label.equalsIgnoreCase(label.trim())) return k;
		}
		throw new IllegalArgumentException("sampler=" + label + " is not a known sampler (known: DDPM, DDIM)");
	}

	@Override
	public String toString() {
		return label.toUpperCase(Locale.ROOT);
	}
}
