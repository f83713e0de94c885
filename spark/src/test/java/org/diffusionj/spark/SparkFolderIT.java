package org.diffusionj.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Folder runs on Spark in local mode give the bytes of the batch macro's run on one JVM (the plugin's app jar in a
 * child process): 24 images of five kinds, a text file and a broken TIFF; a task that fails once and is retried;
 * a run again over its own results.
 */
class SparkFolderIT {

	private static final String SDEDIT = "Noise and Denoise...", RESTORE = "Restore Image...";
	private static final String SDEDIT_OPTIONS = "strength=0.3 steps=5 seed=9";
	private static final String RESTORE_OPTIONS = "samples=2 steps=4 seed=3";

	@TempDir
	static Path shared;

	private static Path images;

	@BeforeAll
	static void folder() throws IOException {
		images = writeImages(Files.createDirectories(shared.resolve("in")));
	}

	/** 24 images of five kinds (cell 00.tif ...), a text file and a broken TIFF, the same every time. */
	static Path writeImages(final Path images) throws IOException {
		ImageJ1.init();
		final Random random = new Random(11);
		for (int i = 0; i < 24; i++) {
			final int w = 24 + random.nextInt(24), h = 24 + random.nextInt(24);
			final ImageProcessor ip;
			switch (i % 5) {
				case 0: ip = new ByteProcessor(w, h); break;
				case 1: ip = new ShortProcessor(w, h); break;
				case 2: ip = new FloatProcessor(w, h); break;
				case 3: ip = new ColorProcessor(w, h); break;
				default: ip = null;
			}
			final ImagePlus imp;
			if (ip == null) {
				final ImageStack stack = new ImageStack(w, h);
				for (int s = 0; s < 3; s++) stack.addSlice(fill(new ShortProcessor(w, h), random));
				imp = new ImagePlus("stack", stack);
			}
			else imp = new ImagePlus("image", fill(ip, random));
			new FileSaver(imp).saveAsTiff(images.resolve(String.format("cell %02d.tif", i)).toString());
		}
		Files.write(images.resolve("notes.txt"), "not an image".getBytes(StandardCharsets.UTF_8));
		Files.write(images.resolve("broken.tif"), "not a TIFF".getBytes(StandardCharsets.UTF_8));
		return images;
	}

	private static ImageProcessor fill(final ImageProcessor ip, final Random random) {
		final double scale = ip instanceof ShortProcessor ? 3000 : ip instanceof FloatProcessor ? 1 : 200;
		for (int y = 0; y < ip.getHeight(); y++) {
			for (int x = 0; x < ip.getWidth(); x++) {
				final double v = scale * (0.5 + 0.4 * Math.sin(x / 4.0) * Math.cos(y / 5.0) + 0.05 * random.nextGaussian());
				if (ip instanceof ColorProcessor) ip.set(x, y, ((int) v & 0xff) << 16 | ((int) (v / 2) & 0xff) << 8 | 40);
				else ip.putPixelValue(x, y, v);
			}
		}
		return ip;
	}

	@Test
	void aFolderGivesTheBatchMacrosBytes(@TempDir final Path out) throws Exception {
		final Path macro = batchMacro(images, out.resolve("macro"), SDEDIT, SDEDIT_OPTIONS);
		final Path spark = out.resolve("spark");
		final FolderRun.Summary summary;
		try (JavaSparkContext sc = spark("local[2]")) {
			summary = FolderRun.run(sc, job(images, spark, SDEDIT, SDEDIT_OPTIONS), new FileTask(job(images, spark, SDEDIT,
				SDEDIT_OPTIONS)));
		}
		assertEquals(24, summary.done, summary.toString());
		assertEquals(1, summary.unreadable, summary.toString());
		assertEquals(1, summary.skipped, summary.toString());
		assertSameResults(macro, spark, 24);
		assertEquals(rows(macro, macro), rows(spark, spark), "manifest rows (seconds aside)");

		// run again: every result is kept, none is rewritten
		final long before = Files.getLastModifiedTime(spark.resolve("cell 00-sdedit.tif")).toMillis();
		try (JavaSparkContext sc = spark("local[2]")) {
			final FolderRun.Summary again = FolderRun.run(sc, job(images, spark, SDEDIT, SDEDIT_OPTIONS), new FileTask(job(
				images, spark, SDEDIT, SDEDIT_OPTIONS)));
			assertEquals(0, again.done, again.toString());
			assertEquals(24, again.kept, again.toString());
		}
		assertEquals(before, Files.getLastModifiedTime(spark.resolve("cell 00-sdedit.tif")).toMillis());
		assertSameResults(macro, spark, 24);
	}

	/** Fails the first attempt at one file once its main result's temporary file is whole, before the rename. */
	static final class FailingOnce extends FileTask {

		private static final long serialVersionUID = 1L;
		static final AtomicInteger FAILURES = new AtomicInteger();

		FailingOnce(final FolderJob job) {
			super(job);
		}

		@Override
		protected void beforeRename(final String part) {
			if (part.equals(".cell 03-restored.tif.part") && FAILURES.getAndIncrement() == 0) {
				throw new IllegalStateException("the executor went away (a test)");
			}
		}
	}

	@Test
	void aTaskThatFailsAndIsRetriedLeavesNoPartAndTheSameBytes(@TempDir final Path out) throws Exception {
		final Path in = Files.createDirectories(out.resolve("in"));
		for (final String name : new String[] { "cell 01.tif", "cell 03.tif", "cell 04.tif" }) {
			Files.copy(images.resolve(name), in.resolve(name));
		}
		final Path macro = batchMacro(in, out.resolve("macro"), RESTORE, RESTORE_OPTIONS);
		final Path spark = out.resolve("spark");
		final FolderJob job = job(in, spark, RESTORE, RESTORE_OPTIONS);
		final FolderRun.Summary summary;
		try (JavaSparkContext sc = spark("local[2,2]")) { // NB: up to 2 attempts a task
			summary = FolderRun.run(sc, job, new FailingOnce(job));
		}
		assertEquals(1, FailingOnce.FAILURES.get() - 1, "the failing attempt ran once, the retry passed it");
		assertEquals(3, summary.done, summary.toString());
		try (Stream<Path> files = Files.list(spark)) {
			assertEquals(Collections.emptyList(), files.map(p -> p.getFileName().toString()).filter(n -> n.contains(".part"))
				.collect(Collectors.toList()));
		}
		assertSameResults(macro, spark, 6); // the mean and the std of each
		assertEquals(rows(macro, macro), rows(spark, spark));
	}

	@Test
	void aWrongKeyIsOneSentenceBeforeAnyTask(@TempDir final Path out) throws Exception {
		try (JavaSparkContext sc = spark("local[1]")) {
			final FolderJob job = job(images, out, SDEDIT, "strenght=0.3");
			final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FolderRun.run(sc, job,
				new FileTask(job)));
			assertTrue(e.getMessage().startsWith("'strenght' is not a key of Noise and Denoise..."), e.getMessage());
		}
		try (Stream<Path> files = Files.list(out)) {
			assertEquals(0, files.count(), "nothing written");
		}
	}

	@Test
	void aBadValueIsOneSentenceAndMakesNoOutputFolder(@TempDir final Path dir) throws Exception {
		final Path out = dir.resolve("not-yet");
		try (JavaSparkContext sc = spark("local[1]")) {
			final FolderJob job = job(images, out, SDEDIT, "strength=0.3 steps=abc");
			final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FolderRun.run(sc, job,
				new FileTask(job)));
			assertEquals("steps=abc is not a valid value for 'steps' (a whole number expected).", e.getMessage());
		}
		assertFalse(Files.exists(out), "the output folder is made only for a run that can start");
	}

	static JavaSparkContext spark(final String master) {
		return new JavaSparkContext(new SparkConf().setMaster(master).setAppName("SparkFolderIT").set("spark.ui.enabled",
			"false"));
	}

	static FolderJob job(final Path in, final Path out, final String command, final String options) {
		return new FolderJob(in.toString(), out.toString(), command, options, root(), Collections.emptyMap());
	}

	static String root() {
		return Paths.get(System.getProperty("diffusionj.root", "..")).toAbsolutePath().normalize().toString();
	}

	/** The batch macro over a folder with the plugin's app jar, in a child JVM; its exit code is checked. */
	static Path batchMacro(final Path in, final Path out, final String command, final String options)
		throws Exception
	{
		// NB: a folder with an unreadable image (broken.tif) is not complete: the run ends with an error
		batchMacroExit(in, out, command, options, Files.exists(in.resolve("broken.tif")) ? 1 : 0);
		return out;
	}

	/** The batch macro over a folder in a child JVM, which must exit with {@code exit}; what it printed. */
	static String batchMacroExit(final Path in, final Path out, final String command, final String options,
		final int exit) throws Exception
	{
		final String appJar = System.getProperty("diffusionj.appJar", "../target/diffusionj-app.jar");
		final ProcessBuilder pb = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
			"-Djava.awt.headless=true", "-jar", appJar, "-ijpath", root(), "-batch", Paths.get(root(), "macros",
				"batch_folder.ijm").toString(), "input=[" + in + "] output=[" + out + "] command=[" + command +
					"] options=[" + options + "]").redirectErrorStream(true);
		final Process p = pb.start();
		final ByteArrayOutputStream text = new ByteArrayOutputStream();
		final Thread drain = new Thread(() -> copy(p.getInputStream(), text));
		drain.start();
		assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the batch macro did not end");
		drain.join();
		assertEquals(exit, p.exitValue(), text.toString("UTF-8"));
		return text.toString("UTF-8");
	}

	private static void copy(final InputStream in, final ByteArrayOutputStream out) {
		try {
			in.transferTo(out);
		}
		catch (final IOException e) {
			// NB: the process ended
		}
	}

	/** Every .tif of the macro's folder has the same bytes in Spark's, and Spark's has no other. */
	static void assertSameResults(final Path macro, final Path spark, final int count) throws IOException {
		final List<String> names = tifs(macro);
		assertEquals(count, names.size(), names.toString());
		assertEquals(names, tifs(spark));
		for (final String name : names) {
			assertArrayEquals(Files.readAllBytes(macro.resolve(name)), Files.readAllBytes(spark.resolve(name)), name);
		}
	}

	private static List<String> tifs(final Path folder) throws IOException {
		try (Stream<Path> files = Files.list(folder)) {
			return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tif")).sorted().collect(Collectors
				.toList());
		}
	}

	/** The manifest's rows with the folder written as OUT and the seconds left out. */
	static List<String> rows(final Path folder, final Path prefix) throws IOException {
		final List<String> rows = new ArrayList<>();
		for (final String line : Files.readAllLines(folder.resolve("manifest.csv"))) {
			final String generic = line.replace(prefix.toString() + "/", "OUT/");
			rows.add(generic.replaceAll(",[0-9]+\\.[0-9]{2},", ",S,"));
		}
		return rows;
	}
}
