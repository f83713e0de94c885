package org.diffusionj.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.util.ArrayList;
import java.util.List;

import org.diffusionj.Fixtures;
import org.diffusionj.model.LoadedModel;
import org.diffusionj.model.ModelCache;
import org.diffusionj.model.ModelConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every sampler, through ONNX Runtime, on exact-denoiser fixtures: the sampled distribution must be the
 * one numpy computes for the same sampler (make_fixtures.py), within what 4096 samples allow.
 */
class ExactSamplersIT {

	private static final int SIZE = 64; // 64 x 64 = 4096 independent pixels per run

	@AfterAll
	static void close() {
		ModelCache.clear();
	}

	private static float[] run(final String fixture, final String sampler, final int steps, final double eta,
		final int label, final double guidance) throws Exception
	{
		return run(fixture, sampler, steps, eta, 1, label, guidance);
	}

	private static float[] run(final String fixture, final String sampler, final int steps, final double eta,
		final double epsilonScale, final int label, final double guidance) throws Exception
	{
		try (LoadedModel model = ModelCache.acquire(Fixtures.model(fixture))) {
			final ModelConfig c = model.config();
			final SamplerSettings settings = new SamplerSettings(SamplerKind.fromLabel(sampler), steps, eta, 1234,
				epsilonScale, c.scheduler().numTrainTimesteps());
			final GuidedDenoiser guided = label < 0 ? GuidedDenoiser.unconditional(model.denoiser()) : GuidedDenoiser
				.conditional(model.denoiser(), new long[] { label }, c.nullClassLabel(), guidance);
			return new Generator(c.scheduler(), settings).generate(guided, 0, 1, 1, SIZE, SIZE, StepListener.NONE)
				.data();
		}
	}

	/** A run's sample mean and std against the reference's "mean" and "std" (SIZE x SIZE samples), plus slack. */
	private static void assertMoments(final JsonObject reference, final double[] meanStd, final double slack) {
		Fixtures.assertMoments(reference.get("mean").getAsDouble(), reference.get("std").getAsDouble(), meanStd, SIZE *
			SIZE, slack, "");
	}

	/** How far a std of SIZE x SIZE samples may lie from the true std. */
	private static double stdTolerance(final double std, final double slack) {
		return Fixtures.stdTolerance(std, SIZE * SIZE, slack);
	}

	private static String name(final JsonObject r) {
		return r.get("sampler").getAsString() + "-" + r.get("steps").getAsInt() + " eta=" + r.get("eta").getAsDouble();
	}

	@TestFactory
	List<DynamicTest> gaussianMeanAndStd() {
		return gaussianRuns("gaussian", "gaussian", 1e-4);
	}

	/** DDPM with variance_type fixed_large (beta_t instead of the posterior variance). */
	@TestFactory
	List<DynamicTest> fixedLargeVariance() {
		return gaussianRuns("gaussian_large", "gaussian_large", 1e-4);
	}

	/** @param slack added to the 4-standard-error bounds (float rounding of the fixture's arithmetic) */
	private static List<DynamicTest> gaussianRuns(final String fixture, final String reference, final double slack) {
		final List<DynamicTest> tests = new ArrayList<>();
		for (final JsonElement e : Fixtures.reference().getAsJsonObject(reference).getAsJsonArray("runs")) {
			final JsonObject r = e.getAsJsonObject();
			tests.add(DynamicTest.dynamicTest(name(r), () -> {
				final double[] ms = Fixtures.meanStd(run(fixture, r.get("sampler").getAsString(), r.get("steps")
					.getAsInt(), r.get("eta").getAsDouble(), -1, 1));
				assertMoments(r, ms, slack);
			}));
		}
		return tests;
	}

	/** The same Gaussian from a v-prediction model with renamed inputs and a float32 scalar timestep. */
	@TestFactory
	List<DynamicTest> vPredictionWithMappedInputs() {
		return gaussianRuns("gaussian_v", "gaussian", 1e-3);
	}

	/**
	 * Epsilon Scaling: each sampler, given eps / lambda, must give numpy's distribution for the scaled noise, on the
	 * epsilon model and on the v-prediction model (whose noise is derived from v before it is scaled); each case's
	 * std is more than two tolerances from the unscaled run's, so that ignoring the scale fails.
	 */
	@TestFactory
	List<DynamicTest> epsilonScaling() {
		final List<DynamicTest> tests = new ArrayList<>();
		for (final JsonElement e : Fixtures.reference().getAsJsonObject("epsilon_scale").getAsJsonArray("runs")) {
			final JsonObject r = e.getAsJsonObject();
			final double lambda = r.get("epsilon").getAsDouble();
			for (final String fixture : new String[] { "gaussian", "gaussian_v" }) {
				tests.add(DynamicTest.dynamicTest(fixture + " " + name(r) + " epsilon=" + lambda, () -> {
					final double[] ms = Fixtures.meanStd(run(fixture, r.get("sampler").getAsString(), r.get("steps")
						.getAsInt(), r.get("eta").getAsDouble(), lambda, -1, 1));
					final double std = r.get("std").getAsDouble();
					assertTrue(Math.abs(std - r.get("std_unscaled").getAsDouble()) > 2 * stdTolerance(std, 2e-3),
						"an informative case");
					assertMoments(r, ms, 2e-3);
				}));
			}
		}
		return tests;
	}

	@TestFactory
	List<DynamicTest> mixtureWeightsAndModes() {
		final List<DynamicTest> tests = new ArrayList<>();
		for (final JsonElement e : Fixtures.reference().getAsJsonObject("mixture").getAsJsonArray("runs")) {
			final JsonObject r = e.getAsJsonObject();
			tests.add(DynamicTest.dynamicTest(name(r), () -> {
				final float[] x = run("mixture", r.get("sampler").getAsString(), r.get("steps").getAsInt(), r.get(
					"eta").getAsDouble(), -1, 1);
				int low = 0;
				double sumLow = 0, sumHigh = 0;
				for (final float v : x) {
					if (v < 0) {
						low++;
						sumLow += v;
					}
					else sumHigh += v;
				}
				final double w = r.get("weight_low").getAsDouble();
				assertEquals(w, low / (double) x.length, 4 * Math.sqrt(w * (1 - w) / x.length), "weight");
				assertEquals(r.get("mean_low").getAsDouble(), sumLow / low, 0.02, "mean of the low mode");
				assertEquals(r.get("mean_high").getAsDouble(), sumHigh / (x.length - low), 0.02, "mean of the high mode");
			}));
		}
		return tests;
	}

	/** DPM-Solver++(2M) against numpy's Monte Carlo of the same solver (200 000 samples). */
	@TestFactory
	List<DynamicTest> dpmSolverMultistep() {
		final List<DynamicTest> tests = new ArrayList<>();
		final JsonObject dpm = Fixtures.reference().getAsJsonObject("dpm");
		for (final JsonElement e : dpm.getAsJsonArray("gaussian")) {
			final JsonObject r = e.getAsJsonObject();
			final int steps = r.get("steps").getAsInt();
			tests.add(DynamicTest.dynamicTest("gaussian DPM++2M-" + steps, () -> {
				assertMoments(r, Fixtures.meanStd(run("gaussian", "DPM++2M", steps, 0, -1, 1)), 2e-3);
			}));
		}
		for (final JsonElement e : dpm.getAsJsonArray("mixture")) {
			final JsonObject r = e.getAsJsonObject();
			final int steps = r.get("steps").getAsInt();
			tests.add(DynamicTest.dynamicTest("mixture DPM++2M-" + steps, () -> {
				final float[] x = run("mixture", "DPM++2M", steps, 0, -1, 1);
				int low = 0;
				double sumLow = 0;
				for (final float v : x) {
					if (v < 0) {
						low++;
						sumLow += v;
					}
				}
				final double w = r.get("weight_low").getAsDouble();
				assertEquals(w, low / (double) x.length, 4 * Math.sqrt(w * (1 - w) / x.length), "weight");
				assertEquals(r.get("mean_low").getAsDouble(), sumLow / low, 0.03, "mean of the low mode");
			}));
		}
		return tests;
	}

	/** The variational bound of a constant image under the exact Gaussian model, against numpy's expectation. */
	@org.junit.jupiter.api.Test
	void variationalBound() throws Exception {
		final JsonObject ref = Fixtures.reference().getAsJsonObject("vlb");
		final LoadedModel model = ModelCache.acquire(Fixtures.model("gaussian"));
		final Tensor x0 = new Tensor(1, 1, SIZE, SIZE);
		java.util.Arrays.fill(x0.data(), ref.get("x0").getAsFloat());
		final double[] terms = new VariationalBound(model.config().scheduler()).terms(GuidedDenoiser.unconditional(model
			.denoiser()), x0, new NoiseBatch(5, 0, 1), 50, StepListener.NONE);
		final double bits = VariationalBound.bitsPerDim(terms);
		assertEquals(ref.get("bits_per_dim").getAsDouble(), bits, 0.01 * bits, "bits/dim");
		assertEquals(ref.get("prior").getAsDouble(), terms[1000], 1e-6, "prior");
		assertEquals(ref.get("l0").getAsDouble(), terms[0], 0.03 * terms[0], "L_0");
		assertEquals(ref.get("l_10").getAsDouble(), terms[10], 0.1 * terms[10], "term t=10");
		assertEquals(ref.get("l_500").getAsDouble(), terms[500], 0.1 * terms[500], "term t=500");
	}

	@TestFactory
	List<DynamicTest> classifierFreeGuidance() {
		final List<DynamicTest> tests = new ArrayList<>();
		for (final JsonElement e : Fixtures.reference().getAsJsonObject("classes").getAsJsonArray("runs")) {
			final JsonObject r = e.getAsJsonObject();
			final int label = r.get("label").getAsInt();
			final double s = r.get("guidance").getAsDouble();
			tests.add(DynamicTest.dynamicTest("label " + label + " guidance " + s + " " + name(r), () -> {
				final double[] ms = Fixtures.meanStd(run("classes", r.get("sampler").getAsString(), r.get("steps")
					.getAsInt(), r.get("eta").getAsDouble(), label, s));
				assertMoments(r, ms, 2e-3);
			}));
		}
		return tests;
	}
}
