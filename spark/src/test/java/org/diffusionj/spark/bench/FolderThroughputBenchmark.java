package org.diffusionj.spark.bench;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ShortProcessor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

import org.apache.spark.api.java.JavaSparkContext;
import org.diffusionj.model.ModelCache;
import org.diffusionj.model.OnnxDenoiser;
import org.diffusionj.spark.SparkBench;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mvn -B -f spark/pom.xml -Pbench verify}: images per second of a folder run (Noise and Denoise, 64 x 64
 * 16-bit images, strength 0.3, 20 steps, the shipped model) with local[1] and local[2], and one or two ONNX Runtime
 * threads a task, in one run, as ratios to one task with every core (what one JVM's batch macro does).
 */
class FolderThroughputBenchmark {

	private static final int IMAGES = 48;
	private static final String OPTIONS = "strength=0.3 steps=20 seed=1";

	@Test
	void localOneVersusTwo(@TempDir final Path dir) throws Exception {
		SparkBench.context("local[1]").close(); // NB: ImageJ set up before this test touches an ij class
		final Path in = Files.createDirectories(dir.resolve("in"));
		final Random random = new Random(1);
		for (int i = 0; i < IMAGES; i++) {
			final ShortProcessor ip = new ShortProcessor(64, 64);
			for (int p = 0; p < 64 * 64; p++) ip.set(p, 1000 + (int) (500 * random.nextGaussian() + 300 * Math.sin(p / 37.0)));
			new FileSaver(new ImagePlus("cell", ip)).saveAsTiff(in.resolve(String.format("cell%03d.tif", i)).toString());
		}
		run("warm-up", "local[1]", in, dir.resolve("warm"), 2);
		// each configuration twice, in the order A B C D D C B A, so that a drift of the machine cancels
		final String[] names = { "local[1], 2 threads (one JVM's way)", "local[1], 1 thread", "local[2], 1 thread a task",
			"local[2], 2 threads a task" };
		final String[] masters = { "local[1]", "local[1]", "local[2]", "local[2]" };
		final int[] threads = { 2, 0, 0, 2 };
		final double[] sum = new double[4];
		for (int k = 0; k < 8; k++) {
			final int c = k < 4 ? k : 7 - k;
			sum[c] += run(names[c], masters[c], in, dir.resolve("run" + k), threads[c]);
		}
		System.out.printf(Locale.US, "%nFolder throughput, %d images of 64 x 64, %d cores, as ratios to %s (%.2f " +
			"images/s):%n", IMAGES, Runtime.getRuntime().availableProcessors(), names[0], sum[0] / 2);
		for (int c = 0; c < 4; c++) System.out.printf(Locale.US, "  %-40s %.2fx%n", names[c], sum[c] / sum[0]);
	}

	/** @param threads ONNX Runtime's threads, or 0 for the default (spark.task.cpus) */
	private static double run(final String what, final String master, final Path in, final Path out, final int threads)
		throws Exception
	{
		ModelCache.clear(); // NB: the session is made anew with this run's thread count
		if (threads > 0) System.setProperty("diffusionj.threads", String.valueOf(threads));
		else System.clearProperty("diffusionj.threads");
		try (JavaSparkContext sc = SparkBench.context(master)) {
			final long start = System.nanoTime();
			final int done = SparkBench.run(sc, in, out, "Noise and Denoise...", OPTIONS);
			final double perSecond = done / ((System.nanoTime() - start) / 1e9);
			System.out.printf(Locale.US, "%-40s %d images, %.2f images/s (ONNX threads %d)%n", what, done, perSecond,
				OnnxDenoiser.threads());
			return perSecond;
		}
	}
}
