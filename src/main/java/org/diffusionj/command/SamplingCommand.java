package org.diffusionj.command;

import org.diffusionj.api.Guidance;
import org.diffusionj.api.Recipe;
import org.diffusionj.api.SamplerChoice;
import org.diffusionj.model.ModelConfig;
import org.diffusionj.sampling.SamplerKind;
import org.diffusionj.sampling.SamplerSettings;
import org.scijava.plugin.Parameter;

/** A command that samples: the sampler, steps, eta, epsilon, seed, label and guidance keys. */
public abstract class SamplingCommand extends ModelCommand {

	@Parameter(label = "Sampler", description = KeyHelp.SAMPLER,
		choices = { "DDIM", "DDPM", "DPM++2M", "DPM++2M-t0", "DPM++2M-Karras", "DPM++2M-Exp", "DPM++2M-SDE", "DPM++3M",
			"DPM++3M-SDE", "UniPC", "UniPC-Exp" }, persist = false)
	protected String sampler = SamplerKind.DEFAULT.label();

	@Parameter(label = "Steps", description = KeyHelp.STEPS, min = "0", persist = false)
	protected int steps = 0;

	@Parameter(label = "Eta", description = KeyHelp.ETA, min = "0",
		persist = false)
	protected double eta = 0;

	@Parameter(label = "Epsilon scale", description = KeyHelp.EPSILON, min = "0", max = "2", stepSize = "0.001", persist = false)
	protected double epsilon = 0;

	@Parameter(label = "Seed", description = KeyHelp.SEED, persist = false)
	protected long seed = 42;

	@Parameter(label = "Label", description = KeyHelp.LABEL,
		initializer = "initLabelChoices", persist = false)
	protected String label = "none";

	@Parameter(label = "Guidance", description = KeyHelp.GUIDANCE,
		persist = false)
	protected double guidance = 1;

	@Parameter(label = "Preview", description = KeyHelp.PREVIEW,
		persist = false)
	protected boolean preview = true;

	/** The sampler settings of the keys for the model ({@link SamplerChoice#settings}). */
	protected final SamplerSettings samplerSettings(final ModelConfig config) {
		return SamplerChoice.settings(config, SamplerKind.fromLabel(sampler), steps, eta, seed, epsilon);
	}

	/** The recipe of a sampling run ({@link SamplerChoice#recipe}). */
	protected final Recipe samplingRecipe(final org.diffusionj.model.LoadedModel loaded,
		final SamplerSettings settings, final int classIndex)
	{
		return SamplerChoice.recipe(label(), loaded, settings, classIndex, guidance);
	}
}
