package org.diffusionj.sampling;

import static org.diffusionj.sampling.SplitMix64.mix;

/**
 * N(0, 1) noise keyed by position: the k-th draw of an image at channel c, row y, column x is a function of (seed,
 * image key, k, c, y + rowOffset, x + columnOffset) alone (counter-based, as Philox-style generators are), so a
 * crop, tile or block of an image, drawn with its own offsets, gets the noise the whole image gets there, and
 * neighbouring blocks agree where their halos overlap. Not thread-safe: one image, one instance.
 */
final class PositionNoise implements ImageNoise {

	private static final long GOLDEN = 0x9E3779B97F4A7C15L;
	private static final double TWO_PI = 2 * Math.PI, UNIT = 0x1.0p-53;

	private final long base;
	private final int rowOffset, columnOffset;
	private long draws;

	PositionNoise(final long seed, final long imageKey, final int rowOffset, final int columnOffset) {
		this.base = mix(mix(seed * GOLDEN + 0x632BE59BD9B4E019L) + imageKey * GOLDEN);
		this.rowOffset = rowOffset;
		this.columnOffset = columnOffset;
	}

	@Override
	public void fill(final float[] data, final int offset, final int c, final int h, final int w) {
		final long draw = mix(base + ++draws * GOLDEN);
		int i = offset;
		for (int ch = 0; ch < c; ch++) {
			final long channel = mix(draw + (ch + 1) * GOLDEN);
			for (int y = 0; y < h; y++) {
				final long row = mix(channel + (y + rowOffset) * GOLDEN);
				for (int x = 0; x < w; x++) data[i++] = (float) normal(mix(row + (x + columnOffset) * GOLDEN));
			}
		}
	}

	/** Box-Muller from two 53-bit uniforms of one key: u1 in (0, 1], so the logarithm is finite. */
	static double normal(final long key) {
		final double u1 = ((mix(key) >>> 11) + 1) * UNIT;
		final double u2 = (mix(key ^ GOLDEN) >>> 11) * UNIT;
		return Math.sqrt(-2 * Math.log(u1)) * Math.cos(TWO_PI * u2);
	}
}
