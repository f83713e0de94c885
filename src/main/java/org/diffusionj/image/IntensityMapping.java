package org.diffusionj.image;

/**
 * The map between image intensities v and model values x in [-1, 1]:
 * x = 2 (v - low) / (high - low) - 1 and back (DESIGN.md, pixel_range). Immutable.
 */
public final class IntensityMapping {

	private final double low, high;

	public IntensityMapping(final double low, final double high) {
		if (!(high > low)) throw new IllegalArgumentException("intensity range [" + low + ", " + high + "] is empty");
		this.low = low;
		this.high = high;
	}

	public double low() { return low; }
	public double high() { return high; }

	public double toModel(final double v) {
		return 2 * (v - low) / (high - low) - 1;
	}

	public double toImage(final double x) {
		return low + (x + 1) / 2 * (high - low);
	}
}
