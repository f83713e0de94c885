package org.diffusionj.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a microscopist's own images meet with the default keys (issue 17): 16-bit and float images keep their
 * intensities (range=auto normalises what does not fit the model, as CARE does, and says so), 8-bit images
 * with an 8-bit model keep the model's range and no Log line.
 */
class LabDataMacroIT {

	@RegisterExtension
	static final MacroHarness ij = new MacroHarness();

	/** Prints min, max and mean of the current image as "stats:min max mean". */
	private static final String STATS = "getStatistics(area, mean, min, max);\nprint(\"stats:\" + min + \" \" + max + " +
		"\" \" + mean);\n";

	private static double[] stats(final String output) {
		final String line = output.substring(output.lastIndexOf("stats:") + 6).split("\n")[0];
		final String[] v = line.trim().split(" ");
		return new double[] { Double.parseDouble(v[0]), Double.parseDouble(v[1]), Double.parseDouble(v[2]) };
	}

	/** A 64 x 64 16-bit ramp from about 1900 to 51500, as a camera gives. */
	private static final String CAMERA = "newImage(\"cam\", \"16-bit ramp\", 64, 64, 1);\nrun(\"Multiply...\", " +
		"\"value=0.757\");\nrun(\"Add...\", \"value=1900\");\n";

	@Test
	void sixteenBitImageKeepsItsIntensities() {
		assertTrue(ij.run(CAMERA + STATS + "run(\"Noise and Denoise...\", \"strength=0.3 steps=10\");\n" + STATS), ij
			.output());
		final double[] out = stats(ij.output());
		assertTrue(ij.output().contains("cam (values 1900 to 50736)") && ij.output().contains("does not fit model " +
			"fashion-mnist-32's pixel_range [0, 255]: Noise and Denoise... maps it by its 1 and 99.8 percentiles and back"),
			ij.output());
		assertTrue(out[0] > 500 && out[1] > 40000 && out[2] > 15000 && out[2] < 40000, "16-bit result " + java.util.Arrays
			.toString(out) + "\n" + ij.output());
	}

	@Test
	void floatImageInZeroToOneIsNotBlack() {
		assertTrue(ij.run("newImage(\"f\", \"32-bit ramp\", 64, 64, 1);\nrun(\"Noise and Denoise...\", " +
			"\"strength=0.3 steps=10\");\n" + STATS), ij.output());
		final double[] out = stats(ij.output());
		assertTrue(out[2] > 0.25 && out[2] < 0.75 && out[1] > 0.7, "float result " + java.util.Arrays.toString(out));
	}

	@Test
	void forwardDiffusionOfSixteenBitDataEndsInNoiseNotBlack() {
		assertTrue(ij.run(CAMERA + "run(\"Forward Diffusion...\", \"frames=3\");\nsetSlice(3);\n" + STATS), ij.output());
		final double[] last = stats(ij.output());
		// pure noise in model units around the middle of the percentile range, about 2300 to 51000
		assertTrue(last[2] > 20000 && last[2] < 33000 && last[1] - last[0] > 50000, java.util.Arrays.toString(last));
	}

	@Test
	void eightBitImageKeepsTheModelRangeQuietly() {
		assertTrue(ij.run("newImage(\"g\", \"8-bit ramp\", 64, 64, 1);\nrun(\"Noise and Denoise...\", \"strength=0.2 " +
			"steps=10\");\nprint(getMetadata(\"Info\"));"), ij.output());
		assertFalse(ij.output().contains("does not fit"), ij.output());
		assertTrue(ij.output().contains("range: model"), ij.output());
	}

	@Test
	void pixelsOutsideAFixedRangeAreSaid() {
		assertTrue(ij.run(CAMERA + "run(\"Noise and Denoise...\", \"strength=0.3 steps=10 range=model\");"), ij.output());
		assertTrue(ij.output().contains("4096 pixel(s) of cam lie outside model fashion-mnist-32's pixel_range [0, 255] " +
			"(range=model)"), ij.output());
	}

	/** Issue 17: the shipped model learned black borders (Fashion-MNIST is zero-padded); no result may show them. */
	@Test
	void noBlackFrame() {
		assertTrue(ij.run("newImage(\"grey\", \"8-bit black\", 96, 96, 1);\nrun(\"Set...\", \"value=186\");\n" +
			"run(\"Add Specified Noise...\", \"standard=20\");\nrun(\"Noise and Denoise...\", \"strength=0.5 steps=20 " +
			"sampler=DPM++2M samples=4\");\nselectImage(\"grey-sdedit-mean\");\nmakeRectangle(0, 0, 96, 2); " + STATS + "makeRectangle(0, 2, 2, 92); " + STATS +
			"makeRectangle(8, 8, 80, 80); " + STATS), ij.output());
		final String[] parts = ij.output().split("stats:");
		final double edgeRows = Double.parseDouble(parts[1].trim().split("[ \n]")[2]);
		final double edgeColumns = Double.parseDouble(parts[2].trim().split("[ \n]")[2]);
		final double inner = Double.parseDouble(parts[3].trim().split("[ \n]")[2]);
		// before the margin: outer rows 10, columns 13, inside 178
		assertTrue(Math.abs(edgeRows - inner) < 0.2 * inner && Math.abs(edgeColumns - inner) < 0.2 * inner,
			"outer rows " + edgeRows + ", outer columns " + edgeColumns + ", inside " + inner);
	}

	/** Issue 17: without ONNX Runtime's jar the console also got a 30-line NoClassDefFoundError trace. */
	@Test
	void aMissingLibraryIsOneSentence() {
		ij.run("call(\"org.diffusionj.command.MissingLibraryProbe.runOnce\");");
		assertTrue(ij.output().contains("DiffusionJ needs scijava-common, gson, onnxruntime and imglib2 next to ImageJ") && ij
			.output().contains("ai/onnxruntime/OrtException is missing."), ij.output());
		assertFalse(ij.output().contains("\tat "), "no stack trace: " + ij.output());
	}
}
