package org.diffusionj.command;

import ij.ImagePlus;

import java.util.List;

import org.diffusionj.api.Guidance;
import org.diffusionj.api.ImageInput;
import org.diffusionj.api.ItemRun;
import org.diffusionj.api.MemoryPlan;
import org.diffusionj.api.SampleOutputs;
import org.diffusionj.api.Tiling;
import org.diffusionj.api.UnknownPixels;
import org.diffusionj.image.OutputType;
import org.diffusionj.model.LoadedModel;
import org.diffusionj.model.ModelConfig;
import org.diffusionj.model.ModelLoadException;
import org.diffusionj.sampling.GuidedDenoiser;
import org.diffusionj.sampling.NoiseBatch;
import org.diffusionj.sampling.SamplerKind;
import org.diffusionj.sampling.SamplerSettings;
import org.diffusionj.sampling.SdEdit;
import org.diffusionj.sampling.StepListener;
import org.diffusionj.sampling.Tensor;
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
		// NB: DDIM-50, not the generative default DPM++2M-t0-20: DPM-Solver++ never clips x0 (as diffusers), and on
		// images from outside the training data (16-bit camera data and the Fashion-MNIST model) its results overshoot
		// the input's range, so that 16-bit results get pixels at 0; DDIM clips (docs/models.md, "The defaults follow")
		sampler = SamplerKind.DDIM.label(); // steps=0: its default of 50
	}

	@Override
	protected void execute() throws ModelLoadException {
		final LoadedModel loaded = loadModel();
		final ModelConfig config = loaded.config();
		final ImageInput input = ImageInput.of(image, label(), config, loaded.denoiser().fixedSize(), range);
		final SamplerSettings settings = samplerSettings(config);
		final SdEdit sdedit = new SdEdit(config.scheduler(), settings, strength);
		final OutputType outputType = OutputType.ofOrNull(type);
		final int classIndex = config.classIndex(label);
		final Tiling tiling = tiling(loaded);
		final StatusProgress progress = progress(preview);
		final int total = input.items.size() * samples;
		final UnknownPixels unknown = UnknownPixels.of(input, config.scheduler(), label());
		final int perPass = MemoryPlan.imagesPerPass(batch, loaded, tiling, Guidance.of(loaded, classIndex, guidance, 1)
			.modelImagesPerImage(), config.inChannels(), input.tensors.paddedHeight(), input.tensors.paddedWidth(),
			progress::note);
		final List<List<float[][]>> results = ItemRun.run(input.tensors, input.items.size(), samples, perPass, tiling, (x,
			first, items, tiles) -> {
			final GuidedDenoiser model = Guidance.of(tiles.wrap(loaded.denoiser()), config, classIndex, guidance, x.n());
			final NoiseBatch draws = noiseBatch(first, items, samples, input.tensors.padTop(), input.tensors.padLeft(),
				image);
			final Tensor known = unknown == null ? x : unknown.fill(x, items, model, draws);
			return sdedit.run(model, known, draws, StepListener.forBatch(progress, first, x.n(), total));
		}, progress::note);
		final String recipe = samplingRecipe(loaded, settings, classIndex).put("strength", strength).put("run",
			sdedit.plan().size() + " steps from t=" + sdedit.plan().t(0)).put("range", input.rangeText()).put("samples",
				samples).put("tile", tile).put("overlap", overlap).put("noise", noise).toString();
		new SampleOutputs(input, recipe, this::show).show(results, outputType, input.stem() + "-sdedit");
	}
}
