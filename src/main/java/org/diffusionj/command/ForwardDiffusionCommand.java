package org.diffusionj.command;

import ij.ImagePlus;

import org.diffusionj.api.ForwardDiffusion;
import org.diffusionj.api.ForwardRequest;
import org.diffusionj.api.ImageInput;
import org.diffusionj.api.ModelPaths;
import org.diffusionj.api.RunResult;
import org.diffusionj.api.ScheduleChoice;
import org.diffusionj.image.OutputType;
import org.diffusionj.model.ModelLoadException;
import org.diffusionj.sampling.StepListener;
import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins › DiffusionJ › Forward Diffusion...: the active image under q(x_t | x_0) at {@code frames}
 * timesteps spread evenly over 0..T-1 (frame 0 is the image itself), one seeded noise per plane. Its keys make a
 * {@link ForwardRequest}, run by {@link ForwardDiffusion}.
 */
@Plugin(type = Command.class, headless = true, menu = { @Menu(label = "Plugins"), @Menu(label = "DiffusionJ"),
	@Menu(label = "Forward Diffusion...", weight = 60) })
public final class ForwardDiffusionCommand extends DiffusionCommand implements ImageCommand {

	@Parameter(required = false, persist = false)
	private ImagePlus image;

	@Parameter(label = "Model", description = "its schedule and pixel_range; none: use schedule and timesteps",
		persist = false)
	private String model = ModelPaths.DEFAULT_MODEL;

	@Parameter(label = "Schedule",
		description = "the noise schedule: the model's own, or one by name with Timesteps steps",
		choices = { ScheduleChoice.FROM_MODEL, "linear", "scaled_linear",
		"squaredcos_cap_v2", "sigmoid" }, persist = false)
	private String schedule = ScheduleChoice.FROM_MODEL;

	@Parameter(label = "Timesteps", description = "T of a schedule given by name", min = "2", persist = false)
	private int timesteps = 1000;

	@Parameter(label = "Frames", description = "timesteps in the stack, from 0 to T-1", min = "2", persist = false)
	private int frames = 11;

	@Parameter(label = "Seed", description = "the same seed gives the same noise", persist = false)
	private long seed = 42;

	@Parameter(label = "Range", choices = { "auto", "model", "image", "percentile" },
		description = ImageInput.RANGE_HELP, persist = false)
	private String range = "auto";

	@Parameter(label = "Type", choices = { OutputType.AUTO, "8-bit", "16-bit", "32-bit" },
		description = "auto: 32-bit (noise leaves the intensity range)", persist = false)
	private String type = OutputType.AUTO;

	@Override
	public RunResult runOn(final ImagePlus input, final StepListener progress) throws ModelLoadException {
		return new ForwardDiffusion(ForwardRequest.builder().model(model).schedule(schedule).timesteps(timesteps).frames(
			frames).seed(seed).range(range).type(type).build()).run(input);
	}

	@Override
	protected void execute() throws ModelLoadException {
		runOn(image, StepListener.NONE).images().forEach(this::show);
	}
}
