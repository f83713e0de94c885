package org.diffusionj.api;

import ij.IJ;

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
		final int T = config.scheduler().numTrainTimesteps();
		final SamplerSettings settings = SamplerSettings.resolved(kind, steps, eta, seed, epsilon, config.epsilonScales()
			.of(kind), T);
		// the samplers that select timesteps as DDPMScheduler does; the multistep plans start at the top
		final boolean selects = kind.spacing() == SamplerKind.Spacing.SELECTED || kind.spacing() == SamplerKind.Spacing.DDIM;
		final String warning = selects ? config.scheduler().timestepSpacing().startWarning(T, settings.steps()) : null;
		if (warning != null) IJ.log("DiffusionJ: " + warning);
		return settings;
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
