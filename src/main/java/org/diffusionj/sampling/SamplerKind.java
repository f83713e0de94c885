package org.diffusionj.sampling;

/**
 * The samplers a user can choose, by their macro names. {@code DPM++2M} is diffusers' DPMSolverMultistepScheduler
 * with its own timesteps; {@code DPM++2M-t0} the same solver over DDPM's and DDIM's timesteps (diffusers: the
 * same class given those as custom {@code timesteps}), whose last model call is at t = 0; {@code DPM++2M-Karras} the
 * same class with {@code use_karras_sigmas}; {@code DPM++2M-SDE} with {@code algorithm_type="sde-dpmsolver++"}.
 */
public enum SamplerKind {
	DDPM("DDPM"), DDIM("DDIM"), DPM_SOLVER_2M("DPM++2M"), DPM_SOLVER_2M_T0("DPM++2M-t0"),
	DPM_SOLVER_2M_KARRAS("DPM++2M-Karras"), DPM_SOLVER_2M_SDE("DPM++2M-SDE");

	/** The choices of a dialog, in the order a dialog lists them. */
	public static final String[] LABELS = { "DDIM", "DDPM", "DPM++2M", "DPM++2M-t0", "DPM++2M-Karras", "DPM++2M-SDE" };

	/**
	 * Steps used when the user gives none, each sampler's best measured on the shipped model (README's FD table): DDIM
	 * 50, DPM++2M and its SDE form 20, DPM++2M-t0 and DPM++2M-Karras 10; DDPM walks every training step.
	 */
	public static final int DEFAULT_STEPS = 50, DPM_DEFAULT_STEPS = 20, FEW_STEPS = 10;

	/** The sampler of every sampling command unless it says otherwise: the best measured FD per model call. */
	public static final SamplerKind DEFAULT = DPM_SOLVER_2M_T0;

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
		final int steps = this == DPM_SOLVER_2M_T0 || this == DPM_SOLVER_2M_KARRAS ? FEW_STEPS : isDpmSolver()
			? DPM_DEFAULT_STEPS : DEFAULT_STEPS;
		return Math.min(steps, numTrainTimesteps);
	}

	/** True for the DPM-Solver++ samplers (a multistep solver that does not clip x0). */
	public boolean isDpmSolver() {
		return this == DPM_SOLVER_2M || this == DPM_SOLVER_2M_T0 || this == DPM_SOLVER_2M_KARRAS ||
			this == DPM_SOLVER_2M_SDE;
	}

	public static SamplerKind fromLabel(final String label) {
		for (final SamplerKind k : values()) {
			if (k.label.equalsIgnoreCase(label.trim())) return k;
		}
		throw new IllegalArgumentException("sampler=" + label + " is not a known sampler (known: " + String.join(", ",
			LABELS) + ")");
	}

	@Override
	public String toString() {
		return label;
	}
}
