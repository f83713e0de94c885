package org.diffusionj.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ij.IJ;
import ij.ImagePlus;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.diffusionj.Fixtures;
import org.diffusionj.model.ModelConfig;
import org.diffusionj.model.ModelFolder;
import org.diffusionj.sampling.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a command feeds the network for a model trained on a folder of 16-bit images (issue 17): diffusion.json's
 * "normalize" percentiles of the image map to -1 and +1, as train.py mapped each training image; the expected
 * percentiles are computed here by numpy's rule, independently of RangeMode.
 */
class ImageInputTest {

	@TempDir
	Path tmp;

	private ModelConfig withNormalize() throws Exception {
		final Path dir = Files.createDirectories(tmp.resolve("m"));
		Files.copy(Fixtures.model("gaussian").resolve("model.onnx"), dir.resolve("model.onnx"));
		final String json = new String(Files.readAllBytes(Fixtures.model("gaussian").resolve("diffusion.json")),
			StandardCharsets.UTF_8).replaceFirst("\\{", "{\"normalize\": {\"percentiles\": [0.1, 99.9]},");
		Files.write(dir.resolve("diffusion.json"), json.getBytes(StandardCharsets.UTF_8));
		return ModelFolder.open(dir).config();
	}

	/** numpy.percentile (linear interpolation between order statistics). */
	private static double numpyPercentile(final float[] values, final double q) {
		final float[] s = values.clone();
		Arrays.sort(s);
		final double pos = q / 100 * (s.length - 1);
		final int i = (int) pos;
		return i + 1 < s.length ? s[i] + (s[i + 1] - s[i]) * (pos - i) : s[i];
	}

	@Test
	void sixteenBitImageIsFedByTheTrainingPercentiles() throws Exception {
		final ModelConfig config = withNormalize();
		final ImagePlus imp = IJ.createImage("cam", "16-bit ramp", 64, 48, 1);
		imp.getProcessor().multiply(0.7);
		imp.getProcessor().add(1234);
		final float[] px = (float[]) imp.getProcessor().convertToFloat().getPixels();
		final double lo = numpyPercentile(px, 0.1), hi = numpyPercentile(px, 99.9);
		for (final String range : new String[] { "auto", "model" }) {
			final ImageInput input = ImageInput.of(imp, "test", config, 0, range);
			final Tensor fed = input.tensors.batch(0, 1);
			final float[] inside = input.tensors.modelUnits(fed, 0)[0]; // the margin cropped off again
			for (final int k : new int[] { 0, 100, 1000, 64 * 48 - 1 }) {
				assertEquals(2 * (px[k] - lo) / (hi - lo) - 1, inside[k], 1e-5, range + ", pixel " + k);
			}
		}
	}

	/** A bleached time-lapse: each plane by its own percentiles, as each training image was, so both feed alike. */
	@Test
	void eachPlaneByItsOwnPercentiles() throws Exception {
		final ModelConfig config = withNormalize();
		final ImagePlus imp = IJ.createImage("bleach", "32-bit ramp", 40, 30, 2);
		final float[] second = ((float[]) imp.getStack().getPixels(1)).clone();
		for (int k = 0; k < second.length; k++) second[k] = 0.5f * second[k] + 0.1f;
		imp.getStack().setPixels(second, 2);
		final ImageInput input = ImageInput.of(imp, "test", config, 0, "auto");
		final Tensor fed = input.tensors.batch(0, 2);
		org.junit.jupiter.api.Assertions.assertArrayEquals(input.tensors.modelUnits(fed, 0)[0], input.tensors.modelUnits(
			fed, 1)[0], 1e-5f);
		// and results map back plane by plane
		final float[][] back = input.tensors.intensities(fed, 1, 1);
		org.junit.jupiter.api.Assertions.assertArrayEquals(second, back[0], 1e-4f);
		org.junit.jupiter.api.Assertions.assertNotEquals(input.tensors.mapping().low(), 0.1f + 0.5f * input.tensors
			.mapping().low(), 1e-6, "the planes really differ");
	}
}
