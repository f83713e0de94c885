package org.diffusionj.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diffusionj.schedule.SchedulerConfig;
import org.diffusionj.schedule.TimestepPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TiledDenoiserTest {

	private static final Denoiser IDENTITY = (x, t, labels, c) -> x.copy();

	@ParameterizedTest(name = "size {0}, tile {1}, overlap {2}")
	@CsvSource({ "100, 32, 8", "32, 32, 8", "33, 32, 0", "257, 64, 16", "70, 16, 15", "5, 32, 4" })
	void tilesCoverEverythingFlush(final int size, final int tile, final int overlap) {
		final int edge = Math.min(tile, size);
		final int[] s = TiledDenoiser.starts(size, edge, overlap);
		assertEquals(0, s[0]);
		assertEquals(size - edge, s[s.length - 1], "the last tile ends at the border");
		for (int i = 1; i < s.length; i++) {
			assertTrue(s[i] > s[i - 1], "advancing");
			assertTrue(s[i] - s[i - 1] <= edge - overlap, "neighbours share at least the overlap");
		}
	}

	@Test
	void identityIsStitchedExactly() {
		final Tensor x = new NoiseBatch(3, 0, 2).draw(2, 75, 101);
		final Tensor out = new TiledDenoiser(IDENTITY, 32, 8).predict(x, new long[] { 5, 5 }, null, null);
		assertArrayEquals(x.data(), out.data(), 1e-6f);
	}

	@Test
	void perPixelSamplerIsTheSameTiledOrNot() {
		final SchedulerConfig config = SchedulerConfig.defaults();
		final Tensor xT = new NoiseBatch(9, 0, 1).draw(1, 90, 70);
		final Sampler sampler = new Sampler(config, SamplerKind.DDIM, 1);
		final TimestepPlan plan = TimestepPlan.of(config, 10);
		final Tensor whole = sampler.sample(GuidedDenoiser.unconditional(DummyLoopTest.DUMMY), xT, plan, new NoiseBatch(
			9, 0, 1), StepListener.NONE);
		final Tensor tiled = sampler.sample(GuidedDenoiser.unconditional(new TiledDenoiser(DummyLoopTest.DUMMY, 32,
			8)), xT, plan, new NoiseBatch(9, 0, 1), StepListener.NONE);
		assertArrayEquals(whole.data(), tiled.data(), 1e-5f);
	}

	@Test
	void overlapsAreBlendedSmoothly() {
		// a denoiser that answers a constant per tile: the blend must step gradually across an overlap
		final int[] calls = { 0 };
		final Denoiser perTile = (x, t, l, c) -> {
			final Tensor out = x.zerosLike();
			java.util.Arrays.fill(out.data(), calls[0]++);
			return out;
		};
		final Tensor out = new TiledDenoiser(perTile, 32, 8).predict(new Tensor(1, 1, 32, 56), new long[] { 1 }, null,
			null);
		final float[] row = java.util.Arrays.copyOfRange(out.data(), 0, 56);
		assertEquals(0f, row[0]);
		assertEquals(1f, row[55]);
		for (int i = 1; i < 56; i++) {
			assertTrue(row[i] >= row[i - 1] && row[i] - row[i - 1] < 0.2f, "smooth at " + i + ": " + row[i - 1] + " -> " +
				row[i]);
		}
	}
}
