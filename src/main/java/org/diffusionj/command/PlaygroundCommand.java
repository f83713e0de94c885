package org.diffusionj.command;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.ResultsTable;

import java.util.Collections;
import java.util.List;
import java.util.Set;

import org.diffusionj.api.Guidance;
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
import org.diffusionj.sampling.StepRecorder;
import org.diffusionj.sampling.Tensor;
import org.diffusionj.schedule.NoiseSchedule;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins › DiffusionJ › Diffusion Playground...: diffusion on 2D points. A point model (a swiss roll, two moons, a
 * ring of 8 Gaussians, a checkerboard) samples {@code points} points with any sampler; two stacks of scatter plots
 * show the forward process q(x_t | x_0) dissolving the training points into N(0, I) and the reverse process pulling
 * noise back onto the data, optionally with the predicted x0 cloud and the predicted-noise field as arrows. The
 * Results table holds the last frame of each.
 */
@Plugin(type = Command.class, headless = true, menu = { @Menu(label = "Plugins"), @Menu(label = "DiffusionJ"),
	@Menu(label = "Diffusion Playground...", weight = 75) })
public final class PlaygroundCommand extends SamplingCommand {

	/** The playground's own model, the default of its {@code model} key. */
	public static final String DEFAULT_MODEL = "playground-swiss-roll";

	/** Arrows of the field: a grid of this many points a side. */
	private static final int GRID = 12;
	/** Each arrow goes this part of the way from its grid point towards sqrt(alphaBar) x0-hat (DDPM eq. 4 solved). */
	private static final double REACH = 0.15;

	@Parameter(label = "Points", description = "points to sample", min = "1", persist = false)
	private int points = 2000;

	@Parameter(label = "Every", description = "record every k-th denoising step; 0: about 20 frames", min = "0",
		persist = false)
	private int every = 0;

	@Parameter(label = "Frames", description = "frames of the forward stack, from t = 0 to T - 1", min = "2",
		persist = false)
	private int frames = 11;

	@Parameter(label = "Predicted x0", description = "also draw the predicted clean points (orange)", persist = false)
	private boolean x0 = false;

	@Parameter(label = "Noise field", description = "also draw the predicted noise on a grid as arrows (red): " +
		"-0.15 sqrt(1 - alphaBar_t) eps-hat, 15 % of the way to where the model would take the point", persist = false)
	private boolean field = false;

	@Parameter(label = "Size", description = "edge of each plot in pixels", min = "64", persist = false)
	private int size = 512;

	@Parameter(type = ItemIO.OUTPUT, label = "Forward", description = "the forward process as a stack")
	private ImagePlus forward;

	public PlaygroundCommand() {
		model = DEFAULT_MODEL;
		sampler = "DDPM"; // the classic: ancestral steps, with steps=0 over every training step
	}

	/** The progress of a point cloud has no predicted clean image to preview: the stacks show every step. */
	@Override
	protected Set<String> unusedKeys() {
		return Collections.singleton("preview");
	}

	@Override
	protected void execute() throws ModelLoadException {
		final LoadedModel loaded = loadModel();
		final ModelConfig config = loaded.config();
		final PointSet data = PointSet.of(loaded, label());
		if (points < 1) throw new IllegalArgumentException("points=" + points + " is out of range: it must be 1 or more");
		if (frames < 2) throw new IllegalArgumentException("frames=" + frames + " is out of range: it must be 2 or more");
		if (size < 64 || size > 4096) throw new IllegalArgumentException("size=" + size + " is out of range: 64 to 4096");
		final SamplerSettings settings = samplerSettings(config);
		final int classIndex = config.classIndex(label);
		final String recipe = samplingRecipe(loaded, settings, classIndex).put("points", points).put("data", data.data())
			.toString();
		final NoiseSchedule schedule = NoiseSchedule.of(config.scheduler());
		final float[] forwardLast = forwardStack(config, schedule, data, recipe);
		final GuidedDenoiser guided = Guidance.of(loaded, classIndex, guidance, points);
		final int stride = every > 0 ? every : Math.max(1, settings.steps() / 20);
		final StepRecorder recorder = new StepRecorder(stride, progress(false));
		final Tensor xT = new NoiseBatch(seed, 0, points).draw(2, 1, 1); // NB: the generator's first draw: its x_T
		final Tensor samples = new Generator(config.scheduler(), settings).generate(guided, 0, points, 2, 1, 1, recorder);
		final ImageStack reverse = new ImageStack(size, size);
		final String start = "x_T: N(0, I), t=" + (config.scheduler().numTrainTimesteps() - 1);
		reverse.addSlice(start, plot(data, start).points(xT.data(), ScatterPlot.SAMPLES, 2).processor());
		final GuidedDenoiser grid = field ? Guidance.of(loaded, classIndex, guidance, GRID * GRID) : null;
		final Tensor gridPoints = field ? new Tensor(gridPoints(data), GRID * GRID, 2, 1, 1) : null;
		final List<StepRecorder.Step> steps = recorder.steps();
		for (int k = 0; k < steps.size(); k++) {
			final StepRecorder.Step s = steps.get(k);
			final String title = "step " + (k + 1 == steps.size() ? settings.steps() : (k + 1) * stride) + "/" + settings
				.steps() + " from t=" + s.t;
			final ScatterPlot plot = plot(data, title);
			if (grid != null) plot.arrows(gridPoints.data(), field(grid, gridPoints, config, schedule.alphaBar(s.t), s.t),
				ScatterPlot.ARROWS);
			if (x0) plot.points(s.x0Pred.data(), ScatterPlot.PREDICTED, 2);
			reverse.addSlice(title, plot.points(s.x.data(), ScatterPlot.SAMPLES, 2).processor());
		}
		table(samples.data(), forwardLast);
		final ImagePlus imp = new ImagePlus(config.name() + "-reverse", reverse);
		imp.setProperty("Info", recipe);
		show(RESULT, imp);
	}

	/** The training points noised to {@code frames} levels from t = 0 to T - 1, each point by one noise draw. */
	private float[] forwardStack(final ModelConfig config, final NoiseSchedule schedule, final PointSet data,
		final String recipe)
	{
		final Tensor clean = new Tensor(points, 2, 1, 1);
		for (int i = 0; i < points; i++) {
			clean.data()[2 * i] = data.x(i % data.size());
			clean.data()[2 * i + 1] = data.y(i % data.size());
		}
		final Tensor eps = new NoiseBatch(seed, points, points).draw(2, 1, 1); // NB: streams apart from the reverse run's
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
		show("forward", imp);
		return xt.data();
	}

	/** A frame with the training points in grey behind, and its title. */
	private ScatterPlot plot(final PointSet data, final String title) {
		return new ScatterPlot(size, data.low(), data.high()).points(data.xy(), ScatterPlot.DATA, 1).title(title);
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

	/** The Results table: the samples (x, y) and the forward process's last frame (forward_x, forward_y). */
	private void table(final float[] samples, final float[] forwardLast) {
		final ResultsTable table = ResultsTable.getResultsTable();
		table.reset();
		for (int i = 0; i < points; i++) {
			table.incrementCounter();
			table.addValue("x", samples[2 * i]);
			table.addValue("y", samples[2 * i + 1]);
			table.addValue("forward_x", forwardLast[2 * i]);
			table.addValue("forward_y", forwardLast[2 * i + 1]);
		}
		table.show("Results");
	}
}
