package org.diffusionj.command;

import ij.ImagePlus;

import org.diffusionj.api.ImageInput;
import org.diffusionj.api.InpaintRequest;
import org.diffusionj.api.Inpainting;
import org.diffusionj.api.ModelPaths;
import org.diffusionj.api.RunResult;
import org.diffusionj.image.OutputType;
import org.diffusionj.model.ModelLoadException;
import org.diffusionj.sampling.StepListener;
import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins › DiffusionJ › Inpaint Selection...: fills the area selection of the active image with content
 * consistent with its surroundings (RePaint); pixels outside the selection are kept exactly. Its keys make an
 * {@link InpaintRequest}, run by {@link Inpainting}.
 */
@Plugin(type = Command.class, headless = true, menu = { @Menu(label = "Plugins"), @Menu(label = "DiffusionJ"),
	@Menu(label = "Inpaint Selection...", weight = 40) })
public final class InpaintSelectionCommand extends DiffusionCommand implements ImageCommand {

	@Parameter(required = false, persist = false)
	private ImagePlus image;

	@Parameter(label = "Steps", description = "denoising steps over the whole schedule", min = "1", persist = false)
	private int steps = 50;

	@Parameter(label = "Jump", description = "steps between jumps back (RePaint's jump length)", min = "1",
		persist = false)
	private int jump = 5;

	@Parameter(label = "Resample", description = "passes over each jump (RePaint's jump_n_sample)", min = "1",
		persist = false)
	private int resample = 5;

	@Parameter(label = "Eta", description = "0: DDIM-like unknown update, 1: DDPM-like", min = "0", persist = false)
	private double eta = 1;

	@Parameter(label = "Seed", description = KeyHelp.SEED, persist = false)
	private long seed = 42;

	@Parameter(label = "Label", description = KeyHelp.LABEL, initializer = "initLabelChoices", persist = false)
	private String label = "none";

	@Parameter(label = "Guidance", description = KeyHelp.GUIDANCE, persist = false)
	private double guidance = 1;

	@Parameter(label = "Samples", description = "fills per image; more than 1 also gives mean and std images",
		min = "1", persist = false)
	private int samples = 1;

	@Parameter(label = "Range", choices = { "auto", "model", "image", "percentile" },
		description = ImageInput.RANGE_HELP, persist = false)
	private String range = "auto";

	@Parameter(label = "Type", description = "output bit depth; auto keeps the input's",
		choices = { OutputType.AUTO, "8-bit", "16-bit", "32-bit" }, persist = false)
	private String type = OutputType.AUTO;

	@Parameter(label = "Batch", description = KeyHelp.BATCH, min = "1", persist = false)
	private int batch = 8;

	@Parameter(label = "Preview", description = "show the predicted clean image while it works (GUI only)",
		persist = false)
	private boolean preview = true;

	@Parameter(label = "Model", description = KeyHelp.MODEL, callback = "modelChanged", persist = false)
	private String model = ModelPaths.DEFAULT_MODEL;

	@Parameter(label = "Device", choices = { "auto", "cpu", "cuda" }, description = KeyHelp.DEVICE, persist = false)
	private String device = "auto";

	@Override
	public RunResult runOn(final ImagePlus input, final StepListener progress) throws ModelLoadException {
		return new Inpainting(InpaintRequest.builder().model(model).device(device).steps(steps).jump(jump).resample(
			resample).eta(eta).seed(seed).label(label).guidance(guidance).samples(samples).range(range).type(type).batch(
				batch).build()).run(input, null, progress);
	}

	@Override
	protected void execute() throws ModelLoadException {
		runOn(image, progress(preview)).images().forEach(this::show);
	}
}
