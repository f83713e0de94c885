package org.diffusionj.api;

import ij.IJ;
import ij.ImagePlus;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.diffusionj.calibration.ResidualVerdict;
import org.diffusionj.image.OutputType;
import org.diffusionj.image.RaiImages;
import org.diffusionj.model.Calibrations;
import org.diffusionj.model.IntervalSettings;
import org.diffusionj.model.LoadedModel;
import org.diffusionj.model.ModelConfig;
import org.diffusionj.model.ModelFolder;
import org.diffusionj.model.ModelLoadException;
import org.diffusionj.model.ModelValidation;
import org.diffusionj.sampling.Generator;
import org.diffusionj.sampling.GuidedDenoiser;
import org.diffusionj.sampling.SamplerKind;
import org.diffusionj.sampling.SamplerSettings;
import org.diffusionj.sampling.StepListener;

/**
 * Restore Image... from Java: a {@link RestoreRequest} run on an image with a restoration model (conditioned on an
 * image, SR3 / Palette style), {@code samples} times; their mean is the estimate, their per-pixel standard deviation
 * its uncertainty, and a calibrated model adds the interval's bounds. Every plane of a hyperstack is restored; the
 * input is only read. Thread-safe: it holds nothing but its request.
 *
 * <pre>
 * RestoreResult r = new Restoration(RestoreRequest.builder().samples(8).seed(1).build()).run(imp, StepListener.NONE);
 * r.mean().show(); r.std().show();
 * </pre>
 */
public final class Restoration {

	public static final String COMMAND = "Restore Image...";

	private final RestoreRequest request;
	private final SamplingKeys keys;

	public Restoration(final RestoreRequest request) {
		this.request = request;
		keys = request.keys;
	}

	/**
	 * Runs the request on an ImgLib2 image: x, y and optionally one more axis of planes; 8- and 16-bit unsigned types
	 * keep their depth (and range=auto its natural range), others are read as 32-bit.
	 *
	 * @param title names the results ({@code title-restored}, ...)
	 */
	public RestoreResult run(final RandomAccessibleInterval<? extends RealType<?>> image, final String title,
		final StepListener listener) throws ModelLoadException
	{
		return run(RaiImages.toImagePlus(image, title), listener);
	}

	/**
	 * Checks the request with no image, as a run checks it before its first image (a folder run asks this before any
	 * file): the folder of the network that runs is there and restores, and takes the sampler, steps and label. No
	 * network is loaded.
	 *
	 * @throws IllegalArgumentException or ModelLoadException, one sentence
	 */
	public void check() throws ModelLoadException {
		final ModelConfig config = restorationModel(ModelFolder.open(keys.folder(request.oneCall())).config());
		if (!request.oneCall()) SamplerChoice.resolve(config, keys.sampler, keys.steps, keys.eta, keys.seed, keys.epsilon);
		config.classIndex(keys.label);
	}

	/** Runs the request on image; listener hears progress and notes and may cancel (a CancellationException). */
	public RestoreResult run(final ImagePlus image, final StepListener listener) throws ModelLoadException {
		final long start = System.nanoTime();
		try (LoadedModel loaded = keys.acquire(request.oneCall())) {
			final ModelConfig config = restorationModel(loaded.config());
			final ImageInput input = ImageInput.ofCondition(image, COMMAND, config, loaded.denoiser().fixedSize(),
				keys.range);
			if (input.items.isRgb() && OutputType.ofOrNull(keys.type) != null) { // NB: before the sampling, not after
				throw new IllegalArgumentException("type=" + keys.type + " cannot be used: an RGB image stays RGB.");
			}
			final ModelValidation validation = ModelValidation.of(loaded.folder().dir());
			if (validation != null && !validation.beatsGaussian() && loaded.firstNotice("validation")) {
				IJ.log("DiffusionJ: model " + config.name() + " does not beat a Gaussian filter on its own held-out " +
					"pairs (" + validation + "): train it longer or on more pairs before trusting its results.");
			}
			final boolean oneCall = request.oneCall();
			final int draws = oneCall ? 1 : request.samples;
			final Generator generator = oneCall ? Generator.posteriorMean(config.scheduler(), keys.seed) : new Generator(
				config.scheduler(), SamplerChoice.settings(config, keys.sampler, keys.steps, keys.eta, keys.seed,
					keys.epsilon));
			final SamplerSettings settings = generator.settings();
			final int classIndex = config.classIndex(keys.label);
			final Tiling tiling = Tiling.of(config, loaded.denoiser().fixedSize(), keys.tile, keys.overlap);
			final int total = input.items.size() * draws;
			final int perPass = MemoryPlan.imagesPerPass(keys.batch, loaded, tiling, Guidance.of(loaded, classIndex,
				keys.guidance, 1).modelImagesPerImage(), config.sampleInputChannels(), input.tensors.paddedHeight(),
				input.tensors.paddedWidth(), listener::note);
			final List<List<float[][]>> results = ItemRun.run(input.tensors, input.results, input.items.size(), draws,
				perPass, tiling, (condition, first, items, tiles) -> {
					final GuidedDenoiser model = Guidance.of(tiles.wrap(loaded.denoiser()), config, classIndex, keys.guidance,
						condition.n()).withCondition(condition);
					return generator.generate(model, keys.noise.batch(keys.seed, first, items, draws, input.tensors
						.padTop(), input.tensors.padLeft(), image), config.inChannels(), condition.h(), condition.w(),
						StepListener.forBatch(listener, first, condition.n(), total));
				}, listener::note);
			final String sampler = settings.kind().label();
			final IntervalSettings measured = new IntervalSettings(COMMAND, sampler, settings.steps(), settings.kind()
				== SamplerKind.DDIM ? settings.eta() : 0, request.samples, ""); // NB: an eta the sampler ignores is none
			final Calibrations.Entry interval = IntervalLookup.find(loaded, measured);
			final ResidualVerdict verdict = oneCall ? null : ResidualVerdict.of(input.items.allItems(), results, input.items
				.width(), input.items.height()).at(interval == null ? Double.NaN : interval.residualMax());
			final String check = oneCall ? "not run: samples=0 gives the posterior mean, no samples to test" : verdict
				.toString();
			IJ.log("DiffusionJ: " + input.stem() + "-restored: residual test " + check);
			final String recipe = recipe(loaded, settings, classIndex, input, check);
			final Map<String, ImagePlus> images = new LinkedHashMap<>();
			final SampleOutputs outputs = new SampleOutputs(input, recipe, images::put);
			final OutputType chosen = OutputType.ofOrNull(keys.type); // a mean is no whole number: 32-bit unless asked
			outputs.showRestoration(results, oneCall && chosen == null && !input.items.isRgb() ? OutputType.BIT32 : chosen,
				input.stem() + "-restored", request.keep && !oneCall, interval);
			if (request.residual && input.items.isRgb()) IJ.log("DiffusionJ: residual=true gives no image for an RGB " +
				"input (the residual of a colour is no colour); the residual test ran on each channel.");
			else if (request.residual) outputs.showResidual(results, input.stem() + "-restored", recipe);
			return new RestoreResult(images, recipe, check, oneCall ? Double.NaN : verdict.score(), measured, (System
				.nanoTime() - start) / 1e9);
		}
	}

	/** The model's config, or one sentence why it cannot restore (what this request asks of it). */
	private ModelConfig restorationModel(final ModelConfig config) {
		if (!config.condition().present()) {
			throw new IllegalArgumentException("Model " + config.name() + " is not a restoration model (its diffusion.json " +
				"declares no \"condition\"): " + COMMAND + " needs one; Noise and Denoise... works with this model.");
		}
		if (config.condition().channels() != config.inChannels()) {
			throw new IllegalArgumentException("Model " + config.name() + " restores " + config.inChannels() +
				" channel(s) from a condition of " + config.condition().channels() + "; " + COMMAND + " needs the two to " +
				"match.");
		}
		if (request.oneCall() && config.distilled() != null) {
			throw new IllegalArgumentException("Model " + config.name() + " is distilled: its sampling gives a sample, " +
				"not the posterior mean that samples=0 asks for; use samples=1 for one sample, or a model that is not " +
				"distilled for the mean.");
		}
		return config;
	}

	private String recipe(final LoadedModel loaded, final SamplerSettings settings, final int classIndex,
		final ImageInput input, final String check)
	{
		final ModelConfig config = loaded.config();
		final String map = input.tensors.perItem() ? "each plane by its own percentiles" : input.tensors.mapping().low() +
			" to " + input.tensors.mapping().high() + " -> [-1, 1]";
		return SamplerChoice.recipe(COMMAND, loaded, settings, classIndex, keys.guidance).put("range", input
			.rangeText() + " (" + map + ")").put("samples", request.oneCall() ? "0 (the posterior mean in one call: x0 " +
				"predicted at t = " + (config.scheduler().numTrainTimesteps() - 1) + ")" : request.samples).put("tile",
					keys.tile).put("overlap", keys.overlap).put("noise", keys.noise.key()).put("residual test", check)
			.toString();
	}
}
