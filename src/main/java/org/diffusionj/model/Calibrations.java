package org.diffusionj.model;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * calibration.json of a model folder: the calibrated intervals of Calibrate Uncertainty..., one entry per setting
 * they hold for (λ depends on the command, sampler, steps, η and the number of samples, and for a prior's Deconvolve
 * Image... on the PSF and camera: its {@code physics}). A calibration with new
 * settings adds an entry; one with the same settings and levels replaces its entry, and says so.
 */
public final class Calibrations {

	public static final String FILE = "calibration.json";

	private Calibrations() {}

	/** One calibration: mean ± λ·std misses at most α of the pixels, with probability at least 1 − δ. */
	public static final class Entry {

		public final double alpha, delta, lambda, coverage, bound, eta;
		public final String command, sampler, pairs, date;
		/**
		 * The largest residual-test score of the calibration's images (ResidualTest), or null (an entry from before):
		 * the interval was promised for images up to it, so the test flags an image only above it.
		 */
		private final Double residual_max;
		/** Deconvolve Image...'s PSF, camera and sampler settings in one line ({@code DeconvolveRequest.physicsKey()}); Restore: none. */
		private final String physics;
		public final int steps, samples, images;
		public final long pixels, seed;

		public Entry(final double alpha, final double delta, final double lambda, final IntervalSettings settings,
			final int images, final long pixels, final double coverage, final double bound, final String pairs,
			final long seed, final String date, final double residualMax)
		{
			this.residual_max = Double.isFinite(residualMax) ? residualMax : null;
			this.physics = settings.physics.isEmpty() ? null : settings.physics; // NB: Restore's entries keep no key
			this.alpha = alpha;
			this.delta = delta;
			this.lambda = lambda;
			this.command = settings.command;
			this.sampler = settings.sampler;
			this.steps = settings.steps;
			this.eta = settings.eta;
			this.samples = settings.samples;
			this.images = images;
			this.pixels = pixels;
			this.coverage = coverage;
			this.bound = bound;
			this.pairs = pairs;
			this.seed = seed;
			this.date = date;
		}

		/** The largest residual-test score of its images, or NaN when the entry has none. */
		public double residualMax() {
			return residual_max == null ? Double.NaN : residual_max;
		}

		/** The PSF and camera it holds for ("" for a restoration model's entry; an entry from before reads as ""). */
		public String physics() {
			return physics == null ? "" : physics;
		}

		/** Whether this entry holds for a run with these settings. */
		public boolean holdsFor(final IntervalSettings s) {
			return command.equals(s.command) && sampler.equals(s.sampler) && steps == s.steps && eta == s.eta &&
				samples == s.samples && physics().equals(s.physics);
		}

		private IntervalSettings settings() {
			return new IntervalSettings(command, sampler, steps, eta, samples, physics());
		}

		private boolean sameSettings(final Entry o) {
			return holdsFor(o.settings()) && alpha == o.alpha && delta == o.delta;
		}

		/** What the interval promises, in one line (the result's Info, Model Info, the Log). */
		public String promise() {
			return String.format(Locale.US, "mean ± %.2f std: at least %.0f %% of pixels inside (alpha %s, delta %s), " +
				"calibrated on %d images (%s) for %s %s-%d with %d samples%s", lambda, 100 * (1 - alpha), num(alpha), num(
					delta), images, pairs, command, sampler, steps, samples, physics().isEmpty() ? "" : " (" + physics + ")");
		}

		private static String num(final double v) {
			return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
		}
	}

	/** The entries of a model folder (none when it has no calibration.json). */
	public static List<Entry> read(final Path dir) throws ModelLoadException {
		final Path file = dir.resolve(FILE);
		if (!Files.exists(file)) return Collections.emptyList();
		try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			final JsonElement root = JsonParser.parseReader(r);
			final JsonArray array = root.getAsJsonObject().getAsJsonArray("calibrations");
			final List<Entry> entries = new ArrayList<>();
			final Gson gson = new Gson();
			for (final JsonElement e : array) entries.add(gson.fromJson(e, Entry.class));
			return entries;
		}
		catch (final IOException | JsonParseException | IllegalStateException | NullPointerException e) {
			throw new ModelLoadException("Cannot read " + file + ": it is not a calibration file of DiffusionJ (" + e
				.getMessage() + ").");
		}
	}

	/**
	 * The last of these entries that holds for these settings, or null: of two calibrations for one run's settings (at
	 * other α or δ), the newer is used and the older set aside ({@link #holding}).
	 */
	public static Entry find(final List<Entry> entries, final IntervalSettings settings) {
		final List<Entry> holding = holding(entries, settings);
		return holding.isEmpty() ? null : holding.get(holding.size() - 1);
	}

	/** The entries that hold for these settings, oldest first; all but the last are set aside ({@link #find}). */
	public static List<Entry> holding(final List<Entry> entries, final IntervalSettings settings) {
		final List<Entry> holding = new ArrayList<>();
		for (final Entry e : entries) if (e.holdsFor(settings)) holding.add(e);
		return holding;
	}

	/** Whether a newer entry for the same run's settings sets {@code e} aside ({@link #find}). */
	public static boolean setAside(final List<Entry> entries, final Entry e) {
		return find(entries, e.settings()) != e;
	}

	/**
	 * Adds an entry (written whole: a temporary file, then renamed).
	 *
	 * @return the entry it replaced (same settings and levels), or null
	 */
	public static Entry add(final Path dir, final Entry entry) throws IOException, ModelLoadException {
		final List<Entry> entries = new ArrayList<>(read(dir));
		Entry replaced = null;
		for (int i = entries.size() - 1; i >= 0; i--) {
			if (entries.get(i).sameSettings(entry)) replaced = entries.remove(i);
		}
		entries.add(entry);
		final Gson gson = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
		final JsonObject root = new JsonObject();
		final JsonArray array = new JsonArray();
		for (final Entry e : entries) array.add(gson.toJsonTree(e));
		root.add("calibrations", array);
		final Path part = PartFile.create(dir, FILE);
		try {
			Files.write(part, (gson.toJson(root) + "\n").getBytes(StandardCharsets.UTF_8));
			Files.move(part, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			Files.deleteIfExists(part);
		}
		return replaced;
	}
}
