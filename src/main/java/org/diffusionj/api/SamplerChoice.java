package org.diffusionj.api;

import ij.IJ;

import org.diffusionj.model.DistilledSampling;
import org.diffusionj.model.LoadedModel;
import org.diffusionj.model.ModelConfig;
import org.diffusionj.sampling.SamplerKind;
import org.diffusionj.sampling.SamplerSettings;

/**
 * The sampler keys of a run (sampler, steps, eta, epsilon, seed) made into settings for a model, and the recipe lines
 * that record them: shared by every request that samples, so that each resolves and records them alike.
 */
final class SamplerChoice {

	private SamplerChoice() {}

	/**
	 * The settings for the model, steps=0 and epsilon=0 resolved by {@link SamplerSettings#resolved}; a plan of
	 * selected timesteps that cannot start at the top of the schedule is said once in the Log.
	 */
	public static SamplerSettings settings(final ModelConfig config, final SamplerKind kind, final int steps,
		final double eta, final long seed, final double epsilon)
	{
		final SamplerSettings settings = resolve(config, kind, steps, eta, seed, epsilon);
		if (config.distilled() != null) return settings;
		final int T = config.scheduler().numTrainTimesteps();
		// the samplers that select timesteps as DDPMScheduler does; the multistep plans start at the top
		final boolean selects = kind.spacing() == SamplerKind.Spacing.SELECTED || kind.spacing() == SamplerKind.Spacing.DDIM;
		final String warning = selects ? config.scheduler().timestepSpacing().startWarning(T, settings.steps()) : null;
		if (warning != null) IJ.log("DiffusionJ: " + warning);
		return settings;
	}

	/** As {@link #settings}, with no Log line: what a folder run's check asks before any file. */
	public static SamplerSettings resolve(final ModelConfig config, final SamplerKind kind, final int steps,
		final double eta, final long seed, final double epsilon)
	{
		final DistilledSampling distilled = config.distilled();
		if (distilled != null) return distilled(config, distilled, kind, steps, seed);
		return SamplerSettings.resolved(kind, steps, eta, seed, epsilon, config.epsilonScales().of(kind), config
			.scheduler().numTrainTimesteps());
	}

	/**
	 * A distilled model samples only as it was distilled (eta 0, no Epsilon Scaling: the student learned its
	 * teacher's deterministic samples); sampler and steps left at their defaults take that sampling, others are
	 * refused in one sentence.
	 */
	private static SamplerSettings distilled(final ModelConfig config, final DistilledSampling distilled,
		final SamplerKind kind, final int steps, final long seed)
	{
		if (!distilled.admits(kind, steps)) {
			throw new IllegalArgumentException("Model " + config.name() + " is distilled to sample with " + distilled +
				" only: leave sampler and steps out (sampler=" + kind.label() + (steps == 0 ? "" : " steps=" + steps) +
				" asks it at timesteps it was not trained for).");
		}
		return SamplerSettings.resolved(distilled.sampler(), distilled.steps(), 0, seed, 1, 1, config.scheduler()
			.numTrainTimesteps());
	}

	/** The recipe of a sampling run: the model, then sampler, steps, eta, epsilon, seed, label and guidance. */
	public static Recipe recipe(final String command, final LoadedModel loaded, final SamplerSettings settings,
		final int classIndex, final double guidance)
	{
		return new Recipe(command, loaded).put("sampler", settings.kind().label()).put("steps", settings.steps()).put("eta",
			settings.eta()).put("epsilon", settings.epsilonScale()).put("seed", settings.seed()).put("label", loaded.config()
				.className(classIndex)).put("guidance", guidance).put("device", loaded.denoiser().executionProvider());
	}
}
