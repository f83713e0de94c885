package org.diffusionj.model;

import java.util.Locale;

import org.diffusionj.sampling.SamplerKind;

/**
 * The one way a distilled network samples: {@code "distilled": {"sampler": "DDIM", "steps": 1}} in
 * {@code diffusion.json} (a DiffusionJ key, written by training/export.py for a student of training/distill.py). A
 * student is trained to give in {@code steps} calls what its teacher's sampler gives in many, at the timesteps this
 * sampler and the model's {@code timestep_spacing} select; any other sampler asks it at timesteps it was not trained
 * for. A student may name its {@code "teacher"}, a model folder beside its own: a run that asks for another sampling
 * is then the teacher's (where the API acquires a run's model). Immutable.
 */
public final class DistilledSampling {

	private final SamplerKind sampler;
	private final int steps;
	private final String teacher;

	DistilledSampling(final SamplerKind sampler, final int steps, final String teacher) {
		this.sampler = sampler;
		this.steps = steps;
		this.teacher = teacher;
	}

	public SamplerKind sampler() { return sampler; }

	public int steps() { return steps; }

	/** The teacher's folder name (beside the student's folder); null when the student names none. */
	public String teacher() { return teacher; }

	/** True when a request's sampler and steps ask for this sampling or leave it to the model (the defaults). */
	public boolean admits(final SamplerKind requested, final int requestedSteps) {
		return (requested == sampler || requested == SamplerKind.DEFAULT) && (requestedSteps == 0 ||
			requestedSteps == steps);
	}

	/** "sampler=DDIM steps=1", as a macro writes it. */
	@Override
	public String toString() {
		return String.format(Locale.ROOT, "sampler=%s steps=%d", sampler.label(), steps);
	}

	/** The model's "distilled" object, checked; null when the model is not distilled. */
	static DistilledSampling read(final JsonFields j) throws ModelLoadException {
		final JsonFields d = j.object("distilled");
		if (d == null) return null;
		final SamplerKind kind;
		try {
			kind = SamplerKind.fromLabel(d.string("sampler", ""));
		}
		catch (final IllegalArgumentException e) {
			throw d.error("sampler", "(under \"distilled\") is not a sampler (known: " + String.join(", ",
				SamplerKind.LABELS) + ")");
		}
		if (!d.has("steps")) throw d.error("steps", "(under \"distilled\") is missing");
		final int steps = d.integer("steps", 0);
		if (steps < 1) throw d.error("steps", "(under \"distilled\") must be at least 1");
		final String teacher = d.has("teacher") ? d.string("teacher", "").trim() : null;
		if (teacher != null && (teacher.isEmpty() || teacher.contains("/") || teacher.contains("\\") || teacher.equals(
			".") || teacher.equals(".."))) throw d.error("teacher", "(under \"distilled\") must name a model folder beside " +
				"this one");
		return new DistilledSampling(kind, steps, teacher);
	}
}
