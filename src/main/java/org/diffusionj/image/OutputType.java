package org.diffusionj.image;

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

	/**
	 * The depth for a {@code type} value; {@code auto} is 8-bit for a [0, 255] model range, 16-bit for
	 * [0, 65535] and 32-bit otherwise.
	 */
	public static OutputType of(final String type, final IntensityMapping range) {
		if (type == null || type.trim().isEmpty() || type.equalsIgnoreCase(AUTO)) {
			if (range.low() == 0 && range.high() == 255) return BIT8;
			if (range.low() == 0 && range.high() == 65535) return BIT16;
			return BIT32;
		}
		for (final OutputType t : values()) {
			if (t.label.equalsIgnoreCase(type.trim())) return t;
		}
		throw new IllegalArgumentException("type=" + type + " is not a bit depth (known: auto, 8-bit, 16-bit, 32-bit)");
	}
}
