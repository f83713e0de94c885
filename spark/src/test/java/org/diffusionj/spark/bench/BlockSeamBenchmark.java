package org.diffusionj.spark.bench;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ShortProcessor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

import org.apache.spark.api.java.JavaSparkContext;
import org.diffusionj.spark.SparkBench;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mvn -B -f spark/pom.xml -Pbench verify}: how visible block borders are. A 1024 x 1024 16-bit image through
 * the shipped model (Noise and Denoise, strength 0.3, 20 steps, noise=position, one fixed range), once whole and once
 * in 256-pixel blocks with halos of 32 and of 0; the mean absolute difference to the whole-image result within 2
 * pixels of a block border against that 32 or more pixels from any border, next to what the run changes in the image
 * and what another seed changes.
 */
class BlockSeamBenchmark {

	private static final int SIZE = 1024, EDGE = 256;
	private static final String OPTIONS = "strength=0.3 steps=20 range=[500 3500] noise=position type=32-bit seed=";

	@Test
	void seams(@TempDir final Path dir) throws Exception {
		SparkBench.context("local[1]").close(); // NB: ImageJ set up before an ij class loads
		final Path in = Files.createDirectories(dir.resolve("in"));
		final Random random = new Random(3);
		final ShortProcessor ip = new ShortProcessor(SIZE, SIZE);
		for (int y = 0; y < SIZE; y++) {
			for (int x = 0; x < SIZE; x++) {
				final double cells = Math.max(0, Math.sin(x / 11.0) * Math.sin(y / 13.0) + 0.3 * Math.sin((x + y) / 40.0));
				ip.set(x, y, (int) (800 + 2200 * cells + 120 * random.nextGaussian()));
			}
		}
		new FileSaver(new ImagePlus("cells", ip)).saveAsTiff(in.resolve("cells.tif").toString());
		final float[] input = (float[]) ip.convertToFloat().getPixels();
		final float[] whole = run(in, dir.resolve("whole"), 1, 0, 0), other = run(in, dir.resolve("seed2"), 2, 0, 0);
		System.out.printf(Locale.US, "%nBlock seams (%d x %d, %d-pixel blocks), mean |difference| in counts:%n", SIZE, SIZE,
			EDGE);
		System.out.printf(Locale.US, "  what the run changes (result - input)            %.1f%n", mean(whole, input, -1, true));
		System.out.printf(Locale.US, "  another seed (whole image, seed 2 - seed 1)       %.1f%n", mean(other, whole, -1, true));
		for (final int halo : new int[] { 32, 0 }) {
			final float[] blocks = run(in, dir.resolve("blocks" + halo), 1, EDGE, halo);
			System.out.printf(Locale.US, "  blocks, halo %2d, to whole: at borders (<= 2 px) %.2f, inside (>= 32 px) %.2f%n",
				halo, mean(blocks, whole, 2, true), mean(blocks, whole, 32, false));
		}
	}

	private static float[] run(final Path in, final Path out, final int seed, final int edge, final int halo)
		throws Exception
	{
		final long start = System.nanoTime();
		try (JavaSparkContext sc = SparkBench.context("local[2]")) {
			SparkBench.run(sc, in, out, "Noise and Denoise...", OPTIONS + seed, edge, halo);
		}
		System.out.printf(Locale.US, "  (seed %d, blocks %d, halo %d: %.0f s)%n", seed, edge, halo, (System.nanoTime() -
			start) / 1e9);
		return (float[]) IJ.openImage(out.resolve("cells-sdedit.tif").toString()).getProcessor().getPixels();
	}

	/**
	 * Mean |a - b| over pixels within {@code near} pixels of a block border ({@code atBorders}), or at least
	 * {@code near} from every border; near &lt; 0: over every pixel.
	 */
	private static double mean(final float[] a, final float[] b, final int near, final boolean atBorders) {
		double sum = 0;
		long n = 0;
		for (int y = 0; y < SIZE; y++) {
			for (int x = 0; x < SIZE; x++) {
				if (near >= 0) {
					final int d = Math.min(distance(x), distance(y));
					if (atBorders ? d >= near : d < near) continue;
				}
				sum += Math.abs(a[y * SIZE + x] - b[y * SIZE + x]);
				n++;
			}
		}
		return sum / n;
	}

	/** Pixels to the nearest block border inside the image (between pixels EDGE k - 1 and EDGE k). */
	private static int distance(final int p) {
		final int r = p % EDGE;
		final int d = Math.min(r, EDGE - 1 - r);
		return p < EDGE && r < EDGE / 2 || p >= SIZE - EDGE && r >= EDGE / 2 ? Integer.MAX_VALUE : d;
	}
}
