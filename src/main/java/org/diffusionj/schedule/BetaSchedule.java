package org.diffusionj.schedule;

import java.util.Locale;

/**
 * The beta_t tables of diffusers' schedulers, computed in float32 as diffusers does.
 *
 * <p>{@code linear} and {@code scaled_linear} follow torch.linspace's symmetric rule
 * (the first half counted up from the start, the second half down from the end).
 */
public enum BetaSchedule {
	LINEAR("linear"), SCALED_LINEAR("scaled_linear"), SQUAREDCOS_CAP_V2("squaredcos_cap_v2"), SIGMOID("sigmoid");

	/** Largest beta that the cosine schedule allows (Improved DDPM). */
	public static final double MAX_BETA = 0.999;

	private final String key;

	BetaSchedule(final String key) {
		this.key = key;
	}

	/** The diffusers name ({@code beta_schedule}). */
	public String key() {
		return key;
	}

	public static BetaSchedule fromKey(final String key) {
		for (final BetaSchedule s : values()) {
			if (s.key.equals(key.toLowerCase(Locale.ROOT))) return s;
		}
		throw new IllegalArgumentException("unknown beta_schedule '" + key +
			"' (known: linear, scaled_linear, squaredcos_cap_v2, sigmoid)");
	}

	/** beta_0 .. beta_{T-1}. */
	public float[] betas(final int numTrainTimesteps, final double betaStart, final double betaEnd) {
		final int T = numTrainTimesteps;
		switch (this) {
			case LINEAR:
				return torchLinspace((float) betaStart, (float) betaEnd, T);
			case SCALED_LINEAR: {
				final float[] b = torchLinspace((float) Math.sqrt(betaStart), (float) Math.sqrt(betaEnd), T);
				for (int i = 0; i < T; i++) b[i] = b[i] * b[i];
				return b;
			}
			case SQUAREDCOS_CAP_V2:
				return cosine(T);
			case SIGMOID: {
				final float[] u = torchLinspace(-6f, 6f, T);
				final float scale = (float) betaEnd - (float) betaStart;
				for (int i = 0; i < T; i++) {
					final float s = (float) (1 / (1 + Math.exp(-u[i])));
					u[i] = s * scale + (float) betaStart;
				}
				return u;
			}
			default:
				throw new AssertionError(this);
		}
	}

	/** torch.linspace(start, end, n) in float32, with ATen's halfway rule. */
	static float[] torchLinspace(final float start, final float end, final int n) {
		final float[] v = new float[n];
		if (n == 1) {
			v[0] = start;
			return v;
		}
		final float step = (end - start) / (n - 1);
		final int half = n / 2;
		for (int i = 0; i < n; i++) {
			v[i] = i < half ? start + step * i : end - step * (n - 1 - i);
		}
		return v;
	}

	/** Improved DDPM eq. 17: alphaBar(u) = cos^2((u + 0.008) / 1.008 * pi / 2), beta capped at 0.999. */
	private static float[] cosine(final int T) {
		final float[] b = new float[T];
		for (int i = 0; i < T; i++) {
			final double ratio = cosineAlphaBar((i + 1.0) / T) / cosineAlphaBar((double) i / T);
			b[i] = (float) Math.min(1 - ratio, MAX_BETA);
		}
		return b;
	}

	private static double cosineAlphaBar(final double u) {
		final double c = Math.cos((u + 0.008) / 1.008 * Math.PI / 2);
		return c * c;
	}
}
