package org.diffusionj.api;

import org.diffusionj.image.MirrorPad;
import org.diffusionj.model.ModelConfig;
import org.diffusionj.sampling.Denoiser;
import org.diffusionj.sampling.TiledDenoiser;

/**
 * The {@code tile} and {@code overlap} keys, checked: a model's denoiser run over overlapping tiles when
 * samples are larger than the tile edge, and the halved tile to retry with when one image runs out of memory.
 */
public final class Tiling {

	/** Default tile edge: large enough for context, small enough for the attention layers' memory. */
	public static final int DEFAULT_TILE = 256;
	public static final int DEFAULT_OVERLAP = 32;

	private final int edge, overlap, multiple;
	private final int whole; // the largest sample edge run in one pass
	private final boolean fixed;

	private Tiling(final int edge, final int overlap, final int multiple, final int whole, final boolean fixed) {
		this.edge = edge;
		this.overlap = overlap;
		this.multiple = multiple;
		this.whole = whole;
		this.fixed = fixed;
	}

	/**
	 * @param fixedSize the only edge the model's graph takes (then the tile), or 0 for any
	 * @param tile the key's value, 0 for auto
	 */
	public static Tiling of(final ModelConfig config, final int fixedSize, final int tile, final int overlap) {
		if (tile < 0) throw new IllegalArgumentException("tile=" + tile + " is out of range: it must be 0 (auto) or more");
		if (fixedSize > 0 && tile != 0 && tile != fixedSize) {
			throw new IllegalArgumentException("tile=" + tile + " cannot be used: model " + config.name() + " takes only " +
				fixedSize + "x" + fixedSize + " samples (fixed in its ONNX graph); leave tile at 0.");
		}
		final int m = config.sizeMultiple();
		final int edge = fixedSize > 0 ? fixedSize : (tile == 0 ? Math.max(DEFAULT_TILE, Math.max(config.sampleWidth(),
			config.sampleHeight())) : tile) / m * m;
		if (edge < m) {
			throw new IllegalArgumentException("tile=" + tile + " is out of range: the model needs multiples of " + m);
		}
		// NB: with automatic tiles, the default overlap is at most a quarter of a small (fixed-size) tile
		final int shared = tile == 0 && overlap == DEFAULT_OVERLAP ? Math.min(overlap, edge / 4) : overlap;
		if (shared < 0 || shared >= edge) {
			throw new IllegalArgumentException("overlap=" + overlap + " is out of range: it must lie in [0, " + edge + ")");
		}
		// NB: automatic tiles take an image of up to a tile's edge whole with its context margin (MirrorPad): a
		// 256 x 256 image padded to 272 x 272 is one pass, not four overlapping tiles (3.4x the time)
		final int whole = tile == 0 && fixedSize == 0 ? MirrorPad.roundUp(edge + 2 * MirrorPad.margin(edge), m) : edge;
		return new Tiling(edge, shared, m, whole, fixedSize > 0);
	}

	public int edge() {
		return edge;
	}

	public Denoiser wrap(final Denoiser denoiser) {
		return new TiledDenoiser(denoiser, edge, overlap, whole);
	}

	/** Pixels of one image that one model call sees, for samples of h × w. */
	public long modelPixels(final int h, final int w) {
		return h <= whole && w <= whole ? (long) h * w : (long) Math.min(edge, h) * Math.min(edge, w);
	}

	/**
	 * Tiles of half the edge that still cut a sample of h × w, or null when none are left above the overlap
	 * (or the model takes one size only).
	 */
	public Tiling smaller(final int h, final int w) {
		final int half = Math.min(edge, Math.max(h, w)) / 2 / multiple * multiple;
		return fixed || half < multiple || half <= overlap ? null : new Tiling(half, overlap, multiple, half, false);
	}
}
