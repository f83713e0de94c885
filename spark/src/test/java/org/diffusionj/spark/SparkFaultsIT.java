package org.diffusionj.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ij.IJ;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.spark.api.java.JavaSparkContext;
import org.diffusionj.app.TiffIntegrity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The folder faults of issue 31 on Spark, which must behave as the batch macro does (BatchFaultsIT): a full disk,
 * two inputs of one stem, a refused image, a truncated TIFF, an output that is the input in disguise, a NaN network,
 * a re-run with other options. The exact Gaussian denoiser keeps each run short.
 */
class SparkFaultsIT {

	private static final String SDEDIT = "Noise and Denoise...";
	private static JavaSparkContext sc;

	@TempDir
	Path tmp;

	@BeforeAll
	static void spark() {
		ImageJ1.init();
		sc = SparkFolderIT.spark("local[2]");
	}

	@AfterAll
	static void stop() {
		sc.close(); // NB: one SparkContext a JVM: the next test class makes its own
	}

	private static String options(final String model, final int steps) {
		return "model=[" + Paths.get(SparkFolderIT.root(), "src/test/resources/fixtures", model) + "] steps=" + steps;
	}

	private static FolderRun.Summary run(final Path in, final Path out, final String options) throws Exception {
		final FolderJob job = SparkFolderIT.job(in, out, SDEDIT, options);
		return FolderRun.run(sc, job, new FileTask(job));
	}

	private static void image(final Path file, final String type, final int w, final int h) {
		IJ.saveAsTiff(IJ.createImage(file.getFileName().toString(), type, w, h, 1), file.toString());
	}

	private static List<String> rows(final Path out) throws Exception {
		return Files.readAllLines(out.resolve("manifest.csv")).stream().skip(2).collect(Collectors.toList());
	}

	private static List<String> tifs(final Path dir) throws Exception {
		try (Stream<Path> s = Files.list(dir)) {
			return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tif")).sorted().collect(Collectors
				.toList());
		}
	}

	@Test
	void aFullDiskLosesNothingAndARerunCompletesTheFolder() throws Exception {
		final Path in = Files.createDirectories(tmp.resolve("in"));
		for (int i = 0; i < 12; i++) image(in.resolve(String.format("m%02d.tif", i)), "32-bit ramp", 128, 128);
		final Path out = Files.createDirectories(tmp.resolve("out"));
		assumeTrue(mount(out, "size=256k"), "a tmpfs can be mounted (root)");
		try {
			final FolderRun.Summary full = run(in, out, options("gaussian", 2));
			assertFalse(full.complete(), full.toString());
			assertTrue(full.failed > 0 && full.done > 0, full.toString());
			for (final String name : tifs(out)) assertNull(TiffIntegrity.problem(out.resolve(name).toFile()), name);
			assertEquals(full.done, tifs(out).size(), "a result on disk for every done file, no other");
			assertTrue(mount(out, "remount,size=16m"), "more space");
			final FolderRun.Summary again = run(in, out, options("gaussian", 2));
			assertTrue(again.complete(), again.toString());
			assertEquals(12 - full.done, again.done, again.toString());
			assertEquals(12, tifs(out).size());
		}
		finally {
			new ProcessBuilder("umount", out.toString()).inheritIO().start().waitFor();
		}
	}

	private static boolean mount(final Path dir, final String options) throws Exception {
		if (!"root".equals(System.getProperty("user.name"))) return false;
		return new ProcessBuilder("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir.toString()).redirectErrorStream(
			true).start().waitFor() == 0;
	}

	/** a.tif and a.png, a 1x1 image, a truncated TIFF: the macro's names, rows and bytes. */
	@Test
	void clashingStemsRefusedAndTruncatedImagesAsTheMacroDoes() throws Exception {
		final Path in = Files.createDirectories(tmp.resolve("in"));
		image(in.resolve("a.tif"), "8-bit ramp", 32, 32);
		IJ.saveAs(IJ.createImage("a", "8-bit ramp", 32, 32, 1), "PNG", in.resolve("a.png").toString());
		image(in.resolve("m.tif"), "8-bit ramp", 1, 1);
		image(in.resolve("cut.tif"), "16-bit ramp", 64, 64);
		try (RandomAccessFile f = new RandomAccessFile(in.resolve("cut.tif").toFile(), "rw")) {
			f.setLength(f.length() / 2);
		}
		final String shipped = "steps=2"; // the shipped U-Net, which refuses a 1x1 image
		final Path spark = tmp.resolve("spark");
		final FolderRun.Summary s = run(in, spark, shipped);
		assertEquals(2, s.done, s.toString());
		assertEquals(1, s.failed, s.toString());
		assertEquals(1, s.unreadable, s.toString());
		assertEquals(Arrays.asList("a.png-sdedit.tif", "a.tif-sdedit.tif"), tifs(spark));
		final Path macro = tmp.resolve("macro");
		final String macroOut = SparkFolderIT.batchMacroExit(in, macro, SDEDIT, shipped, 1);
		assertTrue(macroOut.contains("2 done, 0 kept, 1 failed, 1 unreadable"), macroOut);
		SparkFolderIT.assertSameResults(macro, spark, 2);
		assertEquals(SparkFolderIT.rows(macro, macro), SparkFolderIT.rows(spark, spark));
	}

	@Test
	void anOutputThatIsTheInputInDisguiseIsRefused() throws Exception {
		final Path in = Files.createDirectories(tmp.resolve("in"));
		image(in.resolve("a.tif"), "8-bit ramp", 32, 32);
		final Path link = Files.createSymbolicLink(tmp.resolve("link"), in);
		for (final Path out : new Path[] { Paths.get(in + "/../in"), link, Paths.get(link + "/res") }) {
			final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(in, out, options(
				"gaussian", 2)));
			assertTrue(e.getMessage().startsWith("The output folder must "), e.getMessage());
		}
		assertEquals(Arrays.asList("a.tif"), Files.list(in).map(p -> p.getFileName().toString()).collect(Collectors
			.toList()));
	}

	@Test
	void aNanNetworkFailsEveryFileAndARerunWithOtherOptionsIsRefused() throws Exception {
		final Path in = Files.createDirectories(tmp.resolve("in"));
		image(in.resolve("a.tif"), "32-bit ramp", 32, 32);
		final Path out = tmp.resolve("out");
		final FolderRun.Summary s = run(in, out, options("broken_nan", 20));
		assertEquals(1, s.failed, s.toString());
		assertEquals(0, tifs(out).size());
		assertTrue(rows(out).get(0).contains("Model broken_nan answered with"), rows(out).toString());
		final byte[] manifest = Files.readAllBytes(out.resolve("manifest.csv"));
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(in, out, options(
			"gaussian", 2)));
		assertTrue(e.getMessage().contains("holds results made with other settings"), e.getMessage());
		assertArrayEquals(manifest, Files.readAllBytes(out.resolve("manifest.csv")));
		// a value wrong for every file is its own sentence before any task, even where another run's manifest lies
		final IllegalArgumentException sampler = assertThrows(IllegalArgumentException.class, () -> run(in, out,
			options("gaussian", 2) + " sampler=FooBar"));
		assertTrue(sampler.getMessage().contains("sampler=FooBar is not a known sampler"), sampler.getMessage());
		final Path fresh = tmp.resolve("fresh");
		final IllegalArgumentException model = assertThrows(IllegalArgumentException.class, () -> run(in, fresh,
			"model=[" + tmp.resolve("nosuch") + "]"));
		assertTrue(model.getMessage().contains("does not exist"), model.getMessage());
		assertFalse(Files.exists(fresh), "no output folder begun");
	}

	/** A mistyped flag (--option for --options) is the usage and exit code 2, not a run with the defaults. */
	@Test
	void anUnknownFlagIsTheUsage() throws Exception {
		final Path in = Files.createDirectories(tmp.resolve("in")), out = tmp.resolve("out");
		image(in.resolve("a.tif"), "8-bit ramp", 32, 32);
		assertEquals(2, SparkBatch.launch(new String[] { "--input", in.toString(), "--output", out.toString(), "--option",
			"strength=0.9" }));
		assertFalse(Files.exists(out));
	}
}
