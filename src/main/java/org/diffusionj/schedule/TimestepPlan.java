package org.diffusionj.schedule;

import java.util.Arrays;

/**
 * The explicit (t, tPrev) pairs a sampler walks through, in order, as each diffusers scheduler's own
 * {@code set_timesteps} and {@code step} make them.
 *
 * <table>
 * <caption>the three plans</caption>
 * <tr><td>{@link #of}</td><td>DDPMScheduler: S timesteps; tPrev is the next stored entry ({@code previous_timestep})</td></tr>
 * <tr><td>{@link #ddim}</td><td>DDIMScheduler: the same S timesteps; tPrev = t - T // S whatever the spacing (its
 * {@code step}), so with linspace or trailing spacing a step may end between two planned timesteps</td></tr>
 * <tr><td>{@link #multistep}</td><td>DPMSolverMultistepScheduler: S + 1 points with the last dropped, then a final
 * jump to sigma = 0; class default spacing linspace</td></tr>
 * <tr><td>{@link #karras}</td><td>the same with {@code use_karras_sigmas}: S noise levels sigma (rho = 7) between the
 * schedule's largest and smallest, the model called at the nearest timestep, then sigma = 0</td></tr>
 * <tr><td>{@link #exponential}</td><td>the same with {@code use_exponential_sigmas}: S noise levels evenly spaced in
 * log sigma, the model called at the timestep below, then sigma = 0</td></tr>
 * </table>
 * tPrev = -1 means "after the last step": alphaBar = 1 (or DDIM's final alphaBar). A plan may carry its own noise
 * levels (Karras, exponential): the state before step i is then at alphaBar = 1 / (1 + sigma_i^2), not at
 * alphaBar(t_i).
 */
public final class TimestepPlan {

	private final int[] timesteps; // descending
	private final int[] previous; // tPrev of each step, -1 after the last
	private final double[] sigmas; // sqrt((1 - alphaBar) / alphaBar) before each step and after the last, or null
	private final int planned; // the steps of the whole plan, before img2img kept only its last ones

	private TimestepPlan(final int[] timesteps, final int[] previous) {
		this(timesteps, previous, null, timesteps.length);
	}

	private TimestepPlan(final int[] timesteps, final int[] previous, final double[] sigmas, final int planned) {
		this.timesteps = timesteps;
		this.previous = previous;
		this.sigmas = sigmas;
		this.planned = planned;
	}

	/** DDPMScheduler's plan for {@code steps} steps of a model's schedule, with its spacing and offset. */
	public static TimestepPlan of(final SchedulerConfig config, final int steps) {
		return ofTimesteps(select(config, config.timestepSpacing(), steps));
	}

	/** DDIMScheduler's plan: the same timesteps, tPrev = t - T // S (negative: after the last step). */
	public static TimestepPlan ddim(final SchedulerConfig config, final int steps) {
		final int[] t = select(config, config.timestepSpacing(), steps);
		final int ratio = config.numTrainTimesteps() / steps;
		final int[] prev = new int[t.length];
		for (int i = 0; i < t.length; i++) prev[i] = Math.max(-1, t[i] - ratio);
		return new TimestepPlan(t, prev);
	}

	/**
	 * DPMSolverMultistepScheduler's plan: linspace and leading select S + 1 timesteps and drop the last
	 * ({@code np.linspace(0, T - 1, S + 1).round()[::-1][:-1]}, {@code arange(S + 1) * (T // (S + 1))}), trailing
	 * selects S; after the last the sampler jumps to sigma = 0 ({@code final_sigmas_type="zero"}).
	 */
	public static TimestepPlan multistep(final SchedulerConfig config, final int steps) {
		final TimestepSpacing spacing = config.multistepTimestepSpacing();
		final int T = config.numTrainTimesteps();
		if (spacing == TimestepSpacing.TRAILING) return ofTimesteps(select(config, spacing, steps));
		if (steps >= T) {
			throw new IllegalArgumentException("steps=" + steps + " is out of range for the multistep samplers: it " +
				"must be below " + T + " (the model's training timesteps)");
		}
		return ofTimesteps(Arrays.copyOf(select(config, spacing, steps + 1), steps));
	}

	/**
	 * DPMSolverMultistepScheduler's plan with {@code use_karras_sigmas}: sigma_i = (sMax^(1/7) + i / (S - 1)
	 * (sMin^(1/7) - sMax^(1/7)))^7 (Karras et al. 2022, eq. 5) between the schedule's largest and smallest sigma, each
	 * model call at round(t(sigma_i)), t interpolated in log sigma ({@code _sigma_to_t}); then sigma = 0.
	 */
	public static TimestepPlan karras(final NoiseSchedule schedule, final int steps) {
		final double rho = 7;
		return ofSigmas(schedule, steps, (sMax, sMin, ramp) -> Math.pow(Math.pow(sMax, 1 / rho) + ramp * (Math.pow(sMin,
			1 / rho) - Math.pow(sMax, 1 / rho)), rho), true);
	}

	/**
	 * The same class's plan with {@code use_exponential_sigmas}: sigma_i = exp(log sMax + i / (S - 1) (log sMin -
	 * log sMax)), each model call at t(sigma_i) cast to an integer as diffusers does (truncated, not rounded); then
	 * sigma = 0.
	 */
	public static TimestepPlan exponential(final NoiseSchedule schedule, final int steps) {
		return ofSigmas(schedule, steps, (sMax, sMin, ramp) -> Math.exp(Math.log(sMax) + ramp * (Math.log(sMin) - Math
			.log(sMax))), false);
	}

	/** A noise level between the schedule's largest and smallest at {@code ramp} in [0, 1]. */
	private interface SigmaRamp {
		double sigma(double sMax, double sMin, double ramp);
	}

	private static TimestepPlan ofSigmas(final NoiseSchedule schedule, final int steps, final SigmaRamp ramp,
		final boolean round)
	{
		final float[] alphaBar = schedule.alphaBars();
		final int T = alphaBar.length;
		if (steps < 1 || steps > T) {
			throw new IllegalArgumentException("steps=" + steps + " is out of range: it must be between 1 and " + T +
				" (the model's training timesteps)");
		}
		final float[] sigmaOfT = new float[T]; // float32, as diffusers' numpy array of them
		final double[] logSigma = new double[T];
		for (int t = 0; t < T; t++) {
			sigmaOfT[t] = (float) Math.sqrt((1 - alphaBar[t]) / alphaBar[t]);
			logSigma[t] = (float) Math.log(sigmaOfT[t]);
		}
		// NB: the float32 sigmas themselves, not exp of their float32 logs: diffusers' first exponential sigma lies a
		// hair below log_sigmas[T - 1], so its timestep is T - 2 after the cast
		final double sMax = sigmaOfT[T - 1], sMin = sigmaOfT[0];
		final double[] sigmas = new double[steps + 1]; // the last stays 0
		final int[] t = new int[steps];
		for (int i = 0; i < steps; i++) {
			final double s = ramp.sigma(sMax, sMin, steps == 1 ? 0 : (double) i / (steps - 1));
			sigmas[i] = (float) s;
			final double fractional = sigmaToT(s, logSigma);
			t[i] = round ? (int) Math.rint(fractional) : (int) fractional;
		}
		return new TimestepPlan(t, following(t), sigmas, steps);
	}

	/** diffusers' _sigma_to_t: the (fractional) timestep of a sigma, linear in log sigma between neighbours. */
	static double sigmaToT(final double sigma, final double[] logSigma) {
		final double ls = Math.log(Math.max(sigma, 1e-10));
		int below = 0;
		for (final double l : logSigma) if (l <= ls) below++;
		final int lo = Math.min(Math.max(below - 1, 0), logSigma.length - 2), hi = lo + 1;
		final double w = Math.max(0, Math.min(1, (logSigma[lo] - ls) / (logSigma[lo] - logSigma[hi])));
		return (1 - w) * lo + w * hi;
	}

	private static int[] select(final SchedulerConfig config, final TimestepSpacing spacing, final int steps) {
		return spacing.select(config.numTrainTimesteps(), steps, config.stepsOffset());
	}

	/** A plan through the given timesteps, which must be strictly descending and non-negative. */
	public static TimestepPlan ofTimesteps(final int... timesteps) {
		for (int i = 0; i < timesteps.length; i++) {
			if (timesteps[i] < 0 || i > 0 && timesteps[i] >= timesteps[i - 1]) {
				throw new IllegalArgumentException("timesteps must be non-negative and strictly descending: " +
					Arrays.toString(timesteps));
			}
		}
		return new TimestepPlan(timesteps.clone(), following(timesteps));
	}

	/** Each step ends at the next planned timestep, the last after it (-1): DDPM's {@code previous_timestep}. */
	private static int[] following(final int[] timesteps) {
		final int[] prev = new int[timesteps.length];
		for (int i = 0; i < prev.length; i++) prev[i] = i + 1 < prev.length ? timesteps[i + 1] : -1;
		return prev;
	}

	/**
	 * SDEdit / img2img: keep the last int(S * strength) of the selected timesteps (diffusers'
	 * img2img convention), so that sampling starts at their first.
	 */
	public TimestepPlan lastFraction(final double strength) {
		if (!(strength > 0 && strength <= 1)) {
			throw new IllegalArgumentException("strength=" + strength + " is out of range: it must lie in (0, 1]");
		}
		final int keep = Math.min((int) (timesteps.length * strength), timesteps.length);
		if (keep < 1) {
			throw new IllegalArgumentException("strength=" + strength + " keeps no step of " + timesteps.length +
				": raise strength or steps");
		}
		final int from = timesteps.length - keep;
		return new TimestepPlan(Arrays.copyOfRange(timesteps, from, timesteps.length), Arrays.copyOfRange(previous,
			from, previous.length), sigmas == null ? null : Arrays.copyOfRange(sigmas, from, sigmas.length), planned);
	}

	public int size() {
		return timesteps.length;
	}

	/**
	 * The steps of the whole plan this one was cut from ({@link #lastFraction}), its own size otherwise: diffusers'
	 * {@code len(self.timesteps)}, which img2img leaves whole, decides a multistep solver's lower orders.
	 */
	public int planned() {
		return planned;
	}

	public int t(final int i) {
		return timesteps[i];
	}

	/** The timestep that step i ends at, or -1 when it ends after the last timestep. */
	public int tPrev(final int i) {
		return previous[i];
	}

	/** alphaBar of the state before step i: the plan's own noise level, or the schedule's at t(i). */
	public double alphaBarAt(final int i, final NoiseSchedule schedule) {
		return sigmas != null ? 1 / (1 + sigmas[i] * sigmas[i]) : schedule.alphaBar(timesteps[i]);
	}

	/** alphaBar after step i: the plan's next noise level, the schedule's at tPrev(i), or 1 after the last. */
	public double alphaBarAfter(final int i, final NoiseSchedule schedule) {
		if (sigmas != null) return 1 / (1 + sigmas[i + 1] * sigmas[i + 1]);
		return previous[i] >= 0 ? schedule.alphaBar(previous[i]) : 1;
	}

	public int[] timesteps() {
		return timesteps.clone();
	}

	@Override
	public String toString() {
		return Arrays.toString(timesteps);
	}
}
