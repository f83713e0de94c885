package org.diffusionj.api;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

import java.util.Collections;
import java.util.Locale;

import org.diffusionj.image.IntensityMapping;
import org.diffusionj.image.OutputType;
import org.diffusionj.image.RaiImages;
import org.diffusionj.model.LoadedModel;
import org.diffusionj.model.ModelLoadException;
import org.diffusionj.sampling.ForwardProcess;
import org.diffusionj.sampling.NoiseBatch;
import org.diffusionj.sampling.Tensor;
import org.diffusionj.schedule.NoiseSchedule;

/**
 * Forward Diffusion... from Java: an image under q(x_t | x_0) (Ho et al. 2020, eq. 4) at {@code frames} timesteps
 * spread evenly over 0..T-1 (frame 0 is the image itself), one seeded noise per plane, as a stack (a hyperstack of
 * frames for a stack; output {@link Outputs#RESULT}). The input is only read. Thread-safe.
 */
public final class ForwardDiffusion {

	public static final String COMMAND = "Forward Diffusion...";

	private final ForwardRequest request;

	public ForwardDiffusion(final ForwardRequest request) {
		this.request = request;
	}

	/** Runs the request on an ImgLib2 image (x, y and at most one axis of planes; {@link RaiImages}), titled title. */
	public RunResult run(final RandomAccessibleInterval<? extends RealType<?>> image, final String title)
		throws ModelLoadException
	{
		return run(RaiImages.toImagePlus(image, title));
	}

	/** Runs the request on image. */
	public RunResult run(final ImagePlus image) throws ModelLoadException {
		final long start = System.nanoTime();
		final ScheduleChoice choice = ScheduleChoice.of(request.model, request.schedule, request.timesteps, request.range,
			name -> ModelPaths.acquire(name, request.device));
		try {
			final NoiseSchedule noiseSchedule = choice.schedule();
			final int frames = request.frames;
			final ImageInput input = ImageInput.of(image, COMMAND, choice.config(), 0, choice.range());
			final OutputType out = OutputType.ofOrNull(request.type) != null ? OutputType.ofOrNull(request.type)
				: OutputType.BIT32;
			final int T = noiseSchedule.numTrainTimesteps();
			final NoiseBatch noise = new NoiseBatch(request.seed, 0, input.items.size());
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
			final String recipe = choice.recipe(COMMAND).put("frames", frames).put("seed", request.seed).put("range", input
				.rangeText()).toString();
			imp.setProperty("Info", recipe);
			return new RunResult(Collections.singletonMap(Outputs.RESULT, imp), recipe, (System.nanoTime() - start) / 1e9);
		}
		finally {
			if (choice.model() != null) choice.model().close();
		}
	}

	/** The items in model space; unknown (NaN, infinite) pixels inpainted with the model, or mid-range without one. */
	private Tensor knownImage(final ImageInput input, final ScheduleChoice choice, final NoiseBatch noise) {
		final Tensor x0 = input.tensors.batch(0, input.items.size());
		if (input.items.nonFiniteCount() == 0) return x0;
		if (choice.model() == null) {
			IJ.log("DiffusionJ: image " + input.items.source().getTitle() + " has " + input.items.nonFiniteCount() +
				" NaN or infinite pixel(s); without a model " + COMMAND + " sets them to the middle of the range.");
			return x0;
		}
		final int[] all = new int[input.items.size()];
		for (int i = 0; i < all.length; i++) all[i] = i;
		final LoadedModel model = choice.model();
		return UnknownPixels.of(input, model.config().scheduler(), COMMAND).fill(x0, all, Guidance.of(model, model
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
