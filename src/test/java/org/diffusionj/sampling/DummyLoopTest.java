package org.diffusionj.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;

import org.diffusionj.Fixtures;
import org.diffusionj.schedule.SchedulerConfig;
import org.diffusionj.schedule.TimestepPlan;
import org.junit.jupiter.api.Test;

/** STYLE.md's golden loop: 10 DDIM steps with eps = x t / (t + 1), against numpy (make_fixtures.py). */
class DummyLoopTest {

	/** eps = x * t / (t + 1), the dummy model of diffusers' scheduler tests. */
	static final Denoiser DUMMY = (x, ts, labels, condition) -> {
		final Tensor out = x.zerosLike();
		final int size = x.itemSize();
		for (int i = 0; i < x.data().length; i++) {
			final long t = ts[i / size];
			out.data()[i] = x.data()[i] * t / (t + 1f);
		}
		return out;
	};

	@Test
	void ddimTenStepsMatchesNumpy() {
		final JsonArray expected = Fixtures.reference().getAsJsonArray("dummy_ddim_loop");
		final float[] x = new float[16];
		for (int i = 0; i < 16; i++) x[i] = (float) (-1.5 + 3.0 * i / 15);
		final SchedulerConfig config = SchedulerConfig.defaults();
		final Tensor out = new Sampler(config, SamplerKind.DDIM, 0).sample(GuidedDenoiser.unconditional(DUMMY),
			new Tensor(x, 1, 1, 4, 4), TimestepPlan.of(config, 10), new NoiseBatch(0, 0, 1), StepListener.NONE);
		for (int i = 0; i < 16; i++) {
			assertEquals(expected.get(i).getAsDouble(), out.data()[i], 2e-5, "pixel " + i);
		}
	}

	@Test
	void cancelStopsBeforeTheNextStepAndReturnsNothing() {
		final SchedulerConfig config = SchedulerConfig.defaults();
		final int[] steps = { 0 };
		final StepListener cancelAfterThree = new StepListener() {
			@Override
			public void stepDone(final int index, final int total, final int t, final Tensor x, final Prediction p) {
				steps[0]++;
			}

			@Override
			public boolean isCanceled() {
				return steps[0] >= 3;
			}
		};
		org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.CancellationException.class, () -> new Sampler(
			config, SamplerKind.DDIM, 0).sample(GuidedDenoiser.unconditional(DUMMY), new Tensor(1, 1, 4, 4), TimestepPlan
				.of(config, 50), new NoiseBatch(1, 0, 1), cancelAfterThree));
		assertEquals(3, steps[0], "no step after the cancel");
	}

	@Test
	void inputIsNotModified() {
		final float[] x = { 0.5f, -0.25f, 1f, 2f };
		final SchedulerConfig config = SchedulerConfig.defaults();
		new Sampler(config, SamplerKind.DDPM, 0).sample(GuidedDenoiser.unconditional(DUMMY), new Tensor(x, 1, 1, 2, 2),
			TimestepPlan.of(config, 20), new NoiseBatch(1, 0, 1), StepListener.NONE);
		assertEquals(0.5f, x[0]);
		assertEquals(2f, x[3]);
	}
}
