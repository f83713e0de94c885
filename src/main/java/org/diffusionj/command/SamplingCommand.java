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

	@Parameter(label = "Sampler", description = "DPM++2M-t0 (DPM-Solver++ 2nd order over DDIM's timesteps, ending " +
		"with a call at t = 0: the best measured quality for its calls), DDIM, DDPM (ancestral), DPM++2M (diffusers' " +
		"own timesteps), -Karras and -Exp (Karras or exponential noise levels), -SDE (stochastic), DPM++3M (3rd order) " +
		"and its SDE, UniPC (predictor-corrector, bh2) and UniPC-Exp",
		choices = { "DDIM", "DDPM", "DPM++2M", "DPM++2M-t0", "DPM++2M-Karras", "DPM++2M-Exp", "DPM++2M-SDE", "DPM++3M",
			"DPM++3M-SDE", "UniPC", "UniPC-Exp" }, persist = false)
	protected String sampler = SamplerKind.DEFAULT.label();

	@Parameter(label = "Steps", description = "over the whole schedule; 0: the sampler's default, the fewest calls " +
		"within the noise of its best measured FD: DPM++2M-t0 and -Karras 20, -Exp and UniPC-Exp 10, DDIM, DPM++2M, " +
		"DPM++3M, their -SDE forms and UniPC 50, DDPM every training step", min = "0", persist = false)
	protected int steps = 0;

	@Parameter(label = "Eta", description = "DDIM stochasticity: 0 deterministic, 1 DDPM-like", min = "0",
		persist = false)
	protected double eta = 0;

	@Parameter(label = "Epsilon scale", description = "Epsilon Scaling (Ning et al. 2024): the predicted noise is " +
		"divided by this at every step, against the drift of sampling from a network's own outputs; 0: the model's " +
		"own for the sampler (diffusion.json epsilon_scale, listed by Model Info; 1 if it names none), 1 is off (as " +
		"diffusers)", min = "0", max = "2", stepSize = "0.001", persist = false)
	protected double epsilon = 0;

	@Parameter(label = "Seed", description = "the same seed gives the same pixels", persist = false)
	protected long seed = 42;

	@Parameter(label = "Label", description = "class name or index of a conditional model; none: unconditional",
		initializer = "initLabelChoices", persist = false)
	protected String label = "none";

	@Parameter(label = "Guidance", description = "classifier-free guidance scale: 1 plain conditional, 0 unconditional",
		persist = false)
	protected double guidance = 1;

	@Parameter(label = "Preview", description = "show the predicted clean image while it works (GUI only, never in macros)",
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
