package org.diffusionj.calibration;

import java.util.ArrayList;
import java.util.List;

/** The {@link ResidualTest} of every plane of a restored image, said in one line for the Log, the Info and a manifest. */
public final class ResidualVerdict {

	/** What an inconsistent image means for the user of a restoration model, trained on pairs like the image. */
	public static final String WARNING = "this image looks unlike the training data: the uncertainty is not calibrated " +
		"for it";

	/** The same for a prior with a physical model (Deconvolve Image...), where the PSF and camera can be at fault too. */
	public static final String PRIOR_WARNING = "the samples do not explain this image (unlike the prior's training data, " +
		"or another PSF or camera than the one given): the uncertainty is not calibrated for it";

	private final List<ResidualTest.Result> planes;

	private ResidualVerdict(final List<ResidualTest.Result> planes) {
		this.planes = planes;
	}

	/**
	 * @param images the image's items, each its channels' pixels (image units)
	 * @param samples samples.get(k).get(item)[channel]: the restoration's samples, in the same units
	 */
	public static ResidualVerdict of(final List<float[][]> images, final List<List<float[][]>> samples,
		final int width, final int height)
	{
		final List<ResidualTest.Result> planes = new ArrayList<>();
		for (int p = 0; p < images.size(); p++) {
			for (int c = 0; c < images.get(p).length; c++) {
				final List<float[]> drawn = new ArrayList<>();
				for (final List<float[][]> sample : samples) drawn.add(sample.get(p)[c]);
				planes.add(ResidualTest.of(images.get(p)[c], drawn, width, height));
			}
		}
		return new ResidualVerdict(planes);
	}

	/**
	 * At most a quarter of all tiles of all planes fail, the rule of one plane: a stack of many planes is not flagged
	 * for the few false alarms its planes must give (2 % of test images, docs/models.md).
	 */
	public boolean consistent() {
		return 4 * failed() <= tiles();
	}

	/**
	 * The verdict with a calibration's threshold on each tile (the largest score its images reached) when that is
	 * above the test's own: a calibrated interval was promised for images like those, flagged or not.
	 */
	public ResidualVerdict at(final double calibrated) {
		if (!(calibrated > ResidualTest.THRESHOLD)) return this;
		final List<ResidualTest.Result> at = new ArrayList<>();
		for (final ResidualTest.Result r : planes) at.add(r.at(calibrated));
		return new ResidualVerdict(at);
	}

	/** The verdict of planes tested one by one (so that no plane's samples need be kept). */
	public static ResidualVerdict ofPlanes(final List<ResidualTest.Result> planes) {
		return new ResidualVerdict(new ArrayList<>(planes));
	}

	private int failed() {
		int n = 0;
		for (final ResidualTest.Result r : planes) n += r.failed;
		return n;
	}

	private int tiles() {
		int n = 0;
		for (final ResidualTest.Result r : planes) n += r.tiles;
		return n;
	}

	/** The highest score of any tile of any plane (what a calibration keeps as its residual_max); NaN untested. */
	public double score() {
		double max = Double.NaN;
		for (final ResidualTest.Result r : planes) {
			if (r.tiles > 0 && !(r.score <= max)) max = r.score;
		}
		return max;
	}

	/** The word of the verdict: "consistent", "inconsistent", or "not tested" (images under 8 × 8 pixels). */
	public String word() {
		return tiles() == 0 ? "not tested" : consistent() ? "consistent" : "inconsistent";
	}

	/**
	 * "consistent (score 2.1 at 8 px, threshold 5.0)"; for a large plane "inconsistent (9 of 16 tiles over the
	 * threshold, highest score ...): this image looks unlike ..."; for a stack (or the channels of an RGB image)
	 * "inconsistent (12 of 20 tiles over the threshold, on planes 2, 4, 5; highest: score 9.6 at 8 px, threshold
	 * 5.0): ...".
	 */
	@Override
	public String toString() {
		return describe(WARNING);
	}

	/** As {@link #toString()}, with another sentence for an inconsistent image. */
	public String describe(final String warning) {
		final String end = consistent() ? "" : ": " + warning;
		if (planes.size() == 1) return tiles() == 0 ? planes.get(0).toString() : word() + " (" + planes.get(0) + ")" + end;
		if (tiles() == 0) return "not tested: no plane has a tile of at least 8 × 8 pixels";
		ResidualTest.Result worst = null;
		final List<String> failing = new ArrayList<>();
		for (int p = 0; p < planes.size(); p++) {
			final ResidualTest.Result r = planes.get(p);
			if (r.tiles > 0 && (worst == null || r.score > worst.score)) worst = r;
			if (r.failed > 0) failing.add(String.valueOf(p + 1));
		}
		return word() + " (" + failed() + " of " + tiles() + " tiles over the threshold, " + (failing.isEmpty() ? "on " +
			planes.size() + " planes" : "on plane" + (failing.size() == 1 ? " " : "s ") + String.join(", ", failing)) +
			"; highest: " + worst + ")" + end;
	}
}
