package org.diffusionj.api;

import ij.ImagePlus;
import ij.ImageStack;

import java.util.Collections;

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

/**
 * Generate Images... from Java: a {@link GenerateRequest} run: {@code count} images sampled from pure noise, as one
 * new stack (output {@link Outputs#RESULT}, titled "MODEL samples"; a hyperstack of channels for a model of several).
 * Thread-safe: it holds nothing but its request.
 */
public final class Generation {

	public static final String COMMAND = "Generate Images...";

	private final GenerateRequest request;
	private final SamplingKeys keys;

	public Generation(final GenerateRequest request) {
		this.request = request;
		keys = request.keys;
	}

	/** Runs the request; listener hears progress and notes and may cancel (a CancellationException). */
	public RunResult run(final StepListener listener) throws ModelLoadException {
		final long start = System.nanoTime();
		try (LoadedModel loaded = ModelPaths.acquireUnconditioned(keys.model, keys.device, COMMAND)) {
			final ModelConfig config = loaded.config();
			final SamplerSettings settings = SamplerChoice.settings(config, keys.sampler, keys.steps, keys.eta, keys.seed,
				keys.epsilon);
			final IntensityMapping mapping = new IntensityMapping(config.pixelLow(), config.pixelHigh());
			final OutputType outputType = OutputType.of(keys.type, mapping);
			final int classIndex = config.classIndex(keys.label), count = request.count;
			final SampleSize size = SampleSize.of(request.width, request.height, config);
			final int w = size.width, h = size.height;
			final Tiling tiling = Tiling.of(config, loaded.denoiser().fixedSize(), keys.tile, keys.overlap);
			final Generator generator = new Generator(config.scheduler(), settings);
			// NB: sampled at the next size the network takes, then cut back to the size asked for
			final int m = config.sizeMultiple(), c = config.inChannels(), fixed = loaded.denoiser().fixedSize();
			final int sh = Math.max(MirrorPad.roundUp(h, m), fixed), sw = Math.max(MirrorPad.roundUp(w, m), fixed);
			MemoryPlan.requireResultFits((long) count * c * sh * sw, "count=" + count + " images of " + w + " x " + h);
			final Tensor samples = new Tensor(count, c, sh, sw);
			final int perPass = MemoryPlan.imagesPerPass(keys.batch, loaded, tiling, Guidance.of(loaded, classIndex,
				keys.guidance, 1).modelImagesPerImage(), c, sh, sw, listener::note);
			final MirrorPad crop = MirrorPad.around(w, h, sw, sh); // NB: the tensor's pixel (top, left) is the image's (0, 0)
			Passes.run(count, perPass, tiling, sh, sw, (first, n, tiles) -> {
				final GuidedDenoiser guided = Guidance.of(tiles.wrap(loaded.denoiser()), config, classIndex, keys.guidance, n);
				final int[] images = new int[n];
				for (int i = 0; i < n; i++) images[i] = first + i;
				final Tensor x0 = generator.generate(guided, keys.noise.batch(keys.seed, first, images, 1, crop.top(), crop
					.left(), null), c, sh, sw, StepListener.forBatch(listener, first, n, count));
				System.arraycopy(x0.data(), 0, samples.data(), first * samples.itemSize(), x0.data().length);
			}, listener::note);
			final ImageStack stack = TensorImages.toStack(TensorImages.centreCrop(samples, w, h), mapping, outputType);
			for (int i = 0; i < count; i++) {
				for (int ch = 0; ch < c; ch++) {
					stack.setSliceLabel("seed=" + keys.seed + " #" + (i + 1) + " label=" + config.className(classIndex) + (c > 1
						? " c=" + ch : ""), i * c + ch + 1);
				}
			}
			final ImagePlus imp = TensorImages.toImage(config.name() + " samples", stack, mapping, outputType);
			if (c > 1) imp.setDimensions(c, 1, count);
			final String recipe = SamplerChoice.recipe(COMMAND, loaded, settings, classIndex, keys.guidance).put("count",
				count).put("size", w + "x" + h).put("tile", keys.tile).put("overlap", keys.overlap).put("noise", keys.noise
					.key()).toString();
			imp.setProperty("Info", recipe);
			return new RunResult(Collections.singletonMap(Outputs.RESULT, imp), recipe, (System.nanoTime() - start) / 1e9);
		}
	}
}
