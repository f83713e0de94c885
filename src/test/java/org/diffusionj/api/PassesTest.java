package org.diffusionj.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.diffusionj.model.ModelConfig;
import org.diffusionj.sampling.Denoiser;
import org.diffusionj.sampling.Generator;
import org.diffusionj.sampling.GuidedDenoiser;
import org.diffusionj.sampling.SamplerKind;
import org.diffusionj.sampling.SamplerSettings;
import org.diffusionj.sampling.StepListener;
import org.diffusionj.sampling.Tensor;
import org.diffusionj.schedule.SchedulerConfig;
import org.junit.jupiter.api.Test;

class PassesTest {

	private static final SchedulerConfig CONFIG = SchedulerConfig.defaults();
	private static final Generator GENERATOR = new Generator(CONFIG, new SamplerSettings(SamplerKind.DDIM, 10, 1, 3,
		1000));
	private static final int SIZE = 64;

	/** A per-pixel model, ε̂ = 0.3 x, that "runs out of memory" above {@code maxImages} images or {@code maxPixels} pixels. */
	private static Denoiser limited(final int maxImages, final int maxPixels) {
		return (x, t, l, c) -> {
			if (x.n() > maxImages || x.h() * x.w() > maxPixels) throw new OutOfMemoryError("pretend");
			final Tensor eps = new Tensor(x.n(), x.c(), x.h(), x.w());
			for (int i = 0; i < eps.data().length; i++) eps.data()[i] = 0.3f * x.data()[i];
			return eps;
		};
	}

	/** Generates 5 images of SIZE² with the given model, starting at perPass images and 64-pixel tiles. */
	private static Tensor generate(final Denoiser model, final int perPass, final List<String> notes) {
		final Tensor out = new Tensor(5, 1, SIZE, SIZE);
		final Tiling tiling = Tiling.of(ModelConfig.grey("test"), 0, SIZE, 8);
		Passes.run(5, perPass, tiling, SIZE, SIZE, (first, n, tiles) -> {
			final Tensor x0 = GENERATOR.generate(GuidedDenoiser.unconditional(tiles.wrap(model)), first, n, 1, SIZE, SIZE,
				StepListener.NONE);
			System.arraycopy(x0.data(), 0, out.data(), first * out.itemSize(), x0.data().length);
		}, notes::add);
		return out;
	}

	@Test
	void outOfMemoryHalvesTheImagesPerPassAndKeepsThePixels() {
		final Tensor reference = generate(limited(99, 1 << 20), 1, new ArrayList<>());
		final List<String> notes = new ArrayList<>();
		final Tensor retried = generate(limited(2, 1 << 20), 5, notes);
		assertArrayEquals(reference.data(), retried.data());
		assertEquals("Out of memory with 5 images per pass; retrying with 2.", notes.get(0));
		assertEquals(1, notes.size());
	}

	@Test
	void outOfMemoryWithOneImageHalvesTheTiles() {
		final Tensor reference = generate(limited(99, 1 << 20), 5, new ArrayList<>());
		final List<String> notes = new ArrayList<>();
		final Tensor retried = generate(limited(1, 16 * 16), 2, notes);
		assertArrayEquals(reference.data(), retried.data(), 1e-5f); // a per-pixel model is stitched exactly
		assertEquals(java.util.Arrays.asList("Out of memory with 2 images per pass; retrying with 1.",
			"Out of memory with one image per pass and tile=64; retrying with tile=32.",
			"Out of memory with one image per pass and tile=32; retrying with tile=16."), notes);
	}

	@Test
	void outOfMemoryWithTheSmallestTileSaysWhatToDo() {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> generate(limited(1, 8 * 8),
			1, new ArrayList<>()));
		assertEquals("Out of memory even with one image per pass and tile=16: choose a smaller image or free some memory.",
			e.getMessage());
	}
}
