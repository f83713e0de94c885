package org.diffusionj.schedule;

import java.util.Locale;

/**
 * How S inference timesteps are chosen from 0..T-1 (diffusers' {@code timestep_spacing}).
 *
 * <p>numpy rounds half to even, so rounding here is {@link Math#rint}, never {@link Math#round}.
 */
public enum TimestepSpacing {
	/** t_i = i * floor(T/S) + steps_offset (DDIM paper, diffusers default). */
	LEADING("leading"),
	/** round(linspace(0, T-1, S)). */
	LINSPACE("linspace"),
	/** round(arange(T, 0, -T/S)) - 1: starts at T-1, needed for zero terminal SNR. */
	TRAILING("trailing");

	private final String key;

	TimestepSpacing(final String key) {
		this.key = key;
	}

	public String key() {
		return key;
	}

	public static TimestepSpacing fromKey(final String key) {
		for (final TimestepSpacing s : values()) {
			if (s.key.equals(key.toLowerCase(Locale.ROOT))) return s;
		}
		throw new IllegalArgumentException("unknown timestep_spacing '" + key + "' (known: leading, linspace, trailing)");
	}

	/**
	 * A warning when {@code steps} leading timesteps start more than 10 % of the schedule below where one stride
	 * T // S from the top would (T // S is an integer, so e.g. steps=501 of 1000 starts at t=500, far from pure noise,
	 * while steps=4 starting at t=750 is ordinary), else null.
	 */
	public String startWarning(final int numTrainTimesteps, final int steps) {
		if (this != LEADING || steps < 1 || steps > numTrainTimesteps) return null;
		final int ratio = numTrainTimesteps / steps;
		if (steps * ratio >= 0.9 * (numTrainTimesteps - 1)) return null; // a first step of T // S from the top is normal
		return "steps=" + steps + " with the model's leading timestep spacing starts at t=" + (steps - 1) * ratio +
			" of " + (numTrainTimesteps - 1) + ", not from pure noise: use steps=" + numTrainTimesteps / (ratio + 1) +
			" or " + numTrainTimesteps + ", or \"timestep_spacing\": \"trailing\" in the model's diffusion.json";
	}

	/** The selected timesteps in descending order. */
	public int[] select(final int numTrainTimesteps, final int steps, final int stepsOffset) {
		final int T = numTrainTimesteps;
		if (steps < 1 || steps > T) {
			throw new IllegalArgumentException("steps=" + steps + " is out of range: it must be between 1 and " + T +
				" (the model's training timesteps)");
		}
		final int[] t = new int[steps];
		switch (this) {
			case LEADING: {
				final int ratio = T / steps;
				final int first = (steps - 1) * ratio + stepsOffset;
				if (first >= T) {
					throw new IllegalArgumentException("steps=" + steps + " with steps_offset=" + stepsOffset +
						" would start at t=" + first + ", beyond the model's last timestep " + (T - 1) +
						": use fewer steps, or timestep_spacing trailing");
				}
				for (int i = 0; i < steps; i++) t[steps - 1 - i] = i * ratio + stepsOffset;
				break;
			}
			case LINSPACE: {
				final double delta = steps == 1 ? 0 : (T - 1.0) / (steps - 1);
				for (int i = 0; i < steps; i++) {
					final double v = i == steps - 1 && steps > 1 ? T - 1.0 : i * delta;
					t[steps - 1 - i] = (int) Math.rint(v);
				}
				break;
			}
			case TRAILING: {
				final double ratio = (double) T / steps;
				// NB: numpy's arange can give one element more when T / ratio rounds above S; we keep S.
				for (int i = 0; i < steps; i++) t[i] = (int) Math.rint(T - i * ratio) - 1;
				break;
			}
			default:
				throw new AssertionError(this);
		}
		return t;
	}
}
