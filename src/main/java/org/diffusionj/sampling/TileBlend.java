package org.diffusionj.sampling;

/**
 * Blends overlapping tiles of planes into whole planes: each tile's values are weighted by separable weights that are
 * 1 in the tile's core and fall linearly over {@code fade} pixels outside it, summed, and divided by the summed
 * weights (MultiDiffusion, Bar-Tal et al. 2023, eq. 3 with these weights). {@link TiledDenoiser} blends the network's
 * tiles with it at every step; a Spark block run blends its blocks' results over their halos with it once.
 */
public final class TileBlend {

	private final int planes, height, width;
	private final float[] sum, weightSum;

	/** An empty blend of {@code planes} planes of height × width pixels. */
	public TileBlend(final int planes, final int height, final int width) {
		this.planes = planes;
		this.height = height;
		this.width = width;
		sum = new float[Math.multiplyExact(planes, Math.multiplyExact(height, width))];
		weightSum = new float[height * width];
	}

	/**
	 * The weights along one axis of a tile of {@code length} pixels whose core is [coreStart, coreEnd) in the tile's
	 * coordinates: 1 inside the core, (fade + 1 − d) / (fade + 1) at d pixels outside it. A core that is empty (a tile
	 * shorter than its two fades) gives each pixel its distance to the nearer end.
	 */
	public static float[] weights(final int length, final int coreStart, final int coreEnd, final int fade) {
		final float[] w = new float[length];
		for (int i = 0; i < length; i++) {
			final int d = Math.max(0, Math.max(coreStart - i, i - coreEnd + 1));
			w[i] = d == 0 ? 1 : (fade + 1 - d) / (fade + 1f);
		}
		return w;
	}

	/**
	 * Adds a tile of every plane ({@code tile} holds planes of h × w pixels, plane-major) at (y0, x0), weighted by
	 * wy[y] · wx[x].
	 */
	public void add(final float[] tile, final int y0, final int x0, final int h, final int w, final float[] wy,
		final float[] wx)
	{
		for (int p = 0; p < planes; p++) {
			for (int y = 0; y < h; y++) {
				for (int x = 0; x < w; x++) {
					sum[(p * height + y0 + y) * width + x0 + x] += wy[y] * wx[x] * tile[(p * h + y) * w + x];
				}
			}
		}
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) weightSum[(y0 + y) * width + x0 + x] += wy[y] * wx[x];
		}
	}

	/** The blend: every plane's weighted sum divided by the summed weights (the array is the blend's own). */
	public float[] blended() {
		final int plane = height * width;
		for (int i = 0; i < sum.length; i++) sum[i] /= weightSum[i % plane];
		return sum;
	}
}
