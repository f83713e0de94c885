package org.diffusionj.command;

import ij.ImagePlus;

import org.diffusionj.api.DenoisingSteps;
import org.diffusionj.api.ImageInput;
import org.diffusionj.api.ModelPaths;
import org.diffusionj.api.RunResult;
import org.diffusionj.api.StepsRequest;
import org.diffusionj.model.ModelLoadException;
import org.diffusionj.sampling.SamplerKind;
import org.diffusionj.sampling.StepListener;
import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins › DiffusionJ › Denoising Steps...: every k-th step of one run as a hyperstack, frames = steps,
 * channels = x_t, predicted x0 and predicted noise. From noise it is the run Generate Images makes for
 * image 1; from the image (current plane) the run Noise and Denoise makes, with the same seed. With a
 * restoration model, start=noise shows the run Restore Image makes for the current plane's first sample. Its keys
 * make a {@link StepsRequest}, run by {@link DenoisingSteps}.
 */
@Plugin(type = Command.class, headless = true, menu = { @Menu(label = "Plugins"), @Menu(label = "DiffusionJ"),
	@Menu(label = "Denoising Steps...", weight = 50) })
public final class DenoisingStepsCommand extends DiffusionCommand implements ImageCommand {

	@Parameter(required = false, persist = false)
	private ImagePlus image;

	@Parameter(label = "Start",
		description = "noise: a run from pure noise (a restoration model: of the active image); image: the Noise " +
			"and Denoise run of the current plane",
		choices = { "noise", "image" }, persist = false)
	private String start = "noise";

	@Parameter(label = "Strength", description = "start=image: noise level in (0, 1]", persist = false)
	private double strength = 0.5;

	@Parameter(label = "Every", description = "record every k-th step (the last is always recorded)", min = "1",
		persist = false)
	private int every = 1;

	@Parameter(label = "Width", description = "start=noise: 0 is the model's sample size", min = "0", persist = false)
	private int width = 0;

	@Parameter(label = "Height", description = "start=noise: 0 is the model's sample size", min = "0", persist = false)
	private int height = 0;

	@Parameter(label = "Range", choices = { "auto", "model", "image", "percentile" },
		description = ImageInput.RANGE_HELP, persist = false)
	private String range = "auto";

	@Parameter(label = "Label", description = KeyHelp.LABEL, initializer = "initLabelChoices", persist = false)
	private String label = "none";

	// Generate's, so that start=noise shows the run Generate Images... makes
	@Parameter(label = "Sampler", description = KeyHelp.SAMPLER, choices = { "DDIM", "DDPM", "DPM++2M", "DPM++2M-t0",
		"DPM++2M-Karras", "DPM++2M-Exp", "DPM++2M-SDE", "DPM++3M", "DPM++3M-SDE", "UniPC", "UniPC-Exp" }, persist = false)
	private String sampler = SamplerKind.DEFAULT.label();

	@Parameter(label = "Steps", description = KeyHelp.STEPS, min = "0", persist = false)
	private int steps = 0;

	@Parameter(label = "Eta", description = KeyHelp.ETA, min = "0", persist = false)
	private double eta = 0;

	@Parameter(label = "Epsilon scale", description = KeyHelp.EPSILON, min = "0", max = "2", stepSize = "0.001",
		persist = false)
	private double epsilon = 0;

	@Parameter(label = "Seed", description = KeyHelp.SEED, persist = false)
	private long seed = 42;

	@Parameter(label = "Guidance", description = KeyHelp.GUIDANCE, persist = false)
	private double guidance = 1;

	@Parameter(label = "Model", description = KeyHelp.MODEL, callback = "modelChanged", persist = false)
	private String model = ModelPaths.DEFAULT_MODEL;

	@Parameter(label = "Preview", description = KeyHelp.PREVIEW, persist = false)
	private boolean preview = true;

	@Parameter(label = "Device", choices = { "auto", "cpu", "cuda" }, description = KeyHelp.DEVICE, persist = false)
	private String device = "auto";

	@Override
	public RunResult runOn(final ImagePlus input, final StepListener progress) throws ModelLoadException {
		return new DenoisingSteps(StepsRequest.builder().model(model).device(device).sampler(sampler).steps(steps).eta(eta)
			.epsilon(epsilon).seed(seed).label(label).guidance(guidance).range(range).start(start).strength(strength).every(
				every).width(width).height(height).build()).run(input, progress);
	}

	@Override
	protected void execute() throws ModelLoadException {
		runOn(image, progress(preview)).images().forEach(this::show);
	}
}
