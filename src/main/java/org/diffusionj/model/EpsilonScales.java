package org.diffusionj.model;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

import org.diffusionj.sampling.SamplerKind;
import org.diffusionj.sampling.SamplerSettings;

/**
 * The Epsilon Scaling lambda a model samples best with, by sampler: {@code "epsilon_scale": {"DDIM": 1.004}} in
 * {@code diffusion.json} (a DiffusionJ key; diffusers has no Epsilon Scaling). A sampler the model does not name gets
 * 1, which is off, as diffusers samples. It is what {@code epsilon=0} (the default) of a sampling command uses.
 * Immutable.
 */
public final class EpsilonScales {

	/** No sampler scaled: every one samples as diffusers does. */
	public static final EpsilonScales NONE = new EpsilonScales(new EnumMap<>(SamplerKind.class));

	private final Map<SamplerKind, Double> scales;

	private EpsilonScales(final Map<SamplerKind, Double> scales) {
		this.scales = Collections.unmodifiableMap(new EnumMap<>(scales));
	}

	/** The model's lambda for this sampler; 1 when it names none. */
	public double of(final SamplerKind kind) {
		return scales.getOrDefault(kind, 1.0);
	}

	/** The samplers the model names, with their lambda. */
	public Map<SamplerKind, Double> named() {
		return scales;
	}

	/** "DDIM 1.004, UniPC 1.002": each sampler the model names with its lambda. */
	@Override
	public String toString() {
		final StringBuilder b = new StringBuilder();
		scales.forEach((k, v) -> b.append(b.length() > 0 ? ", " : "").append(k.label()).append(' ').append(v));
		return b.toString();
	}

	static EpsilonScales read(final JsonFields j) throws ModelLoadException {
		final JsonFields o = j.object("epsilon_scale");
		if (o == null) return NONE;
		final Map<SamplerKind, Double> scales = new EnumMap<>(SamplerKind.class);
		for (final String key : o.keys()) {
			final SamplerKind kind;
			try {
				kind = SamplerKind.fromLabel(key);
			}
			catch (final IllegalArgumentException e) {
				throw o.error(key, "(under \"epsilon_scale\") is not a sampler (known: " + String.join(", ",
					SamplerKind.LABELS) + ")");
			}
			final com.google.gson.JsonElement value = o.get(key);
			if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
				throw o.error(key, "(under \"epsilon_scale\") must be a number, the lambda of that sampler");
			}
			final double lambda = value.getAsDouble();
			if (!SamplerSettings.isEpsilonScale(lambda)) {
				throw o.error(key, "(under \"epsilon_scale\") must be between " + SamplerSettings.MIN_EPSILON_SCALE +
					" and " + SamplerSettings.MAX_EPSILON_SCALE + ", not " + lambda);
			}
			scales.put(kind, lambda);
		}
		return new EpsilonScales(scales);
	}
}
