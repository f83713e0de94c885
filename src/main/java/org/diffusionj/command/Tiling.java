package org.diffusionj.command;

import org.diffusionj.model.ModelConfig;
import org.diffusionj.sampling.Denoiser;
import org.diffusionj.sampling.TiledDenoiser;

/** The {@code tile} and {@code overlap} keys: a model's denoiser run over overlapping tiles when images are larger. */
final class Tiling {

	/** Default tile edge: large enough for context, small enough for the attention layers' memory. */
	static final int DEFAULT_TILE = 256;
	static final int DEFAULT_OVERLAP = 32;

	private Tiling() {}

	static Denoiser wrap(final Denoiser denoiser, final ModelConfig config, final int tile, final int overlap) {
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
		return new TiledDenoiser(denoiser, edge, overlap);
	}
}
