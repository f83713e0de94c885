package org.diffusionj.sampling;

/**
 * Runs a denoiser over overlapping tiles of a large sample and blends the tiles' predictions with smooth
 * weights, at every step (MultiDiffusion, Bar-Tal et al. 2023). The sampler still works on the whole
 * image, and its noise is drawn for the whole image, so a seed gives the same result whatever the tile
 * size (up to the network's own dependence on context).
 *
 * <p>Weights ramp linearly over the overlap inside the image and stay 1 at the image border, so every
 * pixel's weights sum to a positive number and a per-pixel denoiser is stitched exactly.
 */
public final class TiledDenoiser implements Denoiser {

	private final Denoiser inner;
	private final int tile;
	private final int overlap;
	private final int whole;

	/**
	 * @param tile tile width and height (a size the network takes)
	 * @param overlap pixels shared by neighbouring tiles, in [0, tile)
	 */
	public TiledDenoiser(final Denoiser inner, final int tile, final int overlap) {
		this(inner, tile, overlap, tile);
	}

	/**
	 * @param whole samples of at most this height and width go to the network whole (at least {@code tile}): a sample
	 *          a few pixels over the tile costs one pass instead of four
	 */
	public TiledDenoiser(final Denoiser inner, final int tile, final int overlap, final int whole) {
		if (tile < 1) throw new IllegalArgumentException("tile=" + tile + " is out of range: it must be 1 or more");
		if (overlap < 0 || overlap >= tile) {
			throw new IllegalArgumentException("overlap=" + overlap + " is out of range: it must lie in [0, tile)");
		}
		this.inner = inner;
		this.tile = tile;
		this.overlap = overlap;
		this.whole = Math.max(tile, whole);
	}

	/** Start offsets of the tiles along an axis of {@code size} pixels: step tile - overlap, the last flush with the end. */
	static int[] starts(final int size, final int tile, final int overlap) {
		if (size <= tile) return new int[] { 0 };
		final int step = tile - overlap;
		final int count = (int) Math.ceil((size - tile) / (double) step) + 1;
		final int[] s = new int[count];
		for (int i = 0; i < count; i++) s[i] = Math.min(i * step, size - tile);
		return s;
	}

	@Override
	public Tensor predict(final Tensor x, final long[] timesteps, final long[] labels, final Tensor condition) {
		if (x.h() <= whole && x.w() <= whole) return inner.predict(x, timesteps, labels, condition);
		final int th = Math.min(tile, x.h()), tw = Math.min(tile, x.w());
		final int[] ys = starts(x.h(), th, overlap), xs = starts(x.w(), tw, overlap);
		TileBlend blend = null;
		int channels = 0;
		for (final int y0 : ys) {
			for (final int x0 : xs) {
				final Tensor out = inner.predict(crop(x, y0, x0, th, tw), timesteps, labels, condition == null ? null
					: crop(condition, y0, x0, th, tw));
				if (blend == null) {
					channels = out.c();
					blend = new TileBlend(x.n() * channels, x.h(), x.w());
				}
				blend.add(out.data(), y0, x0, th, tw, weights(y0, th, x.h()), weights(x0, tw, x.w()));
			}
		}
		return new Tensor(blend.blended(), x.n(), channels, x.h(), x.w());
	}

	/** Weights along one axis of a tile at {@code start}: rising over the overlap unless at the image border. */
	private float[] weights(final int start, final int length, final int size) {
		return TileBlend.weights(length, start > 0 ? overlap : 0, start + length < size ? length - overlap : length,
			overlap);
	}

	private static Tensor crop(final Tensor t, final int y0, final int x0, final int h, final int w) {
		final Tensor out = new Tensor(t.n(), t.c(), h, w);
		for (int nc = 0; nc < t.n() * t.c(); nc++) {
			for (int y = 0; y < h; y++) {
				System.arraycopy(t.data(), (nc * t.h() + y0 + y) * t.w() + x0, out.data(), (nc * h + y) * w, w);
			}
		}
		return out;
	}
}
