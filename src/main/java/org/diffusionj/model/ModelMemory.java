package org.diffusionj.model;

/**
 * The working memory one image takes in one forward pass of a model: {@code perPixel · p + perPixelSquared · p²}
 * bytes for p pixels, the quadratic term being self-attention. From the optional {@code "memory"} object of
 * diffusion.json; without it, the figures of the shipped U-Net (measured as peak resident memory on ONNX Runtime's
 * CPU provider at 256² and 512², rounded up).
 */
public final class ModelMemory {

	public static final ModelMemory DEFAULT = new ModelMemory(1024, 0.044);

	private final double perPixel, perPixelSquared;

	public ModelMemory(final double perPixel, final double perPixelSquared) {
		if (!(perPixel >= 0) || !(perPixelSquared >= 0) || Double.isInfinite(perPixel) || Double.isInfinite(
			perPixelSquared))
		{
			throw new IllegalArgumentException("memory figures must be finite and 0 or more");
		}
		this.perPixel = perPixel;
		this.perPixelSquared = perPixelSquared;
	}

	public double perPixel() { return perPixel; }
	public double perPixelSquared() { return perPixelSquared; }

	/** Bytes one image of {@code pixels} pixels takes in a forward pass. */
	public double bytes(final long pixels) {
		return perPixel * pixels + perPixelSquared * (double) pixels * pixels;
	}

	static ModelMemory read(final JsonFields j) throws ModelLoadException {
		final JsonFields m = j.object("memory");
		if (m == null) return DEFAULT;
		final double a = m.number("per_pixel", DEFAULT.perPixel), b = m.number("per_pixel_squared",
			DEFAULT.perPixelSquared);
		try {
			return new ModelMemory(a, b);
		}
		catch (final IllegalArgumentException e) { // NB: the constructor's check is the one check
			throw j.error("memory", "must hold per_pixel and per_pixel_squared of 0 or more");
		}
	}
}
