package org.diffusionj.command;

import ij.ImagePlus;
import ij.ImageStack;

import java.util.Locale;

import org.diffusionj.api.Guidance;
import org.diffusionj.api.ImageInput;
import org.diffusionj.api.ModelPaths;
import org.diffusionj.api.UnknownPixels;
import org.diffusionj.image.IntensityMapping;
import org.diffusionj.image.OutputType;
import org.diffusionj.model.LoadedModel;
import org.diffusionj.model.ModelLoadException;
import org.diffusionj.sampling.ForwardProcess;
import org.diffusionj.sampling.NoiseBatch;
import org.diffusionj.sampling.Tensor;
import org.diffusionj.schedule.NoiseSchedule;
import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins › DiffusionJ › Forward Diffusion...: the active image under q(x_t | x_0) at {@code frames}
 * timesteps spread evenly over 0..T-1 (frame 0 is the image itself), one seeded noise per plane.
 */
@Plugin(type = Command.class, headless = true, menu = { @Menu(label = "Plugins"), @Menu(label = "DiffusionJ"),
	@Menu(label = "Forward Diffusion...", weight = 60) })
public final class ForwardDiffusionCommand extends DiffusionCommand {

	@Parameter(required = false, persist = false)
	private ImagePlus image;

	@Parameter(label = "Model", description = "its schedule and pixel_range; none: use schedule and timesteps",
		persist = false)
	private String model = ModelPaths.DEFAULT_MODEL;

	@Parameter(label = "Schedule",
		description = "the noise schedule: the model's own, or one by name with Timesteps steps",
		choices = { ScheduleChoice.FROM_MODEL, "linear", "scaled_linear",
		"squaredcos_cap_v2", "sigmoid" }, persist = false)
	private String schedule = ScheduleChoice.FROM_MODEL;

	@Parameter(label = "Timesteps", description = "T of a schedule given by name", min = "2", persist = false)
	private int timesteps = 1000;

	@Parameter(label = "Frames", description = "timesteps in the stack, from 0 to T-1", min = "2", persist = false)
	private int frames = 11;

	@Parameter(label = "Seed", description = "the same seed gives the same noise", persist = false)
	private long seed = 42;

	@Parameter(label = "Range", choices = { "auto", "model", "image", "percentile" },
		description = ImageInput.RANGE_HELP, persist = false)
	private String range = "auto";

	@Parameter(label = "Type", choices = { OutputType.AUTO, "8-bit", "16-bit", "32-bit" },
		description = "auto: 32-bit (noise leaves the intensity range)", persist = false)
	private String type = OutputType.AUTO;

	@Override
	protected void execute() throws ModelLoadException {
		final ScheduleChoice choice = ScheduleChoice.of(model, schedule, timesteps, range, this::loadModel);
		final NoiseSchedule noiseSchedule = choice.schedule();
		if (frames < 2) throw new IllegalArgumentException("frames=" + frames + " is out of range: it must be 2 or more");
		final ImageInput input = ImageInput.of(image, label(), choice.config(), 0, choice.range());
		final OutputType out = OutputType.ofOrNull(type) != null ? OutputType.ofOrNull(type) : OutputType.BIT32;
		final int T = noiseSchedule.numTrainTimesteps();
		final int items = input.items.size();
		final NoiseBatch noise = new NoiseBatch(seed, 0, items);
		final Tensor x0 = knownImage(input, choice, noise);
		final Tensor eps = noise.draw(x0.c(), x0.h(), x0.w());
		final ImageStack stack = new ImageStack(input.items.width(), input.items.height());
		for (int f = 0; f < frames; f++) {
			final int t = (int) Math.rint(f * (T - 1.0) / (frames - 1));
			final Tensor xt = f == 0 ? x0 : ForwardProcess.noise(x0, eps, noiseSchedule.alphaBar(t));
			final String tLabel = String.format(Locale.ROOT, "t=%d ᾱ=%.4g", f == 0 ? 0 : t, f == 0 ? 1.0 : noiseSchedule
				.alphaBar(t));
			addFrame(stack, input, xt, out, tLabel);
		}
		final ImagePlus imp = new ImagePlus(input.stem() + "-forward", stack);
		imp.setDimensions(1, stack.getSize() / frames, frames);
		if (imp.getNSlices() > 1) imp.setOpenAsHyperStack(true);
		imp.setCalibration(input.items.source().getCalibration().copy());
		final IntensityMapping m = input.tensors.mapping();
		imp.setDisplayRange(m.low(), m.high());
		imp.setProperty("Info", choice.recipe(label()).put("frames", frames).put("seed", seed).put("range", input
			.rangeText()).toString());
		show(RESULT, imp);
	}

	/** The items in model space; unknown (NaN, infinite) pixels inpainted with the model, or mid-range without one. */
	private Tensor knownImage(final ImageInput input, final ScheduleChoice choice, final NoiseBatch noise) {
		final Tensor x0 = input.tensors.batch(0, input.items.size());
		if (input.items.nonFiniteCount() == 0) return x0;
		if (choice.model() == null) {
			ij.IJ.log("DiffusionJ: image " + input.items.source().getTitle() + " has " + input.items.nonFiniteCount() +
				" NaN or infinite pixel(s); without a model " + label() + " sets them to the middle of the range.");
			return x0;
		}
		final int[] all = new int[input.items.size()];
		for (int i = 0; i < all.length; i++) all[i] = i;
		final LoadedModel model = choice.model();
		return UnknownPixels.of(input, model.config().scheduler(), label()).fill(x0, all, Guidance.of(model, model
			.config().classIndex("none"), 1, all.length), noise);
	}

	private static void addFrame(final ImageStack stack, final ImageInput input, final Tensor xt, final OutputType out,
		final String tLabel)
	{
		for (int p = 0; p < input.items.size(); p++) {
			final float[][] planes = input.tensors.intensities(xt, p);
			for (int c = 0; c < planes.length; c++) {
				stack.addSlice(tLabel + (input.items.size() > 1 ? " " + input.items.label(p) : ""), out.processor(input.items
					.width(), input.items.height(), planes[c]));
			}
		}
	}
}
