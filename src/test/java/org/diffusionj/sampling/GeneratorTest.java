package org.diffusionj.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.diffusionj.schedule.SchedulerConfig;
import org.junit.jupiter.api.Test;

class GeneratorTest {

	private static final SchedulerConfig CONFIG = SchedulerConfig.defaults();
	private static final SamplerSettings SETTINGS = new SamplerSettings(SamplerKind.DDIM, 10, 1, 3, 1000);

	/** The dummy model, but it "runs out of memory" for more than {@code limit} images per pass. */
	private static Denoiser limited(final int limit) {
		return (x, t, l, c) -> {
			if (x.n() > limit) throw new OutOfMemoryError("pretend: " + x.n() + " images");
			return DummyLoopTest.DUMMY.predict(x, t, l, c);
		};
	}

	@Test
	void outOfMemoryHalvesTheBatchAndKeepsThePixels() {
		final List<String> notes = new ArrayList<>();
		final StepListener listener = new StepListener() {
			@Override
			public void stepDone(final int index, final int total, final int t, final Tensor x, final Prediction p) {}

			@Override
			public void note(final String message) {
				notes.add(message);
			}
		};
		final Tensor reference = new Generator(CONFIG, SETTINGS).generate(GuidedDenoiser.unconditional(limited(99)), 5, 1,
			8, 8, 1, StepListener.NONE);
		final Tensor retried = new Generator(CONFIG, SETTINGS).generate(GuidedDenoiser.unconditional(limited(2)), 5, 1, 8,
			8, 8, listener);
		assertArrayEquals(reference.data(), retried.data());
		assertEquals("Out of memory with 5 images per pass; retrying with 2.", notes.get(0));
	}

	@Test
	void outOfMemoryWithOneImageIsRethrown() {
		assertThrows(OutOfMemoryError.class, () -> new Generator(CONFIG, SETTINGS).generate(GuidedDenoiser
			.unconditional(limited(0)), 2, 1, 8, 8, 4, StepListener.NONE));
	}
}
