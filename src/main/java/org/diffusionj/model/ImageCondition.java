package org.diffusionj.model;

import java.util.Locale;

/**
 * The image an image-conditioned (restoration) model samples against, as {@code diffusion.json}'s
 * {@code "condition"} declares it (DESIGN.md, model folder): its channel count k, whether it enters as a
 * separate {@code condition} input [N, k, H, W] or concatenated first in {@code sample} (cat(condition, x_t),
 * [N, k + C, H, W], as SR3, Palette and EMDiffuse do), and the intensity range its [-1, 1] maps to.
 * Immutable.
 */
public final class ImageCondition {

	/** A model that is not conditioned on an image. */
	public static final ImageCondition NONE = new ImageCondition(0, false, -1, 1);

	private final int channels;
	private final boolean concat;
	private final double pixelLow, pixelHigh;

	ImageCondition(final int channels, final boolean concat, final double pixelLow, final double pixelHigh) {
		this.channels = channels;
		this.concat = concat;
		this.pixelLow = pixelLow;
		this.pixelHigh = pixelHigh;
	}

	/** True for a restoration model: it needs an image to condition on. */
	public boolean present() { return channels > 0; }
	/** k, the condition's channels (0 when there is none). */
	public int channels() { return channels; }
	/** True when the condition comes first in the sample input instead of in an input of its own. */
	public boolean concat() { return concat; }
	/** The condition intensity that model value -1 maps to (range=model). */
	public double pixelLow() { return pixelLow; }
	/** The condition intensity that model value +1 maps to (range=model). */
	public double pixelHigh() { return pixelHigh; }

	@Override
	public String toString() {
		if (!present()) return "none";
		return String.format(Locale.ROOT, "%d channel(s), %s, pixel_range [%s, %s]", channels, concat
			? "concatenated before x_t in the sample input" : "a separate input", pixelLow, pixelHigh);
	}
}
