package org.diffusionj.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** macros/batch_folder.ijm over a folder of mixed files, unattended, with the shipped model. */
class BatchFolderIT {

	@RegisterExtension
	static final MacroHarness ij = new MacroHarness();

	@TempDir
	Path tmp;



	private static String macro() throws Exception {
		return new String(Files.readAllBytes(Paths.get("macros/batch_folder.ijm")), StandardCharsets.UTF_8);
	}

	@Test
	void processesEveryImageAndLeavesTheInputUntouched() throws Exception {
		final Path in = BatchFolder.mixed(tmp.resolve("in"));
		final Path out = tmp.resolve("out");
		final Map<String, String> before = BatchFolder.fingerprint(in);
		assertTrue(ij.run(macro(), "input=[" + in + "] output=[" + out + "] options=[steps=4 strength=0.5]"), ij
			.output());
		assertEquals(before, BatchFolder.fingerprint(in), "input folder is byte-identical");
		for (final String stem : new String[] { "grey8", "grey16", "float", "stack", "odd size", "colour",
			"calibrated" })
		{
			final Path result = out.resolve(stem + "-sdedit.tif");
			assertTrue(Files.exists(result), result + " written; " + ij.output());
		}
		final ImagePlus odd = IJ.openImage(out.resolve("odd size-sdedit.tif").toString());
		assertEquals(37, odd.getWidth());
		assertEquals(53, odd.getHeight());
		assertEquals(3, IJ.openImage(out.resolve("stack-sdedit.tif").toString()).getStackSize());
		assertEquals(16, IJ.openImage(out.resolve("grey16-sdedit.tif").toString()).getBitDepth());
		assertEquals(24, IJ.openImage(out.resolve("colour-sdedit.tif").toString()).getBitDepth());
		assertEquals(0.1, IJ.openImage(out.resolve("calibrated-sdedit.tif").toString()).getCalibration().pixelWidth,
			1e-9);
		assertTrue(ij.output().contains("Skipped (not an image file): notes.txt"), ij.output());
		assertTrue(ij.output().contains("Skipped (not an image file): sub/"), ij.output());
		assertTrue(ij.output().contains("DiffusionJ batch: 7 done, 0 kept, 0 failed, 0 unreadable, 2 skipped (not " +
			"images)"), ij.output());
	}

	@Test
	void neverOverwritesAndRefusesTheInputFolderAsOutput() throws Exception {
		final Path in = BatchFolder.mixed(tmp.resolve("in"));
		final Path out = Files.createDirectories(tmp.resolve("out"));
		IJ.saveAsTiff(IJ.createImage("theirs", "8-bit white", 5, 5, 1), out.resolve("grey8-sdedit.tif").toString());
		final byte[] theirs = Files.readAllBytes(out.resolve("grey8-sdedit.tif"));
		Files.write(out.resolve("float-sdedit.tif"), new byte[] { 42 }); // no TIFF: not a result, redone
		assertTrue(ij.run(macro(), "input=[" + in + "] output=[" + out + "] options=[steps=2]"), ij.output());
		assertArrayEquals(theirs, Files.readAllBytes(out.resolve("grey8-sdedit.tif")), "a whole result is kept");
		assertEquals(32, IJ.openImage(out.resolve("float-sdedit.tif").toString()).getWidth(), "a broken one redone");
		assertArrayEquals(new byte[] { 42 }, Files.readAllBytes(out.resolve("float-sdedit.tif.broken")), "and set aside");
		assertTrue(ij.output().contains("6 done, 1 kept, 0 failed"), ij.output());
		final Map<String, String> before = BatchFolder.fingerprint(in);
		ij.run(macro(), "input=[" + in + "] output=[" + in + "]");
		assertTrue(ij.output().contains("must differ from the input folder"), ij.output());
		assertEquals(before, BatchFolder.fingerprint(in));
		assertFalse(ij.output().contains(" done, "), ij.output());
	}

	/** command=[Deconvolve Image...]: each image's object estimate, its std and the denoised image, named after the file. */
	@Test
	void deconvolvesAFolder() throws Exception {
		final Path in = Files.createDirectories(tmp.resolve("dc-in"));
		for (final String name : new String[] { "field 1", "field2" }) {
			IJ.saveAsTiff(IJ.createImage(name, "16-bit ramp", 24, 20, 1), in.resolve(name + ".tif").toString());
		}
		final Path out = tmp.resolve("dc-out");
		assertTrue(ij.run(macro(), "input=[" + in + "] output=[" + out + "] command=[Deconvolve Image...] options=[model=[" +
			org.diffusionj.Fixtures.model("gaussian") + "] psf=gaussian sigma=1 noise=gaussian noise_std=100 samples=2 " +
			"steps=2]"), ij.output());
		for (final String stem : new String[] { "field 1", "field2" }) {
			for (final String suffix : new String[] { "-deconvolved", "-deconvolved-std", "-denoised" }) {
				assertTrue(Files.exists(out.resolve(stem + suffix + ".tif")), stem + suffix + "; " + ij.output());
			}
		}
		assertTrue(ij.output().contains("DiffusionJ batch: 2 done, 0 kept, 0 failed"), ij.output());
	}

	/** command=[Restore Image...]: each image's restoration, its std and (keep=true) its samples, named after the file. */
	@Test
	void restoresAFolder() throws Exception {
		final Path in = Files.createDirectories(tmp.resolve("in"));
		for (final String name : new String[] { "cell one", "cell2" }) {
			final ImagePlus imp = IJ.createImage(name, "32-bit ramp", 24, 20, 1);
			IJ.saveAsTiff(imp, in.resolve(name + ".tif").toString());
		}
		final Path out = tmp.resolve("out");
		assertTrue(ij.run(macro(), "input=[" + in + "] output=[" + out + "] command=[Restore Image...] options=[model=[" +
			org.diffusionj.Fixtures.model("restore_gaussian") + "] steps=3 samples=2 keep=true]"), ij.output());
		for (final String stem : new String[] { "cell one", "cell2" }) {
			for (final String suffix : new String[] { "-restored", "-restored-std", "-restored-samples" }) {
				assertTrue(Files.exists(out.resolve(stem + suffix + ".tif")), stem + suffix + "; " + ij.output());
			}
			assertEquals(2, IJ.openImage(out.resolve(stem + "-restored-samples.tif").toString()).getStackSize());
		}
		assertTrue(ij.output().contains("DiffusionJ batch: 2 done, 0 kept, 0 failed"), ij.output());
		// results and manifest are readable as any new file of the folder is (the umask's), not by their owner alone
		final Path plain = Files.createFile(out.resolve("plain"));
		for (final String name : new String[] { "cell2-restored.tif", "cell one-restored-std.tif", "manifest.csv" }) {
			assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(out.resolve(name)), name);
		}
		Files.delete(plain);
		// a ramp is nothing the per-pixel model knows: its residual test fails, and the manifest says so
		final List<String> rows = Files.readAllLines(out.resolve("manifest.csv"));
		assertEquals(RunManifest.COLUMNS, rows.get(1));
		for (final String row : rows.subList(2, rows.size())) {
			assertTrue(row.contains(",\"residual test: inconsistent (score ") && row.endsWith(",done"), row);
		}
		assertFalse(ij.run(macro(), "input=[" + in + "] output=[" + out + "] command=[Generate Images...]"));
		assertTrue(ij.output().contains("command=[Generate Images...] cannot run over a folder"), ij.output());
	}

	/**
	 * A text file named broken.tif is an unreadable row with the reason, the run goes on to the end, and the run ends
	 * with an error (a non-zero exit headless), so that nobody takes the folder for complete.
	 */
	@Test
	void anUnreadableFileIsARowAndTheRunGoesOn() throws Exception {
		final Path in = Files.createDirectories(tmp.resolve("in"));
		Files.write(in.resolve("broken.tif"), "not an image".getBytes(StandardCharsets.UTF_8));
		IJ.saveAsTiff(IJ.createImage("ok", "8-bit ramp", 32, 32, 1), in.resolve("ok.tif").toString());
		final Path out = tmp.resolve("out");
		assertFalse(ij.run(macro(), "input=[" + in + "] output=[" + out + "] options=[steps=4 strength=0.5]"), ij
			.output());
		assertTrue(ij.output().contains("broken.tif: unreadable: "), ij.output());
		assertTrue(Files.exists(out.resolve("ok-sdedit.tif")), ij.output());
		assertTrue(ij.output().contains("1 done, 0 kept, 0 failed, 1 unreadable, 0 skipped"), ij.output());
	}
}
