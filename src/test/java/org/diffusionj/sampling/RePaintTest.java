package org.diffusionj.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.diffusionj.schedule.SchedulerConfig;
import org.junit.jupiter.api.Test;

class RePaintTest {

	@Test
	void timestepsAreDiffusers() {
		// reference/diffusers-schedulers.md section 7: N=10, jump_length=3, jump_n_sample=2
		assertArrayEquals(new int[] { 900, 800, 700, 600, 700, 800, 900, 800, 700, 600, 500, 400, 300, 400, 500, 600,
			500, 400, 300, 200, 100, 0, 100, 200, 300, 200, 100, 0 }, RePaint.timesteps(10, 3, 2, 100));
	}

	@Test
	void knownPixelsComeBackExactly() {
		final Tensor known = new NoiseBatch(1, 0, 1).draw(1, 8, 8);
		final float[] mask = new float[64];
		for (int i = 0; i < 32; i++) mask[i] = 1;
		final Tensor out = new RePaint(SchedulerConfig.builder().clipSample(false).build(), 10, 3, 2, 1).run(
			GuidedDenoiser.unconditional(DummyLoopTest.DUMMY), known, mask, new NoiseBatch(2, 0, 1), StepListener.NONE);
		for (int i = 0; i < 32; i++) assertEquals(known.data()[i], out.data()[i], 1e-6f, "known pixel " + i);
	}

	@Test
	void countsModelCalls() {
		// the walk above: 28 entries, of which 9 are jumps back up (no model call)
		assertEquals(28 - 9, new RePaint(SchedulerConfig.defaults(), 10, 3, 2, 0).modelCalls());
	}
}
