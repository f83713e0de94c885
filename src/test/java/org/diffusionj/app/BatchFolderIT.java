package org.diffusionj.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
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
		assertTrue(ij.output().contains("DiffusionJ batch: 7 image(s) processed, 2 file(s) skipped, 0 could not be opened, 0 result(s) kept"),
			ij.output());
	}

	@Test
	void neverOverwritesAndRefusesTheInputFolderAsOutput() throws Exception {
		final Path in = BatchFolder.mixed(tmp.resolve("in"));
		final Path out = Files.createDirectories(tmp.resolve("out"));
		Files.write(out.resolve("grey8-sdedit.tif"), new byte[] { 42 });
		assertTrue(ij.run(macro(), "input=[" + in + "] output=[" + out + "] options=[steps=2]"), ij.output());
		assertEquals(1, Files.size(out.resolve("grey8-sdedit.tif")), "existing result kept");
		assertTrue(ij.output().contains("1 result(s) kept"), ij.output());
		final Map<String, String> before = BatchFolder.fingerprint(in);
		ij.run(macro(), "input=[" + in + "] output=[" + in + "]");
		assertTrue(ij.output().contains("must differ from the input folder"), ij.output());
		assertEquals(before, BatchFolder.fingerprint(in));
		assertFalse(ij.output().contains("processed"), ij.output());
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
		assertTrue(ij.output().contains("DiffusionJ batch: 2 image(s) processed"), ij.output());
		assertFalse(ij.run(macro(), "input=[" + in + "] output=[" + out + "] command=[Generate Images...]"));
		assertTrue(ij.output().contains("command=[Generate Images...] cannot run over a folder"), ij.output());
	}

	/** Issue 17: a text file named broken.tif stopped the whole run; it is skipped with ImageJ's reason. */
	@Test
	void anUnreadableFileIsSkippedAndTheRunGoesOn() throws Exception {
		final Path in = Files.createDirectories(tmp.resolve("in"));
		Files.write(in.resolve("broken.tif"), "not an image".getBytes(StandardCharsets.UTF_8));
		IJ.saveAsTiff(IJ.createImage("ok", "8-bit ramp", 32, 32, 1), in.resolve("ok.tif").toString());
		final Path out = tmp.resolve("out");
		assertTrue(ij.run(macro(), "input=[" + in + "] output=[" + out + "] options=[steps=4 strength=0.5]"), ij.output());
		assertTrue(ij.output().contains("Skipped (cannot be opened: "), ij.output());
		assertTrue(ij.output().contains("): broken.tif"), ij.output());
		assertTrue(Files.exists(out.resolve("ok-sdedit.tif")), ij.output());
		assertTrue(ij.output().contains("1 image(s) processed, 0 file(s) skipped, 1 could not be opened"), ij.output());
	}
}
