package org.diffusionj.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ij.IJ;
import ij.ImagePlus;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.diffusionj.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder run under the faults a lab meets overnight (issue 31), through macros/batch_folder.ijm: a full disk, two
 * inputs of one stem, an image the command refuses, a truncated TIFF, an output folder spelled to be the input, a
 * network that answers NaN, a re-run with other options. Each must lose nothing, say what happened in the manifest,
 * and end with an error when a file has no result. The exact Gaussian denoiser keeps each run to a second.
 */
class BatchFaultsIT {

	@RegisterExtension
	static final MacroHarness ij = new MacroHarness();

	@TempDir
	Path tmp;

	private static final String OPTIONS = "options=[model=[" + Fixtures.model("gaussian") + "] steps=2]";

	private static String macro() throws Exception {
		return new String(Files.readAllBytes(Paths.get("macros/batch_folder.ijm")), StandardCharsets.UTF_8);
	}

	private boolean batch(final Path in, final Path out, final String options) throws Exception {
		return ij.run(macro(), "input=[" + in + "] output=[" + out + "] " + options);
	}

	private static void image(final Path file, final String type, final int w, final int h) {
		IJ.saveAsTiff(IJ.createImage(file.getFileName().toString(), type, w, h, 1), file.toString());
	}

	private static List<String> rows(final Path out) throws Exception {
		return Files.readAllLines(out.resolve("manifest.csv")).stream().skip(2).collect(Collectors.toList());
	}

	private static List<String> files(final Path dir, final String ending) throws Exception {
		try (Stream<Path> s = Files.list(dir)) {
			return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(ending)).sorted().collect(Collectors
				.toList());
		}
	}

	/** Every result in the folder is a whole TIFF of the input's size, and no temporary file is left. */
	private static void assertNothingBroken(final Path out, final int width) throws Exception {
		for (final String name : files(out, ".tif")) {
			assertNull(TiffIntegrity.problem(out.resolve(name).toFile()), name);
			assertEquals(width, IJ.openImage(out.resolve(name).toString()).getWidth(), name);
		}
		assertEquals(0, files(out, ".part").size(), "no temporary file left: " + files(out, ""));
	}

	/**
	 * A disk that fills up mid-folder (a 256 kB tmpfs; needs root to mount it): no empty or cut result, every
	 * result that is there is whole and has its done row, the rest are failed rows naming the reason, the run ends
	 * with an error; with space freed, a re-run keeps the whole results and completes the folder.
	 */
	@Test
	void aFullDiskLosesNothingAndARerunCompletesTheFolder() throws Exception {
		final Path in = Files.createDirectories(tmp.resolve("in"));
		for (int i = 0; i < 12; i++) image(in.resolve(String.format("m%02d.tif", i)), "32-bit ramp", 128, 128);
		final Path out = Files.createDirectories(tmp.resolve("out"));
		assumeTrue(mount(out, "size=256k"), "a tmpfs can be mounted (root)");
		try {
			assertFalse(batch(in, out, OPTIONS), "a run with failed files ends with an error: " + ij.output());
			assertTrue(ij.output().contains("No space left on device"), ij.output());
			assertNothingBroken(out, 128);
			final List<String> results = files(out, "-sdedit.tif");
			assertTrue(results.size() > 0 && results.size() < 12, "the disk filled mid-folder: " + results);
			final List<String> done = rows(out).stream().filter(r -> r.endsWith(",done")).collect(Collectors.toList());
			assertTrue(done.size() <= results.size(), "a done row only for a result on disk: " + done + " " + results);
			assertTrue(mount(out, "remount,size=16m"), "more space");
			assertTrue(batch(in, out, OPTIONS), ij.output());
			assertEquals(12, files(out, "-sdedit.tif").size(), ij.output());
			assertNothingBroken(out, 128);
			assertTrue(ij.output().contains((12 - results.size()) + " done, " + results.size() + " kept, 0 failed"),
				ij.output());
		}
		finally {
			new ProcessBuilder("umount", out.toString()).inheritIO().start().waitFor();
		}
	}

	private static boolean mount(final Path dir, final String options) throws Exception {
		if (!"root".equals(System.getProperty("user.name"))) return false;
		final Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir.toString())
			.redirectErrorStream(true).start();
		return p.waitFor() == 0;
	}

	/** a.tif and a.png: both processed, each result and row named after its own file. */
	@Test
	void twoInputsOfOneStemBothGetTheirOwnResult() throws Exception {
		final Path in = Files.createDirectories(tmp.resolve("in"));
		image(in.resolve("a.tif"), "8-bit ramp", 32, 32);
		IJ.saveAs(IJ.createImage("a", "8-bit ramp", 32, 32, 1), "PNG", in.resolve("a.png").toString());
		image(in.resolve("b.tif"), "8-bit ramp", 32, 32);
		final Path out = tmp.resolve("out");
		assertTrue(batch(in, out, OPTIONS), ij.output());
		assertEquals(java.util.Arrays.asList("a.png-sdedit.tif", "a.tif-sdedit.tif", "b-sdedit.tif"), files(out,
			".tif"));
		final List<String> rows = rows(out);
		assertTrue(rows.get(0).startsWith("a.png," + out.resolve("a.png-sdedit.tif") + ","), rows.toString());
		assertTrue(rows.get(1).startsWith("a.tif," + out.resolve("a.tif-sdedit.tif") + ","), rows.toString());
		assertFalse(java.util.Arrays.equals(Files.readAllBytes(out.resolve("a.png-sdedit.tif")), Files.readAllBytes(out
			.resolve("a.tif-sdedit.tif"))), "two files, two seeds, two results");
	}

	/** A 1x1 image the command refuses, between two good ones: a failed row with its sentence, the run goes on. */
	@Test
	void anImageTheCommandRefusesIsARowAndTheRunGoesOn() throws Exception {
		final Path in = Files.createDirectories(tmp.resolve("in"));
		image(in.resolve("a.tif"), "8-bit ramp", 32, 32);
		image(in.resolve("m.tif"), "8-bit ramp", 1, 1);
		image(in.resolve("z.tif"), "8-bit ramp", 32, 32);
		final Path out = tmp.resolve("out");
		final String shipped = "options=[steps=2]"; // the shipped U-Net, which needs more than one pixel
		assertFalse(batch(in, out, shipped), ij.output());
		assertEquals(java.util.Arrays.asList("a-sdedit.tif", "z-sdedit.tif"), files(out, ".tif"));
		final String m = rows(out).get(1);
		assertTrue(m.startsWith("m.tif,,") && m.contains("failed: Image m.tif is 1x1 pixels"), m);
		assertTrue(ij.output().contains("2 done, 0 kept, 1 failed"), ij.output());
		assertFalse(batch(in, out, shipped), "still not complete");
		assertTrue(ij.output().contains("0 done, 2 kept, 1 failed"), ij.output());
	}

	/** A TIFF cut short (a failed copy) is unreadable, not an image of zeros marked done. */
	@Test
	void aTruncatedTiffIsUnreadable() throws Exception {
		final Path in = Files.createDirectories(tmp.resolve("in"));
		image(in.resolve("cut.tif"), "16-bit ramp", 64, 64);
		try (RandomAccessFile f = new RandomAccessFile(in.resolve("cut.tif").toFile(), "rw")) {
			f.setLength(f.length() / 2);
		}
		image(in.resolve("ok.tif"), "16-bit ramp", 64, 64);
		final Path out = tmp.resolve("out");
		assertFalse(batch(in, out, OPTIONS), ij.output());
		assertEquals(java.util.Collections.singletonList("ok-sdedit.tif"), files(out, ".tif"));
		assertTrue(rows(out).get(0).startsWith("cut.tif,,") && rows(out).get(0).contains("unreadable: it is cut short"),
			rows(out).toString());
	}

	/** Output folders spelled to be the input (.., //, a link) or to lie inside it are refused; nothing is written. */
	@Test
	void anOutputThatIsTheInputInDisguiseIsRefused() throws Exception {
		final Path in = Files.createDirectories(tmp.resolve("in"));
		image(in.resolve("a.tif"), "8-bit ramp", 32, 32);
		final Path link = Files.createSymbolicLink(tmp.resolve("link"), in);
		final Map<String, String> before = BatchFolder.fingerprint(in);
		for (final String output : new String[] { in + "/../in", in + "//", link.toString() }) {
			assertFalse(ij.run(macro(), "input=[" + in + "] output=[" + output + "]"), output);
			assertTrue(ij.output().contains("The output folder must differ from the input folder"), ij.output());
		}
		assertFalse(ij.run(macro(), "input=[" + in + "] output=[" + link + "/results/../res]"));
		assertTrue(ij.output().contains("must not lie inside the input folder"), ij.output());
		assertEquals(before, BatchFolder.fingerprint(in), "nothing written into the input");
	}

	/** A network that answers NaN: every file a failed row naming the model, no NaN image saved; alone, one sentence. */
	@Test
	void aNetworkThatAnswersNanMakesNoImage() throws Exception {
		final Path in = Files.createDirectories(tmp.resolve("in"));
		image(in.resolve("a.tif"), "32-bit ramp", 32, 32);
		final Path out = tmp.resolve("out");
		final String broken = Fixtures.model("broken_nan").toString();
		assertFalse(batch(in, out, "options=[model=[" + broken + "] steps=20]"), ij.output());
		assertEquals(0, files(out, ".tif").size(), files(out, "").toString());
		assertTrue(rows(out).get(0).contains("failed: Model broken_nan answered with"), rows(out).toString());
		final int before = ij.run("newImage(\"x\", \"32-bit ramp\", 32, 32, 1);\nrun(\"Noise and Denoise...\", " +
			"\"model=[" + broken + "] steps=20\");") ? -1 : 0;
		assertEquals(0, before, "the macro stops");
		assertTrue(ij.output().contains("NaN or infinite value(s)"), ij.output());
	}

	/** A re-run with other options would mix results made two ways: refused, nothing written. */
	@Test
	void aRerunWithOtherOptionsIsRefused() throws Exception {
		final Path in = Files.createDirectories(tmp.resolve("in"));
		image(in.resolve("a.tif"), "8-bit ramp", 32, 32);
		final Path out = tmp.resolve("out");
		assertTrue(batch(in, out, OPTIONS), ij.output());
		final byte[] manifest = Files.readAllBytes(out.resolve("manifest.csv"));
		assertTrue(new String(manifest, StandardCharsets.UTF_8).startsWith("# DiffusionJ "), "the run's line");
		image(in.resolve("b.tif"), "8-bit ramp", 32, 32);
		assertFalse(batch(in, out, "options=[model=[" + Fixtures.model("gaussian") + "] steps=3]"));
		assertTrue(ij.output().contains("holds results made with other settings"), ij.output());
		assertArrayEquals(manifest, Files.readAllBytes(out.resolve("manifest.csv")));
		assertFalse(Files.exists(out.resolve("b-sdedit.tif")));
		assertTrue(batch(in, out, "options=[steps=2  model=[" + Fixtures.model("gaussian") + "]]"), "the same " +
			"options in another order are the same run: " + ij.output());
		assertTrue(Files.exists(out.resolve("b-sdedit.tif")));
	}

	/**
	 * A value wrong for the whole run — a sampler, a model folder, a model of the wrong kind, a PSF file — is one
	 * sentence before any file, and no output folder is begun (so the corrected run is not refused as another run's).
	 */
	@Test
	void aValueWrongForEveryFileIsRefusedBeforeAnyFile() throws Exception {
		final Path in = Files.createDirectories(tmp.resolve("in"));
		image(in.resolve("a.tif"), "16-bit ramp", 32, 32);
		final String gaussian = "model=[" + Fixtures.model("gaussian") + "]";
		final String[][] cases = { //
			{ "options=[" + gaussian + " sampler=FooBar]", "sampler=FooBar is not a known sampler" },
			{ "options=[model=[" + tmp.resolve("nosuch") + "] steps=2]", "Model folder " + tmp.resolve("nosuch") +
				" does not exist" },
			{ "options=[" + gaussian + " label=Sneaker steps=2]", "label=Sneaker cannot be used" },
			{ "command=[Noise and Denoise...] options=[model=[" + Fixtures.model("restore_gaussian") + "]]",
				"is a restoration model" },
			{ "command=[Restore Image...] options=[" + gaussian + "]", "is not a restoration model" },
			{ "command=[Deconvolve Image...] options=[model=[" + Fixtures.model("restore_gaussian") + "]]",
				"needs an unconditional prior" },
			{ "command=[Deconvolve Image...] options=[" + gaussian + " psf=image psf_file=[" + tmp.resolve("bead.tif") +
				"]]", "is not a file" } };
		for (final String[] c : cases) {
			final Path out = tmp.resolve("out");
			assertFalse(batch(in, out, c[0]), c[0]);
			assertTrue(ij.output().contains(c[1]), c[0] + " -> " + ij.output());
			assertFalse(ij.output().contains("a.tif: failed"), "no file was tried: " + ij.output());
			assertFalse(Files.exists(out), "no output folder begun: " + c[0]);
		}
		assertTrue(batch(in, tmp.resolve("out"), "options=[" + gaussian + " sampler=DDIM steps=2]"), ij.output());
		assertTrue(Files.exists(tmp.resolve("out").resolve("a-sdedit.tif")));
	}

	/**
	 * A manifest of an earlier DiffusionJ names no model: Restore Image...'s results then say in their recipe which
	 * model made them, and only that model completes the folder.
	 */
	@Test
	void aManifestThatNamesNoModelIsCompletedByTheModelOfItsResults() throws Exception {
		final Path in = Files.createDirectories(tmp.resolve("in"));
		image(in.resolve("a.tif"), "16-bit ramp", 32, 32);
		final Path out = tmp.resolve("out");
		assertTrue(batch(in, out, "command=[Restore Image...] options=[samples=2]"), ij.output()); // the default model
		final Path manifest = out.resolve("manifest.csv");
		final String text = new String(Files.readAllBytes(manifest), StandardCharsets.UTF_8);
		assertTrue(text.contains("options=[model=fluo-restore-1step samples=2]"), text);
		Files.write(manifest, text.replace("model=fluo-restore-1step ", "").getBytes(StandardCharsets.UTF_8));
		image(in.resolve("b.tif"), "16-bit ramp", 32, 32);
		assertFalse(batch(in, out, "command=[Restore Image...] options=[model=fluo-restore samples=2]"));
		assertTrue(ij.output().contains("(manifest.csv: command=[Restore Image...] options=[model=fluo-restore-1step " +
			"samples=2]; now: command=[Restore Image...] options=[model=fluo-restore samples=2])"), ij.output());
		assertFalse(Files.exists(out.resolve("b-restored.tif")));
		assertTrue(batch(in, out, "command=[Restore Image...] options=[samples=2]"), "the model of a-restored.tif's " +
			"recipe: " + ij.output());
		assertTrue(Files.exists(out.resolve("b-restored.tif")));
	}

	/** Results are written as FileSaver.saveAsTiff writes them, to the byte (the batch's results keep their bytes). */
	@Test
	void resultBytesAreImageJs() throws Exception {
		final ImagePlus stack = IJ.createImage("s", "16-bit ramp", 20, 10, 3);
		stack.setProperty("Info", "recipe");
		stack.getCalibration().pixelWidth = 0.2;
		stack.getStack().setSliceLabel("t=1", 1);
		final ImagePlus one = IJ.createImage("o", "RGB ramp", 21, 11, 1);
		one.setProperty("Info", "x");
		for (final ImagePlus imp : new ImagePlus[] { stack, one, IJ.createImage("f", "32-bit ramp", 7, 5, 1) }) {
			final Path ours = tmp.resolve(imp.getTitle() + "-ours.tif"), theirs = tmp.resolve(imp.getTitle() + ".tif");
			VerifiedWrite.tiff(imp, ours);
			new ij.io.FileSaver(imp).saveAsTiff(theirs.toString());
			assertArrayEquals(Files.readAllBytes(theirs), Files.readAllBytes(ours), imp.getTitle());
		}
	}
}
