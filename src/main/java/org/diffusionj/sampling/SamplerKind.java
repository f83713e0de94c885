package org.diffusionj.sampling;

/**
 * The samplers a user can choose, by their macro names: a solver, the timesteps or noise levels it walks, and the
 * steps it takes when none are given. Each is a diffusers scheduler class with its class defaults:
 *
 * <table>
 * <caption>the samplers</caption>
 * <tr><td>{@code DDPM}, {@code DDIM}</td><td>DDPMScheduler, DDIMScheduler</td></tr>
 * <tr><td>{@code DPM++2M}</td><td>DPMSolverMultistepScheduler (dpmsolver++, solver_order 2) with its own
 * timesteps</td></tr>
 * <tr><td>{@code DPM++2M-t0}</td><td>the same over DDPM's and DDIM's timesteps (diffusers: given those as custom
 * {@code timesteps}), whose last model call is at t = 0</td></tr>
 * <tr><td>{@code DPM++2M-Karras}, {@code -Exp}</td><td>the same with {@code use_karras_sigmas},
 * {@code use_exponential_sigmas}</td></tr>
 * <tr><td>{@code DPM++2M-SDE}</td><td>the same with {@code algorithm_type="sde-dpmsolver++"}</td></tr>
 * <tr><td>{@code DPM++3M}, {@code DPM++3M-SDE}</td><td>the same two with {@code solver_order=3}</td></tr>
 * <tr><td>{@code UniPC}, {@code UniPC-Exp}</td><td>UniPCMultistepScheduler (bh2, solver_order 2), the second with
 * {@code use_exponential_sigmas}</td></tr>
 * </table>
 */
public enum SamplerKind {
	DDPM("DDPM", Solver.DDPM, 0, false, Spacing.SELECTED, 0),
	DDIM("DDIM", Solver.DDIM, 0, false, Spacing.DDIM, 50),
	DPM_SOLVER_2M("DPM++2M", Solver.DPM_SOLVER, 2, false, Spacing.MULTISTEP, 50),
	DPM_SOLVER_2M_T0("DPM++2M-t0", Solver.DPM_SOLVER, 2, false, Spacing.SELECTED, 20),
	DPM_SOLVER_2M_KARRAS("DPM++2M-Karras", Solver.DPM_SOLVER, 2, false, Spacing.KARRAS, 20),
	DPM_SOLVER_2M_EXP("DPM++2M-Exp", Solver.DPM_SOLVER, 2, false, Spacing.EXPONENTIAL, 10),
	DPM_SOLVER_2M_SDE("DPM++2M-SDE", Solver.DPM_SOLVER, 2, true, Spacing.MULTISTEP, 50),
	DPM_SOLVER_3M("DPM++3M", Solver.DPM_SOLVER, 3, false, Spacing.MULTISTEP, 50),
	DPM_SOLVER_3M_SDE("DPM++3M-SDE", Solver.DPM_SOLVER, 3, true, Spacing.MULTISTEP, 50),
	UNI_PC("UniPC", Solver.UNI_PC, 2, false, Spacing.MULTISTEP, 50),
	UNI_PC_EXP("UniPC-Exp", Solver.UNI_PC, 2, false, Spacing.EXPONENTIAL, 10);

	/** The update each step makes. */
	public enum Solver { DDPM, DDIM, DPM_SOLVER, UNI_PC }

	/**
	 * The timesteps a sampler walks: DDPMScheduler's selection, DDIM's (its own end of each step), the multistep
	 * classes' own (S + 1 points, the last dropped, then sigma = 0), or noise levels of their own (Karras,
	 * exponential).
	 */
	public enum Spacing { SELECTED, DDIM, MULTISTEP, KARRAS, EXPONENTIAL }

	/** The choices of a dialog, in the order a dialog lists them. */
	public static final String[] LABELS = { "DDIM", "DDPM", "DPM++2M", "DPM++2M-t0", "DPM++2M-Karras", "DPM++2M-Exp",
		"DPM++2M-SDE", "DPM++3M", "DPM++3M-SDE", "UniPC", "UniPC-Exp" };

	/** DDIM's default steps (Noise and Denoise keeps DDIM). */
	public static final int DEFAULT_STEPS = 50;

	/** The sampler of every sampling command unless it says otherwise: the best measured FD per model call. */
	public static final SamplerKind DEFAULT = DPM_SOLVER_2M_T0;

	private final String label;
	private final Solver solver;
	private final int order;
	private final boolean sde;
	private final Spacing spacing;
	private final int defaultSteps; // 0: every training step

	SamplerKind(final String label, final Solver solver, final int order, final boolean sde, final Spacing spacing,
		final int defaultSteps)
	{
		this.label = label;
		this.solver = solver;
		this.order = order;
		this.sde = sde;
		this.spacing = spacing;
		this.defaultSteps = defaultSteps;
	}

	public String label() {
		return label;
	}

	public Solver solver() {
		return solver;
	}

	/** The multistep solvers' {@code solver_order}; 0 for DDPM and DDIM. */
	public int order() {
		return order;
	}

	/** True for the stochastic DPM-Solver++ forms ({@code sde-dpmsolver++}). */
	public boolean isSde() {
		return sde;
	}

	public Spacing spacing() {
		return spacing;
	}

	/**
	 * The default number of steps for a model trained with {@code numTrainTimesteps}: for each sampler the fewest
	 * calls whose FD on the shipped model is within the noise of its best (the FD table of docs/models.md); DDPM walks every
	 * training step.
	 */
	public int defaultSteps(final int numTrainTimesteps) {
		return defaultSteps == 0 ? numTrainTimesteps : Math.min(defaultSteps, numTrainTimesteps);
	}

	/** True for DDPM and DDIM, which clip x0 ({@code clip_sample}); the multistep classes only threshold. */
	public boolean clipsSample() {
		return solver == Solver.DDPM || solver == Solver.DDIM;
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
