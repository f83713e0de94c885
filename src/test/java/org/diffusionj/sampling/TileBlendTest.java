package org.diffusionj.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TileBlendTest {

	/** 1 in the core, (fade + 1 - d) / (fade + 1) at d pixels outside; a core cut by the tile's end stays 1 there. */
	@Test
	void weightsRampOverTheFade() {
		assertArrayEquals(new float[] { 1 / 4f, 2 / 4f, 3 / 4f, 1, 1, 3 / 4f, 2 / 4f, 1 / 4f }, TileBlend.weights(8, 3, 5,
			3));
		assertArrayEquals(new float[] { 1, 1, 1, 2 / 3f, 1 / 3f }, TileBlend.weights(5, 0, 3, 2));
		// a tile shorter than its two fades: each pixel's distance to the nearer end
		assertArrayEquals(new float[] { 1 / 5f, 2 / 5f, 2 / 5f, 1 / 5f }, TileBlend.weights(4, 4, 0, 4));
	}

	/** Two overlapping tiles of two planes: each pixel the weighted mean of the tiles over it, by hand. */
	@Test
	void overlapsAreWeightedMeans() {
		final TileBlend blend = new TileBlend(2, 1, 5);
		final float[] left = { 1, 1, 1, 1, 10, 10, 10, 10 }, right = { 5, 5, 5, 5, 20, 20, 20, 20 };
		final float[] wl = TileBlend.weights(4, 0, 2, 2), wr = TileBlend.weights(4, 2, 4, 2), one = { 1 };
		blend.add(left, 0, 0, 1, 4, one, wl);
		blend.add(right, 0, 1, 1, 4, one, wr);
		final float[] out = blend.blended();
		// pixel 1: left 1 (core) and right 1/3 (two outside its core [3, 5)); pixel 2: left 2/3, right 2/3
		assertEquals((1 * 1 + 5 / 3f) / (1 + 1 / 3f), out[1], 1e-6);
		assertEquals(3, out[2], 1e-6);
		assertEquals(1, out[0], 0);
		assertEquals(5, out[4], 0);
		assertEquals(20, out[9], 0);
		assertEquals((10 * 1 + 20 / 3f) / (1 + 1 / 3f), out[6], 1e-5);
	}
}
