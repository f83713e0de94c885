package org.diffusionj.deconvolution;

import org.diffusionj.sampling.GuidedDenoiser;
import org.diffusionj.sampling.NoiseBatch;
import org.diffusionj.sampling.StepListener;
import org.diffusionj.sampling.Tensor;

/**
 * Deconvolves one plane with a diffusion prior: the camera's numbers to object units ({@link NoiseModel}), those to
 * the prior's [−1, 1] by one scale, split Gibbs ({@link SplitGibbs}) on the image and a margin around it, and the
 * chains' objects back to the camera's units: their mean, their std, and the mean seen through the PSF.
 *
 * <p>Borders: the image sits inside a margin of half the PSF plus 8 pixels that has no data (weight 0), so the
 * object outside the field of view is left to the prior, the data step never wraps one edge onto the other, and no
 * dark frame or ringing appears at the edges. The network and the likelihood step ({@link WeightedPosterior}) share
 * one periodic grid of image and margin, each side chosen by {@link #gridSize} so that the FFT is fast on it.
 */
public final class PlaneDeconvolver {

	/**
	 * The object's scale, S, in multiples of the 99.9th percentile of the observation smoothed by a Gaussian of
	 * {@link #PEAK_SMOOTHING} pixels (object units): o = S (x + 1) / 2. The prior's specimens peak at 0.25 to 1 of its
	 * range and blurring lowers peaks, so the object's bright structures lie above the observation's; smoothing keeps
	 * the noise of a dim image from setting the scale (at 2 photons, counts of 7 are common where the mean is 2).
	 */
	public static final double SCALE_OVER_PEAK = 2, PEAK_SMOOTHING = 2;

	/**
	 * The result, in the image's units: mean, std and denoised are width × height; samples one array per chain, and
	 * seen each sample seen through the PSF (what the residual test compares with the image).
	 */
	public static final class Result {
		public final float[] mean, std, denoised;
		public final float[][] samples, seen;
		public final double scale;

		Result(final float[] mean, final float[] std, final float[] denoised, final float[][] samples,
			final float[][] seen, final double scale)
		{
			this.mean = mean;
			this.std = std;
			this.denoised = denoised;
			this.samples = samples;
			this.seen = seen;
			this.scale = scale;
		}
	}

	private final SplitGibbs gibbs;
	private final Psf psf;
	private final NoiseModel noise;
	private final int multiple;

	/** @param multiple the network's size multiple (its down-sampling factor) */
	public PlaneDeconvolver(final SplitGibbs gibbs, final Psf psf, final NoiseModel noise, final int multiple) {
		this.gibbs = gibbs;
		this.psf = psf;
		this.noise = noise;
		this.multiple = Math.max(1, multiple);
	}

	/** One chain per item of draws; pixels is width × height in the camera's units (not modified). */
	public Result run(final GuidedDenoiser prior, final float[] pixels, final int width, final int height,
		final NoiseBatch draws, final StepListener listener)
	{
		final int margin = psf.size / 2 + 8;
		final int nh = gridSize(height + 2 * margin), nw = gridSize(width + 2 * margin);
		final int top = (nh - height) / 2, left = (nw - width) / 2;
		final double[] object = new double[pixels.length];
		for (int i = 0; i < pixels.length; i++) object[i] = noise.toObject(pixels[i]);
		final double scale = scale(object, width, height);
		final double[] y = new double[nh * nw];
		final boolean[] observed = new boolean[nh * nw];
		final double[] start = new double[nh * nw];
		for (int r = 0; r < nh; r++) {
			for (int c = 0; c < nw; c++) {
				final int sr = Psf.mirror(r - top, height), sc = Psf.mirror(c - left, width);
				start[r * nw + c] = 2 * object[sr * width + sc] / scale - 1; // the observation, mirrored into the margin
			}
		}
		for (int r = 0; r < height; r++) {
			for (int c = 0; c < width; c++) {
				final int g = (r + top) * nw + c + left;
				y[g] = 2 * object[r * width + c] / scale - 1; // y in model units: k ⊛ x + noise (the PSF sums to 1)
				observed[g] = true;
			}
		}
		final Otf otf = new Otf(psf, nh, nw);
		final WeightedPosterior posterior = new WeightedPosterior(otf, y);
		final LikelihoodStep step = (x, rho2, white1, white2) -> {
			final double[] blurred = otf.blur(x), weight = new double[nh * nw];
			for (int g = 0; g < weight.length; g++) {
				// model-unit precision: o = S (x + 1) / 2, so var_x = 4 var_o / S^2
				if (observed[g]) weight[g] = scale * scale / (4 * noise.variance(scale * (blurred[g] + 1) / 2));
			}
			return posterior.sample(x, weight, rho2, white1, white2);
		};
		final Tensor chains = gibbs.sample(prior, step, start, nh, nw, draws, listener);
		return outputs(chains, otf, scale, nh, nw, top, left, width, height);
	}

	private Result outputs(final Tensor chains, final Otf otf, final double scale, final int nh, final int nw,
		final int top, final int left, final int width, final int height)
	{
		final int n = chains.n(), size = nh * nw;
		final float[] x = chains.data();
		final double[] sum = new double[size], sum2 = new double[size];
		final float[][] samples = new float[n][width * height], seenSamples = new float[n][width * height];
		for (int i = 0; i < n; i++) {
			final double[] object = new double[size];
			for (int p = 0; p < size; p++) {
				object[p] = scale * (x[i * size + p] + 1) / 2;
				sum[p] += object[p];
				sum2[p] += object[p] * object[p];
			}
			final double[] blurred = otf.blur(object);
			for (int r = 0; r < height; r++) {
				for (int c = 0; c < width; c++) {
					samples[i][r * width + c] = (float) noise.toImage(object[(r + top) * nw + c + left]);
					seenSamples[i][r * width + c] = (float) noise.toImage(blurred[(r + top) * nw + c + left]);
				}
			}
		}
		final double[] meanObject = new double[size];
		for (int p = 0; p < size; p++) meanObject[p] = sum[p] / n;
		final double[] seen = otf.blur(meanObject);
		final float[] mean = new float[width * height], std = new float[width * height], denoised = new float[width *
			height];
		for (int r = 0; r < height; r++) {
			for (int c = 0; c < width; c++) {
				final int p = (r + top) * nw + c + left, o = r * width + c;
				mean[o] = (float) noise.toImage(meanObject[p]);
				denoised[o] = (float) noise.toImage(seen[p]);
				// the sample std (n - 1), in the image's units
				final double var = n > 1 ? Math.max(sum2[p] - sum[p] * sum[p] / n, 0) / (n - 1) : 0;
				std[o] = (float) (noise.gain() * Math.sqrt(var));
			}
		}
		return new Result(mean, std, denoised, samples, seenSamples, scale);
	}

	/** S: {@link #SCALE_OVER_PEAK} times the smoothed observation's 99.9th percentile (1 if that is not > 0). */
	static double scale(final double[] object, final int width, final int height) {
		final double[] sorted = Psf.gaussian(PEAK_SMOOTHING).smooth(object, width, height);
		java.util.Arrays.sort(sorted);
		final double peak = sorted[(int) Math.min(sorted.length - 1, Math.floor(0.999 * (sorted.length - 1)))];
		return peak > 0 ? SCALE_OVER_PEAK * peak : 1;
	}

	/**
	 * The side of the grid for n pixels of image and margin: the smallest multiple of the network's size step that the
	 * FFT is fast for ({@link Fft2d#isFast}), so the margin may grow (288 for 284, but 576 for 542). Where no multiple up
	 * to twice the first is fast (a step with a prime factor above 5), the first multiple: the FFT is as exact there,
	 * only slower.
	 */
	int gridSize(final int n) {
		final int first = (n + multiple - 1) / multiple * multiple;
		for (int c = first; c <= 2 * first; c += multiple) if (Fft2d.isFast(c)) return c;
		return first;
	}
}
