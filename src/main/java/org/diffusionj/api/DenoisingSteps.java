package org.diffusionj.api;

import ij.ImagePlus;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

import java.util.Collections;

import org.diffusionj.image.IntensityMapping;
import org.diffusionj.image.ItemTensors;
import org.diffusionj.image.RaiImages;
import org.diffusionj.image.StepHyperstack;
import org.diffusionj.model.LoadedModel;
import org.diffusionj.model.ModelConfig;
import org.diffusionj.model.ModelLoadException;
import org.diffusionj.sampling.Generator;
import org.diffusionj.sampling.GuidedDenoiser;
import org.diffusionj.sampling.NoiseBatch;
import org.diffusionj.sampling.SamplerSettings;
import org.diffusionj.sampling.SdEdit;
import org.diffusionj.sampling.StepListener;
import org.diffusionj.sampling.StepRecorder;
import org.diffusionj.sampling.Tensor;

/**
 * Denoising Steps... from Java: every k-th step of one run as a hyperstack ({@link StepHyperstack}; output
 * {@link Outputs#RESULT}). From noise it is the run Generation makes for image 1; from the image (its current plane)
 * the run NoiseAndDenoise makes, with the same seed; with a restoration model, start=noise is the run Restoration
 * makes for the current plane's first sample. Thread-safe: it holds nothing but its request.
 */
public final class DenoisingSteps {

	public static final String COMMAND = "Denoising Steps...";

	private final StepsRequest request;
	private final SamplingKeys keys;

	public DenoisingSteps(final StepsRequest request) {
		this.request = request;
		keys = request.keys;
	}

	/** Runs the request on an ImgLib2 image (x, y and at most one axis of planes; {@link RaiImages}), titled title. */
	public RunResult run(final RandomAccessibleInterval<? extends RealType<?>> image, final String title,
		final StepListener listener) throws ModelLoadException
	{
		return run(RaiImages.toImagePlus(image, title), listener);
	}

	/**
	 * Runs the request; image (its current plane) is needed for start=image and with a restoration model, and is only
	 * read. The listener hears every step (progress, cancel).
	 */
	public RunResult run(final ImagePlus image, final StepListener listener) throws ModelLoadException {
		final long start = System.nanoTime();
		try (LoadedModel loaded = keys.acquire()) {
			final ModelConfig config = loaded.config();
			final SamplerSettings settings = SamplerChoice.settings(config, keys.sampler, keys.steps, keys.eta, keys.seed,
				keys.epsilon);
			final int classIndex = config.classIndex(keys.label);
			final GuidedDenoiser guided = Guidance.of(loaded, classIndex, keys.guidance, 1);
			final StepRecorder recorder = new StepRecorder(request.every, listener);
			final boolean restoration = config.condition().present(), fromNoise = request.start == StepsRequest.Start.NOISE;
			if (restoration && !fromNoise) {
				throw new IllegalArgumentException("start=image cannot be used with restoration model " + config.name() +
					": start=noise shows its restoration of the active image step by step.");
			}
			final ItemTensors tensors;
			final String title;
			if (restoration || !fromNoise) {
				final ImagePlus plane = currentPlane(image, config);
				final ImageInput input = restoration ? ImageInput.ofCondition(plane, COMMAND, config, loaded.denoiser()
					.fixedSize(), keys.range) : ImageInput.of(plane, COMMAND, config, loaded.denoiser().fixedSize(), keys.range);
				tensors = restoration ? input.results : input.tensors;
				if (restoration) generate(settings, guided.withCondition(input.tensors.batch(0, 1)), config, tensors, recorder);
				else fromImage(settings, guided, config, input, recorder);
				title = plane.getShortTitle() + "-steps";
			}
			else { // as Generate: sampled at the next size the network takes, each frame cut back to the size asked for
				final SampleSize size = SampleSize.of(request.width, request.height, config);
				tensors = ItemTensors.ofSize(size.width, size.height, config.sizeMultiple(), loaded.denoiser().fixedSize(),
					new IntensityMapping(config.pixelLow(), config.pixelHigh()));
				generate(settings, guided, config, tensors, recorder);
				title = config.name() + "-steps";
			}
			final ImagePlus imp = StepHyperstack.of(recorder.steps(), tensors, title);
			if (restoration || !fromNoise) imp.setCalibration(image.getCalibration().copy()); // a run from noise has none
			final String recipe = SamplerChoice.recipe(COMMAND, loaded, settings, classIndex, keys.guidance).put("start",
				request.start.key()).put("every", request.every).toString();
			imp.setProperty("Info", recipe);
			return new RunResult(Collections.singletonMap(Outputs.RESULT, imp), recipe, (System.nanoTime() - start) / 1e9);
		}
	}

	private static void generate(final SamplerSettings settings, final GuidedDenoiser guided, final ModelConfig config,
		final ItemTensors tensors, final StepRecorder recorder)
	{
		new Generator(config.scheduler(), settings).generate(guided, 0, 1, config.inChannels(), tensors.paddedHeight(),
			tensors.paddedWidth(), recorder);
	}

	/** Noise and Denoise's run of the plane, its unknown pixels filled first. */
	private void fromImage(final SamplerSettings settings, final GuidedDenoiser guided, final ModelConfig config,
		final ImageInput input, final StepRecorder recorder)
	{
		final SdEdit sdedit = new SdEdit(config.scheduler(), settings, request.strength);
		final NoiseBatch noise = new NoiseBatch(keys.seed, 0, 1);
		final UnknownPixels unknown = UnknownPixels.of(input, config.scheduler(), COMMAND);
		final Tensor x0 = unknown == null ? input.tensors.batch(0, 1) : unknown.fill(input.tensors.batch(0, 1), new int[] {
			0 }, guided, noise);
		sdedit.run(guided, x0, noise, recorder);
	}

	private static ImagePlus currentPlane(final ImagePlus image, final ModelConfig config) {
		if (image == null) throw new IllegalArgumentException(COMMAND + (config.condition().present() ? " with a " +
			"restoration model needs an open image to restore." : " with start=image needs an open image."));
		if (image.getType() == ImagePlus.COLOR_RGB && config.inChannels() == 1) {
			throw new IllegalArgumentException(COMMAND + " follows one grey plane, and " + image.getTitle() + " is RGB: " +
				"make it grey (Image > Type > 8-bit) or split its channels first.");
		}
		final ImagePlus plane = new ImagePlus(image.getTitle(), image.getProcessor().duplicate());
		plane.setCalibration(image.getCalibration().copy());
		return plane;
	}
}
