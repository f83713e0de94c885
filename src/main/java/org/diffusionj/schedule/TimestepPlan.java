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
 * </table>
 * tPrev = -1 means "after the last step": alphaBar = 1 (or DDIM's final alphaBar).
 */
public final class TimestepPlan {

	private final int[] timesteps; // descending
	private final int[] previous; // tPrev of each step, -1 after the last

	private TimestepPlan(final int[] timesteps, final int[] previous) {
		this.timesteps = timesteps;
		this.previous = previous;
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
			throw new IllegalArgumentException("steps=" + steps + " is out of range for DPM++2M: it must be below " + T +
				" (the model's training timesteps)");
		}
		return ofTimesteps(Arrays.copyOf(select(config, spacing, steps + 1), steps));
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
		final int[] prev = new int[timesteps.length];
		for (int i = 0; i < prev.length; i++) prev[i] = i + 1 < prev.length ? timesteps[i + 1] : -1;
		return new TimestepPlan(timesteps.clone(), prev);
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
			from, previous.length));
	}

	public int size() {
		return timesteps.length;
	}

	public int t(final int i) {
		return timesteps[i];
	}

	/** The timestep that step i ends at, or -1 when it ends after the last timestep. */
	public int tPrev(final int i) {
		return previous[i];
	}

	public int[] timesteps() {
		return timesteps.clone();
	}

	@Override
	public String toString() {
		return Arrays.toString(timesteps);
	}
}
