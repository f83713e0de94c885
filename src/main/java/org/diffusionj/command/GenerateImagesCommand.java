package org.diffusionj.command;

import ij.ImagePlus;
import ij.ImageStack;

import org.diffusionj.api.Guidance;
import org.diffusionj.api.MemoryPlan;
import org.diffusionj.api.Passes;
import org.diffusionj.api.Tiling;
import org.diffusionj.image.IntensityMapping;
import org.diffusionj.image.MirrorPad;
import org.diffusionj.image.OutputType;
import org.diffusionj.image.TensorImages;
import org.diffusionj.model.LoadedModel;
import org.diffusionj.model.ModelConfig;
import org.diffusionj.model.ModelLoadException;
import org.diffusionj.sampling.Generator;
import org.diffusionj.sampling.GuidedDenoiser;
import org.diffusionj.sampling.SamplerSettings;
import org.diffusionj.sampling.StepListener;
import org.diffusionj.sampling.Tensor;
import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/** Plugins › DiffusionJ › Generate Images...: a new stack of images sampled from pure noise. */
@Plugin(type = Command.class, headless = true, menu = { @Menu(label = "Plugins"), @Menu(label = "DiffusionJ"),
	@Menu(label = "Generate Images...", weight = 10) })
public final class GenerateImagesCommand extends TiledSamplingCommand {

	@Parameter(label = "Count", description = "how many images", min = "1", persist = false)
	private int count = 4;

	@Parameter(label = "Width", description = "0: the model's sample size", min = "0", persist = false)
	private int width = 0;

	@Parameter(label = "Height", description = "0: the model's sample size", min = "0", persist = false)
	private int height = 0;

	@Parameter(label = "Batch", description = "images per forward pass (32: fastest measured, see docs/speed.md)",
		min = "1", persist = false)
	private int batch = 32;

	@Override
	protected void execute() throws ModelLoadException {
		final LoadedModel loaded = loadModel();
		final ModelConfig config = loaded.config();
		final SamplerSettings settings = samplerSettings(config);
		final IntensityMapping mapping = new IntensityMapping(config.pixelLow(), config.pixelHigh());
		final OutputType outputType = OutputType.of(type, mapping);
		final int classIndex = config.classIndex(label);
		final SampleSize size = SampleSize.of(width, height, config);
		final int w = size.width, h = size.height;
		if (count < 1) throw new IllegalArgumentException("count=" + count + " is out of range: it must be 1 or more");
		final Tiling tiling = tiling(loaded);
		final Generator generator = new Generator(config.scheduler(), settings);
		final StatusProgress progress = progress(preview);

		// NB: sampled at the next size the network takes, then cut back to the size asked for
		final int m = config.sizeMultiple(), c = config.inChannels();
		final int fixed = loaded.denoiser().fixedSize();
		final int sh = Math.max(MirrorPad.roundUp(h, m), fixed), sw = Math.max(MirrorPad.roundUp(w, m), fixed);
		MemoryPlan.requireResultFits((long) count * c * sh * sw, "count=" + count + " images of " + w + " x " + h);
		final Tensor samples = new Tensor(count, c, sh, sw);
		final int perPass = MemoryPlan.imagesPerPass(batch, loaded, tiling, Guidance.of(loaded, classIndex, guidance, 1)
			.modelImagesPerImage(), c, sh, sw, progress::note);
		final MirrorPad crop = MirrorPad.around(w, h, sw, sh); // NB: the tensor's pixel (top, left) is the image's (0, 0)
		Passes.run(count, perPass, tiling, sh, sw, (first, n, tiles) -> {
			final GuidedDenoiser guided = Guidance.of(tiles.wrap(loaded.denoiser()), config, classIndex, guidance, n);
			final int[] images = new int[n];
			for (int i = 0; i < n; i++) images[i] = first + i;
			final Tensor x0 = generator.generate(guided, noiseBatch(first, images, 1, crop.top(), crop.left(), null), c, sh,
				sw, StepListener.forBatch(progress, first, n, count));
			System.arraycopy(x0.data(), 0, samples.data(), first * samples.itemSize(), x0.data().length);
		}, progress::note);
		final Tensor x0 = TensorImages.centreCrop(samples, w, h);
		final ImageStack stack = TensorImages.toStack(x0, mapping, outputType);
		for (int i = 0; i < count; i++) {
			for (int ch = 0; ch < config.inChannels(); ch++) {
				stack.setSliceLabel("seed=" + seed + " #" + (i + 1) + " label=" + config.className(classIndex) +
					(config.inChannels() > 1 ? " c=" + ch : ""), i * config.inChannels() + ch + 1);
			}
		}
		final ImagePlus imp = TensorImages.toImage(config.name() + " samples", stack, mapping, outputType);
		if (config.inChannels() > 1) imp.setDimensions(config.inChannels(), 1, count);
		imp.setProperty("Info", samplingRecipe(loaded, settings, classIndex).put("count", count).put("size", w + "x" + h)
			.put("tile", tile).put("overlap", overlap).put("noise", noise).toString());
		show(RESULT, imp);
	}
}
