package org.diffusionj.sampling;

import java.util.SplittableRandom;

/**
 * Standard normal noise for one image of a seeded run.
 *
 * <p>Every image of a run owns its own stream, derived from (seed, image index), so the same seed
 * gives the same pixels whatever the batch size, the tiling or the thread count.
 * Not thread-safe: one stream, one image.
 */
public final class GaussianNoise implements ImageNoise {

	private final SplittableRandom random;
	private double spare;
	private boolean hasSpare;

	public GaussianNoise(final long seed, final long imageIndex) {
		// golden-ratio increment and the SplitMix64 finaliser: distinct, well-mixed streams per image
		this.random = new SplittableRandom(SplitMix64.mix(seed * 0x9E3779B97F4A7C15L + imageIndex + 0x632BE59BD9B4E019L));
	}

	/** One N(0, 1) draw (Marsaglia's polar method). */
	public double next() {
		if (hasSpare) {
			hasSpare = false;
			return spare;
		}
		double u, v, s;
		do {
			u = 2 * random.nextDouble() - 1;
			v = 2 * random.nextDouble() - 1;
			s = u * u + v * v;
		} while (s >= 1 || s == 0);
		final double f = Math.sqrt(-2 * Math.log(s) / s);
		spare = v * f;
		hasSpare = true;
		return u * f;
	}

	/** The next c × h × w draws of the stream, in order (the shape does not matter to a stream). */
	@Override
	public void fill(final float[] data, final int offset, final int c, final int h, final int w) {
		fill(data, offset, c * h * w);
	}

	/** Fills data[offset, offset + length) with N(0, 1) draws. */
	public void fill(final float[] data, final int offset, final int length) {
		for (int i = offset; i < offset + length; i++) data[i] = (float) next();
	}
}
