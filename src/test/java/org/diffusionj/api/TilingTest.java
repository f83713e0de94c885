package org.diffusionj.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.diffusionj.model.ModelConfig;
import org.diffusionj.sampling.Denoiser;
import org.diffusionj.sampling.Tensor;
import org.junit.jupiter.api.Test;

class TilingTest {

	private static final ModelConfig MODEL = ModelConfig.grey("test"); // size multiple 1, sample size 1

	@Test
	void autoTileIs256AndModelPixelsAreATilesWorth() {
		final Tiling t = Tiling.of(MODEL, 0, 0, 32);
		assertEquals(256, t.edge());
		assertEquals(256L * 256, t.modelPixels(1000, 2000));
		assertEquals(37L * 53, t.modelPixels(37, 53));
	}

	/** A 256-pixel image with Noise and Denoise's 8-pixel context margin is 272 wide: one pass, not four tiles. */
	@Test
	void autoTilesTakeATileWithItsContextMarginWhole() {
		final int[] calls = { 0 };
		final Denoiser counting = (x, t, labels, condition) -> {
			calls[0]++;
			return x.zerosLike();
		};
		final Tiling auto = Tiling.of(MODEL, 0, 0, 32);
		assertEquals(272L * 272, auto.modelPixels(272, 272));
		assertEquals(256L * 100, auto.modelPixels(273, 100));
		auto.wrap(counting).predict(new Tensor(1, 1, 272, 272), new long[1], null, null);
		assertEquals(1, calls[0], "one pass for 272 x 272");
		auto.wrap(counting).predict(new Tensor(1, 1, 276, 272), new long[1], null, null);
		assertEquals(1 + 4, calls[0], "2 x 2 tiles of 256 beyond it");
		Tiling.of(MODEL, 0, 256, 32).wrap(counting).predict(new Tensor(1, 1, 272, 272), new long[1], null, null);
		assertEquals(5 + 4, calls[0], "tile=256 asked for is kept to");
	}

	@Test
	void smallerHalvesTheEdgeThatCutsTheImage() {
		assertEquals(128, Tiling.of(MODEL, 0, 0, 32).smaller(1000, 1000).edge());
		assertEquals(50, Tiling.of(MODEL, 0, 0, 32).smaller(100, 60).edge()); // a 256 tile held all of it
		assertNull(Tiling.of(MODEL, 0, 64, 40).smaller(1000, 1000)); // 32 would leave nothing beyond the overlap
		assertNull(Tiling.of(MODEL, 32, 0, 8).smaller(1000, 1000)); // the model takes 32 x 32 only
	}

	@Test
	void aFixedSizeModelTilesAtItsSizeWithAQuarterOverlap() {
		final Tiling t = Tiling.of(MODEL, 32, 0, Tiling.DEFAULT_OVERLAP);
		assertEquals(32, t.edge());
		assertEquals("tile=64 cannot be used: model test takes only 32x32 samples (fixed in its ONNX graph); leave tile " +
			"at 0.", assertThrows(IllegalArgumentException.class, () -> Tiling.of(MODEL, 32, 64, 8)).getMessage());
	}

	@Test
	void badKeysAreNamed() {
		assertEquals("tile=-1 is out of range: it must be 0 (auto) or more", assertThrows(IllegalArgumentException.class,
			() -> Tiling.of(MODEL, 0, -1, 0)).getMessage());
		assertEquals("overlap=64 is out of range: it must lie in [0, 64)", assertThrows(IllegalArgumentException.class,
			() -> Tiling.of(MODEL, 0, 64, 64)).getMessage());
	}
}
