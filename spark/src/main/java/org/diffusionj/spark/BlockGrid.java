package org.diffusionj.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import org.diffusionj.sampling.TileBlend;

/**
 * A large image cut into blocks for tasks: cores of {@code edge} × {@code edge} pixels that tile each plane, each
 * read with a halo of context around it (cut at the image's border). Where a block's halo lies over its neighbour's
 * core, the two results are blended with weights that fall linearly over the halo: 1 in a block's own core,
 * (halo + 1 - d) / (halo + 1) at d pixels outside it: {@link TileBlend}, as the network's tiles are blended.
 */
final class BlockGrid implements Serializable {

	private static final long serialVersionUID = 1L;

	final int width, height, planes, edge, halo;

	BlockGrid(final int width, final int height, final int planes, final int edge, final int halo) {
		if (edge < 1) throw new IllegalArgumentException("--block " + edge + " is out of range: it must be 1 or more");
		if (halo < 0) throw new IllegalArgumentException("--halo " + halo + " is out of range: it must be 0 or more");
		this.width = width;
		this.height = height;
		this.planes = planes;
		this.edge = edge;
		this.halo = halo;
	}

	/** One block: plane z, core [x0, x0 + w) × [y0, y0 + h), read as the region [rx, rx + rw) × [ry, ry + rh). */
	static final class Block implements Serializable {

		private static final long serialVersionUID = 1L;

		final int z, x0, y0, w, h, rx, ry, rw, rh;

		Block(final int z, final int x0, final int y0, final int w, final int h, final int rx, final int ry, final int rw,
			final int rh)
		{
			this.z = z;
			this.x0 = x0;
			this.y0 = y0;
			this.w = w;
			this.h = h;
			this.rx = rx;
			this.ry = ry;
			this.rw = rw;
			this.rh = rh;
		}

		/** The block's file name stem: plane and core corner. */
		String key() {
			return "z" + z + "-y" + y0 + "-x" + x0;
		}
	}

	List<Block> blocks() {
		final List<Block> blocks = new ArrayList<>();
		for (int z = 0; z < planes; z++) {
			for (int y0 = 0; y0 < height; y0 += edge) {
				for (int x0 = 0; x0 < width; x0 += edge) {
					final int w = Math.min(edge, width - x0), h = Math.min(edge, height - y0);
					final int rx = Math.max(0, x0 - halo), ry = Math.max(0, y0 - halo);
					blocks.add(new Block(z, x0, y0, w, h, rx, ry, Math.min(width, x0 + w + halo) - rx, Math.min(height, y0 +
						h + halo) - ry));
				}
			}
		}
		return blocks;
	}

	/**
	 * The blending weight of a block's region pixels along one axis: 1 in the core, falling over the halo
	 * ({@link TileBlend#weights}, the network tiles' ramp).
	 */
	float[] weights(final int regionStart, final int regionLength, final int coreStart, final int coreLength) {
		return TileBlend.weights(regionLength, coreStart - regionStart, coreStart + coreLength - regionStart, halo);
	}
}
