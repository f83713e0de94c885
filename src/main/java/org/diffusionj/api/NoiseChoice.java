package org.diffusionj.api;

import ij.ImagePlus;
import ij.measure.Calibration;

import java.util.Locale;

import org.diffusionj.sampling.NoiseBatch;

/** The {@code noise} key: a noise stream per image of the run, or noise keyed by each pixel's position. */
public enum NoiseChoice {
	IMAGE, POSITION;

	/** The key's value, or one sentence naming it. */
	public static NoiseChoice of(final String key) {
		for (final NoiseChoice n : values()) if (n.key().equals(key)) return n;
		throw new IllegalArgumentException("noise=" + key + " is not a kind of noise (known: image, position)");
	}

	public String key() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The noise of one pass whose item i is image {@code first + i} of the run: item {@code items[i]} of the image,
	 * repeat {@code (first + i) % repeats}. With POSITION it is keyed by (plane, pixel) less the calibration origin: the
	 * coordinates of the image this one was cut from when the origin says where (a Spark block sets it; ImageJ's
	 * Duplicate and Crop move an origin that is not 0 by the crop's corner).
	 *
	 * @param top rows of the tensor above the image's first row (its padding), {@code left} columns
	 * @param source the image (its calibration origin), or null for generated images (origin 0)
	 */
	public NoiseBatch batch(final long seed, final long first, final int[] items, final int repeats, final int top,
		final int left, final ImagePlus source)
	{
		if (this == IMAGE) return new NoiseBatch(seed, first, items.length);
		final Calibration cal = source == null ? new Calibration() : source.getCalibration();
		final long z = Math.round(cal.zOrigin);
		final long[] keys = new long[items.length];
		for (int i = 0; i < keys.length; i++) keys[i] = (items[i] - z) * repeats + (first + i) % repeats;
		return NoiseBatch.atPositions(seed, keys, -top - (int) Math.round(cal.yOrigin), -left - (int) Math.round(
			cal.xOrigin));
	}
}
