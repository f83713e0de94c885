package org.diffusionj.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import org.diffusionj.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Betas and alphaBar against torch's float32 values (golden numbers from make_fixtures.py). */
class BetaScheduleTest {

	@ParameterizedTest
	@ValueSource(strings = { "linear", "scaled_linear", "squaredcos_cap_v2", "sigmoid" })
	void matchesTorchFloat32(final String key) {
		final JsonObject golden = Fixtures.reference().getAsJsonObject("schedules").getAsJsonObject(key);
		final NoiseSchedule s = NoiseSchedule.of(SchedulerConfig.builder().betaSchedule(BetaSchedule.fromKey(key))
			.build());
		final JsonArray index = golden.getAsJsonArray("index");
		for (int i = 0; i < index.size(); i++) {
			final int t = index.get(i).getAsInt();
			final float beta = golden.getAsJsonArray("betas").get(i).getAsFloat();
			final float alphaBar = golden.getAsJsonArray("alpha_bar").get(i).getAsFloat();
			assertEquals(beta, s.beta(t), 2 * Math.ulp(beta), key + " beta_" + t);
			assertEquals(alphaBar, s.alphaBar(t), Math.max(4 * Math.ulp(alphaBar), alphaBar * 2e-6), key +
				" alphaBar_" + t);
		}
	}

	@Test
	void linearEndsAreExact() {
		final float[] b = BetaSchedule.LINEAR.betas(1000, 1e-4, 0.02);
		assertEquals(1e-4f, b[0]);
		assertEquals(0.02f, b[999]);
	}

	@Test
	void zeroTerminalSnrEndsAtZero() {
		final NoiseSchedule s = NoiseSchedule.of(SchedulerConfig.builder().rescaleBetasZeroSnr(true).predictionType(
			PredictionType.V_PREDICTION).build());
		final NoiseSchedule plain = NoiseSchedule.of(SchedulerConfig.defaults());
		assertEquals(0f, s.alphaBar(999), 1e-12);
		assertEquals(1f, s.beta(999), 0f);
		assertEquals(plain.alphaBar(0), s.alphaBar(0), 1e-6);
	}

	@Test
	void unknownScheduleIsNamed() {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BetaSchedule.fromKey(
			"quadratic"));
		assertEquals(true, e.getMessage().contains("quadratic"));
	}
}
