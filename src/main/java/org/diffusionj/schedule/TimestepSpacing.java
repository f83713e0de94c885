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
