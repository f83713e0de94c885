package org.diffusionj.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import ij.ImagePlus;
import ij.process.FloatProcessor;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import org.diffusionj.Fixtures;
import org.diffusionj.model.OnnxDenoiser;
import org.diffusionj.sampling.Prediction;
import org.diffusionj.sampling.StepListener;
import org.diffusionj.sampling.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Deconvolve Image...'s whole pipeline from Java (scale, data-free margin, weighted data step by conjugate gradients,
 * split Gibbs, back to camera units) with the exact Gaussian prior (the {@code gaussian} fixture, x0 ~ N(0.3, 0.2²)
 * per pixel), a Gaussian PSF and Gaussian noise: every step is affine-Gaussian, and numpy carries the exact mean and
 * covariance of the output with dense matrices (src/test/python/deconvolution_reference.py). 64 chains must match
 * them; the test prints how far the sampler's spread is from the true posterior's.
 */
class DeconvolutionIT {

	private static final JsonObject REF = Fixtures.json("deconvolution.json").getAsJsonObject("deconvolve");
	private static final int CHAINS = 64;

	private static DeconvolveRequest request(final long seed) {
		return DeconvolveRequest.builder().model(Fixtures.model("gaussian").toString()).psf("gaussian").sigma(REF.get(
			"sigma").getAsDouble()).noise("gaussian").noiseStd(REF.get("noise_std").getAsDouble()).samples(CHAINS).steps(
				REF.get("iterations").getAsInt()).priorSteps(REF.get("prior_steps").getAsInt()).rho(REF.get("rho_max")
					.getAsDouble(), REF.get("rho_min").getAsDouble()).singleStepRho(REF.get("single_step_rho").getAsDouble())
			.seed(seed).keep(true).build();
	}

	/** Four chains of three sweeps on the analytic prior: quick. */
	private static DeconvolveRequest small() {
		return DeconvolveRequest.builder().model(Fixtures.model("gaussian").toString()).psf("gaussian").sigma(1).noise(
			"gaussian").noiseStd(5).samples(4).steps(3).seed(3).build();
	}

	private static ImagePlus observation() {
		final int size = REF.get("size").getAsInt();
		return new ImagePlus("y.tif", new FloatProcessor(size, size, floats(REF.getAsJsonArray("y"))));
	}

	@Test
	void theMeanAndSpreadAreTheSamplersExactOnes() throws Exception {
		final ImagePlus y = observation();
		final float[] before = ((float[]) y.getProcessor().getPixels()).clone();
		final DeconvolveResult r = new Deconvolution(request(7)).run(y, StepListener.NONE);
		assertArrayEquals(before, (float[]) y.getProcessor().getPixels(), "the input is only read");
		final double[] mean = doubles(REF.getAsJsonArray("mean")), variance = doubles(REF.getAsJsonArray("variance"));
		final int n = mean.length;
		assertEquals(CHAINS, r.samples().getStackSize());
		final float[] m = (float[]) r.mean().getProcessor().getPixels();
		double worst = 0, pooled = 0, expected = 0;
		for (int p = 0; p < n; p++) {
			worst = Math.max(worst, Math.abs(m[p] - mean[p]) / Math.sqrt(variance[p] / CHAINS));
			for (int c = 1; c <= CHAINS; c++) {
				final double d = r.samples().getStack().getProcessor(c).getf(p) - mean[p];
				pooled += d * d;
			}
			expected += variance[p];
		}
		pooled /= CHAINS * n;
		expected /= n;
		assertTrue(worst < 4.5, "largest pixel-mean deviation " + worst + " standard errors");
		assertEquals(expected, pooled, 4 * expected * Math.sqrt(2.0 / CHAINS), "pooled variance");
		final double[] pv = doubles(REF.getAsJsonArray("posterior_variance"));
		double exact = 0;
		for (final double v : pv) exact += v / n;
		System.out.printf("Deconvolve (scale %.1f): sample std %.3f, the sampler's exact %.3f, the true posterior's " +
			"%.3f (ratio %.3f)%n", REF.get("scale").getAsDouble(), Math.sqrt(pooled), Math.sqrt(expected), Math.sqrt(exact),
			Math.sqrt(pooled / exact));
		final float[] std = (float[]) r.std().getProcessor().getPixels();
		double stdMean = 0;
		for (final float s : std) stdMean += s / (double) n;
		assertEquals(Math.sqrt(expected), stdMean, 0.15 * Math.sqrt(expected), "the std image is the chains' spread");
		assertTrue(r.recipe.contains("object_scale: " + String.format(java.util.Locale.ROOT, "%.4g", REF.get("scale")
			.getAsDouble())), r.recipe);
	}

	@Test
	void theSameRequestGivesTheSamePixelsOnAnyNumberOfThreads() throws Exception {
		final DeconvolveRequest small = small();
		final float[] a = (float[]) new Deconvolution(small).run(observation(), StepListener.NONE).mean().getProcessor()
			.getPixels();
		System.setProperty(OnnxDenoiser.THREADS_PROPERTY, "1"); // the chains' data steps one after another
		final float[] b;
		try {
			b = (float[]) new Deconvolution(small).run(observation(), StepListener.NONE).mean().getProcessor().getPixels();
		}
		finally {
			System.clearProperty(OnnxDenoiser.THREADS_PROPERTY);
		}
		assertArrayEquals(a, b);
	}

	@Test
	void aCancelStopsTheChainsInTheirDataStep() {
		final DeconvolveRequest small = small();
		final AtomicInteger steps = new AtomicInteger();
		final StepListener cancelAfterOne = new StepListener() {
			@Override
			public void stepDone(final int index, final int total, final int t, final Tensor xt, final Prediction p) {
				steps.incrementAndGet();
			}

			@Override
			public boolean isCanceled() {
				return steps.get() > 0; // checked by every chain's data step, on the pool's threads
			}
		};
		assertThrows(CancellationException.class, () -> new Deconvolution(small).run(observation(), cancelAfterOne));
		assertEquals(1, steps.get(), "the second sweep's data step stops the run");
	}

	private static float[] floats(final JsonArray a) {
		final float[] v = new float[a.size()];
		for (int i = 0; i < v.length; i++) v[i] = a.get(i).getAsFloat();
		return v;
	}

	private static double[] doubles(final JsonArray a) {
		final double[] v = new double[a.size()];
		for (int i = 0; i < v.length; i++) v[i] = a.get(i).getAsDouble();
		return v;
	}
}
