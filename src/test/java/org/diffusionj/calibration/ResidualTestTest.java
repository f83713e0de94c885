package org.diffusionj.calibration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.diffusionj.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * The residual test against numpy (src/test/python/residual_reference.py, written from the definition): white
 * residuals, Poisson–Gaussian ones, and samples that miss a smooth pattern, on a 70 × 45 plane (one tile); the pattern
 * in two and in one of the four tiles of a 200 × 192 plane (inconsistent, consistent).
 */
class ResidualTestTest {

	private static final JsonObject REF = Fixtures.json("residual.json");

	@Test
	void scoresScaleTilesAndNoiseModelAreNumpys() throws IOException {
		final FloatBuffer pixels = ByteBuffer.wrap(Files.readAllBytes(Fixtures.DIR.resolve("residual.bin"))).order(
			ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
		for (final JsonElement e : REF.getAsJsonArray("cases")) {
			final JsonObject c = e.getAsJsonObject();
			final int n = c.get("width").getAsInt() * c.get("height").getAsInt();
			final float[] y = new float[n];
			pixels.get(y);
			final List<float[]> samples = new ArrayList<>();
			for (int k = 0; k < c.get("samples").getAsInt(); k++) {
				samples.add(new float[n]);
				pixels.get(samples.get(k));
			}
			final ResidualTest.Result r = ResidualTest.of(y, samples, c.get("width").getAsInt(), c.get("height").getAsInt());
			final String name = c.get("name").getAsString();
			assertEquals(c.get("failed").getAsInt(), r.failed, name);
			assertEquals(c.get("tiles").getAsInt(), r.tiles, name);
			assertEquals(c.get("score").getAsDouble(), r.score, 1e-9 * Math.max(1, r.score), name);
			assertEquals(c.get("scale").getAsInt(), r.scale, name);
			assertEquals(c.get("gain").getAsDouble(), r.gain, 1e-9 * Math.max(1, Math.abs(r.gain)), name);
			assertEquals(c.get("readVariance").getAsDouble(), r.readVariance, 1e-7 * Math.max(1, Math.abs(
				r.readVariance)), name);
			assertEquals(!name.equals("structure") && !name.equals("half-structure"), r.consistent(), name + ": " + r);
		}
		assertEquals(0, pixels.remaining(), "every pixel of residual.bin read");
	}

	@Test
	void aRestorationThatEqualsTheImageIsNotConsistentAndATinyImageIsNotTested() {
		final float[] y = new float[64];
		for (int i = 0; i < y.length; i++) y[i] = i % 7;
		final List<float[]> samples = new ArrayList<>();
		samples.add(y.clone());
		final ResidualTest.Result r = ResidualTest.of(y, samples, 8, 8);
		assertFalse(r.consistent(), r.toString());
		assertTrue(Double.isInfinite(r.score));
		final List<float[]> one = new ArrayList<>();
		one.add(new float[] { 3 });
		final ResidualTest.Result tiny = ResidualTest.of(new float[] { 5 }, one, 1, 1);
		assertTrue(tiny.consistent() && tiny.tiles == 0, tiny.toString());
		assertTrue(tiny.toString().startsWith("not tested"), tiny.toString());
		final ResidualTest.Result row = ResidualTest.of(new float[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }, java.util.Collections
			.singletonList(new float[9]), 9, 1);
		assertEquals(0, row.tiles, "one row: no tile of 8 x 8");
	}

	/** The verdict of a stack names its failing planes and the highest score; a prior's warning names PSF and camera. */
	@Test
	void aStacksVerdictNamesItsFailingPlanes() {
		final float[] flat = new float[32 * 32], ramp = new float[32 * 32], noise = new float[32 * 32];
		final java.util.Random random = new java.util.Random(3);
		for (int i = 0; i < flat.length; i++) {
			noise[i] = (float) random.nextGaussian();
			flat[i] = 10 + noise[i];
			ramp[i] = 10 + (i % 32) / 2f + noise[i];
		}
		final float[] sample = new float[32 * 32];
		for (int i = 0; i < sample.length; i++) sample[i] = 10 + (float) (0.3 * random.nextGaussian());
		final List<float[][]> planes = java.util.Arrays.asList(new float[][] { flat }, new float[][] { ramp });
		final List<List<float[][]>> samples = java.util.Collections.singletonList(java.util.Arrays.asList(
			new float[][] { sample }, new float[][] { sample }));
		final ResidualVerdict v = ResidualVerdict.of(planes, samples, 32, 32);
		assertFalse(v.consistent());
		assertTrue(v.toString().startsWith("inconsistent (1 of 2 tiles over the threshold, on plane 2; highest: score "), v
			.toString());
		assertTrue(v.toString().endsWith(", threshold 5.0): " + ResidualVerdict.WARNING), v.toString());
		assertTrue(v.describe(ResidualVerdict.PRIOR_WARNING).endsWith(ResidualVerdict.PRIOR_WARNING));
		final ResidualVerdict one = ResidualVerdict.of(java.util.Collections.singletonList(new float[][] { flat }),
			java.util.Collections.singletonList(java.util.Collections.singletonList(new float[][] { sample })), 32, 32);
		assertTrue(one.toString().matches("consistent \\(score [0-9.]+ at [0-9]+ px, threshold 5\\.0\\)"), one
			.toString());		// a calibration's threshold (the largest score its images reached) above the test's own: the stack passes; one
		// below the test's own changes nothing; an image returned unchanged stays flagged
		final ResidualVerdict calibrated = v.at(1000);
		assertTrue(calibrated.consistent(), calibrated.toString());
		assertTrue(calibrated.toString().endsWith("threshold 1000.0)"), calibrated.toString());
		assertEquals(v.toString(), v.at(3).toString());
		assertEquals(v.toString(), v.at(Double.NaN).toString());
		final float[] y = new float[64];
		for (int i = 0; i < y.length; i++) y[i] = i % 7;
		assertFalse(ResidualTest.of(y, java.util.Collections.singletonList(y.clone()), 8, 8).at(1e9).consistent());
		// the score a calibration keeps: the highest plane's, as the text gives it to one decimal; NaN when untested
		final ResidualTest.Result flatPlane = ResidualTest.of(flat, java.util.Collections.singletonList(sample), 32, 32),
			rampPlane = ResidualTest.of(ramp, java.util.Collections.singletonList(sample), 32, 32);
		assertEquals(Math.max(flatPlane.score, rampPlane.score), v.score());
		assertTrue(v.toString().contains(String.format(java.util.Locale.ROOT, "score %.1f at", v.score())), v.toString());
		assertEquals(flatPlane.score, one.score());
		assertTrue(Double.isNaN(ResidualVerdict.ofPlanes(java.util.Collections.singletonList(ResidualTest.of(
			new float[] { 5 }, java.util.Collections.singletonList(new float[] { 3 }), 1, 1))).score()));
	}

	/** Tiles of about 128 px: one up to 191 px, two from 192, each a near-equal share. */
	@Test
	void tilesAreNearEqualSharesOfAbout128Pixels() {
		assertArrayEquals(new int[] { 0, 70 }, ResidualTest.tiles(70));
		assertArrayEquals(new int[] { 0, 191 }, ResidualTest.tiles(191));
		assertArrayEquals(new int[] { 0, 96, 192 }, ResidualTest.tiles(192));
		assertArrayEquals(new int[] { 0, 128, 256, 384, 512 }, ResidualTest.tiles(512));
		assertArrayEquals(new int[] { 0, 120, 240, 360, 480, 600 }, ResidualTest.tiles(
			600));
	}
}
