package org.diffusionj.deconvolution;

/**
 * A PSF's optical transfer function on a periodic h × w grid: K, the FFT of the kernel with its centre
 * at the origin. Blurring is multiplication by K, its adjoint (correlation with the kernel) by conj(K).
 */
public final class Otf {

	final int h, w;
	private final double[] kRe, kIm;

	public Otf(final Psf psf, final int h, final int w) {
		if (psf.size > h || psf.size > w) {
			throw new IllegalArgumentException("the PSF (" + psf.size + " px) is larger than the image (" + w + "x" + h +
				").");
		}
		this.h = h;
		this.w = w;
		kRe = new double[h * w];
		kIm = new double[h * w];
		final int half = psf.size / 2;
		for (int y = 0; y < psf.size; y++) { // NB: the kernel's centre at (0, 0), wrapped around
			for (int x = 0; x < psf.size; x++) {
				kRe[Math.floorMod(y - half, h) * w + Math.floorMod(x - half, w)] += psf.kernel[y * psf.size + x];
			}
		}
		Fft2d.forward(kRe, kIm, h, w);
	}

	/** |K(f)|² at frequency index i. */
	double k2(final int i) {
		return kRe[i] * kRe[i] + kIm[i] * kIm[i];
	}

	/** k ⊛ x, circular. */
	public double[] blur(final double[] x) {
		return multiply(x, false);
	}

	/** The adjoint of blurring: x correlated with the kernel, circular. */
	public double[] adjoint(final double[] x) {
		return multiply(x, true);
	}

	private double[] multiply(final double[] x, final boolean conjugate) {
		final double[] re = x.clone(), im = new double[x.length];
		Fft2d.forward(re, im, h, w);
		times(re, im, conjugate);
		Fft2d.inverse(re, im, h, w);
		return re;
	}

	/** A spectrum (re, im) multiplied in place by K, or by conj(K): blurring, or its adjoint, in Fourier space. */
	void times(final double[] re, final double[] im, final boolean conjugate) {
		for (int i = 0; i < re.length; i++) {
			final double kr = kRe[i], ki = conjugate ? -kIm[i] : kIm[i];
			final double r = re[i] * kr - im[i] * ki;
			im[i] = re[i] * ki + im[i] * kr;
			re[i] = r;
		}
	}
}
