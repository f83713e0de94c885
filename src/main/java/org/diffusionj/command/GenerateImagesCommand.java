package org.diffusionj.command;

import org.diffusionj.api.GenerateRequest;
import org.diffusionj.api.Generation;
import org.diffusionj.api.ModelPaths;
import org.diffusionj.api.Tiling;
import org.diffusionj.image.OutputType;
import org.diffusionj.model.ModelLoadException;
import org.diffusionj.sampling.SamplerKind;
import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins › DiffusionJ › Generate Images...: a new stack of images sampled from pure noise. Its keys make a
 * {@link GenerateRequest}, run by {@link Generation}.
 */
@Plugin(type = Command.class, headless = true, menu = { @Menu(label = "Plugins"), @Menu(label = "DiffusionJ"),
	@Menu(label = "Generate Images...", weight = 10) })
public final class GenerateImagesCommand extends DiffusionCommand {

	@Parameter(label = "Count", description = "how many images", min = "1", persist = false)
	private int count = 4;

	@Parameter(label = "Width", description = "0: the model's sample size", min = "0", persist = false)
	private int width = 0;

	@Parameter(label = "Height", description = "0: the model's sample size", min = "0", persist = false)
	private int height = 0;

	@Parameter(label = "Batch", description = "images per forward pass (32: fastest measured, see docs/speed.md)",
		min = "1", persist = false)
	private int batch = 32;

	@Parameter(label = "Label", description = KeyHelp.LABEL, initializer = "initLabelChoices", persist = false)
	private String label = "none";

	// the best measured FD per model call (docs/models.md), with steps=0 its 20
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

	@Parameter(label = "Device", choices = { "auto", "cpu", "cuda" }, description = KeyHelp.DEVICE, persist = false)
	private String device = "auto";

	@Override
	protected void execute() throws ModelLoadException {
		final GenerateRequest request = GenerateRequest.builder().model(model).device(device).sampler(sampler).steps(steps)
			.eta(eta).epsilon(epsilon).seed(seed).label(label).guidance(guidance).batch(batch).type(type).tile(tile).overlap(
				overlap).noise(noise).count(count).width(width).height(height).build();
		new Generation(request).run(progress(preview)).images().forEach(this::show);
	}
}
