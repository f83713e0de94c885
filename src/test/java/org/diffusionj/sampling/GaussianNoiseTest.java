package org.diffusionj.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;

import org.diffusionj.Fixtures;
import org.junit.jupiter.api.Test;

class GaussianNoiseTest {

	@Test
	void imageStreamsDoNotDependOnBatching() {
		final Tensor all = new NoiseBatch(42, 0, 4).draw(1, 8, 8);
		final Tensor last2 = new NoiseBatch(42, 2, 2).draw(1, 8, 8);
		assertArrayEquals(Arrays.copyOfRange(all.data(), 128, 256), last2.data());
	}

	@Test
	void seedsAndImagesDiffer() {
		final float[] a = new NoiseBatch(1, 0, 1).draw(1, 4, 4).data();
		assertFalse(Arrays.equals(a, new NoiseBatch(2, 0, 1).draw(1, 4, 4).data()));
		assertFalse(Arrays.equals(a, new NoiseBatch(1, 1, 1).draw(1, 4, 4).data()));
	}

	@Test
	void standardNormal() {
		final float[] z = new NoiseBatch(7, 0, 1).draw(1, 400, 500).data(); // 200 000 draws
		Fixtures.assertStandardNormal(z);
	}
}
