package org.diffusionj.image;

import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

/** The bit depth of an output image ({@code type} key). */
public enum OutputType {
	BIT8("8-bit", 0, 255), BIT16("16-bit", 0, 65535), BIT32("32-bit", Double.NEGATIVE_INFINITY,
		Double.POSITIVE_INFINITY);

	/** The {@code type} value that picks the depth from the model's pixel_range. */
	public static final String AUTO = "auto";

	private final String label;
	private final double min, max;

	OutputType(final String label, final double min, final double max) {
		this.label = label;
		this.min = min;
		this.max = max;
	}

	public String label() {
		return label;
	}

	/** Clamps and rounds an intensity to what this depth stores. */
	float store(final double v) {
		if (this == BIT32) return (float) v;
		return (float) Math.rint(Math.max(min, Math.min(max, v)));
	}

	/** The depth of an ImageJ bit depth (8, 16 or 32; 24 is RGB and has none). */
	public static OutputType ofBitDepth(final int bitDepth) {
		switch (bitDepth) {
			case 8: return BIT8;
			case 16: return BIT16;
			case 32: return BIT32;
			default: throw new IllegalArgumentException("no single-channel depth for " + bitDepth + "-bit");
		}
	}

	/**
	 * The depth a user asked for, or null for {@code auto} (the caller's own default).
	 */
	public static OutputType ofOrNull(final String type) {
		if (type == null || type.trim().isEmpty() || type.equalsIgnoreCase(AUTO)) return null;
		for (final OutputType t : values()) {
			if (t.label.equalsIgnoreCase(type.trim())) return t;
		}
		throw new IllegalArgumentException("type=" + type + " is not a bit depth (known: auto, 8-bit, 16-bit, 32-bit)");
	}

	/** A processor of this depth holding the intensities, clamped and rounded as the depth stores them. */
	public ImageProcessor processor(final int width, final int height, final float[] intensities) {
		final float[] stored = new float[intensities.length];
		for (int i = 0; i < stored.length; i++) stored[i] = store(intensities[i]);
		final FloatProcessor fp = new FloatProcessor(width, height, stored);
		switch (this) {
			case BIT8: {
				final byte[] b = new byte[stored.length];
				for (int i = 0; i < b.length; i++) b[i] = (byte) (int) stored[i];
				return new ByteProcessor(width, height, b);
			}
			case BIT16: {
				final short[] sh = new short[stored.length];
				for (int i = 0; i < sh.length; i++) sh[i] = (short) (int) stored[i];
				return new ShortProcessor(width, height, sh, null);
			}
			default:
				return fp;
		}
	}

	/**
	 * The depth for a {@code type} value; {@code auto} is 8-bit for a [0, 255] model range, 16-bit for
	 * [0, 65535] and 32-bit otherwise.
	 */
	public static OutputType of(final String type, final IntensityMapping range) {
		final OutputType chosen = ofOrNull(type);
		if (chosen != null) return chosen;
		if (range.low() == 0 && range.high() == 255) return BIT8;
		if (range.low() == 0 && range.high() == 65535) return BIT16;
		return BIT32;
	}
}
