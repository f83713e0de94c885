package org.diffusionj.command;

import ij.CompositeImage;
import ij.ImagePlus;
import ij.ImageStack;

import java.util.List;

import org.diffusionj.api.Guidance;
import org.diffusionj.api.ImageInput;
import org.diffusionj.api.SampleSize;
import org.diffusionj.api.UnknownPixels;
import org.diffusionj.image.IntensityMapping;
import org.diffusionj.image.ItemTensors;
import org.diffusionj.image.OutputType;
import org.diffusionj.model.LoadedModel;
import org.diffusionj.model.ModelConfig;
import org.diffusionj.model.ModelLoadException;
import org.diffusionj.sampling.Generator;
import org.diffusionj.sampling.GuidedDenoiser;
import org.diffusionj.sampling.NoiseBatch;
import org.diffusionj.sampling.SamplerSettings;
import org.diffusionj.sampling.SdEdit;
import org.diffusionj.sampling.StepRecorder;
import org.diffusionj.sampling.Tensor;
import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins › DiffusionJ › Denoising Steps...: every k-th step of one run as a hyperstack, frames = steps,
 * channels = x_t, predicted x0 and predicted noise. From noise it is the run Generate Images makes for
 * image 1; from the image (current plane) the run Noise and Denoise makes, with the same seed. With a
 * restoration model, start=noise shows the run Restore Image makes for the current plane's first sample.
 */
@Plugin(type = Command.class, headless = true, menu = { @Menu(label = "Plugins"), @Menu(label = "DiffusionJ"),
	@Menu(label = "Denoising Steps...", weight = 50) })
public final class DenoisingStepsCommand extends SamplingCommand {

	@Parameter(required = false, persist = false)
	private ImagePlus image;

	@Parameter(label = "Start",
		description = "noise: a run from pure noise (a restoration model: of the active image); image: the Noise " +
			"and Denoise run of the current plane",
		choices = { "noise", "image" }, persist = false)
	private String start = "noise";

	@Parameter(label = "Strength", description = "start=image: noise level in (0, 1]", persist = false)
	private double strength = 0.5;

	@Parameter(label = "Every", description = "record every k-th step (the last is always recorded)", min = "1",
		persist = false)
	private int every = 1;

	@Parameter(label = "Width", description = "start=noise: 0 is the model's sample size", min = "0", persist = false)
	private int width = 0;

	@Parameter(label = "Height", description = "start=noise: 0 is the model's sample size", min = "0", persist = false)
	private int height = 0;

	@Parameter(label = "Range", choices = { "auto", "model", "image", "percentile" },
		description = ImageInput.RANGE_HELP, persist = false)
	private String range = "auto";

	@Override
	protected boolean takesRestorationModels() {
		return true;
	}

	@Override
	protected void execute() throws ModelLoadException {
		final LoadedModel loaded = loadModel();
		final ModelConfig config = loaded.config();
		final SamplerSettings settings = samplerSettings(config);
		final int classIndex = config.classIndex(label);
		GuidedDenoiser guided = Guidance.of(loaded, classIndex, guidance, 1);
		final StepRecorder recorder = new StepRecorder(every, progress(preview));
		final ItemTensors tensors;
		final String title;
		final boolean restoration = config.condition().present();
		if (restoration && "image".equalsIgnoreCase(start.trim())) {
			throw new IllegalArgumentException("start=image cannot be used with restoration model " + config.name() +
				": start=noise shows its restoration of the active image step by step.");
		}
		if (restoration && "noise".equalsIgnoreCase(start.trim())) {
			final ImagePlus plane = currentPlane(config);
			final ImageInput input = ImageInput.ofCondition(plane, label(), config, loaded.denoiser().fixedSize(), range);
			tensors = input.results;
			guided = guided.withCondition(input.tensors.batch(0, 1));
			new Generator(config.scheduler(), settings).generate(guided, 0, 1, config.inChannels(), tensors
				.paddedHeight(), tensors.paddedWidth(), recorder);
			title = plane.getShortTitle() + "-steps";
		}
		else if ("image".equalsIgnoreCase(start.trim())) {
			final ImagePlus plane = currentPlane(config);
			final ImageInput input = ImageInput.of(plane, label(), config, loaded.denoiser().fixedSize(), range);
			tensors = input.tensors;
			final SdEdit sdedit = new SdEdit(config.scheduler(), settings, strength);
			final NoiseBatch noise = new NoiseBatch(seed, 0, 1);
			final UnknownPixels unknown = UnknownPixels.of(input, config.scheduler(), label());
			final Tensor x0 = unknown == null ? tensors.batch(0, 1) : unknown.fill(tensors.batch(0, 1), new int[] { 0 },
				guided, noise);
			sdedit.run(guided, x0, noise, recorder);
			title = plane.getShortTitle() + "-steps";
		}
		else if ("noise".equalsIgnoreCase(start.trim())) {
			// as Generate: sampled at the next size the network takes, each frame cut back to the size asked for
			final SampleSize size = SampleSize.of(width, height, config);
			tensors = ItemTensors.ofSize(size.width, size.height, config.sizeMultiple(), loaded.denoiser().fixedSize(),
				new IntensityMapping(config.pixelLow(), config.pixelHigh()));
			new Generator(config.scheduler(), settings).generate(guided, 0, 1, config.inChannels(), tensors
				.paddedHeight(), tensors.paddedWidth(), recorder);
			title = config.name() + "-steps";
		}
		else throw new IllegalArgumentException("start=" + start + " is not a start (known: noise, image)");
		final ImagePlus imp = hyperstack(recorder.steps(), tensors, title);
		// a run of the image keeps its calibration (pixel size, units); one from noise has none
		if (!"noise".equalsIgnoreCase(start.trim()) || restoration) imp.setCalibration(image.getCalibration().copy());
		imp.setProperty("Info", samplingRecipe(loaded, settings, classIndex).put("start", start).put("every", every)
			.toString());
		show(RESULT, imp);
	}

	private ImagePlus currentPlane(final ModelConfig config) {
		if (image == null) throw new IllegalArgumentException(label() + (config.condition().present() ? " with a " +
			"restoration model needs an open image to restore." : " with start=image needs an open image."));
		if (image.getType() == ImagePlus.COLOR_RGB && config.inChannels() == 1) {
			throw new IllegalArgumentException(label() + " follows one grey plane, and " + image.getTitle() + " is RGB: " +
				"make it grey (Image > Type > 8-bit) or split its channels first.");
		}
		final ImagePlus plane = new ImagePlus(image.getTitle(), image.getProcessor().duplicate());
		plane.setCalibration(image.getCalibration().copy());
		return plane;
	}

	/** Channels x_t, x0Pred (intensities) and eps (model units), each per model channel; a frame per step. */
	private static ImagePlus hyperstack(final List<StepRecorder.Step> steps, final ItemTensors tensors,
		final String title)
	{
		final ImageStack stack = new ImageStack(tensors.width(), tensors.height());
		final String[] names = { "x_t", "x0 predicted", "noise predicted" };
		int channels = 0;
		for (final StepRecorder.Step s : steps) {
			final float[][][] kinds = { tensors.intensities(s.x, 0), tensors.intensities(s.x0Pred, 0), tensors
				.modelUnits(s.eps, 0) };
			channels = 3 * kinds[0].length;
			for (int k = 0; k < 3; k++) {
				for (int c = 0; c < kinds[k].length; c++) {
					stack.addSlice(names[k] + (kinds[k].length > 1 ? " c" + c : "") + " t=" + s.t, OutputType.BIT32
						.processor(tensors.width(), tensors.height(), kinds[k][c]));
				}
			}
		}
		final ImagePlus imp = new ImagePlus(title, stack);
		imp.setDimensions(channels, 1, steps.size());
		final CompositeImage composite = new CompositeImage(imp, CompositeImage.GRAYSCALE);
		final IntensityMapping m = tensors.mapping();
		for (int c = 1; c <= channels; c++) {
			composite.setC(c);
			if (c <= 2 * channels / 3) composite.setDisplayRange(m.low(), m.high());
			else composite.setDisplayRange(-3, 3); // predicted noise is N(0, 1)-like
		}
		composite.setC(1);
		return composite;
	}
}
