package org.diffusionj.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import org.diffusionj.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * The Hoeffding–Bentkus bound and the λ̂ scan against scipy (src/test/python/calibration_reference.py, written from
 * the papers as im2im-uq computes them), on bounds from 5 to 1000 losses and on 40 images whose std is half the truth.
 */
class CalibrationTest {

	private static final JsonObject REF = Fixtures.json("calibration.json");

	@Test
	void theBoundIsScipys() {
		for (final JsonElement e : REF.getAsJsonArray("bounds")) {
			final JsonObject b = e.getAsJsonObject();
			final double ucb = HoeffdingBentkus.upperBound(b.get("riskHat").getAsDouble(), b.get("n").getAsInt(), b.get(
				"delta").getAsDouble());
			assertEquals(b.get("ucb").getAsDouble(), ucb, 1e-9, b.toString());
		}
	}

	@Test
	void lambdaHatIsScipysAndTwiceTheQuantileForAStdHalfTheTruth() {
		final JsonArray images = REF.getAsJsonArray("scores");
		final float[][] scores = new float[images.size()][];
		for (int i = 0; i < scores.length; i++) {
			final JsonArray a = images.get(i).getAsJsonArray();
			scores[i] = new float[a.size()];
			for (int j = 0; j < a.size(); j++) scores[i][j] = a.get(j).getAsFloat();
		}
		final IntervalCalibration.Result r = IntervalCalibration.calibrate(scores, REF.get("alpha").getAsDouble(), REF.get(
			"delta").getAsDouble());
		assertEquals(REF.get("lambdaHat").getAsDouble(), r.lambda, 1e-9);
		assertEquals(REF.get("bound").getAsDouble(), r.bound, 1e-9);
		assertEquals(REF.get("missRate").getAsDouble(), r.missRate, 1e-12);
		// |z| / 0.5 with z ~ N(0, 1): lambda must pass 2 x 1.645 (the 90 % two-sided quantile of a std twice as large)
		assertTrue(r.lambda > 2 * 1.645, "lambda-hat " + r.lambda);
	}

	/** fewestImages is where a run with no miss at all first gets a bound at most alpha. */
	@Test
	void theFewestImagesAreWhereAPerfectRunFirstReachesAlpha() {
		for (final double[] ad : new double[][] { { 0.1, 0.1 }, { 0.05, 0.1 }, { 0.2, 0.01 }, { 0.5, 0.1 } }) {
			final int n = IntervalCalibration.fewestImages(ad[0], ad[1]);
			assertTrue(HoeffdingBentkus.upperBound(0, n, ad[1]) <= ad[0] + 1e-9, n + " " + ad[0]);
			assertTrue(HoeffdingBentkus.upperBound(0, n - 1, ad[1]) > ad[0], (n - 1) + " " + ad[0]);
		}
		assertEquals(22, IntervalCalibration.fewestImages(0.1, 0.1));
	}

	@Test
	void badLevelsAreOneSentence() {
		assertThrows(IllegalArgumentException.class, () -> IntervalCalibration.calibrate(new float[][] { { 1 } }, 0.6,
			0.1));
		assertThrows(IllegalArgumentException.class, () -> HoeffdingBentkus.upperBound(0.1, 0, 0.1));
		assertEquals(0f, IntervalCalibration.score(2, 2, 0));
		assertEquals(Float.POSITIVE_INFINITY, IntervalCalibration.score(2, 1, 0));
		assertEquals(2f, IntervalCalibration.score(1, 3, 1));
	}
}
