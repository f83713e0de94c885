package org.diffusionj.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;

import org.diffusionj.Fixtures;
import org.junit.jupiter.api.Test;

class PositionNoiseTest {

	/** The draws of a block at its offset are the whole image's there, draw after draw. */
	@Test
	void aBlockGetsTheWholeImagesNoise() {
		final NoiseBatch whole = NoiseBatch.atPositions(5, new long[] { 3 }, 0, 0);
		final NoiseBatch block = NoiseBatch.atPositions(5, new long[] { 3 }, 7, 11); // rows 7.., columns 11..
		for (int draw = 0; draw < 3; draw++) {
			final float[] w = whole.draw(2, 20, 30).data(), b = block.draw(2, 9, 13).data();
			for (int c = 0; c < 2; c++) {
				for (int y = 0; y < 9; y++) {
					assertArrayEquals(Arrays.copyOfRange(w, (c * 20 + y + 7) * 30 + 11, (c * 20 + y + 7) * 30 + 24), Arrays
						.copyOfRange(b, (c * 9 + y) * 13, (c * 9 + y + 1) * 13), "draw " + draw + " channel " + c + " row " + y);
				}
			}
		}
	}

	@Test
	void seedsImagesDrawsAndPositionsDiffer() {
		final float[] a = NoiseBatch.atPositions(1, new long[] { 0 }, 0, 0).draw(1, 4, 4).data();
		assertFalse(Arrays.equals(a, NoiseBatch.atPositions(2, new long[] { 0 }, 0, 0).draw(1, 4, 4).data()));
		assertFalse(Arrays.equals(a, NoiseBatch.atPositions(1, new long[] { 1 }, 0, 0).draw(1, 4, 4).data()));
		assertFalse(Arrays.equals(a, NoiseBatch.atPositions(1, new long[] { 0 }, 0, 1).draw(1, 4, 4).data()));
		final NoiseBatch twice = NoiseBatch.atPositions(1, new long[] { 0 }, 0, 0);
		twice.draw(1, 4, 4);
		assertFalse(Arrays.equals(a, twice.draw(1, 4, 4).data()));
	}

	@Test
	void standardNormalAndUncorrelatedNeighbours() {
		final float[] z = NoiseBatch.atPositions(7, new long[] { 0 }, -200, -250).draw(1, 400, 500).data();
		Fixtures.assertStandardNormal(z);
		double right = 0, below = 0;
		for (int y = 0; y < 399; y++) {
			for (int x = 0; x < 499; x++) {
				right += z[y * 500 + x] * z[y * 500 + x + 1];
				below += z[y * 500 + x] * z[(y + 1) * 500 + x];
			}
		}
		final double n = 399 * 499;
		assertEquals(0, right / n, 4 / Math.sqrt(n), "correlation with the right neighbour");
		assertEquals(0, below / n, 4 / Math.sqrt(n), "correlation with the neighbour below");
	}
}
