package org.diffusionj.deconvolution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.util.SplittableRandom;

import org.diffusionj.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * The building blocks of Deconvolve Image... against numpy/scipy (src/test/python/deconvolution_reference.py): J1,
 * the Gaussian and Airy PSFs as the simulator draws them, the FFT, and the linear-Gaussian posterior (the Wiener
 * filter, itself checked there against the dense matrix formula): its mean to 1e-10, and its samples' spread.
 */
class DeconvolutionCoreTest {

	private static final JsonObject REF = Fixtures.json("deconvolution.json");

	private static double[] doubles(final JsonArray a) {
		final double[] v = new double[a.size()];
		for (int i = 0; i < v.length; i++) v[i] = a.get(i).getAsDouble();
		return v;
	}

	@Test
	void besselJ1IsScipys() {
		final double[] x = doubles(REF.getAsJsonObject("j1").getAsJsonArray("x"));
		final double[] j1 = doubles(REF.getAsJsonObject("j1").getAsJsonArray("value"));
		for (int i = 0; i < x.length; i++) assertEquals(j1[i], Psf.besselJ1(x[i]), 2e-7, "J1(" + x[i] + ")");
	}

	@Test
	void thePsfsAreTheSimulators() {
		final JsonObject g = REF.getAsJsonObject("gaussian"), a = REF.getAsJsonObject("airy");
		final Psf gauss = Psf.gaussian(g.get("sigma").getAsDouble());
		assertEquals(g.get("size").getAsInt(), gauss.size);
		assertArrayEquals(doubles(g.getAsJsonArray("kernel")), gauss.kernel, 1e-12);
		final Psf airy = Psf.airy(a.get("wavelength").getAsDouble(), a.get("na").getAsDouble(), a.get("pixel")
			.getAsDouble());
		assertEquals(a.get("size").getAsInt(), airy.size);
		assertArrayEquals(doubles(a.getAsJsonArray("kernel")), airy.kernel, 2e-7);
		assertThrows(IllegalArgumentException.class, () -> Psf.airy(520, 0, 100));
		assertThrows(IllegalArgumentException.class, () -> Psf.gaussian(-1));
	}

	/**
	 * Every frequency of complex arrays whose sides take each radix (4, 2, 3, 5, and 7, 11, 13, 67 by the direct sum),
	 * square ones included (rows and columns share their twiddles).
	 */
	@Test
	void theFftInvertsAndMatchesTheDefinition() {
		final int[][] sides = { { 1, 1 }, { 4, 8 }, { 6, 10 }, { 12, 12 }, { 9, 25 }, { 7, 11 }, { 13, 12 }, { 32, 18 }, { 2, 67 } };
		final SplittableRandom r = new SplittableRandom(3);
		for (final int[] side : sides) {
			final int h = side[0], w = side[1];
			final double[] re = new double[h * w], im = new double[h * w];
			for (int i = 0; i < re.length; i++) {
				re[i] = r.nextDouble() - 0.5;
				im[i] = r.nextDouble() - 0.5;
			}
			final double[] xRe = re.clone(), xIm = im.clone();
			Fft2d.forward(re, im, h, w);
			for (int ky = 0; ky < h; ky++) {
				for (int kx = 0; kx < w; kx++) { // X(ky, kx) = sum of x(y, x) e^(-2 pi i (ky y / h + kx x / w))
					double sr = 0, si = 0;
					for (int y = 0; y < h; y++) {
						for (int x = 0; x < w; x++) {
							final double ph = -2 * Math.PI * ((double) ky * y / h + (double) kx * x / w);
							sr += xRe[y * w + x] * Math.cos(ph) - xIm[y * w + x] * Math.sin(ph);
							si += xRe[y * w + x] * Math.sin(ph) + xIm[y * w + x] * Math.cos(ph);
						}
					}
					assertEquals(sr, re[ky * w + kx], 1e-11, w + "x" + h + " at (" + ky + ", " + kx + ")");
					assertEquals(si, im[ky * w + kx], 1e-11, w + "x" + h + " at (" + ky + ", " + kx + ")");
				}
			}
			Fft2d.inverse(re, im, h, w);
			assertArrayEquals(xRe, re, 1e-12);
			assertArrayEquals(xIm, im, 1e-12);
		}
	}

	@Test
	void theDeconvolversGridIsAMultipleOfTheNetworksStepWithNoPrimeFactorAboveFive() {
		assertTrue(Fft2d.isFast(2 * 3 * 5 * 8));
		assertFalse(Fft2d.isFast(7 * 8));
		assertFalse(Fft2d.isFast(0));
		final PlaneDeconvolver d = new PlaneDeconvolver(null, Psf.gaussian(1.4), null, 8);
		assertEquals(288, d.gridSize(256 + 28)); // a 256-pixel side, a 13-pixel PSF: margins of 14 (2^5 3^2)
		assertEquals(96, d.gridSize(92));
		assertEquals(576, d.gridSize(542)); // 544 = 2^5 17 and 560 = 2^4 5 7 are not
		assertEquals(7 * 43, new PlaneDeconvolver(null, Psf.gaussian(1.4), null, 7).gridSize(300)); // none: the first
	}

	/**
	 * The likelihood step on the deconvolver's grid is the step on any larger periodic grid around it: no data within
	 * half a PSF of an edge, so nothing wraps, and pixels beyond carry prior alone. Both solved all but exactly (relative
	 * residual 1e-12), so they agree to rounding; at the shipped tolerance they agree to about its 1e-3.
	 */
	@Test
	void theDataStepIsTheSameOnALargerGrid() {
		final Psf psf = Psf.gaussian(1.4);
		final int h = 24, w = 30, margin = psf.size / 2 + 2, big = 64;
		final SplittableRandom r = new SplittableRandom(5);
		final double[] y = new double[h * w], x = new double[h * w], weight = new double[h * w];
		final double[] yBig = new double[big * big], xBig = new double[big * big], wBig = new double[big * big];
		for (int row = 0; row < h; row++) {
			for (int c = 0; c < w; c++) {
				final int i = row * w + c, g = row * big + c;
				x[i] = xBig[g] = r.nextDouble() * 2 - 1;
				if (row >= margin && row < h - margin && c >= margin && c < w - margin) {
					y[i] = yBig[g] = r.nextDouble() * 2 - 1;
					weight[i] = wBig[g] = 5 + 400 * r.nextDouble(); // from a few to many photons
				}
			}
		}
		final double[] small = new WeightedPosterior(new Otf(psf, h, w), y, 1e-12).mean(x, weight, 0.04);
		final double[] large = new WeightedPosterior(new Otf(psf, big, big), yBig, 1e-12).mean(xBig, wBig, 0.04);
		double worst = 0;
		for (int row = 0; row < h; row++) {
			for (int c = 0; c < w; c++) worst = Math.max(worst, Math.abs(small[row * w + c] - large[row * big + c]));
		}
		System.out.println("data step, 30x24 grid against 64x64: largest difference " + worst);
		assertTrue(worst < 1e-9, "largest difference " + worst);
	}

	@Test
	void thePosteriorMeanIsTheWienerFiltersAndSamplesHaveItsVariance() {
		final JsonObject p = REF.getAsJsonObject("posterior");
		final int h = p.get("h").getAsInt(), w = p.get("w").getAsInt();
		final GaussianPosterior post = new GaussianPosterior(Psf.gaussian(REF.getAsJsonObject("gaussian").get("sigma")
			.getAsDouble()), h, w, p.get("noise_var").getAsDouble());
		final double[] y = doubles(p.getAsJsonArray("y")), z = doubles(p.getAsJsonArray("z"));
		final double rho2 = p.get("rho2").getAsDouble();
		assertArrayEquals(doubles(p.getAsJsonArray("mean")), post.mean(y, z, rho2), 1e-10);
		final double variance = p.get("variance").getAsDouble();
		assertEquals(variance, post.variance(rho2), 1e-12);
		// 400 draws: the per-pixel variance about the exact mean, within 4 standard errors of a chi-square estimate
		final double[] m = post.mean(y, z, rho2);
		final SplittableRandom random = new SplittableRandom(7);
		double sum = 0;
		final int draws = 400;
		for (int d = 0; d < draws; d++) {
			final double[] s = post.sample(y, z, rho2, random);
			for (int i = 0; i < s.length; i++) sum += (s[i] - m[i]) * (s[i] - m[i]);
		}
		final double estimate = sum / draws / m.length;
		// NB: pixels are correlated, so the effective count is below draws x pixels; draws alone bounds it safely
		assertEquals(variance, estimate, 4 * variance * Math.sqrt(2.0 / draws));
	}

	@Test
	void sweepsAtOrAboveTheSingleStepRhoTakeOneModelCall() {
		final org.diffusionj.schedule.SchedulerConfig config = org.diffusionj.schedule.SchedulerConfig.defaults();
		// 24 sweeps, rho_k = 0.5 * 0.1^(k / 23): rho_k >= 0.1 for k <= 23 log 5 / log 10 = 16.07, so 17 sweeps of one
		// call and 7 of three
		final SplitGibbs hybrid = new SplitGibbs(config, 24, 0.5, 0.05, 3, 0.1, 1);
		assertEquals(17 + 7 * 3, hybrid.calls());
		final double[] rhos = hybrid.rhos();
		assertEquals(1, hybrid.plan(rhos[16]).size());
		assertEquals(3, hybrid.plan(rhos[17]).size());
		assertEquals(hybrid.timestepFor(rhos[17]), hybrid.plan(rhos[17]).t(0));
		assertEquals(0, hybrid.plan(rhos[17]).t(2));
		assertEquals(24 * 3, new SplitGibbs(config, 24, 0.5, 0.05, 3, Double.POSITIVE_INFINITY, 1).calls());
		assertEquals(24, new SplitGibbs(config, 24, 0.5, 0.05, 3, 0, 1).calls());
		assertThrows(IllegalArgumentException.class, () -> new SplitGibbs(config, 24, 0.5, 0.05, 3, Double.NaN, 1));
		assertThrows(IllegalArgumentException.class, () -> new SplitGibbs(config, 24, 0.5, 0.05, 3, 0.1, 0));
	}
}
