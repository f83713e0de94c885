package org.diffusionj.schedule;

import java.util.Locale;

/** The variance of DDPM's reverse step (diffusers' {@code variance_type}). */
public enum VarianceType {
	/** the posterior variance betaTilde_t (DDPM eq. 7). */
	FIXED_SMALL("fixed_small"),
	/** its standard deviation, applied the same way. */
	FIXED_SMALL_LOG("fixed_small_log"),
	/** beta_t. */
	FIXED_LARGE("fixed_large"),
	/** the model's extra output channels are the variance. */
	LEARNED("learned"),
	/** the extra channels v interpolate log-variances: v log beta + (1 - v) log betaTilde (Improved DDPM eq. 15). */
	LEARNED_RANGE("learned_range");

	private final String key;

	VarianceType(final String key) {
		this.key = key;
	}

	public String key() {
		return key;
	}

	/** Whether the network outputs 2C channels, the second half being variance. */
	public boolean isLearned() {
		return this == LEARNED || this == LEARNED_RANGE;
	}

	public static VarianceType fromKey(final String key) {
		for (final VarianceType v : values()) {
			if (v.key.equals(key.toLowerCase(Locale.ROOT))) return v;
		}
		throw new IllegalArgumentException("unknown variance_type '" + key +
			"' (known: fixed_small, fixed_small_log, fixed_large, learned, learned_range)");
	}
}
