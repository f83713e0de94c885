package org.diffusionj.command;

import org.diffusionj.model.ModelConfig;
import org.diffusionj.sampling.Denoiser;
import org.diffusionj.sampling.TiledDenoiser;

/**
 * The {@code tile} and {@code overlap} keys, checked: a model's denoiser run over overlapping tiles when
 * samples are larger than the tile edge, and the halved tile to retry with when one image runs out of memory.
 */
final class Tiling {

	/** Default tile edge: large enough for context, small enough for the attention layers' memory. */
	static final int DEFAULT_TILE = 256;
	static final int DEFAULT_OVERLAP = 32;

	private final int edge, overlap, multiple;

	private Tiling(final int edge, final int overlap, final int multiple) {
		this.edge = edge;
		this.overlap = overlap;
		this.multiple = multiple;
	}

	/** @param tile the key's value, 0 for auto */
	static Tiling of(final ModelConfig config, final int tile, final int overlap) {
		if (tile < 0) throw new IllegalArgumentException("tile=" + tile + " is out of range: it must be 0 (auto) or more");
		final int m = config.sizeMultiple();
		final int edge = (tile == 0 ? Math.max(DEFAULT_TILE, Math.max(config.sampleWidth(), config.sampleHeight()))
			: tile) / m * m;
		if (edge < m) {
			throw new IllegalArgumentException("tile=" + tile + " is out of range: the model needs multiples of " + m);
		}
		if (overlap < 0 || overlap >= edge) {
			throw new IllegalArgumentException("overlap=" + overlap + " is out of range: it must lie in [0, " + edge + ")");
		}
		return new Tiling(edge, overlap, m);
	}

	int edge() {
		return edge;
	}

	Denoiser wrap(final Denoiser denoiser) {
		return new TiledDenoiser(denoiser, edge, overlap);
	}

	/** Pixels of one image that one model call sees, for samples of h × w. */
	long modelPixels(final int h, final int w) {
		return (long) Math.min(edge, h) * Math.min(edge, w);
	}

	/** Tiles of half the edge that still cut a sample of h × w, or null when none are left above the overlap. */
	Tiling smaller(final int h, final int w) {
		final int half = Math.min(edge, Math.max(h, w)) / 2 / multiple * multiple;
		return half < multiple || half <= overlap ? null : new Tiling(half, overlap, multiple);
	}
}
