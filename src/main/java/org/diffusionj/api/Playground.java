package org.diffusionj.api;

import ij.ImagePlus;
import ij.ImageStack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.diffusionj.image.ScatterPlot;
import org.diffusionj.model.LoadedModel;
import org.diffusionj.model.ModelConfig;
import org.diffusionj.model.ModelLoadException;
import org.diffusionj.model.PointSet;
import org.diffusionj.sampling.ForwardProcess;
import org.diffusionj.sampling.Generator;
import org.diffusionj.sampling.GuidedDenoiser;
import org.diffusionj.sampling.NoiseBatch;
import org.diffusionj.sampling.Prediction;
import org.diffusionj.sampling.SamplerSettings;
import org.diffusionj.sampling.StepListener;
import org.diffusionj.sampling.StepRecorder;
import org.diffusionj.sampling.Tensor;
import org.diffusionj.schedule.NoiseSchedule;

/**
 * Diffusion Playground... from Java: diffusion on 2D points. A point model samples {@code points} points with any
 * sampler; two stacks of scatter plots show the forward process q(x_t | x_0) dissolving the training points into
 * N(0, I) (output {@link #FORWARD}) and the reverse process pulling noise back onto the data (output
 * {@link Outputs#RESULT}), optionally with the predicted x0 cloud and the predicted-noise field as arrows.
 * Thread-safe: it holds nothing but its request.
 */
public final class Playground {

	public static final String COMMAND = "Diffusion Playground...";

	/** The output name of the forward stack. */
	public static final String FORWARD = "forward";

	/** Arrows of the field: a grid of this many points a side. */
	private static final int GRID = 12;
	/** Each arrow goes this part of the way from its grid point towards sqrt(alphaBar) x0-hat (DDPM eq. 4 solved). */
	private static final double REACH = 0.15;

	/** The run's images, and the sampled points and the forward process's last points as (x, y) pairs. */
	public static final class PlaygroundResult extends RunResult {

		public final float[] samples, forwardLast;

		PlaygroundResult(final Map<String, ImagePlus> images, final String recipe, final double seconds,
			final float[] samples, final float[] forwardLast)
		{
			super(images, recipe, seconds);
			this.samples = samples;
			this.forwardLast = forwardLast;
		}
	}

	private final PlaygroundRequest request;
	private final SamplingKeys keys;

	public Playground(final PlaygroundRequest request) {
		this.request = request;
		keys = request.keys;
	}

	/** Runs the request; listener hears every step (progress, cancel). */
	public PlaygroundResult run(final StepListener listener) throws ModelLoadException {
		final long start = System.nanoTime();
		try (LoadedModel loaded = ModelPaths.acquireUnconditioned(keys.model, keys.device, COMMAND)) {
			final ModelConfig config = loaded.config();
			final PointSet data = PointSet.of(loaded, COMMAND);
			final SamplerSettings settings = SamplerChoice.settings(config, keys.sampler, keys.steps, keys.eta, keys.seed,
				keys.epsilon);
			final int classIndex = config.classIndex(keys.label), points = request.points, size = request.size;
			final String recipe = SamplerChoice.recipe(COMMAND, loaded, settings, classIndex, keys.guidance).put("points",
				points).put("data", data.data()).toString();
			final NoiseSchedule schedule = NoiseSchedule.of(config.scheduler());
			final Tensor forwardLast = new Tensor(points, 2, 1, 1);
			final ImagePlus forward = forwardStack(config, schedule, data, recipe, forwardLast);
			final GuidedDenoiser guided = Guidance.of(loaded, classIndex, keys.guidance, points);
			final int stride = request.every > 0 ? request.every : Math.max(1, settings.steps() / 20);
			final StepRecorder recorder = new StepRecorder(stride, listener);
			final Tensor xT = new NoiseBatch(keys.seed, 0, points).draw(2, 1, 1); // NB: the generator's first draw: its x_T
			final Tensor samples = new Generator(config.scheduler(), settings).generate(guided, 0, points, 2, 1, 1,
				recorder);
			final ImageStack reverse = new ImageStack(size, size);
			final String first = "x_T: N(0, I), t=" + (config.scheduler().numTrainTimesteps() - 1);
			reverse.addSlice(first, plot(data, first).points(xT.data(), ScatterPlot.SAMPLES, 2).processor());
			final GuidedDenoiser grid = request.field ? Guidance.of(loaded, classIndex, keys.guidance, GRID * GRID) : null;
			final Tensor gridPoints = request.field ? new Tensor(gridPoints(data), GRID * GRID, 2, 1, 1) : null;
			final List<StepRecorder.Step> steps = recorder.steps();
			for (int k = 0; k < steps.size(); k++) {
				final StepRecorder.Step s = steps.get(k);
				final String title = "step " + (k + 1 == steps.size() ? settings.steps() : (k + 1) * stride) + "/" + settings
					.steps() + " from t=" + s.t;
				final ScatterPlot plot = plot(data, title);
				if (grid != null) plot.arrows(gridPoints.data(), field(grid, gridPoints, config, schedule.alphaBar(s.t), s.t),
					ScatterPlot.ARROWS);
				if (request.x0) plot.points(s.x0Pred.data(), ScatterPlot.PREDICTED, 2);
				reverse.addSlice(title, plot.points(s.x.data(), ScatterPlot.SAMPLES, 2).processor());
			}
			final ImagePlus imp = new ImagePlus(config.name() + "-reverse", reverse);
			imp.setProperty("Info", recipe);
			final Map<String, ImagePlus> images = new LinkedHashMap<>();
			images.put(FORWARD, forward);
			images.put(Outputs.RESULT, imp);
			return new PlaygroundResult(images, recipe, (System.nanoTime() - start) / 1e9, samples.data(), forwardLast
				.data());
		}
	}

	/**
	 * The training points noised to {@code frames} levels from t = 0 to T - 1, each point by one noise draw, as a stack;
	 * the last level's points go into {@code last}.
	 */
	private ImagePlus forwardStack(final ModelConfig config, final NoiseSchedule schedule, final PointSet data,
		final String recipe, final Tensor last)
	{
		final int points = request.points, frames = request.frames, size = request.size;
		final Tensor clean = new Tensor(points, 2, 1, 1);
		for (int i = 0; i < points; i++) {
			clean.data()[2 * i] = data.x(i % data.size());
			clean.data()[2 * i + 1] = data.y(i % data.size());
		}
		final Tensor eps = new NoiseBatch(keys.seed, points, points).draw(2, 1, 1); // NB: streams apart from the reverse run's
		final int T = schedule.numTrainTimesteps();
		final ImageStack stack = new ImageStack(size, size);
		Tensor xt = clean;
		for (int k = 0; k < frames; k++) {
			final int t = (int) Math.round(k * (T - 1) / (double) (frames - 1));
			xt = ForwardProcess.noise(clean, eps, schedule.alphaBar(t)); // q(x_t | x_0), DDPM eq. 4
			final String title = "q(x_t | x_0), t=" + t;
			stack.addSlice(title, new ScatterPlot(size, data.low(), data.high()).points(xt.data(), ScatterPlot.SAMPLES, 2)
				.title(title).processor());
		}
		final ImagePlus imp = new ImagePlus(config.name() + "-forward", stack);
		imp.setProperty("Info", recipe);
		System.arraycopy(xt.data(), 0, last.data(), 0, last.data().length);
		return imp;
	}

	/** A frame with the training points in grey behind, and its title. */
	private ScatterPlot plot(final PointSet data, final String title) {
		return new ScatterPlot(request.size, data.low(), data.high()).points(data.xy(), ScatterPlot.DATA, 1).title(title);
	}

	private static float[] gridPoints(final PointSet data) {
		final float[] g = new float[2 * GRID * GRID];
		for (int r = 0; r < GRID; r++) {
			for (int c = 0; c < GRID; c++) {
				g[2 * (r * GRID + c)] = (float) (data.low() + (data.high() - data.low()) * (c + 0.5) / GRID);
				g[2 * (r * GRID + c) + 1] = (float) (data.low() + (data.high() - data.low()) * (r + 0.5) / GRID);
			}
		}
		return g;
	}

	/**
	 * The arrows at step t: -REACH sqrt(1 - alphaBar) eps-hat, i.e. REACH (sqrt(alphaBar) x0-hat - x), towards the
	 * (scaled) clean point the model predicts from each grid point.
	 */
	private static float[] field(final GuidedDenoiser model, final Tensor at, final ModelConfig config,
		final double alphaBar, final int t)
	{
		final float[] eps = Prediction.of(model.predict(at, t), at, alphaBar, config.scheduler(), false).eps().data();
		final float[] arrows = new float[eps.length];
		final double scale = -REACH * Math.sqrt(1 - alphaBar);
		for (int i = 0; i < eps.length; i++) arrows[i] = (float) (scale * eps[i]);
		return arrows;
	}
}
