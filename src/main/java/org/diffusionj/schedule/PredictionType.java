package org.diffusionj.schedule;

import java.util.Locale;

/** What the network predicts (diffusers' {@code prediction_type}). */
public enum PredictionType {
	/** the added noise eps (DDPM). */
	EPSILON("epsilon"),
	/** the clean image x0 directly. */
	SAMPLE("sample"),
	/** v = sqrt(alphaBar) eps - sqrt(1 - alphaBar) x0 (Salimans & Ho 2022). */
	V_PREDICTION("v_prediction");

	private final String key;

	PredictionType(final String key) {
		this.key = key;
	}

	public String key() {
		return key;
	}

	public static PredictionType fromKey(final String key) {
		for (final PredictionType p : values()) {
			if (p.key.equals(key.toLowerCase(Locale.ROOT))) return p;
		}
		throw new IllegalArgumentException("unknown prediction_type '" + key + "' (known: epsilon, sample, v_prediction)");
	}
}
