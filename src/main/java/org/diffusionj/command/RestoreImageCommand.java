package org.diffusionj.command;

import org.diffusionj.api.ModelPaths;
import ij.ImagePlus;

import java.util.List;

import org.diffusionj.calibration.ResidualVerdict;
import org.diffusionj.image.OutputType;
import org.diffusionj.model.Calibrations;
import org.diffusionj.model.LoadedModel;
import org.diffusionj.model.ModelConfig;
import org.diffusionj.model.ModelLoadException;
import org.diffusionj.model.ModelValidation;
import org.diffusionj.sampling.Generator;
import org.diffusionj.sampling.GuidedDenoiser;
import org.diffusionj.sampling.NoiseBatch;
import org.diffusionj.sampling.SamplerKind;
import org.diffusionj.sampling.SamplerSettings;
import org.diffusionj.sampling.StepListener;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Plugin;

/**
 * Plugins › DiffusionJ › Restore Image...: a restoration model (conditioned on an image, SR3 / Palette style)
 * samples clean images given the active image, {@code samples} times; their mean is the estimate and their
 * per-pixel standard deviation its uncertainty.
 */
@Plugin(type = Command.class, headless = true, menu = { @Menu(label = "Plugins"), @Menu(label = "DiffusionJ"),
	@Menu(label = "Restore Image...", weight = 30) })
public final class RestoreImageCommand extends TiledSamplingCommand {

	@Parameter(required = false, persist = false)
	private ImagePlus image;

	@Parameter(label = "Samples", description = "restorations per image, averaged; more than 1 also gives the " +
		"per-pixel standard deviation (uncertainty); 0: the posterior mean in one model call, no uncertainty", min = "0",
		persist = false)
	private int samples = 8;

	@Parameter(label = "Range", choices = { "auto", "model", "image", "percentile" },
		description = ImageInput.RANGE_HELP, persist = false)
	private String range = "auto";

	@Parameter(label = "Keep samples", description = "also output every sample as a stack", persist = false)
	private boolean keep = false;

	@Parameter(label = "Batch", description = "images per forward pass", min = "1", persist = false)
	private int batch = 8;

	@Parameter(label = "Residual image", description = "also output the image less the mean: what the residual test " +
		"(does the restoration explain the image?) examined", persist = false)
	private boolean residual = false;

	public RestoreImageCommand() {
		model = ModelPaths.RESTORATION_MODEL; // the generative default model cannot restore
		// measured on the shipped model (docs/training.md): DPM-Solver++(2M) over DDIM's timesteps gives the best calibrated
		// spread (87 % of true pixels within 2 std of 8 samples, diffusers' own DPM++2M plan 83 %), with 20 calls
		// against DDPM-50's 50
		sampler = SamplerKind.DPM_SOLVER_2M_T0.label(); // steps=0: its default of 20 calls
	}

	@Override
	protected boolean takesRestorationModels() {
		return true;
	}

	@Override
	protected void execute() throws ModelLoadException {
		final LoadedModel loaded = loadModel();
		final ModelConfig config = loaded.config();
		if (!config.condition().present()) {
			throw new IllegalArgumentException("Model " + config.name() + " is not a restoration model (its diffusion.json " +
				"declares no \"condition\"): Restore Image... needs one; Noise and Denoise... works with this model.");
		}
		if (config.condition().channels() != config.inChannels()) {
			throw new IllegalArgumentException("Model " + config.name() + " restores " + config.inChannels() +
				" channel(s) from a condition of " + config.condition().channels() + "; Restore Image... needs the two to match.");
		}
		final ImageInput input = ImageInput.ofCondition(image, label(), config, loaded.denoiser().fixedSize(), range);
		final ModelValidation validation = ModelValidation.of(loaded.folder().dir());
		if (validation != null && !validation.beatsGaussian() && loaded.firstNotice("validation")) {
			ij.IJ.log("DiffusionJ: model " + config.name() + " does not beat a Gaussian filter on its own held-out pairs (" +
				validation + "): train it longer or on more pairs before trusting its results.");
		}
		if (samples < 0) throw new IllegalArgumentException("samples=" + samples + " is out of range: it must be 0 (the " +
			"posterior mean in one call) or more");
		final boolean oneCall = samples == 0;
		final int draws = oneCall ? 1 : samples;
		final Generator generator = oneCall ? Generator.posteriorMean(config.scheduler(), seed) : new Generator(config
			.scheduler(), samplerSettings(config));
		final SamplerSettings settings = generator.settings();
		final int classIndex = config.classIndex(label);
		final Tiling tiling = tiling(loaded);
		final StatusProgress progress = progress(preview);
		final int total = input.items.size() * draws;
		final int perPass = MemoryPlan.imagesPerPass(batch, loaded, tiling, Guidance.of(loaded, classIndex, guidance, 1)
			.modelImagesPerImage(), config.sampleInputChannels(), input.tensors.paddedHeight(), input.tensors
				.paddedWidth(), progress::note);
		final List<List<float[][]>> results = ItemRun.run(input.tensors, input.results, input.items.size(), draws,
			perPass, tiling, (condition, first, items, tiles) -> {
				final GuidedDenoiser model = Guidance.of(tiles.wrap(loaded.denoiser()), config, classIndex, guidance,
					condition.n()).withCondition(condition);
				final NoiseBatch noise = noiseBatch(first, items, draws, input.tensors.padTop(), input.tensors.padLeft(),
					image);
				return generator.generate(model, noise, config.inChannels(), condition.h(), condition.w(), StepListener
					.forBatch(progress, first, condition.n(), total));
			}, progress::note);
		final String map = input.tensors.perItem() ? "each plane by its own percentiles" : input.tensors.mapping().low() +
			" to " + input.tensors.mapping().high() + " -> [-1, 1]";
		final String check = oneCall ? "not run: samples=0 gives the posterior mean, no samples to test" : ResidualVerdict
			.of(input.items.allItems(), results, input.items.width(), input.items.height()).toString();
		ij.IJ.log("DiffusionJ: " + input.stem() + "-restored: residual test " + check);
		final String recipe = samplingRecipe(loaded, settings, classIndex).put("range", input.rangeText() + " (" + map +
			")").put("samples", oneCall ? "0 (the posterior mean in one call: x0 predicted at t = " + (config.scheduler()
				.numTrainTimesteps() - 1) + ")" : samples).put("tile", tile).put("overlap", overlap).put("noise", noise).put(
					"residual test", check).toString();
		final SampleOutputs outputs = new SampleOutputs(input, recipe, this::show);
		final OutputType chosen = OutputType.ofOrNull(type); // a mean is no whole number: 32-bit unless type says
		outputs.showRestoration(results, oneCall && chosen == null && !input.items.isRgb() ? OutputType.BIT32 : chosen,
			input.stem() + "-restored", keep && !oneCall, calibration(loaded, settings)); // one call: no samples to keep
		if (residual && input.items.isRgb()) ij.IJ.log("DiffusionJ: residual=true gives no image for an RGB input " +
			"(the residual of a colour is no colour); the residual test ran on each channel.");
		else if (residual) outputs.showResidual(results, input.stem() + "-restored", recipe);
	}

	/**
	 * The model's calibrated interval for these settings (Calibrate Uncertainty...), or null: then the std alone, and
	 * for a model calibrated for other settings one Log line saying so.
	 */
	private Calibrations.Entry calibration(final LoadedModel loaded, final SamplerSettings settings)
		throws ModelLoadException
	{
		if (samples < 2) return null;
		final List<Calibrations.Entry> entries = Calibrations.read(loaded.folder().dir());
		final Calibrations.Entry entry = Calibrations.find(entries, label(), settings.kind().label(), settings.steps(),
			settings.eta(), samples);
		if (entry == null && !entries.isEmpty() && loaded.firstNotice("calibration " + settings.kind()
			.label() + "-" + settings.steps() + " " + settings.eta() + " " + samples)) {
			ij.IJ.log("DiffusionJ: model " + loaded.config().name() + " is not calibrated for these settings (" +
				settings.kind().label() + "-" + settings.steps() + ", eta " + settings.eta() + ", " + samples +
				" samples): the std alone, no calibrated interval (Model Info lists the calibrated settings).");
		}
		return entry;
	}
}
