package org.diffusionj.command;

import ij.ImagePlus;
import ij.gui.Roi;

import java.util.List;

import org.diffusionj.api.Guidance;
import org.diffusionj.api.ImageInput;
import org.diffusionj.api.ItemRun;
import org.diffusionj.api.MemoryPlan;
import org.diffusionj.api.Recipe;
import org.diffusionj.api.SampleOutputs;
import org.diffusionj.image.OutputType;
import org.diffusionj.model.LoadedModel;
import org.diffusionj.model.ModelConfig;
import org.diffusionj.model.ModelLoadException;
import org.diffusionj.sampling.Denoiser;
import org.diffusionj.sampling.NoiseBatch;
import org.diffusionj.sampling.RePaint;
import org.diffusionj.sampling.StepListener;
import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins › DiffusionJ › Inpaint Selection...: fills the area selection of the active image with content
 * consistent with its surroundings (RePaint); pixels outside the selection are kept exactly.
 */
@Plugin(type = Command.class, headless = true, menu = { @Menu(label = "Plugins"), @Menu(label = "DiffusionJ"),
	@Menu(label = "Inpaint Selection...", weight = 40) })
public final class InpaintSelectionCommand extends ModelCommand {

	@Parameter(required = false, persist = false)
	private ImagePlus image;

	@Parameter(label = "Steps", description = "denoising steps over the whole schedule", min = "1", persist = false)
	private int steps = 50;

	@Parameter(label = "Jump", description = "steps between jumps back (RePaint's jump length)", min = "1",
		persist = false)
	private int jump = 5;

	@Parameter(label = "Resample", description = "passes over each jump (RePaint's jump_n_sample)", min = "1",
		persist = false)
	private int resample = 5;

	@Parameter(label = "Eta", description = "0: DDIM-like unknown update, 1: DDPM-like", min = "0", persist = false)
	private double eta = 1;

	@Parameter(label = "Seed", description = "the same seed gives the same pixels", persist = false)
	private long seed = 42;

	@Parameter(label = "Label", description = "class name or index of a conditional model; none: unconditional",
		initializer = "initLabelChoices", persist = false)
	private String label = "none";

	@Parameter(label = "Guidance", description = "classifier-free guidance scale: 1 plain conditional, 0 unconditional",
		persist = false)
	private double guidance = 1;

	@Parameter(label = "Samples", description = "fills per image; more than 1 also gives mean and std images",
		min = "1", persist = false)
	private int samples = 1;

	@Parameter(label = "Range", choices = { "auto", "model", "image", "percentile" },
		description = ImageInput.RANGE_HELP, persist = false)
	private String range = "auto";

	@Parameter(label = "Type", description = "output bit depth; auto keeps the input's",
		choices = { OutputType.AUTO, "8-bit", "16-bit", "32-bit" }, persist = false)
	private String type = OutputType.AUTO;

	@Parameter(label = "Batch", description = "images per forward pass", min = "1", persist = false)
	private int batch = 8;

	@Parameter(label = "Preview", description = "show the predicted clean image while it works (GUI only)",
		persist = false)
	private boolean preview = true;

	@Override
	protected void execute() throws ModelLoadException {
		final Roi roi = image == null ? null : image.getRoi();
		if (image != null && (roi == null || !roi.isArea())) {
			throw new IllegalArgumentException(label() + " needs an area selection on image " + image.getTitle() + ".");
		}
		final LoadedModel loaded = loadModel();
		final ModelConfig config = loaded.config();
		final ImageInput input = ImageInput.of(image, label(), config, loaded.denoiser().fixedSize(), range);
		final RePaint repaint = new RePaint(config.scheduler(), steps, jump, resample, eta);
		final float[] known = knownMask(image, roi);
		if (!hasUnknown(known)) {
			throw new IllegalArgumentException("The selection on image " + image.getTitle() + " covers none of its " +
				"pixels, so " + label() + " has nothing to fill: select an area inside the image.");
		}
		if (input.items.nonFiniteCount() > 0) {
			withoutUnknownPixels(known, input);
			ij.IJ.log("DiffusionJ: image " + image.getTitle() + " has " + input.items.nonFiniteCount() +
				" NaN or infinite pixel(s); " + label() + " fills them in with the selection.");
		}
		final float[] paddedKnown = input.tensors.padPlane(known);
		final OutputType outputType = OutputType.ofOrNull(type);
		final int classIndex = config.classIndex(label);
		final Denoiser denoiser = loaded.denoiser();
		final StatusProgress progress = progress(preview);
		final int total = input.items.size() * samples;
		final int perPass = MemoryPlan.imagesPerPass(batch, loaded, null, Guidance.of(loaded, classIndex, guidance, 1)
			.modelImagesPerImage(), config.inChannels(), input.tensors.paddedHeight(), input.tensors.paddedWidth(),
			progress::note);
		final List<List<float[][]>> results = ItemRun.run(input.tensors, input.items.size(), samples, perPass, null, (x,
			first, items, tiles) -> repaint.run(Guidance.of(denoiser, config, classIndex, guidance, x.n()), x, paddedKnown,
				new NoiseBatch(seed, first, x.n()), StepListener.forBatch(progress, first, x.n(), total)), progress::note);
		keepKnownPixels(results, input, known);
		final String recipe = new Recipe(label(), loaded).put("steps", steps + " (" + repaint.modelCalls() +
			" model calls)").put("jump", jump).put("resample", resample).put("eta", eta).put("seed", seed).put("label",
				config.className(classIndex)).put("guidance", guidance).put("range", input.rangeText()).put("samples",
					samples).put("selection", roi.getBounds()).toString();
		new SampleOutputs(input, recipe, this::show).show(results, outputType, input.stem() + "-inpainted");
	}

	private static boolean hasUnknown(final float[] known) {
		for (final float k : known) if (k == 0) return true;
		return false;
	}

	/** 1 outside the selection (known), 0 inside (to fill); (height * width). */
	private static float[] knownMask(final ImagePlus imp, final Roi roi) {
		final int w = imp.getWidth(), h = imp.getHeight();
		final float[] known = new float[w * h];
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) known[y * w + x] = roi.contains(x, y) ? 0 : 1;
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
