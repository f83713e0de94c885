package org.diffusionj.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.diffusionj.Fixtures;
import org.diffusionj.schedule.NoiseSchedule;
import org.diffusionj.schedule.SchedulerConfig;
import org.diffusionj.schedule.TimestepPlan;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The multistep samplers value for value against numpy (schedulers_np.py, written from diffusers' classes; the
 * numbers in solvers.json by make_fixtures.py): 16 fixed starting values, the dummy model eps = x t / (t + 1), and,
 * for the SDE forms and img2img, every noise draw 0 so that the arithmetic alone is compared. Each run's orders
 * (first, second and third at the right steps, UniC before every step but the first) and noise levels show in the
 * result: a wrong coefficient moves it by far more than the tolerance.
 */
class MultistepSolversTest {

	private static final NoiseBatch ZERO = NoiseBatch.of((data, offset, c, h, w) -> Arrays.fill(data, offset, offset +
		c * h * w, 0f));

	@TestFactory
	List<DynamicTest> samplersMatchNumpy() {
		final JsonObject golden = Fixtures.json("solvers.json");
		final float[] x = new float[16];
		final JsonArray start = golden.getAsJsonArray("x");
		for (int i = 0; i < x.length; i++) x[i] = start.get(i).getAsFloat();
		final List<DynamicTest> tests = new ArrayList<>();
		for (final JsonElement e : golden.getAsJsonArray("runs")) {
			final JsonObject r = e.getAsJsonObject();
			final SamplerKind kind = SamplerKind.fromLabel(r.get("sampler").getAsString());
			final int steps = r.get("steps").getAsInt();
			final boolean img2img = !r.get("strength").isJsonNull();
			tests.add(DynamicTest.dynamicTest(kind + "-" + steps + (img2img ? " img2img " + r.get("strength") : ""),
				() -> {
					final float[] out = run(kind, steps, img2img ? r.get("strength").getAsDouble() : 0, x);
					final JsonArray expected = r.getAsJsonArray("x");
					for (int i = 0; i < out.length; i++) {
						assertEquals(expected.get(i).getAsDouble(), out[i], 2e-5 + 2e-5 * Math.abs(out[i]), "value " + i);
					}
				}));
		}
		return tests;
	}

	/** Karras's and the exponential plans: timesteps exactly (a rounding or a cast off by one shows), sigmas to 1e-6. */
	@TestFactory
	List<DynamicTest> sigmaPlansMatchNumpy() {
		final NoiseSchedule schedule = NoiseSchedule.of(SchedulerConfig.defaults());
		final List<DynamicTest> tests = new ArrayList<>();
		for (final JsonElement e : Fixtures.json("solvers.json").getAsJsonArray("plans")) {
			final JsonObject p = e.getAsJsonObject();
			final int steps = p.get("steps").getAsInt();
			final boolean karras = p.get("spacing").getAsString().equals("karras");
			tests.add(DynamicTest.dynamicTest(p.get("spacing").getAsString() + " " + steps, () -> {
				final TimestepPlan plan = karras ? TimestepPlan.karras(schedule, steps) : TimestepPlan.exponential(
					schedule, steps);
				final JsonArray t = p.getAsJsonArray("timesteps"), sigmas = p.getAsJsonArray("sigmas");
				final int[] expected = new int[t.size()];
				for (int i = 0; i < expected.length; i++) expected[i] = t.get(i).getAsInt();
				assertArrayEquals(expected, plan.timesteps());
				for (int i = 0; i < steps; i++) {
					final double sigma = sigmas.get(i).getAsDouble(), alphaBar = 1 / (1 + sigma * sigma);
					assertEquals(alphaBar, plan.alphaBarAt(i, schedule), 1e-6 * alphaBar, "alphaBar before step " + i);
				}
				assertEquals(1, plan.alphaBarAfter(steps - 1, schedule), 0, "sigma 0 after the last step");
			}));
		}
		return tests;
	}

	private static float[] run(final SamplerKind kind, final int steps, final double strength, final float[] x) {
		final SchedulerConfig config = SchedulerConfig.defaults();
		final GuidedDenoiser dummy = GuidedDenoiser.unconditional(DummyLoopTest.DUMMY);
		final Tensor start = new Tensor(x.clone(), 1, 1, 4, 4);
		if (strength > 0) {
			final SamplerSettings settings = new SamplerSettings(kind, steps, 0, 0, config.numTrainTimesteps());
			return new SdEdit(config, settings, strength).run(dummy, start, ZERO, StepListener.NONE).data();
		}
		final Sampler sampler = new Sampler(config, kind, 0);
		return sampler.sample(dummy, start, sampler.plan(steps), ZERO, StepListener.NONE).data();
	}
}
