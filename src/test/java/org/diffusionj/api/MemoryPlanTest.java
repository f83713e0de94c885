package org.diffusionj.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.diffusionj.model.ModelMemory;
import org.junit.jupiter.api.Test;

class MemoryPlanTest {

	private static final ModelMemory MODEL = new ModelMemory(1000, 0); // 1 kB a pixel

	@Test
	void theBatchAskedForWhenItFits() {
		final List<String> notes = new ArrayList<>();
		// 32 images of 1000 px: 32 MB of model memory with 1 GB free
		assertEquals(32, new MemoryPlan(1_000_000_000L, 1_000_000_000L).fit(32, MODEL, 1000, 1, 1000, notes::add));
		assertEquals(java.util.Collections.emptyList(), notes);
	}

	@Test
	void fewerImagesWhenTheModelsMemoryIsShort() {
		final List<String> notes = new ArrayList<>();
		// 1 MB per model image, twice with guidance; half of 20 MB usable -> 5 images
		assertEquals(5, new MemoryPlan(20_000_000L, 1_000_000_000L).fit(32, MODEL, 1000, 2, 1000, notes::add));
		assertEquals(java.util.Arrays.asList("5 image(s) per pass instead of batch=32: each needs about 2 MB for the model and 20 MB of " +
			"memory is available."), notes);
	}

	@Test
	void fewerImagesWhenTheHeapIsShort() {
		final List<String> notes = new ArrayList<>();
		// 16 arrays of 4 bytes x 100 000 values = 6.4 MB per image; half of 20 MB -> 1 image
		assertEquals(1, new MemoryPlan(1_000_000_000L, 20_000_000L).fit(8, MODEL, 1000, 1, 100_000, notes::add));
		assertEquals(1, notes.size());
		assertEquals(true, notes.get(0).startsWith("1 image(s) per pass instead of batch=8: each needs about 6 MB of " +
			"Java memory and 20 MB is free"), notes.get(0));
	}

	@Test
	void atLeastOneImageAndUnknownGpuMemoryIsNotALimit() {
		assertEquals(1, new MemoryPlan(10, 1_000_000_000L).imagesPerPass(8, 1e9, 1));
		assertEquals(8, new MemoryPlan(-1, 1_000_000_000L).imagesPerPass(8, 1e12, 1));
	}

	@Test
	void attentionMakesBigTilesCostQuadratically() {
		final ModelMemory m = new ModelMemory(1024, 0.044);
		assertEquals(1024 * 65536 + 0.044 * 65536.0 * 65536, m.bytes(65536), 1e-3);
	}
}
