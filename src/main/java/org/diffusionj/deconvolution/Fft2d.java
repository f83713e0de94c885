package org.diffusionj.deconvolution;

/**
 * The discrete Fourier transform of a complex h × w array, in place, for any h and w: the 1-D transform along the
 * rows, then along the columns (a block of columns at a time, copied out so that the transform reads contiguous
 * memory). Forward is X_k = Σ x_n e^{−2πi kn/N}; the inverse divides by N = h·w, as numpy's fft2 and ifft2 do.
 *
 * <p>The 1-D transform is Stockham's self-sorting decimation in frequency with mixed radices (Van Loan, Computational
 * Frameworks for the FFT, 1992): a length n = p·m splits into p interleaved transforms of length m,
 * y_k[j] = ω_n^{jk} Σ_r x[j + rm] ω_p^{rk} (j &lt; m, k &lt; p), and X[pj' + k] is the j'-th term of y_k's transform;
 * radices 4, 2, 3 and 5 have their own butterflies, any other prime factor the direct sum (slow for a large prime:
 * callers pick lengths with factors 2, 3 and 5 only, {@link #isFast}).
 */
public final class Fft2d {

	/** How many columns are copied out and transformed together. */
	private static final int BLOCK = 16;

	private Fft2d() {}

	/** Whether n's only prime factors are 2, 3 and 5: a length the transform is fast for. */
	public static boolean isFast(final int n) {
		if (n < 1) return false;
		int m = n;
		for (final int f : new int[] { 2, 3, 5 }) while (m % f == 0) m /= f;
		return m == 1;
	}

	public static void forward(final double[] re, final double[] im, final int h, final int w) {
		check(re, im, h, w);
		transform(re, im, h, w);
	}

	/** The inverse, as the conjugate of the forward transform of the conjugate, over N. */
	public static void inverse(final double[] re, final double[] im, final int h, final int w) {
		check(re, im, h, w);
		for (int i = 0; i < im.length; i++) im[i] = -im[i];
		transform(re, im, h, w);
		final double n = (double) h * w;
		for (int i = 0; i < re.length; i++) {
			re[i] /= n;
			im[i] = -im[i] / n;
		}
	}

	private static void check(final double[] re, final double[] im, final int h, final int w) {
		if (h < 1 || w < 1 || re.length != h * w || im.length != h * w) {
			throw new IllegalArgumentException("an FFT of " + w + "x" + h + " needs arrays of " + w * h + " values");
		}
	}

	private static void transform(final double[] re, final double[] im, final int h, final int w) {
		final Plan rows = new Plan(w), cols = h == w ? rows : new Plan(h);
		final int most = Math.max(h, w);
		final double[] aRe = new double[BLOCK * most], aIm = new double[aRe.length], bRe = new double[most],
			bIm = new double[most];
		for (int y = 0; y < h; y++) {
			System.arraycopy(re, y * w, aRe, 0, w);
			System.arraycopy(im, y * w, aIm, 0, w);
			rows.run(aRe, aIm, 0, bRe, bIm);
			System.arraycopy(aRe, 0, re, y * w, w);
			System.arraycopy(aIm, 0, im, y * w, w);
		}
		for (int x0 = 0; x0 < w; x0 += BLOCK) {
			final int count = Math.min(BLOCK, w - x0);
			for (int y = 0; y < h; y++) { // NB: column x0 + c of the block at aRe[c * h + y]
				final int row = y * w + x0;
				for (int c = 0; c < count; c++) {
					aRe[c * h + y] = re[row + c];
					aIm[c * h + y] = im[row + c];
				}
			}
			for (int c = 0; c < count; c++) cols.run(aRe, aIm, c * h, bRe, bIm);
			for (int y = 0; y < h; y++) {
				final int row = y * w + x0;
				for (int c = 0; c < count; c++) {
					re[row + c] = aRe[c * h + y];
					im[row + c] = aIm[c * h + y];
				}
			}
		}
	}

	/**
	 * One length's radices (4s first, then primes from 2 up) and its twiddle factors ω_n^k = e^{−2πik/n}, k &lt; n, which
	 * every stage indexes (a stage of sub-transforms of length len uses every (n/len)-th).
	 */
	private static final class Plan {

		final int n;
		final int[] radices;
		final double[] cos, sin;

		Plan(final int n) {
			this.n = n;
			final int[] found = new int[32];
			int count = 0, m = n;
			while (m % 4 == 0) { found[count++] = 4; m /= 4; }
			for (int f = 2; m > 1; f++) {
				while (m % f == 0) { found[count++] = f; m /= f; }
			}
			radices = java.util.Arrays.copyOf(found, count);
			cos = new double[n];
			sin = new double[n];
			for (int k = 0; k < n; k++) {
				cos[k] = Math.cos(2 * Math.PI * k / n);
				sin[k] = -Math.sin(2 * Math.PI * k / n);
			}
		}

		/** The transform of the n values from offset in (re, im), in place; (tRe, tIm) hold n values of scratch. */
		void run(final double[] re, final double[] im, final int offset, final double[] tRe, final double[] tIm) {
			double[] xRe = re, xIm = im, yRe = tRe, yIm = tIm;
			int xOff = offset, yOff = 0, len = n, stride = 1;
			for (final int p : radices) {
				stage(p, len, stride, xRe, xIm, xOff, yRe, yIm, yOff);
				final double[] sRe = xRe, sIm = xIm;
				final int sOff = xOff;
				xRe = yRe; xIm = yIm; xOff = yOff;
				yRe = sRe; yIm = sIm; yOff = sOff;
				len /= p;
				stride *= p;
			}
			if (xRe != re) {
				System.arraycopy(xRe, xOff, re, offset, n);
				System.arraycopy(xIm, xOff, im, offset, n);
			}
		}

		/**
		 * One radix-p stage of sub-transforms of length len, interleaved at the given stride: input x[q + s(j + rm)],
		 * output y[q + s(pj + k)] = ω_len^{jk} Σ_r x[q + s(j + rm)] ω_p^{rk}, m = len / p. Radices 2, 3, 4 and 5 inline
		 * their butterflies; larger primes go through {@link #direct}.
		 */
		private void stage(final int p, final int len, final int s, final double[] xRe, final double[] xIm,
			final int xo, final double[] yRe, final double[] yIm, final int yo)
		{
			final int m = len / p, step = n / len, sm = s * m; // ω_len^a = ω_n^(a·step)
			for (int j = 0; j < m; j++) {
				final int t = j * step;
				final double c1 = cos[t], s1 = sin[t];
				for (int q = 0; q < s; q++) {
					final int in = xo + q + s * j, out = yo + q + s * p * j;
					if (p == 4) { // ω_4 = −i
						final double x0r = xRe[in], x0i = xIm[in], x1r = xRe[in + sm], x1i = xIm[in + sm];
						final double x2r = xRe[in + 2 * sm], x2i = xIm[in + 2 * sm], x3r = xRe[in + 3 * sm],
							x3i = xIm[in + 3 * sm];
						final double s0r = x0r + x2r, s0i = x0i + x2i, d0r = x0r - x2r, d0i = x0i - x2i;
						final double s1r = x1r + x3r, s1i = x1i + x3i, d1r = x1r - x3r, d1i = x1i - x3i;
						yRe[out] = s0r + s1r;
						yIm[out] = s0i + s1i;
						twiddle(yRe, yIm, out + s, d0r + d1i, d0i - d1r, t); // d0 − i d1
						twiddle(yRe, yIm, out + 2 * s, s0r - s1r, s0i - s1i, 2 * t);
						twiddle(yRe, yIm, out + 3 * s, d0r - d1i, d0i + d1r, 3 * t); // d0 + i d1
					}
					else if (p == 2) {
						final double x0r = xRe[in], x0i = xIm[in], x1r = xRe[in + sm], x1i = xIm[in + sm];
						yRe[out] = x0r + x1r;
						yIm[out] = x0i + x1i;
						final double dr = x0r - x1r, di = x0i - x1i;
						yRe[out + s] = dr * c1 - di * s1;
						yIm[out + s] = dr * s1 + di * c1;
					}
					else if (p == 3) { // ω_3 = −1/2 − i √3/2
						final double x0r = xRe[in], x0i = xIm[in];
						final double sr = xRe[in + sm] + xRe[in + 2 * sm], si = xIm[in + sm] + xIm[in + 2 * sm];
						final double dr = (xRe[in + sm] - xRe[in + 2 * sm]) * SIN_60,
							di = (xIm[in + sm] - xIm[in + 2 * sm]) * SIN_60;
						final double mr = x0r - sr / 2, mi = x0i - si / 2;
						yRe[out] = x0r + sr;
						yIm[out] = x0i + si;
						twiddle(yRe, yIm, out + s, mr + di, mi - dr, t);
						twiddle(yRe, yIm, out + 2 * s, mr - di, mi + dr, 2 * t);
					}
					else if (p == 5) { // ω_5^r = cos(2πr/5) − i sin(2πr/5): pairs r, 5 − r share the cosine
						final double x0r = xRe[in], x0i = xIm[in];
						final double t1r = xRe[in + sm] + xRe[in + 4 * sm], t1i = xIm[in + sm] + xIm[in + 4 * sm];
						final double t2r = xRe[in + 2 * sm] + xRe[in + 3 * sm], t2i = xIm[in + 2 * sm] + xIm[in + 3 * sm];
						final double t3r = xRe[in + sm] - xRe[in + 4 * sm], t3i = xIm[in + sm] - xIm[in + 4 * sm];
						final double t4r = xRe[in + 2 * sm] - xRe[in + 3 * sm], t4i = xIm[in + 2 * sm] - xIm[in + 3 * sm];
						final double a1r = x0r + COS_72 * t1r + COS_144 * t2r, a1i = x0i + COS_72 * t1i + COS_144 * t2i;
						final double a2r = x0r + COS_144 * t1r + COS_72 * t2r, a2i = x0i + COS_144 * t1i + COS_72 * t2i;
						final double b1r = SIN_72 * t3r + SIN_144 * t4r, b1i = SIN_72 * t3i + SIN_144 * t4i;
						final double b2r = SIN_144 * t3r - SIN_72 * t4r, b2i = SIN_144 * t3i - SIN_72 * t4i;
						yRe[out] = x0r + t1r + t2r;
						yIm[out] = x0i + t1i + t2i;
						twiddle(yRe, yIm, out + s, a1r + b1i, a1i - b1r, t); // a1 − i b1
						twiddle(yRe, yIm, out + 2 * s, a2r + b2i, a2i - b2r, 2 * t); // a2 − i b2
						twiddle(yRe, yIm, out + 3 * s, a2r - b2i, a2i + b2r, 3 * t); // a2 + i b2
						twiddle(yRe, yIm, out + 4 * s, a1r - b1i, a1i + b1r, 4 * t); // a1 + i b1
					}
					else direct(p, xRe, xIm, in, sm, yRe, yIm, out, s, t);
				}
			}
		}

		/** y[at] = (re + i im) · ω_n^t. */
		private void twiddle(final double[] yRe, final double[] yIm, final int at, final double re, final double im,
			final int t)
		{
			final double c = cos[t], sn = sin[t];
			yRe[at] = re * c - im * sn;
			yIm[at] = re * sn + im * c;
		}

		/**
		 * One butterfly of a radix-p stage by the definition (any prime above 5): y[out + sk] = ω_n^{kt} Σ_r
		 * x[in + r·sm] ω_p^{rk}, with ω_p^a = ω_n^(a·n/p).
		 */
		private void direct(final int p, final double[] xRe, final double[] xIm, final int in, final int sm,
			final double[] yRe, final double[] yIm, final int out, final int s, final int t)
		{
			final int step = n / p;
			for (int k = 0; k < p; k++) {
				double sr = 0, si = 0;
				for (int r = 0; r < p; r++) {
					final int u = (r * k % p) * step;
					sr += xRe[in + r * sm] * cos[u] - xIm[in + r * sm] * sin[u];
					si += xRe[in + r * sm] * sin[u] + xIm[in + r * sm] * cos[u];
				}
				twiddle(yRe, yIm, out + s * k, sr, si, k * t);
			}
		}
	}

	private static final double SIN_60 = Math.sqrt(3) / 2, COS_72 = Math.cos(0.4 * Math.PI), COS_144 = Math.cos(0.8 *
		Math.PI), SIN_72 = Math.sin(0.4 * Math.PI), SIN_144 = Math.sin(0.8 * Math.PI);
}
