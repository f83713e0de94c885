package org.diffusionj;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** The exact-denoiser fixtures and numpy reference numbers made by src/test/python/make_fixtures.py. */
public final class Fixtures {

	public static final Path DIR = Paths.get("src/test/resources/fixtures").toAbsolutePath();

	private Fixtures() {}

	public static Path model(final String name) {
		return DIR.resolve(name);
	}

	public static JsonObject reference() {
		return json("reference.json");
	}

	/** A JSON file of numbers that make_fixtures.py wrote. */
	public static JsonObject json(final String file) {
		try (Reader r = Files.newBufferedReader(DIR.resolve(file), StandardCharsets.UTF_8)) {
			return JsonParser.parseReader(r).getAsJsonObject();
		}
		catch (final IOException e) {
			throw new IllegalStateException(e);
		}
	}

	/** Mean and (population) standard deviation of a float array. */
	public static double[] meanStd(final float[] v) {
		double sum = 0, sq = 0;
		for (final float x : v) sum += x;
		final double mean = sum / v.length;
		for (final float x : v) sq += (x - mean) * (x - mean);
		return new double[] { mean, Math.sqrt(sq / v.length) };
	}

	/**
	 * Samples whose true mean and std are known (numpy's): their mean within 4 standard errors of {@code n} draws,
	 * plus {@code slack} (float rounding of the fixture's arithmetic), and their std within {@link #stdTolerance}.
	 */
	public static void assertMoments(final double mean, final double std, final double[] meanStd, final double n,
		final double slack, final String what)
	{
		org.junit.jupiter.api.Assertions.assertEquals(mean, meanStd[0], 4 * std / Math.sqrt(n) + slack, "mean" + what);
		org.junit.jupiter.api.Assertions.assertEquals(std, meanStd[1], stdTolerance(std, n, slack), "std" + what);
	}

	/** How far the std of n Gaussian draws may lie from the true std: 4 standard errors (std / sqrt(2n)) plus slack. */
	public static double stdTolerance(final double std, final double n, final double slack) {
		return 4 * std / Math.sqrt(2 * n) + slack;
	}

	/** Draws that must be N(0, 1): mean, std and P(|Z| > 2) within about 4 standard errors. */
	public static void assertStandardNormal(final float[] z) {
		final double[] ms = meanStd(z);
		org.junit.jupiter.api.Assertions.assertEquals(0, ms[0], 4 / Math.sqrt(z.length), "mean");
		org.junit.jupiter.api.Assertions.assertEquals(1, ms[1], 4 / Math.sqrt(2.0 * z.length), "std");
		int beyond2 = 0;
		for (final float v : z) if (Math.abs(v) > 2) beyond2++;
		org.junit.jupiter.api.Assertions.assertEquals(0.0455, beyond2 / (double) z.length, 0.002, "P(|Z| > 2)");
	}
}
