package org.diffusionj.deconvolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import org.diffusionj.Fixtures;
import org.diffusionj.model.LoadedModel;
import org.diffusionj.model.ModelCache;
import org.diffusionj.sampling.GuidedDenoiser;
import org.diffusionj.sampling.NoiseBatch;
import org.diffusionj.sampling.StepListener;
import org.diffusionj.sampling.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Split Gibbs with the exact Gaussian prior (the {@code gaussian} fixture through ONNX Runtime), a Gaussian PSF and
 * Gaussian noise: every step is affine-Gaussian, so numpy gives the exact mean and variance of the sampler's output
 * (src/test/python/deconvolution_reference.py). 64 chains must match them within their standard errors; the test
 * also prints how far that output is from the true posterior (the Wiener filter), which the sampler approaches as ρ
 * falls and the sweeps grow.
 */
class SplitGibbsIT {

	@Test
	void theSamplesHaveTheExactMomentsOfTheSampler() throws Exception {
		final JsonObject ref = Fixtures.json("deconvolution.json").getAsJsonObject("split_gibbs");
		final int h = ref.get("h").getAsInt(), w = ref.get("w").getAsInt(), chains = 64;
		final double[] y = doubles(ref.getAsJsonArray("y")), mean = doubles(ref.getAsJsonArray("mean"));
		final double variance = ref.get("variance").getAsDouble();
		try (LoadedModel prior = ModelCache.acquire(Fixtures.model("gaussian"))) {
			final SplitGibbs gibbs = new SplitGibbs(prior.config().scheduler(), ref.get("iterations").getAsInt(), ref.get(
				"rho_max").getAsDouble(), ref.get("rho_min").getAsDouble(), ref.get("prior_steps").getAsInt(),
				ref.get("single_step_rho").getAsDouble(), 2);
			final GaussianPosterior likelihood = new GaussianPosterior(Psf.gaussian(ref.get("sigma").getAsDouble()), h, w,
				ref.get("noise_var").getAsDouble());
			final Tensor out = gibbs.sample(GuidedDenoiser.unconditional(prior.denoiser()), (x, rho2, white1,
				white2) -> likelihood.sample(y, x, rho2, white1), y, h, w,
				new NoiseBatch(5, 0, chains), StepListener.NONE);
			final float[] x = out.data();
			double worst = 0, pooled = 0;
			for (int p = 0; p < h * w; p++) {
				double m = 0;
				for (int c = 0; c < chains; c++) m += x[c * h * w + p];
				m /= chains;
				worst = Math.max(worst, Math.abs(m - mean[p]) / Math.sqrt(variance / chains));
				for (int c = 0; c < chains; c++) pooled += (x[c * h * w + p] - mean[p]) * (x[c * h * w + p] - mean[p]);
			}
			pooled /= chains * h * w;
			// 256 pixel means: the largest of 256 standard normals rarely passes 4.5
			assertTrue(worst < 4.5, "largest pixel-mean deviation " + worst + " standard errors");
			assertEquals(variance, pooled, 4 * variance * Math.sqrt(2.0 / chains), "pooled variance");
			final double exact = ref.get("posterior_variance").getAsDouble();
			System.out.printf("split Gibbs (%d sweeps, rho %.2f to %.2f): sample std %.4f, the sampler's exact %.4f, " +
				"the true posterior's %.4f (ratio %.3f)%n", ref.get("iterations").getAsInt(), ref.get("rho_max")
					.getAsDouble(), ref.get("rho_min").getAsDouble(), Math.sqrt(pooled), Math.sqrt(variance), Math.sqrt(exact),
				Math.sqrt(pooled / exact));
		}
	}

	private static double[] doubles(final JsonArray a) {
		final double[] v = new double[a.size()];
		for (int i = 0; i < v.length; i++) v[i] = a.get(i).getAsDouble();
		return v;
	}
}
