package org.diffusionj.app;

import ij.IJ;
import ij.ImagePlus;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import org.diffusionj.api.Deconvolution;
import org.diffusionj.api.ModelPaths;
import org.diffusionj.api.PosteriorResult;
import org.diffusionj.api.Recipe;
import org.diffusionj.calibration.IntervalCalibration;
import org.diffusionj.command.DiffusionCommand;
import org.diffusionj.command.MacroKeys;
import org.diffusionj.model.Calibrations;
import org.diffusionj.model.IntervalSettings;
import org.diffusionj.model.LoadedModel;
import org.diffusionj.model.ModelCache;
import org.diffusionj.model.ModelLoadException;
import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins › DiffusionJ › Calibrate Uncertainty...: restores every source of a folder of held-out pairs with the
 * model's command (Restore Image... for a restoration model; Deconvolve Image... for a prior, with the PSF and camera
 * keys of {@code options}), scores each pixel by |target − mean| / std, and writes into the model folder's
 * calibration.json the λ̂ for which mean ± λ̂·std misses at most α of the pixels of an image like these, with
 * probability at least 1 − δ ({@link IntervalCalibration}). That command then adds the lower and upper bounds when it
 * runs with the same settings. In the app package because it runs another command.
 */
@Plugin(type = Command.class, headless = true, menu = { @Menu(label = "Plugins"), @Menu(label = "DiffusionJ"),
	@Menu(label = "Calibrate Uncertainty...", weight = 35) })
public final class CalibrateUncertaintyCommand extends DiffusionCommand {

	private static final String RESTORE = "Restore Image...";

	@Parameter(label = "Model", description = "a restoration model (Restore Image...) or a prior (Deconvolve Image...): " +
		"a folder, or a name under models/", persist = false)
	private String model = ModelPaths.RESTORATION_MODEL;

	@Parameter(label = "Pairs", style = "directory", description = "held-out pairs: source/ and target/, same names",
		persist = false)
	private String pairs = "";

	@Parameter(label = "Alpha", description = "the share of pixels the interval may miss, in (0, 0.5]", persist = false)
	private double alpha = 0.1;

	@Parameter(label = "Delta", description = "the chance that the promise fails, in (0, 0.5]", persist = false)
	private double delta = 0.1;

	@Parameter(label = "Samples", description = "restorations per image, as Restore will use them (λ depends on it)",
		min = "2", persist = false)
	private int samples = 8;

	@Parameter(label = "Seed", description = "each pair's seed comes from it and the file's name", persist = false)
	private long seed = 1;

	@Parameter(label = "Options", required = false, description = "more keys of the model's command: for Restore " +
		"sampler, steps, eta, range, ...; for Deconvolve the PSF and camera (psf, sigma, noise, gain, ...) and steps",
		persist = false)
	private String options = "";

	@Override
	protected void execute() throws ModelLoadException {
		if (!(alpha > 0 && alpha <= 0.5) || !(delta > 0 && delta <= 0.5)) {
			throw new IllegalArgumentException("alpha and delta must lie in (0, 0.5], not " + alpha + " and " + delta + ".");
		}
		if (samples < 2) throw new IllegalArgumentException("samples=" + samples + ": a std needs at least 2 samples.");
		for (final String key : MacroKeys.keysIn(options)) {
			if (key.equals("model") || key.equals("samples") || key.equals("seed")) {
				throw new IllegalArgumentException("options=[...] must not give " + key + ": it is a key of Calibrate " +
					"Uncertainty... itself.");
			}
		}
		final Path dir = ModelPaths.resolve(model);
		final String command;
		try (LoadedModel loaded = ModelCache.acquire(dir)) {
			final boolean prior = !loaded.config().condition().present() && loaded.config().inChannels() == 1;
			if (!loaded.config().condition().present() && !prior) {
				throw new IllegalArgumentException("Model " + loaded.config().name() + " declares no \"condition\" and " +
					"has " + loaded.config().inChannels() + " channels: Calibrate Uncertainty... calibrates a restoration " +
					"model (Restore Image...) or a prior of one channel (Deconvolve Image...).");
			}
			command = prior ? Deconvolution.COMMAND : RESTORE;
		}
		final PairsFolder folder = PairsFolder.check(pairs);
		final int needed = IntervalCalibration.fewestImages(alpha, delta);
		if (folder.names.size() < needed) {
			throw new IllegalArgumentException("pairs=[" + pairs + "] holds " + folder.names.size() + " pairs; alpha=" +
				alpha + " with delta=" + delta + " needs at least " + needed + ": with fewer, even an interval that missed " +
				"no pixel could not be promised (the bound is over images, not pixels).");
		}
		final String base = "model=[" + dir + "] samples=" + samples + " " + options.trim();
		final HeadlessCommands.Call call = HeadlessCommands.Call.of(getContext(), command, base); // one sentence if bad
		final float[][] scores = new float[folder.names.size()][];
		IntervalSettings settings = null; // what the pairs ran with, as the command resolved it (steps=0: its default)
		double residualMax = Double.NEGATIVE_INFINITY; // the largest residual-test score of the pairs' restorations
		Path ran = dir; // the folder whose network ran: a distilled model's teacher when the options name a sampler
		long pixels = 0;
		for (int i = 0; i < scores.length; i++) {
			if (IJ.escapePressed()) throw new java.util.concurrent.CancellationException();
			final String name = folder.names.get(i);
			IJ.showStatus("Calibrate Uncertainty: " + (i + 1) + "/" + scores.length + " " + name);
			IJ.showProgress(i, scores.length);
			final PosteriorResult made = (PosteriorResult) call.run(getContext(), folder.source(name), BatchShard.fileSeed(
				seed, name), java.util.Collections.emptyMap());
			settings = made.settings;
			final Path madeBy = Recipe.modelFolder(made.recipe);
			if (madeBy != null) ran = madeBy;
			if (made.residualScore > residualMax) residualMax = made.residualScore; // NB: NaN (not tested) is never larger
			scores[i] = scores(folder.target(name), made.mean(), made.std());
			pixels += scores[i].length;
			IJ.log(String.format(Locale.US, "Calibrate Uncertainty: %s: %.1f %% of pixels outside mean ± 2 std", name,
				100 * IntervalCalibration.missRate(new float[][] { scores[i] }, 2)));
		}
		IJ.showProgress(1.0);
		final IntervalCalibration.Result r = IntervalCalibration.calibrate(scores, alpha, delta);
		if (Double.isNaN(r.lambda)) {
			throw new IllegalArgumentException("No interval up to mean ± " + IntervalCalibration.MAX + " std misses at " +
				"most alpha=" + alpha + " of the pixels of these pairs with confidence 1 - delta: the model's std does not " +
				"describe its errors here; nothing was written.");
		}
		final Calibrations.Entry entry = new Calibrations.Entry(alpha, delta, r.lambda, settings, scores.length, pixels, 1 -
			r.missRate, r.bound, folder.toString(), seed, LocalDate.now().toString(), residualMax);
		final Calibrations.Entry replaced;
		final List<Calibrations.Entry> before;
		try {
			before = Calibrations.holding(Calibrations.read(ran), settings);
			replaced = Calibrations.add(ran, entry);
		}
		catch (final IOException e) {
			throw new IllegalArgumentException("Cannot write " + ran.resolve(Calibrations.FILE) + ": " + e.getMessage(), e);
		}
		final Calibrations.Entry older = before.isEmpty() ? null : before.get(before.size() - 1);
		if (!ran.equals(dir)) IJ.log("Calibrate Uncertainty: the pairs were restored by " + ran.getFileName() + ", the " +
			"teacher of " + dir.getFileName() + " (the options name a sampling the student was not distilled for): its " +
			Calibrations.FILE + " holds the entry.");
		IJ.log("Calibrate Uncertainty: " + entry.promise() + String.format(Locale.US, "; on these pairs %.1f %% of " +
			"pixels inside, bound on misses %.3f", 100 * entry.coverage, r.bound) + (replaced == null ? "" :
				"; replaces the calibration of " + replaced.date + " with the same settings") + (older == null ||
					older.alpha == entry.alpha && older.delta == entry.delta ? "" : "; runs with these settings use it from now on, not the one of " + older.date +
						" (" + older.promise() + "), which calibration.json keeps") + ".");
		IJ.showStatus("");
	}

	/** Per pixel of every plane: |target − mean| / std. */
	private static float[] scores(final ImagePlus target, final ImagePlus mean, final ImagePlus std) {
		final int n = target.getWidth() * target.getHeight(), planes = target.getStackSize();
		final float[] out = new float[n * planes];
		for (int z = 1; z <= planes; z++) {
			for (int i = 0; i < n; i++) {
				out[(z - 1) * n + i] = IntervalCalibration.score(target.getStack().getProcessor(z).getf(i), mean.getStack()
					.getProcessor(z).getf(i), std.getStack().getProcessor(z).getf(i));
			}
		}
		return out;
	}
}
