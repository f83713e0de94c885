package org.diffusionj.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;

import java.nio.file.Files;
import java.nio.file.Path;

import org.diffusionj.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deconvolve Image... through the macro interpreter: the outputs of a hyperstack plane by plane, in the input's units
 * and calibration with the recipe; the same line gives the same bytes; each bad input one sentence and no image. The
 * exact law of the results is DeconvolutionIT's. (Every check runs before the first output is made, so a refused run
 * leaves no image.)
 */
class DeconvolveImageMacroIT {

	@RegisterExtension
	static final MacroHarness ij = new MacroHarness();

	@TempDir
	static Path tmp;

	private static final String PRIOR = "model=[" + Fixtures.model("gaussian") + "]";

	/** A 16-bit 2-channel, 2-slice hyperstack of 24 × 20 with a bright square, 0.2 µm pixels, saved as name. */
	private static String hyperstack(final String name) {
		return "newImage(\"" + name + "\", \"16-bit ramp\", 24, 20, 2, 2, 1);\n" +
			"run(\"Properties...\", \"pixel_width=0.2 pixel_height=0.2 voxel_depth=0.5 unit=micron\");\n" +
			"makeRectangle(8, 6, 6, 6); run(\"Add...\", \"value=20000 stack\"); run(\"Select None\");\n";
	}

	private static String save(final String title) {
		return "selectImage(\"" + title + "\"); saveAs(\"Tiff\", \"" + tmp.resolve(title + ".tif") + "\");\n";
	}

	@Test
	void aHyperstackGivesMeanStdAndDenoisedPlaneByPlane() {
		final String keys = "psf=gaussian sigma=1.2 noise=poisson gain=2 offset=100 read=3 samples=2 steps=2 seed=5 " +
			"keep=true " + PRIOR;
		assertTrue(ij.run("setBatchMode(true);\n" + hyperstack("cells") + "run(\"Deconvolve Image...\", \"" + keys +
			"\");\n" + save("cells-deconvolved") + save("cells-deconvolved-std") + save("cells-denoised") + save(
				"cells-deconvolved-samples") + save("cells")), ij.output());
		final ImagePlus mean = IJ.openImage(tmp.resolve("cells-deconvolved.tif").toString());
		assertEquals(32, mean.getBitDepth());
		assertEquals(2, mean.getNChannels());
		assertEquals(2, mean.getNSlices());
		assertEquals(0.2, mean.getCalibration().pixelWidth, 1e-9);
		assertEquals("micron", mean.getCalibration().getUnit());
		final String info = (String) mean.getProperty("Info");
		assertTrue(info.contains("command: Deconvolve Image...") && info.contains("gain: 2.0") && info.contains(
			"offset: 100.0"), info);
		// the samples seen through the PSF against each of the four planes: one verdict, in the Info and the Log
		assertTrue(info.contains("\nresidual test: ") && info.contains(" tiles over the threshold, on "), info);
		assertTrue(ij.output().contains("DiffusionJ: cells-deconvolved: residual test "), ij.output());
		// the samples: a hyperstack of the same channels and slices, the first sample's planes, then the second's
		final ImagePlus samples = IJ.openImage(tmp.resolve("cells-deconvolved-samples.tif").toString());
		assertArrayEquals(new int[] { 24, 20, 2, 2, 2 }, samples.getDimensions());
		for (int c = 1; c <= 2; c++) {
			for (int z = 1; z <= 2; z++) {
				final float[] m = (float[]) mean.getStack().getProcessor(mean.getStackIndex(c, z, 1)).getPixels();
				final float[] a = (float[]) samples.getStack().getProcessor(samples.getStackIndex(c, z, 1)).getPixels(),
					b = (float[]) samples.getStack().getProcessor(samples.getStackIndex(c, z, 2)).getPixels();
				assertEquals("plane " + mean.getStackIndex(c, z, 1) + " sample 2", samples.getStack().getSliceLabel(samples
					.getStackIndex(c, z, 2)));
				for (int i = 0; i < m.length; i++) assertEquals((a[i] + b[i]) / 2.0, m[i], 0.02, "c" + c + " z" + z + " " + i);
			}
		}
		final ImagePlus std = IJ.openImage(tmp.resolve("cells-deconvolved-std.tif").toString());
		assertTrue(std.getStatistics().mean > 0, "two samples differ");
		// in the input's units: the bright square stays bright, the background near the ramp's own values
		final ImagePlus input = IJ.openImage(tmp.resolve("cells.tif").toString());
		assertTrue(mean.getProcessor().getf(11, 9) > 10000, "square " + mean.getProcessor().getf(11, 9));
		assertEquals(input.getStatistics().mean, IJ.openImage(tmp.resolve("cells-denoised.tif").toString())
			.getStatistics().mean, 0.25 * input.getStatistics().mean, "denoised overlays the input");
	}

	@Test
	void theSameLineGivesTheSameBytes() throws Exception {
		final String line = "run(\"Deconvolve Image...\", \"psf=airy wavelength=520 na=1.2 pixel=100 noise=gaussian " +
			"noise_std=0 samples=2 steps=2 seed=9 " + PRIOR + "\");\n";
		for (final String run : new String[] { "a", "b" }) {
			assertTrue(ij.run("setBatchMode(true);\n" + hyperstack("img") + line + "selectImage(\"img-deconvolved\"); " +
				"saveAs(\"Tiff\", \"" + tmp.resolve(run + ".tif") + "\");\n"), ij.output());
		}
		assertArrayEquals(Files.readAllBytes(tmp.resolve("a.tif")), Files.readAllBytes(tmp.resolve("b.tif")));
	}

	private static String psfFile(final String type, final int size, final Path path) {
		return "newImage(\"psf\", \"" + type + "\", " + size + ", " + size + ", 1); saveAs(\"Tiff\", \"" + path +
			"\"); close();\n";
	}

	@Test
	void badInputIsOneSentenceAndNoImage() throws Exception {
		final Path rgb = tmp.resolve("rgb-psf.tif"), zero = tmp.resolve("zero-psf.tif"), big = tmp.resolve("big-psf.tif");
		assertTrue(ij.run("setBatchMode(true);\n" + psfFile("RGB white", 9, rgb) + psfFile("32-bit black", 9, zero) +
			psfFile("32-bit ramp", 41, big)), ij.output());
		final String[][] cases = { //
			{ "model=[" + Fixtures.model("restore_gaussian") + "]", "needs an unconditional prior" },
			{ "psf=airy na=1.6 " + PRIOR, "na must lie between 0 and the immersion's refractive index 1.518" },
			{ "psf=airy na=0 " + PRIOR, "na must lie between 0" },
			{ "psf=airy wavelength=0 " + PRIOR, "wavelength must be > 0 nm" },
			{ "psf=airy pixel=-5 " + PRIOR, "pixel must be > 0 nm" },
			{ "noise=poisson gain=0 " + PRIOR, "gain must be > 0 counts per photon, not 0." },
			{ "noise=poisson gain=2 offset=65536 " + PRIOR, "offset=65536 is at or above every value of in (its largest is " },
			{ "psf=image psf_file=[" + rgb + "] " + PRIOR, "is an RGB image: a PSF is one channel" },
			{ "psf=image psf_file=[" + zero + "] " + PRIOR, "the PSF image is zero everywhere" },
			{ "psf=image psf_file=[" + big + "] " + PRIOR, "is larger than" },
			{ "psf=image psf_file=[" + tmp.resolve("none.tif") + "] " + PRIOR, "is not a file" } };
		for (final String[] c : cases) {
			assertFalse(ij.run("setBatchMode(true);\nnewImage(\"in\", \"16-bit ramp\", 24, 20, 1);\n" +
				"run(\"Deconvolve Image...\", \"samples=1 steps=1 " + c[0] + "\");\n"), c[0]);
			assertTrue(ij.output().contains(c[1]), c[0] + " -> " + ij.output());
		}
		assertFalse(ij.run("setBatchMode(true);\nnewImage(\"in\", \"RGB ramp\", 24, 20, 1);\n" +
			"run(\"Deconvolve Image...\", \"samples=1 steps=1 " + PRIOR + "\");\n"));
		assertTrue(ij.output().contains("is an RGB image: deconvolve each channel"), ij.output());
		assertFalse(ij.run("setBatchMode(true);\nnewImage(\"in\", \"32-bit ramp\", 24, 20, 2);\nsetSlice(2); " +
			"setPixel(3, 4, NaN);\nrun(\"Deconvolve Image...\", \"samples=1 steps=1 " + PRIOR + "\");\n"));
		assertTrue(ij.output().contains("holds NaN or infinite pixels (plane 2)"), ij.output());
	}
}
