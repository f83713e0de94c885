package org.diffusionj.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import ij.IJ;
import ij.ImagePlus;

import java.nio.file.Files;
import java.nio.file.Path;

import org.diffusionj.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** "Generate Images..." through the real macro interpreter: keys, output, reproducibility, bad input. */
class GenerateImagesMacroIT {

	@RegisterExtension
	static final MacroHarness ij = new MacroHarness();
	private static final String GAUSSIAN = Fixtures.model("gaussian").toString();
	private static final String CLASSES = Fixtures.model("classes").toString();

	@TempDir
	Path tmp;



	private ImagePlus generateAndSave(final String options, final String name) {
		final Path file = tmp.resolve(name + ".tif");
		assertTrue(ij.run("run(\"Generate Images...\", \"" + options + "\");\nsaveAs(\"Tiff\", \"" + file + "\");"), ij
			.output());
		final ImagePlus imp = IJ.openImage(file.toString());
		assertTrue(imp != null, "saved image reopens");
		return imp;
	}

	@Test
	void generatesAStackWithRecipe() {
		final ImagePlus imp = generateAndSave("model=[" + GAUSSIAN + "] count=3 steps=20 seed=5 width=32 height=16",
			"stack");
		assertEquals(3, imp.getStackSize());
		assertEquals(32, imp.getWidth());
		assertEquals(16, imp.getHeight());
		assertEquals(32, imp.getBitDepth(), "pixel_range [-1, 1] gives 32-bit");
		assertEquals("seed=5 #2 label=none", imp.getStack().getSliceLabel(2));
		final String info = (String) imp.getProperty("Info");
		assertTrue(info.contains("sampler: DPM++2M-t0") && info.contains("steps: 20") && info.contains("seed: 5") && info
			.contains("model_sha256: "), info);
	}

	/** numpy's DDIM-50 run with epsilon scaling on the Gaussian fixture (its lambda and the std it gives). */
	private static JsonObject scaledDdimReference() {
		for (final JsonElement e : Fixtures.reference().getAsJsonObject("epsilon_scale").getAsJsonArray("runs")) {
			final JsonObject r = e.getAsJsonObject();
			if (r.get("sampler").getAsString().equals("DDIM") && r.get("steps").getAsInt() == 50 && r.get("eta")
				.getAsDouble() == 0) return r;
		}
		throw new AssertionError("reference.json has no DDIM-50 epsilon_scale run");
	}

	/** The epsilon key reaches the sampler: DDIM-50 with eps / 1.05 gives numpy's std for it, not the unscaled one. */
	@Test
	void epsilonScaleReachesTheSampler() {
		final JsonObject ref = scaledDdimReference();
		final ImagePlus imp = generateAndSave("model=[" + GAUSSIAN + "] count=1 sampler=DDIM steps=50 epsilon=" + ref
			.get("epsilon").getAsDouble() + " width=64 height=64", "scaled");
		final double[] ms = Fixtures.meanStd((float[]) imp.getProcessor().getPixels());
		final double std = ref.get("std").getAsDouble();
		assertEquals(std, ms[1], Fixtures.stdTolerance(std, 64 * 64, 2e-3), "std");
		assertTrue(((String) imp.getProperty("Info")).contains("epsilon: 1.05"), (String) imp.getProperty("Info"));
	}

	/**
	 * A model that names its own lambda for a sampler ({@code "epsilon_scale": {"DDIM": 1.05}}) gets it when the macro
	 * gives no epsilon (or epsilon=0): numpy's std for the scaled DDIM-50; epsilon=1 still turns it off, and a sampler
	 * the model does not name samples unscaled.
	 */
	@Test
	void theModelsOwnEpsilonScaleIsTheDefault() throws Exception {
		final JsonObject ref = scaledDdimReference();
		final double lambda = ref.get("epsilon").getAsDouble();
		final Path scaled = tmp.resolve("scaled-model");
		Files.createDirectories(scaled);
		final Path gaussian = Fixtures.model("gaussian");
		Files.copy(gaussian.resolve("model.onnx"), scaled.resolve("model.onnx"));
		Files.write(scaled.resolve("diffusion.json"), new String(Files.readAllBytes(gaussian.resolve("diffusion.json")),
			"UTF-8").replaceFirst("\\{", "{\"epsilon_scale\": {\"DDIM\": " + lambda + "},").getBytes("UTF-8"));
		final String ddim = " count=1 sampler=DDIM steps=50 width=64 height=64";
		final ImagePlus own = generateAndSave("model=[" + scaled + "]" + ddim, "own");
		final double std = ref.get("std").getAsDouble();
		assertEquals(std, Fixtures.meanStd((float[]) own.getProcessor().getPixels())[1], Fixtures.stdTolerance(std,
			64 * 64, 2e-3), "std of the model's own lambda");
		assertTrue(((String) own.getProperty("Info")).contains("epsilon: " + lambda), (String) own.getProperty("Info"));
		assertArrayEquals(pixels(own), pixels(generateAndSave("model=[" + scaled + "]" + ddim + " epsilon=0", "zero")));
		assertArrayEquals(pixels(own), pixels(generateAndSave("model=[" + GAUSSIAN + "]" + ddim + " epsilon=" + lambda,
			"given")));
		assertArrayEquals(pixels(generateAndSave("model=[" + GAUSSIAN + "]" + ddim, "plain")), pixels(generateAndSave(
			"model=[" + scaled + "]" + ddim + " epsilon=1", "off")));
		final String ddpm = " count=1 sampler=DDPM steps=20 width=16 height=16";
		assertArrayEquals(pixels(generateAndSave("model=[" + GAUSSIAN + "]" + ddpm, "ddpm-plain")), pixels(
			generateAndSave("model=[" + scaled + "]" + ddpm, "ddpm-scaled")), "DDPM is not named: unscaled");
	}

	@Test
	void sameSeedSamePixelsWhateverTheBatch() {
		final float[] a = pixels(generateAndSave("model=[" + GAUSSIAN + "] count=3 steps=10 seed=9 batch=3", "a"));
		final float[] b = pixels(generateAndSave("model=[" + GAUSSIAN + "] count=3 steps=10 seed=9 batch=1", "b"));
		final float[] c = pixels(generateAndSave("model=[" + GAUSSIAN + "] count=3 steps=10 seed=10", "c"));
		assertArrayEquals(a, b);
		assertFalse(java.util.Arrays.equals(a, c));
	}

	@Test
	void imagesPerPassFollowTheModelsMemory() throws Exception {
		// the Gaussian model, declared to need 1 GB a pixel: one image per pass fits whatever is free
		final Path hungry = tmp.resolve("hungry");
		Files.createDirectories(hungry);
		final Path gaussian = Fixtures.model("gaussian");
		Files.copy(gaussian.resolve("model.onnx"), hungry.resolve("model.onnx"));
		Files.write(hungry.resolve("diffusion.json"), new String(Files.readAllBytes(gaussian.resolve("diffusion.json")),
			"UTF-8").replaceFirst("\\{", "{\"memory\": {\"per_pixel\": 1e9},").getBytes("UTF-8"));
		final float[] planned = pixels(generateAndSave("model=[" + hungry + "] count=3 steps=10 seed=9 batch=3", "p"));
		assertTrue(ij.output().contains("1 image(s) per pass instead of batch=3: each needs about"), ij
			.output());
		final float[] single = pixels(generateAndSave("model=[" + GAUSSIAN + "] count=3 steps=10 seed=9 batch=1", "s"));
		assertArrayEquals(single, planned);
	}

	@Test
	void tilingGivesTheSamePixelsForAPerPixelModel() {
		final String options = "model=[" + GAUSSIAN + "] count=2 steps=10 eta=1 seed=4 width=96 height=80";
		final float[] whole = pixels(generateAndSave(options, "whole"));
		final float[] tiled = pixels(generateAndSave(options + " tile=32 overlap=8", "tiled"));
		assertArrayEquals(whole, tiled, 1e-5f);
		assertFalse(ij.run("run(\"Generate Images...\", \"" + options + " tile=32 overlap=32\");"));
		assertTrue(ij.output().contains("overlap=32 is out of range"), ij.output());
	}

	@Test
	void ddpmWithoutStepsWalksEveryTrainingStep() {
		final ImagePlus imp = generateAndSave("model=[" + GAUSSIAN + "] count=1 sampler=DDPM width=8 height=8", "ddpm");
		assertTrue(((String) imp.getProperty("Info")).contains("steps: 1000"), (String) imp.getProperty("Info"));
		final ImagePlus dpm = generateAndSave("model=[" + GAUSSIAN + "] count=1 sampler=DPM++2M width=8 height=8", "dpm");
		assertTrue(((String) dpm.getProperty("Info")).contains("steps: 50"), (String) dpm.getProperty("Info"));
		// steps=0 is the sampler's default too: the same pixels as the line without the key
		final ImagePlus zero = generateAndSave("model=[" + GAUSSIAN + "] count=1 sampler=DPM++2M steps=0 width=8 height=8",
			"zero");
		assertTrue(((String) zero.getProperty("Info")).contains("steps: 50"), (String) zero.getProperty("Info"));
		assertEquals(0, meanAbsDifference(pixels(dpm), pixels(zero)));
	}

	/** The command is a shell over the Java API: the macro line and a Generation give the same bytes and recipe. */
	@Test
	void theMacroAndTheJavaApiGiveTheSamePixels() throws Exception {
		final ImagePlus macro = generateAndSave("model=[" + GAUSSIAN + "] count=3 steps=7 width=12 height=10 seed=9",
			"macro");
		final org.diffusionj.api.RunResult r = new org.diffusionj.api.Generation(org.diffusionj.api.GenerateRequest
			.builder().model(GAUSSIAN).count(3).steps(7).width(12).height(10).seed(9).build()).run(
				org.diffusionj.sampling.StepListener.NONE);
		final ImagePlus api = r.image("result");
		assertEquals(3, api.getStackSize());
		assertArrayEquals(pixels(macro), pixels(api));
		assertEquals(macro.getProperty("Info"), r.recipe);
	}

	@Test
	void eightBitOutputIsMappedThroughPixelRange() {
		final ImagePlus imp = generateAndSave("model=[" + GAUSSIAN + "] count=1 steps=10 type=8-bit", "eight");
		assertEquals(8, imp.getBitDepth());
		// x0 ~ N(0.3, 0.2^2) in model space; [-1, 1] -> [-1, 1], so 8-bit clamps to 0 or 1
		assertTrue(imp.getStatistics().max <= 1);
	}

	@Test
	void conditionalLabelByName() {
		final ImagePlus high = generateAndSave("model=[" + CLASSES + "] count=1 label=high steps=20", "high");
		final ImagePlus low = generateAndSave("model=[" + CLASSES + "] count=1 label=0 steps=20", "low");
		assertEquals(0.4, high.getStatistics().mean, 0.02);
		assertEquals(-0.4, low.getStatistics().mean, 0.02);
		assertEquals("seed=42 #1 label=high", high.getStack().getSliceLabel(1));
	}

	/**
	 * The shipped int8 model (training/quantize.py) is the shipped model quantized: from the same noise its images lie
	 * within a few grey levels of the float32 model's, far closer than another seed's, and not equal to them.
	 */
	@Test
	void theInt8ModelIsTheShippedModelQuantized() {
		final String options = " label=Trouser count=8 batch=8 seed=";
		final float[] f32 = pixels(generateAndSave("model=fashion-mnist-32" + options + 1, "f32"));
		final float[] int8 = pixels(generateAndSave("model=fashion-mnist-32-int8" + options + 1, "int8"));
		final float[] other = pixels(generateAndSave("model=fashion-mnist-32" + options + 2, "other"));
		final double quantized = meanAbsDifference(f32, int8), seeds = meanAbsDifference(f32, other);
		assertTrue(quantized > 0 && quantized < seeds / 5, "int8 " + quantized + " grey levels from float32, another " +
			"seed " + seeds);
	}

	private static double meanAbsDifference(final float[] a, final float[] b) {
		double sum = 0;
		for (int i = 0; i < a.length; i++) sum += Math.abs(a[i] - b[i]);
		return sum / a.length;
	}

	private static float[] pixels(final ImagePlus imp) {
		final float[] all = new float[imp.getWidth() * imp.getHeight() * imp.getStackSize()];
		for (int s = 1; s <= imp.getStackSize(); s++) {
			final float[] p = (float[]) imp.getStack().getProcessor(s).convertToFloat().getPixels();
			System.arraycopy(p, 0, all, (s - 1) * p.length, p.length);
		}
		return all;
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
		"stepz=10 | 'stepz' is not a key of Generate Images...",
		"steps=1001 | steps=1001 is out of range",
		"steps=-3 | steps=-3 is out of range",
		"steps=ten | steps=ten is not a valid value for 'steps'",
		"sampler=Euler | sampler=Euler is not a known sampler",
		"eta=-1 | eta=-1.0 is out of range",
		"epsilon=0.2 | epsilon=0.2 is out of range: it must be 0 (the model",
		"epsilon=-1 | epsilon=-1.0 is out of range",
		"epsilon=2.5 | epsilon=2.5 is out of range",
		"count=0 | count=0 is out of range",
		"label=Coat | label=Coat cannot be used: model gaussian is unconditional",
		"guidance=3 | guidance=3.0 needs a class-conditional model",
		"type=12-bit | type=12-bit is not a bit depth",
		"batch=0 | batch=0 is out of range: it must be 1 or more",
		"width=-5 | width=-5 is out of range",
		"tile=-1 | tile=-1 is out of range",
		"overlap=300 | overlap=300 is out of range",
		"seed=1.5 | seed=1.5 is not a valid value for 'seed'" })
	void badInputStopsTheMacroWithOneSentence(final String options, final String message) throws Exception {
		final Path marker = tmp.resolve("after.txt");
		assertFalse(ij.run("run(\"Generate Images...\", \"model=[" + GAUSSIAN + "] " + options +
			"\");\nFile.saveString(\"ran on\", \"" + marker + "\");"));
		assertTrue(ij.output().contains(message), ij.output());
		assertFalse(ij.output().contains("\tat "), "no stack trace: " + ij.output());
		assertFalse(Files.exists(marker), "the macro stopped");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
		"label=Coat guidance=1 | label=Coat is not a class of model classes (classes: low, high)",
		"label=7 | label=7 is out of range",
		"guidance=2 | guidance=2.0 needs a class label" })
	void badLabelsOfAConditionalModel(final String options, final String message) {
		assertFalse(ij.run("run(\"Generate Images...\", \"model=[" + CLASSES + "] " + options + "\");"));
		assertTrue(ij.output().contains(message), ij.output());
	}

	/** The CPU-only onnxruntime jar: auto is the CPU without a word about CUDA; cuda is refused in one sentence. */
	@Test
	void autoSaysNothingWithoutTheGpuJarAndCudaIsRefused() throws Exception {
		assertTrue(!ai.onnxruntime.OrtEnvironment.getAvailableProviders().contains(ai.onnxruntime.OrtProvider.CUDA),
			"the tests run with the CPU-only jar");
		final Path copy = java.nio.file.Files.createDirectories(tmp.resolve("fresh"));
		for (final String f : new String[] { "model.onnx", "diffusion.json" }) {
			java.nio.file.Files.copy(Fixtures.model("gaussian").resolve(f), copy.resolve(f));
		}
		assertTrue(ij.run("run(\"Generate Images...\", \"model=[" + copy + "] count=1 steps=2 device=auto\");\n" +
			"run(\"Generate Images...\", \"model=[" + copy + "] count=1 steps=2\");"), ij.output());
		assertFalse(ij.output().contains("CUDA"), ij.output());
		assertFalse(ij.run("run(\"Generate Images...\", \"model=[" + copy + "] count=1 steps=2 device=cuda\");"));
		assertTrue(ij.output().contains("device=cuda cannot be used: this ONNX Runtime 1.20.0 has no CUDA provider"),
			ij.output());
	}

	@Test
	void escapeStopsTheRunAndLeavesNoImage() throws Exception {
		final Thread esc = new Thread(() -> {
			try {
				Thread.sleep(700);
			}
			catch (final InterruptedException e) {
				return;
			}
			IJ.setKeyDown(java.awt.event.KeyEvent.VK_ESCAPE); // what pressing Esc does in ImageJ
		});
		esc.start();
		final long start = System.nanoTime();
		assertFalse(ij.run("run(\"Generate Images...\", \"model=[" + GAUSSIAN +
			"] sampler=DDPM count=4 width=256 height=256\");\nprint(\"images=\" + nImages);"));
		esc.join();
		IJ.resetEscape();
		assertTrue(ij.output().contains("Canceled: Generate Images... made no image."), ij.output());
		assertFalse(ij.output().contains("images="), ij.output());
		assertTrue((System.nanoTime() - start) / 1e9 < 30, "stopped long before 1000 steps of 4 x 256 x 256");
	}

	@Test
	void missingModelFolderIsNamed() {
		assertFalse(ij.run("run(\"Generate Images...\", \"model=[" + tmp.resolve("nowhere") + "] count=1\");"));
		assertTrue(ij.output().contains("Model folder " + tmp.resolve("nowhere") + " does not exist."), ij.output());
	}
}
