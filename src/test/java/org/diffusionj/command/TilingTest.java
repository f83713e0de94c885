package org.diffusionj.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.diffusionj.model.ModelConfig;
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
