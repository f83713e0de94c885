package org.diffusionj.api;

import java.util.Arrays;

/**
 * The std of additive white noise from the image itself: the median absolute deviation of the differences of
 * horizontal neighbours, d = (v(x+1) − v(x)) / √2, times 1.4826 (a Gaussian's MAD to std; Donoho and Johnstone 1994
 * use wavelet details the same way). Smooth structure adds little to the differences; strong edges are outliers
 * that the median ignores.
 */
final class NoiseEstimate {

	private NoiseEstimate() {}

	static double sigma(final float[] pixels, final int width) {
		final int height = pixels.length / width;
		if (width < 2) return 1;
		final double[] d = new double[height * (width - 1)];
		int k = 0;
		for (int r = 0; r < height; r++) {
			for (int c = 0; c + 1 < width; c++) d[k++] = (pixels[r * width + c + 1] - pixels[r * width + c]) / Math.sqrt(2);
		}
		final double med = median(d);
		for (int i = 0; i < d.length; i++) d[i] = Math.abs(d[i] - med);
		final double sigma = 1.4826 * median(d);
		return sigma > 0 ? sigma : 1e-6;
	}

	private static double median(final double[] v) {
		final double[] s = v.clone();
		Arrays.sort(s);
		return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
	}
}
