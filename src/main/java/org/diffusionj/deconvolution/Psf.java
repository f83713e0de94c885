package org.diffusionj.deconvolution;

/**
 * A point spread function: an odd-sized square kernel, centred, summing to 1. Gaussian (σ in pixels), the widefield
 * Airy pattern I(r) = (2 J1(v) / v)², v = 2π NA r / λ, integrated over each pixel by 4 × 4 sub-samples (as
 * training/simulate.py draws it), or a measured bead image.
 */
public final class Psf {

	/** The kernel, row-major, {@code size} × {@code size}. */
	public final double[] kernel;
	public final int size;

	private Psf(final double[] kernel, final int size) {
		this.kernel = kernel;
		this.size = size;
		double sum = 0;
		for (final double k : kernel) sum += k;
		if (!(sum > 0)) throw new IllegalArgumentException("the PSF is zero everywhere.");
		for (int i = 0; i < kernel.length; i++) kernel[i] /= sum;
	}

	/** No blur: a single pixel (Deconvolve with psf=none only denoises). */
	public static Psf none() {
		return new Psf(new double[] { 1 }, 1);
	}

	/**
	 * A measured PSF, e.g. the image of a sub-resolution bead (width × height, not modified): its background (the median
	 * of its border pixels) subtracted and what falls below it set to 0, re-sampled bilinearly so that its centroid
	 * lies on the centre of an odd square as large as fits the image, normalised to sum 1.
	 */
	public static Psf measured(final float[] pixels, final int width, final int height) {
		if (width < 1 || height < 1 || pixels.length != width * height) {
			throw new IllegalArgumentException("the PSF image is empty.");
		}
		final double background = borderMedian(pixels, width, height);
		final double[] v = new double[pixels.length];
		double sum = 0, sy = 0, sx = 0;
		for (int r = 0; r < height; r++) {
			for (int c = 0; c < width; c++) {
				final double a = Math.max(pixels[r * width + c] - background, 0);
				if (!Double.isFinite(a)) throw new IllegalArgumentException("the PSF image holds NaN or infinite values.");
				v[r * width + c] = a;
				sum += a;
				sy += a * r;
				sx += a * c;
			}
		}
		if (!(sum > 0)) throw new IllegalArgumentException("the PSF image is zero everywhere once its background is removed.");
		final double cy = sy / sum, cx = sx / sum;
		final int half = (Math.min(width, height) - 1) / 2, size = 2 * half + 1;
		final double[] k = new double[size * size];
		for (int y = -half; y <= half; y++) {
			for (int x = -half; x <= half; x++) k[(y + half) * size + x + half] = bilinear(v, width, height, cy + y, cx + x);
		}
		return new Psf(k, size);
	}

	private static double bilinear(final double[] v, final int w, final int h, final double y, final double x) {
		final int y0 = (int) Math.floor(y), x0 = (int) Math.floor(x);
		final double fy = y - y0, fx = x - x0;
		return (1 - fy) * ((1 - fx) * at(v, w, h, y0, x0) + fx * at(v, w, h, y0, x0 + 1)) + fy * ((1 - fx) * at(v, w, h,
			y0 + 1, x0) + fx * at(v, w, h, y0 + 1, x0 + 1));
	}

	private static double at(final double[] v, final int w, final int h, final int y, final int x) {
		return y < 0 || x < 0 || y >= h || x >= w ? 0 : v[y * w + x];
	}

	private static double borderMedian(final float[] p, final int w, final int h) {
		final java.util.List<Float> border = new java.util.ArrayList<>();
		for (int r = 0; r < h; r++) {
			for (int c = 0; c < w; c++) if (r == 0 || c == 0 || r == h - 1 || c == w - 1) border.add(p[r * w + c]);
		}
		java.util.Collections.sort(border);
		return border.get(border.size() / 2);
	}

	/**
	 * The image (width × height, not modified) convolved with this kernel, the image mirrored at its edges (… 2 1 0 1 2
	 * …): a direct sum, for small kernels.
	 */
	public double[] smooth(final double[] image, final int width, final int height) {
		final double[] out = new double[image.length];
		final int half = size / 2;
		for (int r = 0; r < height; r++) {
			for (int c = 0; c < width; c++) {
				double sum = 0;
				for (int dy = -half; dy <= half; dy++) {
					final int row = mirror(r - dy, height) * width;
					for (int dx = -half; dx <= half; dx++) {
						sum += kernel[(dy + half) * size + dx + half] * image[row + mirror(c - dx, width)];
					}
				}
				out[r * width + c] = sum;
			}
		}
		return out;
	}

	/** Index i reflected into [0, n) about the edges (… 2 1 0 1 2 …), for a margin of any width (numpy's reflect, as image.MirrorPad pads with ImgLib2, a layer above). */
	static int mirror(final int i, final int n) {
		if (n == 1) return 0;
		final int period = 2 * (n - 1);
		final int m = Math.floorMod(i, period);
		return m < n ? m : period - m;
	}

	/** A Gaussian of σ pixels, out to 4 σ. */
	public static Psf gaussian(final double sigma) {
		if (!(sigma > 0)) throw new IllegalArgumentException("sigma must be > 0 pixels, not " + NoiseModel.number(sigma) + ".");
		final int half = (int) Math.ceil(4 * sigma);
		final int size = 2 * half + 1;
		final double[] k = new double[size * size];
		for (int y = -half; y <= half; y++) {
			for (int x = -half; x <= half; x++) k[(y + half) * size + x + half] = Math.exp(-(x * x + y * y) / (2 * sigma *
				sigma));
		}
		return new Psf(k, size);
	}

	/** The widefield Airy pattern for a wavelength and pixel size in nm and a numerical aperture, out to 4 first zeros. */
	public static Psf airy(final double wavelengthNm, final double na, final double pixelNm) {
		if (!(wavelengthNm > 0) || !(pixelNm > 0)) {
			throw new IllegalArgumentException("wavelength and pixel must be > 0 nm, not " + wavelengthNm + " and " +
				pixelNm + ".");
		}
		if (!(na > 0)) throw new IllegalArgumentException("na must be > 0, not " + na + ".");
		final double firstZero = 0.61 * wavelengthNm / na / pixelNm;
		final int half = (int) Math.ceil(4 * firstZero) + 1;
		final int size = 2 * half + 1;
		final double[] k = new double[size * size];
		for (int y = -half; y <= half; y++) {
			for (int x = -half; x <= half; x++) {
				double acc = 0;
				for (int sy = 0; sy < 4; sy++) {
					for (int sx = 0; sx < 4; sx++) {
						final double dy = (sy + 0.5) / 4 - 0.5, dx = (sx + 0.5) / 4 - 0.5;
						double v = 2 * Math.PI * na * Math.hypot(x + dx, y + dy) * pixelNm / wavelengthNm;
						if (v == 0) v = 1e-9;
						final double a = 2 * besselJ1(v) / v;
						acc += a * a;
					}
				}
				k[(y + half) * size + x + half] = acc;
			}
		}
		return new Psf(k, size);
	}

	/**
	 * J1, the Bessel function of the first kind of order one (Abramowitz and Stegun 9.4.4 for |x| ≤ 3, 9.4.6 above:
	 * polynomial approximations with errors below 1e-7).
	 */
	static double besselJ1(final double x) {
		final double ax = Math.abs(x);
		if (ax <= 3) {
			final double t = (x / 3) * (x / 3);
			return x * (0.5 + t * (-0.56249985 + t * (0.21093573 + t * (-0.03954289 + t * (0.00443319 + t * (-0.00031761 +
				t * 0.00001109))))));
		}
		final double u = 3 / ax;
		final double f1 = 0.79788456 + u * (0.00000156 + u * (0.01659667 + u * (0.00017105 + u * (-0.00249511 + u * (
			0.00113653 - u * 0.00020033)))));
		final double theta = ax - 2.35619449 + u * (0.12499612 + u * (0.00005650 + u * (-0.00637879 + u * (0.00074348 +
			u * (0.00079824 - u * 0.00029166)))));
		final double j = f1 * Math.cos(theta) / Math.sqrt(ax);
		return x < 0 ? -j : j;
	}
}
