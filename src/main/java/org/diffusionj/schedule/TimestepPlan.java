package org.diffusionj.schedule;

import java.util.Arrays;

/**
 * The explicit (t, tPrev) pairs a sampler walks through, in order.
 *
 * <p>NB: tPrev is the next stored entry (or -1 after the last), never t - T/S re-derived
 * arithmetically, which is wrong for linspace and trailing spacing.
 */
public final class TimestepPlan {

	private final int[] timesteps; // descending

	private TimestepPlan(final int[] timesteps) {
		this.timesteps = timesteps;
	}

	/** The plan for {@code steps} steps of a model's schedule, with its spacing and offset. */
	public static TimestepPlan of(final SchedulerConfig config, final int steps) {
		return new TimestepPlan(config.timestepSpacing().select(config.numTrainTimesteps(), steps,
			config.stepsOffset()));
	}

	/** A plan through the given timesteps, which must be strictly descending and non-negative. */
	public static TimestepPlan ofTimesteps(final int... timesteps) {
		for (int i = 0; i < timesteps.length; i++) {
			if (timesteps[i] < 0 || i > 0 && timesteps[i] >= timesteps[i - 1]) {
				throw new IllegalArgumentException("timesteps must be non-negative and strictly descending: " +
					Arrays.toString(timesteps));
			}
		}
		return new TimestepPlan(timesteps.clone());
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
		return new TimestepPlan(Arrays.copyOfRange(timesteps, timesteps.length - keep, timesteps.length));
	}

	public int size() {
		return timesteps.length;
	}

	public int t(final int i) {
		return timesteps[i];
	}

	/** The timestep after step i, or -1 when step i is the last. */
	public int tPrev(final int i) {
		return i + 1 < timesteps.length ? timesteps[i + 1] : -1;
	}

	public int[] timesteps() {
		return timesteps.clone();
	}

	@Override
	public String toString() {
		return Arrays.toString(timesteps);
	}
}
