package org.diffusionj.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ShortProcessor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.Random;
import java.util.stream.Stream;

import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 2048 x 2048 image (and a 3-plane stack) block by block on Spark local[2] against one whole-image run of the batch
 * macro, with the per-pixel Gaussian fixture: the model sees no context, so every difference would be the blocks'
 * plumbing (regions, origins, position-keyed noise, halo weights); the blended result must equal the whole one.
 */
class BlockRunIT {

	private static final String OPTIONS = "model=[" + Paths.get(SparkFolderIT.root(), "src", "test", "resources",
		"fixtures", "gaussian") + "] sampler=DDPM steps=10 strength=0.5 seed=3 range=[0 4000] noise=position type=32-bit";

	@Test
	void blocksOfALargeImageGiveTheWholeImagesResult(@TempDir final Path dir) throws Exception {
		ImageJ1.init();
		final Path in = Files.createDirectories(dir.resolve("in"));
		final Random random = new Random(5);
		final ShortProcessor big = new ShortProcessor(2048, 2048);
		for (int y = 0; y < 2048; y++) {
			for (int x = 0; x < 2048; x++) big.set(x, y, (int) (2000 + 1200 * Math.sin(x / 37.0) * Math.cos(y / 23.0) + 150 *
				random.nextGaussian()));
		}
		new FileSaver(new ImagePlus("big", big)).saveAsTiff(in.resolve("big.tif").toString());
		final ImageStack stack = new ImageStack(300, 200);
		for (int z = 0; z < 3; z++) {
			final ShortProcessor p = new ShortProcessor(300, 200);
			for (int i = 0; i < 300 * 200; i++) p.set(i, 1000 + 100 * z + (int) (400 * random.nextGaussian()));
			stack.addSlice(p);
		}
		new FileSaver(new ImagePlus("stack", stack)).saveAsTiffStack(in.resolve("stack.tif").toString());

		final Path whole = SparkFolderIT.batchMacro(in, dir.resolve("whole"), "Noise and Denoise...", OPTIONS);
		final Path blocks = dir.resolve("blocks");
		final FolderJob job = new FolderJob(in.toString(), blocks.toString(), "Noise and Denoise...", OPTIONS,
			SparkFolderIT.root(), Collections.emptyMap(), 512, 32);
		final FolderRun.Summary summary;
		try (JavaSparkContext sc = SparkFolderIT.spark("local[2]")) {
			summary = FolderRun.run(sc, job, new FileTask(job));
		}
		assertEquals(2, summary.done, summary.toString());
		for (final String name : new String[] { "big-sdedit.tif", "stack-sdedit.tif" }) {
			final ImagePlus a = IJ.openImage(whole.resolve(name).toString()), b = IJ.openImage(blocks.resolve(name).toString());
			assertEquals(a.getStackSize(), b.getStackSize(), name);
			assertEquals(32, b.getBitDepth(), name);
			for (int z = 1; z <= a.getStackSize(); z++) {
				final float[] p = (float[]) a.getStack().getProcessor(z).getPixels(), q = (float[]) b.getStack().getProcessor(z)
					.getPixels();
				double worst = 0;
				for (int i = 0; i < p.length; i++) worst = Math.max(worst, Math.abs(p[i] - q[i]));
				assertEquals(0, worst, 1e-3, name + " plane " + z + ": largest difference to the whole-image run (counts)");
			}
			assertEquals(String.valueOf(a.getProperty("Info")), String.valueOf(b.getProperty("Info")), name + "'s recipe");
		}
		try (Stream<Path> files = Files.list(blocks)) {
			assertEquals(Collections.singletonList("manifest.csv"), files.map(p -> p.getFileName().toString()).filter(n -> !n
				.endsWith(".tif")).collect(java.util.stream.Collectors.toList()), "no block files left");
		}
	}

	@Test
	void aRegionIsReadLazilyAndEqualsTheCrop(@TempDir final Path dir) throws Exception {
		ImageJ1.init();
		final ImageStack stack = new ImageStack(70, 50);
		final Random random = new Random(2);
		for (int z = 0; z < 2; z++) {
			final ShortProcessor p = new ShortProcessor(70, 50);
			for (int i = 0; i < 70 * 50; i++) p.set(i, random.nextInt(65536));
			stack.addSlice(p);
		}
		final Path file = dir.resolve("s.tif");
		new FileSaver(new ImagePlus("s", stack)).saveAsTiffStack(file.toString());
		final TiffRegion region = new TiffRegion(file.toFile());
		assertTrue(region.lazy(), "an uncompressed ImageJ TIFF is read row by row");
		assertEquals(2, region.planes);
		final ImagePlus part = region.read("s.tif", 1, 13, 7, 20, 9);
		final ij.process.ImageProcessor second = stack.getProcessor(2);
		second.setRoi(13, 7, 20, 9);
		assertArrayEquals((short[]) second.crop().getPixels(), (short[]) part.getProcessor().getPixels());
		Files.write(dir.resolve("t.png"), Files.readAllBytes(file)); // NB: not a .tif name: opened whole
		assertFalse(new TiffRegion(dir.resolve("t.png").toFile()).lazy());
	}

	@Test
	void blocksTileEachPlaneAndHalosFade() {
		final BlockGrid grid = new BlockGrid(1000, 600, 2, 512, 32);
		assertEquals(2 * 2 * 2, grid.blocks().size());
		final BlockGrid.Block last = grid.blocks().get(3); // plane 0, core (512, 512) of 488 x 88, region from (480, 480)
		assertEquals(480, last.rx);
		assertEquals(520, last.rw);
		assertEquals(120, last.rh);
		final float[] w = grid.weights(last.rx, last.rw, last.x0, last.w);
		assertEquals(1 - 32 / 33f, w[0], 1e-6);
		assertEquals(1, w[32], 0);
		assertEquals(1, w[519], 0);
	}
}
