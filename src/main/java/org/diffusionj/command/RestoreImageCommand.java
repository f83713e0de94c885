package org.diffusionj.command;

import ij.ImagePlus;

import org.diffusionj.api.ImageInput;
import org.diffusionj.api.ModelPaths;
import org.diffusionj.api.Restoration;
import org.diffusionj.api.RestoreRequest;
import org.diffusionj.api.RestoreResult;
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
 * Plugins › DiffusionJ › Restore Image...: a restoration model (conditioned on an image, SR3 / Palette style)
 * samples clean images given the active image, {@code samples} times; their mean is the estimate and their
 * per-pixel standard deviation its uncertainty. Its keys make a {@link RestoreRequest} (whose builder holds the
 * defaults and checks), run by {@link Restoration}.
 */
@Plugin(type = Command.class, headless = true, menu = { @Menu(label = "Plugins"), @Menu(label = "DiffusionJ"),
	@Menu(label = "Restore Image...", weight = 30) })
public final class RestoreImageCommand extends DiffusionCommand implements FolderCommand {

	@Parameter(required = false, persist = false)
	private ImagePlus image;

	@Parameter(label = "Samples", description = "restorations per image, averaged; more than 1 also gives the " +
		"per-pixel standard deviation (uncertainty); 0: the posterior mean in one model call, no uncertainty", min = "0",
		persist = false)
	private int samples = 8;

	@Parameter(label = "Label", description = KeyHelp.LABEL, initializer = "initLabelChoices", persist = false)
	private String label = "none";

	// measured on the shipped model (docs/training.md): DPM-Solver++(2M) over DDIM's timesteps gives the best calibrated
	// spread (87 % of true pixels within 2 std of 8 samples, diffusers' own DPM++2M plan 83 %), with 20 calls
	@Parameter(label = "Sampler", description = KeyHelp.RESTORE_SAMPLER, choices = { "DDIM", "DDPM", "DPM++2M",
		"DPM++2M-t0", "DPM++2M-Karras", "DPM++2M-Exp", "DPM++2M-SDE", "DPM++3M", "DPM++3M-SDE", "UniPC", "UniPC-Exp" },
		persist = false)
	private String sampler = SamplerKind.DPM_SOLVER_2M_T0.label();

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

	@Parameter(label = "Keep samples", description = "also output every sample as a stack", persist = false)
	private boolean keep = false;

	@Parameter(label = "Residual image", description = "also output the image less the mean: what the residual test " +
		"(does the restoration explain the image?) examined", persist = false)
	private boolean residual = false;

	@Parameter(label = "Model", description = KeyHelp.MODEL, callback = "modelChanged", persist = false)
	private String model = ModelPaths.RESTORATION_MODEL;

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
	public RestoreResult runOn(final ImagePlus input, final StepListener progress) throws ModelLoadException {
		return new Restoration(request()).run(input, progress);
	}

	@Override
	public void check() throws ModelLoadException {
		new Restoration(request()).check();
	}

	private RestoreRequest request() {
		return RestoreRequest.builder().model(model).device(device).sampler(sampler).steps(steps).eta(eta).epsilon(epsilon)
			.seed(seed).label(label).guidance(guidance).range(range).batch(batch).type(type).tile(tile).overlap(overlap)
			.noise(noise).samples(samples).keep(keep).residual(residual).build();
	}

	@Override
	protected void execute() throws ModelLoadException {
		runOn(image, progress(preview)).images().forEach(this::show);
	}
}
