package org.diffusionj.command;

import ij.IJ;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Locale;

import org.diffusionj.api.ModelPaths;
import org.diffusionj.api.Tiling;
import org.diffusionj.model.LoadedModel;
import org.diffusionj.model.ModelConfig;
import org.diffusionj.model.ModelLoadException;
import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/** Plugins › DiffusionJ › Model Info...: what a model folder holds, in the Log. Loading it also validates it. */
@Plugin(type = Command.class, headless = true, menu = { @Menu(label = "Plugins"), @Menu(label = "DiffusionJ"),
	@Menu(label = "Model Info...", weight = 90) })
public final class ModelInfoCommand extends DiffusionCommand {

	@Parameter(label = "Model", description = KeyHelp.MODEL, persist = false)
	private String model = ModelPaths.DEFAULT_MODEL;

	@Parameter(label = "Device", choices = { "auto", "cpu", "cuda" }, description = KeyHelp.DEVICE, persist = false)
	private String device = "auto";

	@Override
	protected void execute() throws ModelLoadException {
		final LoadedModel loaded = hold(ModelPaths.acquire(model, device));
		final ModelConfig c = loaded.config();
		IJ.log("DiffusionJ model " + c.name());
		line("description", c.description());
		line("folder", loaded.folder().dir());
		final int fixed = loaded.denoiser().fixedSize();
		line("sample size", c.sampleWidth() + " x " + c.sampleHeight() + (fixed > 0 ? " (the ONNX graph takes only " +
			fixed + " x " + fixed + "; other sizes are padded up to it or tiled)" : " (other sizes are mirror-padded " +
				"to multiples of " + c.sizeMultiple() + ")"));
		line("channels", c.inChannels());
		line("pixel range", "[" + c.pixelLow() + ", " + c.pixelHigh() + "] maps to the model's [-1, 1]");
		line("classes", c.isConditional() ? c.numClasses() + ": " + String.join(", ", c.classNames()) + " (null class " +
			c.nullClassLabel() + ")" : "none (no class labels)");
		line("condition", c.condition().present() ? c.condition() + " (a restoration model: Restore Image...)"
			: "none");
		if (c.normalizePercentiles() != null) line("normalize", "each image by its " + c.normalizePercentiles()[0] +
			" and " + c.normalizePercentiles()[1] + " percentiles (range=model)");
		line("scheduler", c.scheduler());
		if (!c.epsilonScales().named().isEmpty()) line("epsilon scale", c.epsilonScales() + " (what epsilon=0 uses; " +
			"other samplers 1)");
		if (c.distilled() != null) line("distilled", "samples only with " + c.distilled() + " (the defaults take it)" + (c
			.distilled().teacher() == null ? "" : "; a run that names sampler, steps, eta or epsilon, or Restore's " +
			"samples=0, runs its teacher, " + c.distilled().teacher()));
		line("inputs", c.sampleInput() + ", " + c.timestepInput() + (c.isConditional() ? ", " + c.classLabelsInput()
			: "") + (c.condition().present() && !c.condition().concat() ? ", " + c.conditionInput() : ""));
		line("output", c.output());
		line("onnx file", loaded.folder().onnxFile() + " (" + size(loaded) + ")");
		line("sha-256", loaded.sha256());
		line("execution provider", loaded.denoiser().executionProvider());
		// NB: not in the recipe of results, whose bytes must not depend on the machine's cores
		line("threads", org.diffusionj.model.OnnxDenoiser.threads() + " (cores the JVM sees; -D" + org.diffusionj.model
			.OnnxDenoiser.THREADS_PROPERTY + "=N uses fewer)");
		final int tile = Tiling.DEFAULT_TILE;
		line("memory", String.format(Locale.ROOT, "about %.0f MB per %d x %d tile in a forward pass (%.0f B/pixel + " +
			"%.3f B/pixel^2)", c.memory().bytes((long) tile * tile) / 1e6, tile, tile, c.memory().perPixel(), c.memory()
				.perPixelSquared()));
		final org.diffusionj.model.ModelValidation validation = org.diffusionj.model.ModelValidation.of(loaded.folder()
			.dir());
		if (validation != null) {
			line("validation", validation + (validation.beatsGaussian() ? "" : ": it does NOT beat a Gaussian filter"));
		}
		final java.util.List<org.diffusionj.model.Calibrations.Entry> calibrations = org.diffusionj.model.Calibrations
			.read(loaded.folder().dir());
		if (calibrations.isEmpty() && c.condition().present()) {
			line("calibration", "none: Restore gives the std alone (Calibrate Uncertainty... makes one)");
		}
		for (final org.diffusionj.model.Calibrations.Entry e : calibrations) {
			line("calibration", e.promise() + String.format(Locale.ROOT, "; coverage there %.1f %%, %s", 100 * e.coverage,
				e.date) + (org.diffusionj.model.Calibrations.setAside(calibrations, e) ? "; set aside: a newer one " +
					"holds for the same settings" : ""));
		}
	}

	private static void line(final String key, final Object value) {
		IJ.log(String.format(Locale.ROOT, "  %-19s %s", key + ":", value));
	}

	private static String size(final LoadedModel loaded) {
		try {
			return String.format(Locale.ROOT, "%.1f MB", Files.size(loaded.folder().onnxFile()) / 1e6);
		}
		catch (final IOException e) {
			return "size unknown";
		}
	}
}
