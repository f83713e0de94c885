package org.diffusionj.command;

import ij.ImagePlus;

import org.diffusionj.api.ImageInput;
import org.diffusionj.api.ModelPaths;
import org.diffusionj.api.NoiseAndDenoise;
import org.diffusionj.api.NoiseAndDenoiseRequest;
import org.diffusionj.api.RunResult;
import org.diffusionj.api.Tiling;
import org.diffusionj.image.OutputType;
import org.diffusionj.model.ModelLoadException;
import org.diffusionj.sampling.SamplerKind;
import org.diffusionj.sampling.StepListener;
import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins › DiffusionJ › Noise and Denoise... (SDEdit): the active image noised to strength · T and
 * denoised again, as a new image; with samples &gt; 1 also the per-pixel mean and standard deviation. Its keys make a
 * {@link NoiseAndDenoiseRequest}, run by {@link NoiseAndDenoise}.
 */
@Plugin(type = Command.class, headless = true, menu = { @Menu(label = "Plugins"), @Menu(label = "DiffusionJ"),
	@Menu(label = "Noise and Denoise...", weight = 20) })
public final class NoiseAndDenoiseCommand extends DiffusionCommand implements FolderCommand {

	@Parameter(required = false, persist = false)
	private ImagePlus image;

	@Parameter(label = "Strength", description = "noise level in (0, 1]: 0 keeps the image, 1 forgets it",
		persist = false)
	private double strength = 0.5;

	@Parameter(label = "Samples", description = "results per image; more than 1 adds mean and std images",
		min = "1", persist = false)
	private int samples = 1;

	@Parameter(label = "Label", description = KeyHelp.LABEL, initializer = "initLabelChoices", persist = false)
	private String label = "none";

	// NoiseAndDenoiseRequest's default, DDIM (it says why), with steps=0 its 50
	@Parameter(label = "Sampler", description = KeyHelp.SAMPLER, choices = { "DDIM", "DDPM", "DPM++2M", "DPM++2M-t0",
		"DPM++2M-Karras", "DPM++2M-Exp", "DPM++2M-SDE", "DPM++3M", "DPM++3M-SDE", "UniPC", "UniPC-Exp" }, persist = false)
	private String sampler = SamplerKind.DDIM.label();

	@Parameter(label = "Steps", description = KeyHelp.STEPS, min = "0", persist = false)
	private int steps = 0;

	@Parameter(label = "Range", choices = { "auto", "model", "image", "percentile" }, description = ImageInput.RANGE_HELP,
		persist = false)
	private String range = "auto";

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

	@Parameter(label = "Type", description = KeyHelp.TYPE, choices = { OutputType.AUTO, "8-bit", "16-bit", "32-bit" },
		persist = false)
	private String type = OutputType.AUTO;

	@Parameter(label = "Preview", description = KeyHelp.PREVIEW, persist = false)
	private boolean preview = true;

	@Parameter(label = "Tile", description = KeyHelp.TILE, min = "0", persist = false)
	private int tile = 0;

	@Parameter(label = "Overlap", description = KeyHelp.OVERLAP, min = "0", persist = false)
	private int overlap = Tiling.DEFAULT_OVERLAP;

	@Parameter(label = "Noise", choices = { "image", "position" }, description = KeyHelp.NOISE, persist = false)
	private String noise = "image";

	@Parameter(label = "Batch", description = KeyHelp.BATCH, min = "1", persist = false)
	private int batch = 8;

	@Parameter(label = "Device", choices = { "auto", "cpu", "cuda" }, description = KeyHelp.DEVICE, persist = false)
	private String device = "auto";

	@Override
	public RunResult runOn(final ImagePlus input, final StepListener progress) throws ModelLoadException {
		return new NoiseAndDenoise(request()).run(input, progress);
	}

	@Override
	public void check() throws ModelLoadException {
		new NoiseAndDenoise(request()).check();
	}

	private NoiseAndDenoiseRequest request() {
		return NoiseAndDenoiseRequest.builder().model(model).device(device).sampler(sampler).steps(steps).eta(eta).epsilon(
			epsilon).seed(seed).label(label).guidance(guidance).range(range).batch(batch).type(type).tile(tile).overlap(
				overlap).noise(noise).strength(strength).samples(samples).build();
	}

	@Override
	protected void execute() throws ModelLoadException {
		runOn(image, progress(preview)).images().forEach(this::show);
	}
}
