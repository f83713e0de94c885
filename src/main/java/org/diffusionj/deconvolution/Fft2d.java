package org.diffusionj.deconvolution;

/**
 * The discrete Fourier transform of a complex h × w array (both powers of two), in place: iterative radix-2
 * Cooley–Tukey along the rows, then the columns. Forward is X_k = Σ x_n e^{−2πi kn/N}; the inverse divides by
 * N = h·w, as numpy's fft2 and ifft2 do.
 */
public final class Fft2d {

	private Fft2d() {}

	/** The smallest power of two at least n. */
	public static int size(final int n) {
		int p = 1;
		while (p < n) p <<= 1;
		return p;
	}

	public static void forward(final double[] re, final double[] im, final int h, final int w) {
		transform(re, im, h, w, false);
	}

	public static void inverse(final double[] re, final double[] im, final int h, final int w) {
		transform(re, im, h, w, true);
		final double n = (double) h * w;
		for (int i = 0; i < re.length; i++) {
			re[i] /= n;
			im[i] /= n;
		}
	}

	private static void transform(final double[] re, final double[] im, final int h, final int w, final boolean inv) {
		if (Integer.bitCount(h) != 1 || Integer.bitCount(w) != 1 || re.length != h * w || im.length != h * w) {
			throw new IllegalArgumentException("an FFT needs power-of-two sides, not " + w + "x" + h);
		}
		final double[] r = new double[Math.max(h, w)], i = new double[r.length];
		final double[][] rowTurns = turns(w, inv), colTurns = h == w ? rowTurns : turns(h, inv);
		for (int y = 0; y < h; y++) {
			System.arraycopy(re, y * w, r, 0, w);
			System.arraycopy(im, y * w, i, 0, w);
			fft(r, i, w, rowTurns);
			System.arraycopy(r, 0, re, y * w, w);
			System.arraycopy(i, 0, im, y * w, w);
		}
		for (int x = 0; x < w; x++) {
			for (int y = 0; y < h; y++) {
				r[y] = re[y * w + x];
				i[y] = im[y * w + x];
			}
			fft(r, i, h, colTurns);
			for (int y = 0; y < h; y++) {
				re[y * w + x] = r[y];
				im[y * w + x] = i[y];
			}
		}
	}

	/** cos and sin of ±2πk/n, k < n/2: the twiddle factors of every butterfly stage (stage len uses every n/len-th). */
	private static double[][] turns(final int n, final boolean inv) {
		final double[] c = new double[Math.max(n / 2, 1)], s = new double[c.length];
		for (int k = 0; k < n / 2; k++) {
			c[k] = Math.cos(2 * Math.PI * k / n);
			s[k] = (inv ? 1 : -1) * Math.sin(2 * Math.PI * k / n);
		}
		return new double[][] { c, s };
	}

	/** One 1-D transform of the first n values (bit-reversal, then butterflies with the twiddles of turns). */
	private static void fft(final double[] re, final double[] im, final int n, final double[][] turns) {
		for (int i = 1, j = 0; i < n; i++) {
			int bit = n >> 1;
			for (; (j & bit) != 0; bit >>= 1) j ^= bit;
			j |= bit;
			if (i < j) {
				double t = re[i]; re[i] = re[j]; re[j] = t;
				t = im[i]; im[i] = im[j]; im[j] = t;
			}
		}
		final double[] cos = turns[0], sin = turns[1];
		for (int len = 2; len <= n; len <<= 1) {
			final int stride = n / len;
			for (int start = 0; start < n; start += len) {
				for (int k = 0; k < len / 2; k++) {
					final double c = cos[k * stride], s = sin[k * stride];
					final int a = start + k, b = a + len / 2;
					final double br = re[b] * c - im[b] * s, bi = re[b] * s + im[b] * c;
					re[b] = re[a] - br;
					im[b] = im[a] - bi;
					re[a] += br;
					im[a] += bi;
				}
			}
		}
	}
}
