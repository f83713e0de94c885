package org.diffusionj.deconvolution;

import java.util.SplittableRandom;

/**
 * The posterior of an object x seen through a PSF with Gaussian noise, y = k ⊛ x + n, n ~ N(0, σ² I), under a
 * Gaussian N(z, ρ² I) around a point z, on a periodic H × W grid (pad the image first). With the
 * PSF's transfer function K (the FFT of the kernel centred at the origin), every frequency is independent:
 * precision P(f) = |K(f)|² / σ² + 1 / ρ², mean M(f) = (K̄(f) Y(f) / σ² + Z(f) / ρ²) / P(f) — the Wiener filter when
 * z and ρ² are a Gaussian prior's mean and variance, and the data-consistency step of a split-Gibbs sampler when z is
 * the prior's current draw. A sample adds white noise shaped by 1 / √P(f), which has exactly the posterior
 * covariance (circulant, spectrum 1 / P).
 */
public final class GaussianPosterior {

	private final int h, w;
	private final Otf otf;
	private final double noiseVar;

	public GaussianPosterior(final Psf psf, final int h, final int w, final double noiseVar) {
		if (!(noiseVar > 0)) throw new IllegalArgumentException("the noise variance must be > 0, not " + noiseVar + ".");
		this.otf = new Otf(psf, h, w);
		this.h = h;
		this.w = w;
		this.noiseVar = noiseVar;
	}

	/** The posterior mean of x given y, for the Gaussian N(z, ρ² I). */
	public double[] mean(final double[] y, final double[] z, final double rho2) {
		final double[] yRe = y.clone(), yIm = new double[y.length], zRe = z.clone(), zIm = new double[z.length];
		Fft2d.forward(yRe, yIm, h, w);
		Fft2d.forward(zRe, zIm, h, w);
		otf.times(yRe, yIm, true);
		for (int i = 0; i < yRe.length; i++) { // conj(K) Y / sigma^2 + Z / rho^2, over P
			final double p = precision(i, rho2);
			yRe[i] = (yRe[i] / noiseVar + zRe[i] / rho2) / p;
			yIm[i] = (yIm[i] / noiseVar + zIm[i] / rho2) / p;
		}
		Fft2d.inverse(yRe, yIm, h, w);
		return yRe;
	}

	/** A draw from the posterior: the mean plus white noise shaped by 1 / √P(f). */
	public double[] sample(final double[] y, final double[] z, final double rho2, final SplittableRandom random) {
		final double[] white = new double[y.length];
		for (int i = 0; i < white.length; i++) white[i] = gaussian(random);
		return sample(y, z, rho2, white);
	}

	/** As {@link #sample(double[], double[], double, SplittableRandom)}, with the N(0, 1) draws given (not modified). */
	public double[] sample(final double[] y, final double[] z, final double rho2, final double[] white) {
		final double[] m = mean(y, z, rho2);
		final double[] nRe = white.clone(), nIm = new double[m.length];
		Fft2d.forward(nRe, nIm, h, w);
		for (int i = 0; i < nRe.length; i++) {
			final double g = 1 / Math.sqrt(precision(i, rho2));
			nRe[i] *= g;
			nIm[i] *= g;
		}
		Fft2d.inverse(nRe, nIm, h, w);
		for (int i = 0; i < m.length; i++) m[i] += nRe[i];
		return m;
	}

	/** The posterior variance of every pixel (the same everywhere on a periodic grid): the mean of 1 / P(f). */
	public double variance(final double rho2) {
		double sum = 0;
		for (int i = 0; i < h * w; i++) sum += 1 / precision(i, rho2);
		return sum / (h * w);
	}

	/** The image seen through the PSF (circular convolution): what the microscope records without noise. */
	public double[] blur(final double[] x) {
		return otf.blur(x);
	}

	private double precision(final int i, final double rho2) {
		return otf.k2(i) / noiseVar + 1 / rho2;
	}

	private static double gaussian(final SplittableRandom random) {
		double u, v, s;
		do { // Marsaglia's polar method
			u = 2 * random.nextDouble() - 1;
			v = 2 * random.nextDouble() - 1;
			s = u * u + v * v;
		} while (s >= 1 || s == 0);
		return u * Math.sqrt(-2 * Math.log(s) / s);
	}
}
