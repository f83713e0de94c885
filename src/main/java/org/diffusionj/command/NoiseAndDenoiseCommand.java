package org.diffusionj.command;

import ij.ImagePlus;

import org.diffusionj.api.ImageInput;
import org.diffusionj.api.NoiseAndDenoise;
import org.diffusionj.api.NoiseAndDenoiseRequest;
import org.diffusionj.model.ModelLoadException;
import org.diffusionj.sampling.SamplerKind;
import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins › DiffusionJ › Noise and Denoise... (SDEdit): the active image noised to strength · T and
 * denoised again, as a new image; with samples &gt; 1 also the per-pixel mean and standard deviation.
 */
@Plugin(type = Command.class, headless = true, menu = { @Menu(label = "Plugins"), @Menu(label = "DiffusionJ"),
	@Menu(label = "Noise and Denoise...", weight = 20) })
public final class NoiseAndDenoiseCommand extends TiledSamplingCommand {

	@Parameter(required = false, persist = false)
	private ImagePlus image;

	@Parameter(label = "Strength", description = "noise level in (0, 1]: 0 keeps the image, 1 forgets it",
		persist = false)
	private double strength = 0.5;

	@Parameter(label = "Samples", description = "results per image; more than 1 adds mean and std images",
		min = "1", persist = false)
	private int samples = 1;

	@Parameter(label = "Range", choices = { "auto", "model", "image", "percentile" },
		description = ImageInput.RANGE_HELP, persist = false)
	private String range = "auto";

	@Parameter(label = "Batch", description = "images per forward pass", min = "1", persist = false)
	private int batch = 8;

	public NoiseAndDenoiseCommand() {
		sampler = SamplerKind.DDIM.label(); // NoiseAndDenoiseRequest's default (it says why); steps=0: its 50
	}

	@Override
	protected void execute() throws ModelLoadException {
		final NoiseAndDenoiseRequest request = NoiseAndDenoiseRequest.builder().model(model).device(device).sampler(
			sampler).steps(steps).eta(eta).epsilon(epsilon).seed(seed).label(label).guidance(guidance).range(range).batch(
				batch).type(type).tile(tile).overlap(overlap).noise(noise).strength(strength).samples(samples).build();
		new NoiseAndDenoise(request).run(image, progress(preview)).images().forEach(this::show);
	}
}
