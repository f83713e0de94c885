package org.diffusionj.api;

import ij.ImagePlus;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.diffusionj.image.RaiImages;
import org.diffusionj.model.LoadedModel;
import org.diffusionj.model.ModelConfig;
import org.diffusionj.model.ModelLoadException;
import org.diffusionj.sampling.GuidedDenoiser;
import org.diffusionj.sampling.NoiseBatch;
import org.diffusionj.sampling.SamplerSettings;
import org.diffusionj.sampling.SdEdit;
import org.diffusionj.sampling.StepListener;
import org.diffusionj.sampling.Tensor;

/**
 * Noise and Denoise... (SDEdit) from Java: a {@link NoiseAndDenoiseRequest} run on an image: it is noised to
 * strength · T and denoised again, {@code samples} times; with more than one also their per-pixel mean and std
 * (outputs {@link Outputs#RESULT}, {@link Outputs#MEAN}, {@link Outputs#STD}). The input is only read. Thread-safe: it
 * holds nothing but its request.
 */
public final class NoiseAndDenoise {

	public static final String COMMAND = "Noise and Denoise...";

	private final NoiseAndDenoiseRequest request;
	private final SamplingKeys keys;

	public NoiseAndDenoise(final NoiseAndDenoiseRequest request) {
		this.request = request;
		keys = request.keys;
	}

	/** Runs the request on an ImgLib2 image (x, y and at most one axis of planes; {@link RaiImages}). */
	public RunResult run(final RandomAccessibleInterval<? extends RealType<?>> image, final String title,
		final StepListener listener) throws ModelLoadException
	{
		return run(RaiImages.toImagePlus(image, title), listener);
	}

	/**
	 * Checks the request with no image, as a run checks it before its first image (a folder run asks this before any
	 * file): the model folder is there, gives no image to be conditioned on, and takes the sampler, steps and label. No
	 * network is loaded.
	 *
	 * @throws IllegalArgumentException or ModelLoadException, one sentence
	 */
	public void check() throws ModelLoadException {
		final ModelConfig config = ModelPaths.config(keys.model);
		ModelPaths.unconditioned(config, COMMAND);
		SamplerChoice.resolve(config, keys.sampler, keys.steps, keys.eta, keys.seed, keys.epsilon);
		config.classIndex(keys.label);
	}

	/** Runs the request on image; listener hears progress and notes and may cancel (a CancellationException). */
	public RunResult run(final ImagePlus image, final StepListener listener) throws ModelLoadException {
		final long start = System.nanoTime();
		try (LoadedModel loaded = ModelPaths.acquireUnconditioned(keys.model, keys.device, COMMAND)) {
			final ModelConfig config = loaded.config();
			final ImageInput input = ImageInput.of(image, COMMAND, config, loaded.denoiser().fixedSize(), keys.range);
			final SamplerSettings settings = SamplerChoice.settings(config, keys.sampler, keys.steps, keys.eta, keys.seed,
				keys.epsilon);
			final SdEdit sdedit = new SdEdit(config.scheduler(), settings, request.strength);
			final int classIndex = config.classIndex(keys.label);
			final Tiling tiling = Tiling.of(config, loaded.denoiser().fixedSize(), keys.tile, keys.overlap);
			final int samples = request.samples, total = input.items.size() * samples;
			final UnknownPixels unknown = UnknownPixels.of(input, config.scheduler(), COMMAND);
			final int perPass = MemoryPlan.imagesPerPass(keys.batch, loaded, tiling, Guidance.of(loaded, classIndex,
				keys.guidance, 1).modelImagesPerImage(), config.inChannels(), input.tensors.paddedHeight(), input.tensors
					.paddedWidth(), listener::note);
			final List<List<float[][]>> results = ItemRun.run(input.tensors, input.items.size(), samples, perPass, tiling, (
				x, first, items, tiles) -> {
				final GuidedDenoiser model = Guidance.of(tiles.wrap(loaded.denoiser()), config, classIndex, keys.guidance, x
					.n());
				final NoiseBatch draws = keys.noise.batch(keys.seed, first, items, samples, input.tensors.padTop(), input
					.tensors.padLeft(), image);
				final Tensor known = unknown == null ? x : unknown.fill(x, items, model, draws);
				return sdedit.run(model, known, draws, StepListener.forBatch(listener, first, x.n(), total));
			}, listener::note);
			final String recipe = SamplerChoice.recipe(COMMAND, loaded, settings, classIndex, keys.guidance).put("strength",
				request.strength).put("run", sdedit.plan().size() + " steps from t=" + sdedit.plan().t(0)).put("range", input
					.rangeText()).put("samples", samples).put("tile", keys.tile).put("overlap", keys.overlap).put("noise", keys
						.noise.key()).toString();
			final Map<String, ImagePlus> images = new LinkedHashMap<>();
			new SampleOutputs(input, recipe, images::put).show(results, org.diffusionj.image.OutputType.ofOrNull(keys.type),
				input.stem() + "-sdedit");
			return new RunResult(images, recipe, (System.nanoTime() - start) / 1e9);
		}
	}
}
