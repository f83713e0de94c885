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

	public boolean consistent() {
		for (final ResidualTest.Result r : planes) {
			if (!r.consistent()) return false;
		}
		return true;
	}

	/** The word of the verdict: "consistent" or "inconsistent". */
	public String word() {
		return consistent() ? "consistent" : "inconsistent";
	}

	/**
	 * "consistent (score 2.1 at 8 px, threshold 5.0)"; for a large plane "inconsistent (9 of 16 tiles over the
	 * threshold, highest score ...): this image looks unlike ..."; for a stack "inconsistent on 2 of 5 planes (2, 4;
	 * highest: score 9.6 at 8 px, threshold 5.0): ...".
	 */
	@Override
	public String toString() {
		return describe(WARNING);
	}

	/** As {@link #toString()}, with another sentence for an inconsistent image. */
	public String describe(final String warning) {
		if (planes.size() == 1) return word() + " (" + planes.get(0) + ")" + (consistent() ? "" : ": " + warning);
		ResidualTest.Result worst = planes.get(0);
		final List<String> failed = new ArrayList<>();
		for (int p = 0; p < planes.size(); p++) {
			if (planes.get(p).score > worst.score) worst = planes.get(p);
			if (!planes.get(p).consistent()) failed.add(String.valueOf(p + 1));
		}
		final String where = failed.isEmpty() ? " on all " + planes.size() + " planes (" : " on " + failed.size() +
			" of " + planes.size() + " planes (" + String.join(", ", failed) + "; ";
		return word() + where + "highest: " + worst + ")" + (consistent() ? "" : ": " + warning);
	}
}
