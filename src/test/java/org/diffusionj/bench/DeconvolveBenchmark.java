package org.diffusionj.bench;

import ij.ImagePlus;
import ij.plugin.filter.GaussianBlur;
import ij.process.FloatProcessor;
import ij.process.ShortProcessor;

import java.nio.file.Paths;
import java.util.Locale;
import java.util.SplittableRandom;

import org.diffusionj.api.DeconvolveRequest;
import org.diffusionj.api.Deconvolution;
import org.diffusionj.model.ModelCache;
import org.diffusionj.model.OnnxDenoiser;
import org.diffusionj.sampling.StepListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * {@code mvn -Pbench verify}: Deconvolve Image... with the shipped fluo-prior on one 256 × 256 16-bit camera image of
 * filaments and spots (Gaussian PSF σ 1.4 px, gain 2, offset 100, read noise 3) at 10 and 50 photons, in one run: the
 * default (24 sweeps, 38 model calls a chain), the same with the chains' data steps on one thread, and 12 sweeps of
 * three calls (36 a chain), each as a ratio to the default. The goal (issue 34): a 256 × 256 image with 8 samples in
 * under 2 minutes on two cores. The model is loaded before the first timing. Prints; asserts nothing about time.
 */
class DeconvolveBenchmark {

	private static final int SIZE = 256;

	@AfterAll
	static void close() {
		ModelCache.clear();
	}

	@Test
	void defaultAgainstOneThreadAndTwelveSweeps() throws Exception {
		final StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "DiffusionJ Deconvolve Image..., " +
			"fluo-prior, %dx%d, 8 samples, %d cores:", SIZE, SIZE, Runtime.getRuntime().availableProcessors()));
		seconds(camera(10), request().steps(1)); // loads the model; the first pass of the shape and batch
		for (final double photons : new double[] { 10, 50 }) {
			final ImagePlus image = camera(photons);
			final double standard = seconds(image, request());
			// each run reads the cap for its data steps; the model's session, loaded above, keeps all its threads
			System.setProperty(OnnxDenoiser.THREADS_PROPERTY, "1");
			final double serial;
			try {
				serial = seconds(image, request());
			}
			finally {
				System.clearProperty(OnnxDenoiser.THREADS_PROPERTY);
			}
			final double twelve = seconds(image, request().steps(12).singleStepRho(Double.POSITIVE_INFINITY));
			line.append(String.format(Locale.ROOT, "%n  %.0f photons: default (24 sweeps, 38 calls) %.1f s | data steps " +
				"on one thread %.1f s, x%.2f the default | 12 sweeps of 3 calls (36 calls) %.1f s, x%.2f the default",
				photons, standard, serial, serial / standard, twelve, twelve / standard));
		}
		System.out.println(line);
	}

	private static DeconvolveRequest.Builder request() {
		return DeconvolveRequest.builder().model(Paths.get("models/fluo-prior").toAbsolutePath().toString()).psf(
			"gaussian").sigma(1.4).noise("poisson").gain(2).offset(100).read(3).samples(8).seed(1);
	}

	private static double seconds(final ImagePlus image, final DeconvolveRequest.Builder request) throws Exception {
		final long start = System.nanoTime();
		new Deconvolution(request.build()).run(image, StepListener.NONE);
		return (System.nanoTime() - start) / 1e9;
	}

	/**
	 * Filaments (random circular arcs) and spots, peaking near {@code photons} after the PSF, seen by the camera:
	 * offset + gain × Poisson + N(0, read²), clipped to 16 bits. Seeded: the same image every run.
	 */
	private static ImagePlus camera(final double photons) {
		final SplittableRandom random = new SplittableRandom(34);
		final FloatProcessor object = new FloatProcessor(SIZE, SIZE);
		for (int f = 0; f < 12; f++) {
			final double cx = random.nextDouble(SIZE), cy = random.nextDouble(SIZE), r = 40 + random.nextDouble(120),
				a0 = random.nextDouble(2 * Math.PI);
			for (double a = 0; a < 2; a += 0.5 / r) {
				final int x = (int) (cx + r * Math.cos(a0 + a)), y = (int) (cy + r * Math.sin(a0 + a));
				if (x >= 0 && y >= 0 && x < SIZE && y < SIZE) object.setf(x, y, 1);
			}
		}
		for (int s = 0; s < 60; s++) object.setf(random.nextInt(SIZE), random.nextInt(SIZE), 3);
		new GaussianBlur().blurGaussian(object, 1.4, 1.4, 0.002);
		final float peak = (float) object.getStatistics().max;
		final ShortProcessor counts = new ShortProcessor(SIZE, SIZE);
		for (int i = 0; i < SIZE * SIZE; i++) {
			final double mu = photons * object.getf(i) / peak + 0.5; // 0.5 photons of background
			counts.set(i, (int) Math.max(0, Math.min(65535, Math.round(100 + 2 * poisson(mu, random) + 3 * gaussian(
				random)))));
		}
		return new ImagePlus("bench-" + (int) photons + "ph", counts);
	}

	/** Knuth's product of uniforms, in steps of at most 30 (exp(−30) stays a normal double). */
	private static int poisson(final double mu, final SplittableRandom random) {
		int k = 0;
		for (double left = mu; left > 0; left -= 30) {
			final double limit = Math.exp(-Math.min(left, 30));
			double p = random.nextDouble();
			while (p > limit) {
				k++;
				p *= random.nextDouble();
			}
		}
		return k;
	}

	private static double gaussian(final SplittableRandom random) {
		return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
	}
}
