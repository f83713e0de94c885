package org.diffusionj.image;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How image intensities map to the model's [-1, 1] ({@code range} key): by the model's pixel_range,
 * by the image's own min-max, or by its 1 and 99.8 percentiles; {@code auto} picks the model's mapping when
 * the image fits it and the percentiles otherwise ({@link #resolve}). Results are mapped back the same way.
 */
public enum RangeMode {
	AUTO("auto"), MODEL("model"), IMAGE("image"), PERCENTILE("percentile"),
	/** Two intensities, {@code range=[low high]}: the same map for every image (blocks of one image, a batch). */
	FIXED("fixed");

	public static final double LOW_PERCENTILE = 1, HIGH_PERCENTILE = 99.8;

	private final String key;

	RangeMode(final String key) {
		this.key = key;
	}

	public String key() {
		return key;
	}

	public static RangeMode fromKey(final String key) {
		if (fixed(key) != null) return FIXED;
		for (final RangeMode m : values()) {
			if (m != FIXED && m.key.equals(key.trim().toLowerCase(Locale.ROOT))) return m;
		}
		throw new IllegalArgumentException("range=" + key + " is not a range mode (known: auto, model, image, percentile, " +
			"or two intensities as range=[low high])");
	}

	/**
	 * The map of a fixed range, two intensities {@code "low high"} (or "low,high"), or null when the key is a mode's
	 * name; throws when the two do not make a range.
	 */
	public static IntensityMapping fixed(final String key) {
		final String[] parts = key.trim().split("[\\s,]+");
		if (parts.length != 2) return null;
		final double low, high;
		try {
			low = Double.parseDouble(parts[0]);
			high = Double.parseDouble(parts[1]);
		}
		catch (final NumberFormatException e) {
			return null;
		}
		if (!(Double.isFinite(low) && Double.isFinite(high) && low < high)) {
			throw new IllegalArgumentException("range=[" + key.trim() + "] is not a range: give two finite intensities, " +
				"the lower first");
		}
		return new IntensityMapping(low, high);
	}

	/**
	 * What {@code auto} means for these planes: the model's own mapping when the image fits it (every finite
	 * pixel inside pixel_range, and the image's depth has that range by nature, or it is flat, or its largest
	 * magnitude reaches a tenth of the range's), else the percentiles. A 16-bit camera image or a float image in
	 * 0-1 given to an 8-bit model is thus normalised as CARE does, and an 8-bit image keeps the model's range.
	 * A model trained with "normalize" percentiles always gets its own. Other modes are returned as they are.
	 *
	 * @param naturalLow the least value of the image's depth (0 for 8- and 16-bit), NaN for float images
	 * @param naturalHigh the greatest (255, 65535), NaN for float images
	 */
	public RangeMode resolve(final List<float[]> planes, final IntensityMapping model, final double[] modelPercentiles,
		final double naturalLow, final double naturalHigh)
	{
		if (this != AUTO) return this;
		if (modelPercentiles != null) return MODEL;
		final double[] minMax = finiteRange(planes);
		if (minMax == null) return MODEL; // no finite pixel: nothing to decide on
		final double min = minMax[0], max = minMax[1];
		if (min < model.low() || max > model.high()) return PERCENTILE;
		final boolean natural = naturalLow == model.low() && naturalHigh == model.high();
		final double scale = Math.max(Math.abs(model.low()), Math.abs(model.high()));
		return natural || min == max || Math.max(Math.abs(min), Math.abs(max)) >= 0.1 * scale ? MODEL : PERCENTILE;
	}

	/** The least and greatest finite pixel, or null when there is none. */
	public static double[] finiteRange(final List<float[]> planes) {
		double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
		for (final float[] p : planes) {
			for (final float v : p) {
				if (!Float.isFinite(v)) continue;
				min = Math.min(min, v);
				max = Math.max(max, v);
			}
		}
		return min > max ? null : new double[] { min, max };
	}

	/** How many finite pixels lie outside the mapping's range (they leave the model's [-1, 1]). */
	public static long outside(final List<float[]> planes, final IntensityMapping m) {
		long n = 0;
		for (final float[] p : planes) for (final float v : p) if (Float.isFinite(v) && (v < m.low() || v > m.high())) n++;
		return n;
	}

	/**
	 * The mapping for these planes (intensities). {@code model} is the model's own pixel_range, or, for a model
	 * trained on images each mapped by its own percentiles ({@code modelPercentiles}, from diffusion.json's
	 * "normalize"), those percentiles of these planes: the map the model saw in training.
	 */
	public IntensityMapping mapping(final List<float[]> planes, final IntensityMapping model,
		final double[] modelPercentiles)
	{
		if (this == AUTO) throw new IllegalStateException("resolve range=auto first");
		if (this == FIXED) throw new IllegalStateException("a fixed range maps by its own two intensities");
		if (this == MODEL) {
			return modelPercentiles == null ? model : percentiles(planes, modelPercentiles[0], modelPercentiles[1]);
		}
		return this == IMAGE ? percentiles(planes, 0, 100) : percentiles(planes, LOW_PERCENTILE, HIGH_PERCENTILE);
	}

	/** The map that sends the low-th percentile of the finite pixels to -1 and the high-th to +1. */
	public static IntensityMapping percentiles(final List<float[]> planes, final double low, final double high) {
		int n = 0;
		for (final float[] p : planes) for (final float v : p) if (Float.isFinite(v)) n++;
		if (n == 0) throw new IllegalArgumentException("the image has no finite pixel to take a range from");
		final float[] all = new float[n];
		int off = 0;
		for (final float[] p : planes) for (final float v : p) if (Float.isFinite(v)) all[off++] = v;
		Arrays.sort(all);
		final double lo = percentile(all, low);
		double hi = percentile(all, high);
		if (!(hi > lo)) hi = lo + 1; // a flat image: any non-empty range maps it to -1
		return new IntensityMapping(lo, hi);
	}

	/** Linear interpolation between order statistics (numpy's default). */
	static double percentile(final float[] sorted, final double p) {
		final double pos = p / 100 * (sorted.length - 1);
		final int lo = (int) Math.floor(pos);
		final int hi = Math.min(lo + 1, sorted.length - 1);
		return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
	}
}
