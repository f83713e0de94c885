package org.diffusionj.api;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Roi;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.diffusionj.image.OutputType;
import org.diffusionj.image.RaiImages;
import org.diffusionj.model.LoadedModel;
import org.diffusionj.model.ModelConfig;
import org.diffusionj.model.ModelLoadException;
import org.diffusionj.sampling.NoiseBatch;
import org.diffusionj.sampling.RePaint;
import org.diffusionj.sampling.StepListener;

/**
 * Inpaint Selection... from Java: an {@link InpaintRequest} run on an image and an area selection: the selection is
 * filled with content consistent with its surroundings (RePaint, Lugmayr et al. 2022); pixels outside it are kept
 * exactly, and NaN or infinite pixels are filled with it. Outputs as Noise and Denoise's ({@link Outputs#RESULT},
 * with several samples also {@link Outputs#MEAN} and {@link Outputs#STD}). The input is only read. Thread-safe.
 */
public final class Inpainting {

	public static final String COMMAND = "Inpaint Selection...";

	private final InpaintRequest request;

	public Inpainting(final InpaintRequest request) {
		this.request = request;
	}

	/**
	 * Runs the request on an ImgLib2 image (x, y and at most one axis of planes; {@link RaiImages}), titled title, with
	 * the selection of the pixels to paint in.
	 */
	public RunResult run(final RandomAccessibleInterval<? extends RealType<?>> image, final String title,
		final Roi selection, final StepListener listener) throws ModelLoadException
	{
		return run(RaiImages.toImagePlus(image, title), selection, listener);
	}

	/** Runs the request on image and its selection (null: the image's own); every plane gets the same selection. */
	public RunResult run(final ImagePlus image, final Roi selection, final StepListener listener)
		throws ModelLoadException
	{
		final long start = System.nanoTime();
		final Roi roi = selection != null ? selection : image == null ? null : image.getRoi();
		if (image != null && (roi == null || !roi.isArea())) {
			throw new IllegalArgumentException(COMMAND + " needs an area selection on image " + image.getTitle() + ".");
		}
		try (LoadedModel loaded = ModelPaths.acquireUnconditioned(request.model, request.device, COMMAND)) {
			final ModelConfig config = loaded.config();
			final ImageInput input = ImageInput.of(image, COMMAND, config, loaded.denoiser().fixedSize(), request.range);
			final RePaint repaint = new RePaint(config.scheduler(), request.steps, request.jump, request.resample,
				request.eta);
			final float[] known = knownMask(image, roi);
			if (input.items.nonFiniteCount() > 0) {
				withoutUnknownPixels(known, input);
				IJ.log("DiffusionJ: image " + image.getTitle() + " has " + input.items.nonFiniteCount() + " NaN or infinite " +
					"pixel(s); " + COMMAND + " fills them in with the selection.");
			}
			final float[] paddedKnown = input.tensors.padPlane(known);
			final int classIndex = config.classIndex(request.label), samples = request.samples;
			final int total = input.items.size() * samples;
			final int perPass = MemoryPlan.imagesPerPass(request.batch, loaded, null, Guidance.of(loaded, classIndex,
				request.guidance, 1).modelImagesPerImage(), config.inChannels(), input.tensors.paddedHeight(), input.tensors
					.paddedWidth(), listener::note);
			final List<List<float[][]>> results = ItemRun.run(input.tensors, input.items.size(), samples, perPass, null, (x,
				first, items, tiles) -> repaint.run(Guidance.of(loaded.denoiser(), config, classIndex, request.guidance, x
					.n()), x, paddedKnown, new NoiseBatch(request.seed, first, x.n()), StepListener.forBatch(listener, first, x
						.n(), total)), listener::note);
			keepKnownPixels(results, input, known);
			final String recipe = new Recipe(COMMAND, loaded).put("steps", request.steps + " (" + repaint.modelCalls() +
				" model calls)").put("jump", request.jump).put("resample", request.resample).put("eta", request.eta).put(
					"seed", request.seed).put("label", config.className(classIndex)).put("guidance", request.guidance).put(
						"range", input.rangeText()).put("samples", samples).put("selection", roi.getBounds()).toString();
			final Map<String, ImagePlus> images = new LinkedHashMap<>();
			new SampleOutputs(input, recipe, images::put).show(results, OutputType.ofOrNull(request.type), input.stem() +
				"-inpainted");
			return new RunResult(images, recipe, (System.nanoTime() - start) / 1e9);
		}
	}

	/** 1 outside the selection (known), 0 inside (to fill); (height * width); refused when it covers no pixel. */
	private static float[] knownMask(final ImagePlus imp, final Roi roi) {
		final int w = imp.getWidth(), h = imp.getHeight();
		final float[] known = new float[w * h];
		boolean any = false;
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				known[y * w + x] = roi.contains(x, y) ? 0 : 1;
				any |= known[y * w + x] == 0;
			}
		}
		if (!any) {
			throw new IllegalArgumentException("The selection on image " + imp.getTitle() + " covers none of its pixels, " +
				"so " + COMMAND + " has nothing to fill: select an area inside the image.");
		}
		return known;
	}

	/** NaN or infinite pixels (in any plane) are unknown too. */
	private static void withoutUnknownPixels(final float[] known, final ImageInput input) {
		for (int p = 0; p < input.items.size(); p++) {
			for (final float[] plane : input.items.item(p)) {
				for (int i = 0; i < known.length; i++) if (!Float.isFinite(plane[i])) known[i] = 0;
			}
		}
	}

	/** Pixels outside the selection are the input's, exactly (not the round trip through model space). */
	private static void keepKnownPixels(final List<List<float[][]>> results, final ImageInput input,
		final float[] known)
	{
		for (final List<float[][]> sample : results) {
			for (int p = 0; p < sample.size(); p++) {
				final float[][] out = sample.get(p), in = input.items.item(p);
				for (int c = 0; c < out.length; c++) {
					for (int i = 0; i < known.length; i++) if (known[i] == 1) out[c][i] = in[c][i];
				}
			}
		}
	}
}
