package org.diffusionj.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.diffusionj.Fixtures;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restore Image... through the macro interpreter with exact conditioned denoisers (make_fixtures.py): for
 * x0 ~ N(mu, s^2) observed as y = x0 + N(0, tau^2), each sampler's output given y has a mean and std that
 * numpy computes; the restored mean, the std image and the kept samples must match them, for a separate
 * condition input and for the condition concatenated into the sample (with its own intensity range).
 */
class RestoreImageMacroIT {

	@RegisterExtension
	static final MacroHarness ij = new MacroHarness();

	@TempDir
	static Path tmp;

	private static final int SAMPLES = 8, BLOCK = 32;
	private static final JsonObject REF = restoreReference();

	private static JsonObject restoreReference() {
		try (java.io.Reader r = java.nio.file.Files.newBufferedReader(Fixtures.DIR.resolve("restore.json"))) {
			return com.google.gson.JsonParser.parseReader(r).getAsJsonObject();
		}
		catch (final java.io.IOException e) {
			throw new IllegalStateException(e);
		}
	}

	/** A 64 x 64 image of four 32 x 32 blocks, one per condition value of the reference. */
	private static String blocks(final String fixture, final String depth) {
		final JsonArray ys = REF.getAsJsonObject("y_image").getAsJsonArray(fixture);
		final StringBuilder m = new StringBuilder("newImage(\"cond\", \"" + depth + " black\", 64, 64, 1);\n");
		for (int b = 0; b < 4; b++) {
			m.append("makeRectangle(" + (b % 2) * BLOCK + ", " + (b / 2) * BLOCK + ", " + BLOCK + ", " + BLOCK +
				"); run(\"Set...\", \"value=" + ys.get(b).getAsDouble() + "\");\n");
		}
		return m.append("run(\"Select None\");\n").toString();
	}

	private static String save(final String title) {
		return "selectImage(\"" + title + "\"); saveAs(\"Tiff\", \"" + tmp.resolve(title + ".tif") + "\");\n";
	}

	private static float[] pixels(final String title, final int slice) {
		final ImagePlus imp = IJ.openImage(tmp.resolve(title + ".tif").toString());
		return (float[]) imp.getStack().getProcessor(slice).convertToFloat().getPixels();
	}

	/** Values of block b (row-major 2 x 2 blocks) of a 64 x 64 plane. */
	private static float[] block(final float[] plane, final int b) {
		final float[] out = new float[BLOCK * BLOCK];
		for (int y = 0; y < BLOCK; y++) {
			for (int x = 0; x < BLOCK; x++) out[y * BLOCK + x] = plane[((b / 2) * BLOCK + y) * 64 + (b % 2) * BLOCK + x];
		}
		return out;
	}

	@TestFactory
	List<DynamicTest> restoredMeanStdAndSamplesMatchNumpy() {
		final List<DynamicTest> tests = new ArrayList<>();
		for (final String fixture : new String[] { "restore_gaussian", "restore_concat" }) {
			for (final JsonElement e : REF.getAsJsonArray("runs")) {
				final JsonObject r = e.getAsJsonObject();
				final String options = "model=[" + Fixtures.model(fixture) + "] sampler=" + r.get("sampler").getAsString() +
					" steps=" + r.get("steps").getAsInt() + " eta=" + r.get("eta").getAsDouble() + " samples=" + SAMPLES +
					" seed=7 keep=true";
				tests.add(DynamicTest.dynamicTest(fixture + " " + options.substring(options.indexOf("sampler")), () -> {
					assertTrue(ij.run(blocks(fixture, fixture.equals("restore_concat") ? "16-bit" : "32-bit") +
						"run(\"Restore Image...\", \"" + options + "\");\n" + save("cond-restored") + save("cond-restored-std") +
						save("cond-restored-samples")), ij.output());
					check(fixture, r);
				}));
			}
		}
		return tests;
	}

	private static void check(final String fixture, final JsonObject r) {
		final JsonArray range = REF.getAsJsonObject("result_range").getAsJsonArray(fixture);
		final double lo = range.get(0).getAsDouble(), scale = (range.get(1).getAsDouble() - lo) / 2;
		final float[] mean = pixels("cond-restored", 1), std = pixels("cond-restored-std", 1);
		final double mc = r.has("monte_carlo") ? r.get("monte_carlo").getAsDouble() : Double.POSITIVE_INFINITY;
		final double mcSlack = 4 / Math.sqrt(mc); // the reference's own Monte Carlo error (model units)
		for (int b = 0; b < 4; b++) {
			// expected, in the result's intensities
			final double m = lo + (r.getAsJsonArray("mean").get(b).getAsDouble() + 1) * scale;
			final double sd = r.getAsJsonArray("std").get(b).getAsDouble() * scale;
			final double n = BLOCK * BLOCK;
			final double[] ms = Fixtures.meanStd(block(mean, b));
			assertEquals(m, ms[0], 4 * sd / Math.sqrt(n * SAMPLES) + (1e-3 + mcSlack) * scale, "restored mean, block " + b);
			double var = 0;
			for (final float s : block(std, b)) var += s * s / n;
			// the std image uses n - 1: its square is unbiased, with sd^2 sqrt(2 / (n - 1)) spread per pixel. The bound
			// is 8 % of sd^2 here; population std (n) would be 12.5 % low and fail
			assertEquals(sd * sd, var, sd * sd * (4 * Math.sqrt(2.0 / (SAMPLES - 1) / n) + mcSlack * Math.sqrt(2)) + 1e-4 *
				scale * scale, "mean variance, block " + b);
			final float[] pooled = new float[(int) n * SAMPLES];
			for (int k = 0; k < SAMPLES; k++) System.arraycopy(block(pixels("cond-restored-samples", k + 1), b), 0, pooled,
				k * (int) n, (int) n);
			final double[] ps = Fixtures.meanStd(pooled);
			assertEquals(m, ps[0], 4 * sd / Math.sqrt(n * SAMPLES) + (1e-3 + mcSlack) * scale, "samples' mean, block " + b);
			assertEquals(sd, ps[1], 4 * sd / Math.sqrt(2 * n * SAMPLES) + (1e-3 + mcSlack) * scale, "samples' std, block " +
				b);
		}
	}

	/**
	 * The command is a shell over the Java API: the macro line, a {@code Restoration} on the ImagePlus and one on the same
	 * pixels as an ImgLib2 image give the same bytes, with the same recipe.
	 */
	@Test
	void theMacroAndTheJavaApiOnAnImagePlusOrAnImgGiveTheSamePixels() throws Exception {
		final String options = "model=[" + Fixtures.model("restore_concat") + "] steps=4 samples=3 seed=7";
		assertTrue(ij.run(blocks("restore_concat", "16-bit") + "run(\"Restore Image...\", \"" + options + "\");\n" +
			save("cond-restored") + save("cond-restored-std") + "selectImage(\"cond\"); saveAs(\"Tiff\", \"" + tmp.resolve(
				"cond.tif") + "\");\n"), ij.output());
		final ImagePlus cond = IJ.openImage(tmp.resolve("cond.tif").toString());
		cond.setTitle("cond");
		final org.diffusionj.api.RestoreRequest request = org.diffusionj.api.RestoreRequest.builder().model(Fixtures.model(
			"restore_concat").toString()).steps(4).samples(3).seed(7).build();
		final org.diffusionj.api.RestoreResult fromImagePlus = new org.diffusionj.api.Restoration(request).run(cond,
			org.diffusionj.sampling.StepListener.NONE);
		final org.diffusionj.api.RestoreResult fromImg = new org.diffusionj.api.Restoration(request).run(
			net.imglib2.img.array.ArrayImgs.unsignedShorts((short[]) cond.getProcessor().getPixels(), 64, 64), "cond",
			org.diffusionj.sampling.StepListener.NONE);
		for (final org.diffusionj.api.RestoreResult r : new org.diffusionj.api.RestoreResult[] { fromImagePlus, fromImg }) {
			assertArrayEquals(pixels("cond-restored", 1), (float[]) r.mean().getProcessor().getPixels());
			assertArrayEquals(pixels("cond-restored-std", 1), (float[]) r.std().getProcessor().getPixels());
			assertEquals(IJ.openImage(tmp.resolve("cond-restored.tif").toString()).getProperty("Info"), r.recipe);
		}
		assertEquals(java.util.Arrays.asList("result", "std"), new ArrayList<>(fromImg.images().keySet()));
	}

	/**
	 * A hyperstack's results keep its channels and slices; its samples are a hyperstack too, the samples one after
	 * another along T, each plane the sample of the input's plane at the same C and Z.
	 */
	@Test
	void aHyperstacksSamplesAreFramesOfItsChannelsAndSlices() throws Exception {
		final ImageStack planes = new ImageStack(16, 12);
		for (int p = 0; p < 4; p++) {
			final ij.process.FloatProcessor fp = new ij.process.FloatProcessor(16, 12);
			for (int i = 0; i < 16 * 12; i++) fp.setf(i, 100 * p + i % 16);
			planes.addSlice("plane" + p, fp);
		}
		final ImagePlus hyper = new ImagePlus("hyper", planes);
		hyper.setDimensions(2, 2, 1);
		hyper.setOpenAsHyperStack(true);
		final org.diffusionj.api.RestoreResult r = new org.diffusionj.api.Restoration(org.diffusionj.api.RestoreRequest
			.builder().model(Fixtures.model("restore_gaussian").toString()).steps(3).samples(3).seed(5).keep(true).build())
				.run(hyper, org.diffusionj.sampling.StepListener.NONE);
		final ImagePlus mean = r.images().get("result"), samples = r.images().get(org.diffusionj.api.Outputs.SAMPLES);
		assertArrayEquals(new int[] { 16, 12, 2, 2, 1 }, mean.getDimensions());
		assertArrayEquals(new int[] { 16, 12, 2, 2, 3 }, samples.getDimensions());
		assertTrue(samples.isHyperStack());
		for (int c = 1; c <= 2; c++) {
			for (int z = 1; z <= 2; z++) {
				final float[] m = (float[]) mean.getStack().getProcessor(mean.getStackIndex(c, z, 1)).getPixels();
				final double[] sum = new double[m.length];
				for (int t = 1; t <= 3; t++) {
					final int index = samples.getStackIndex(c, z, t);
					assertEquals("sample " + t + " " + planes.getSliceLabel(hyper.getStackIndex(c, z, 1)), samples.getStack()
						.getSliceLabel(index), "the sample and the input plane it belongs to");
					final float[] one = (float[]) samples.getStack().getProcessor(index).getPixels();
					for (int i = 0; i < m.length; i++) sum[i] += one[i];
				}
				for (int i = 0; i < m.length; i++) assertEquals(sum[i] / 3, m[i], 1e-3, "c" + c + " z" + z + " pixel " + i);
			}
		}
	}

	/** An RGB image stays RGB: a type is refused before any sampling, not after it. */
	@Test
	void anRgbImageRefusesATypeBeforeItsSampling() {
		assertFalse(ij.run("newImage(\"c\", \"RGB ramp\", 32, 32, 1);\nrun(\"Restore Image...\", \"model=[" + Fixtures
			.model("restore_gaussian") + "] steps=2 samples=2 type=32-bit\");"));
		assertTrue(ij.output().contains("type=32-bit cannot be used: an RGB image stays RGB."), ij.output());
		assertFalse(ij.output().contains("residual test"), "refused before the samples were drawn: " + ij.output());
	}

	/** A per-pixel denoiser is stitched exactly: tiles cut the condition with the sample, same pixels. */
	@Test
	void tilesGiveTheSamePixels() {
		final String options = "model=[" + Fixtures.model("restore_gaussian") + "] sampler=DDIM steps=10 samples=2 seed=3";
		assertTrue(ij.run(blocks("restore_gaussian", "32-bit") + "run(\"Restore Image...\", \"" + options + "\");\n" +
			save("cond-restored")), ij.output());
		final float[] whole = pixels("cond-restored", 1);
		assertTrue(ij.run(blocks("restore_gaussian", "32-bit") + "run(\"Restore Image...\", \"" + options +
			" tile=24 overlap=8\");\n" + save("cond-restored")), ij.output());
		assertArrayEquals(whole, pixels("cond-restored", 1), 1e-5f);
	}

	@Test
	void oneSampleIsTheRestorationAloneWithTheRecipe() {
		assertTrue(ij.run(blocks("restore_gaussian", "32-bit") + "run(\"Restore Image...\", \"model=[" + Fixtures.model(
			"restore_gaussian") + "] steps=5 samples=1\");\nlist = getList(\"image.titles\");\n" +
			"print(\"titles:\" + String.join(list));\nselectImage(\"cond-restored\"); print(getMetadata(\"Info\"));"), ij
				.output());
		assertTrue(ij.output().contains("titles:cond, cond-restored\n"), ij.output());
		assertTrue(ij.output().contains("samples: 1\n"), ij.output());
		assertTrue(ij.output().contains("command: Restore Image..."), ij.output());
		assertTrue(ij.output().contains("sampler: DPM++2M-t0\n"), "Restore's own default sampler: " + ij.output());
	}

	/**
	 * The residual test: on an image the exact model explains (drawn by the macro from it: x0 ~ N(0.1, 0.4²) seen
	 * with N(0, 0.3²) noise, make_fixtures.py) the samples leave white noise: "consistent"; on a smooth pattern that
	 * per-pixel prior does not know, the residuals hold the pattern: "inconsistent", with the warning, in the Log and
	 * the Info. residual=true adds the image less the mean.
	 */
	@Test
	void theResidualTestTellsAnImageTheModelExplainsFromOneItDoesNot() {
		final String options = "model=[" + Fixtures.model("restore_gaussian") + "] range=model samples=4 seed=1";
		final String draw = "random(\"seed\", 5);\nfor (y = 0; y < 64; y++) for (x = 0; x < 64; x++) setPixel(x, y, ";
		assertTrue(ij.run("newImage(\"drawn\", \"32-bit black\", 64, 64, 1);\n" + draw + "0.1 + 0.4 * random(\"gaussian\")" +
			" + 0.3 * random(\"gaussian\"));\nrun(\"Restore Image...\", \"" + options + "\");\n" +
			"newImage(\"pattern\", \"32-bit black\", 64, 64, 1);\n" + draw + "0.1 + 0.6 * sin(x / 5) * cos(y / 7) + " +
			"0.3 * random(\"gaussian\"));\nrun(\"Restore Image...\", \"" + options + " residual=true\");\n" +
			save("pattern") + save("pattern-restored") + save("pattern-restored-residual") +
			"print(\"info:\" + getMetadata(\"Info\"));"), ij.output());
		final String out = ij.output();
		assertTrue(out.contains("drawn-restored: residual test consistent (score "), out);
		assertTrue(out.contains("pattern-restored: residual test inconsistent (score "), out);
		assertTrue(out.contains("): " + org.diffusionj.calibration.ResidualVerdict.WARNING), out);
		assertTrue(out.contains("\nresidual test: inconsistent (score "), "in the Info: " + out);
		final float[] y = pixels("pattern", 1), mean = pixels("pattern-restored", 1), r = pixels(
			"pattern-restored-residual", 1);
		for (int i = 0; i < y.length; i += 97) assertEquals(y[i] - mean[i], r[i], 1e-6, "residual, pixel " + i);
	}

	/**
	 * samples=0, the posterior mean in one call. The exact model's prediction of x0 at t = 999 is E[x0 | x_T, y] =
	 * m + k (x_T − √ᾱ m), with m = a y + b the posterior mean given y alone (a = v / τ², b = v μ / s², v = 1 / (1/s² +
	 * 1/τ²); μ 0.1, s 0.4, τ 0.3 in make_fixtures.py) and k = √ᾱ v / (ᾱ v + 1 − ᾱ) ≈ 4e-4 (ᾱ_999 ≈ 4.5e-5): every pixel
	 * within 0.003 of m for |x_T| < 6. One image, no std, and the recipe says what it is.
	 */
	@Test
	void samplesZeroIsThePosteriorMeanInOneCall() {
		assertTrue(ij.run(blocks("restore_gaussian", "32-bit") + "run(\"Restore Image...\", \"model=[" + Fixtures.model(
			"restore_gaussian") + "] range=model samples=0 seed=4\");\nlist = getList(\"image.titles\");\n" +
			"print(\"titles:\" + String.join(list));\nselectImage(\"cond-restored\"); print(getMetadata(\"Info\"));\n" +
			save("cond-restored")), ij.output());
		assertTrue(ij.output().contains("titles:cond, cond-restored\n"), ij.output());
		assertTrue(ij.output().contains("samples: 0 (the posterior mean in one call: x0 predicted at t = 999)"), ij
			.output());
		assertTrue(ij.output().contains("residual test: not run"), ij.output());
		final double mu = 0.1, s = 0.4, tau = 0.3, v = 1 / (1 / (s * s) + 1 / (tau * tau));
		final JsonArray ys = REF.getAsJsonObject("y_image").getAsJsonArray("restore_gaussian");
		final float[] mean = pixels("cond-restored", 1);
		for (int b = 0; b < 4; b++) {
			final double m = v / (tau * tau) * ys.get(b).getAsDouble() + v * mu / (s * s);
			for (final float value : block(mean, b)) assertEquals(m, value, 0.003, "block " + b);
		}
		// a mean is no whole number: 32-bit from a 16-bit image too, as the mean of several samples
		assertTrue(ij.run(blocks("restore_concat", "16-bit") + "run(\"Restore Image...\", \"model=[" + Fixtures.model(
			"restore_concat") + "] samples=0\");\nprint(\"depth:\" + bitDepth());"), ij.output());
		assertTrue(ij.output().contains("depth:32\n"), ij.output());
	}

	/**
	 * A distilled model (export.py writes "distilled" for a student of distill.py) samples only as it was distilled.
	 * With sampler and steps left out, Restore takes DDIM's one step from t = 999 (trailing spacing) to x0: for this
	 * exact model each sample is samples=0's answer from its own x_T, m + k (x_T − √ᾱ m) with k ≈ 4e-4 (above), so
	 * the mean lies within 0.003 of m and the std under 0.003 — where the same network with the default
	 * DPM++2M-t0-20 draws from the posterior, std √v = 0.24. The recipe says so; another sampler is refused.
	 */
	@Test
	void aDistilledModelSamplesOnlyAsItWasDistilled() throws Exception {
		final java.nio.file.Path dir = java.nio.file.Files.createDirectories(tmp.resolve("distilled-model"));
		java.nio.file.Files.copy(Fixtures.model("restore_gaussian").resolve("model.onnx"), dir.resolve("model.onnx"));
		final String json = new String(java.nio.file.Files.readAllBytes(Fixtures.model("restore_gaussian").resolve(
			"diffusion.json")), java.nio.charset.StandardCharsets.UTF_8).replaceFirst("\\{",
				"{\"distilled\": {\"sampler\": \"DDIM\", \"steps\": 1},").replace("\"clip_sample\": false",
					"\"clip_sample\": false, \"timestep_spacing\": \"trailing\"");
		java.nio.file.Files.write(dir.resolve("diffusion.json"), json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		assertTrue(ij.run(blocks("restore_gaussian", "32-bit") + "run(\"Restore Image...\", \"model=[" + dir +
			"] range=model samples=4 seed=2\");\nselectImage(\"cond-restored\"); print(getMetadata(\"Info\"));\n" +
			save("cond-restored") + save("cond-restored-std")), ij.output());
		assertTrue(ij.output().contains("sampler: DDIM\n"), ij.output());
		assertTrue(ij.output().contains("steps: 1\n"), ij.output());
		final double mu = 0.1, s = 0.4, tau = 0.3, v = 1 / (1 / (s * s) + 1 / (tau * tau));
		final JsonArray ys = REF.getAsJsonObject("y_image").getAsJsonArray("restore_gaussian");
		final float[] mean = pixels("cond-restored", 1), std = pixels("cond-restored-std", 1);
		for (int b = 0; b < 4; b++) {
			final double m = v / (tau * tau) * ys.get(b).getAsDouble() + v * mu / (s * s);
			for (final float value : block(mean, b)) assertEquals(m, value, 0.003, "block " + b);
			for (final float value : block(std, b)) assertTrue(value < 0.003, "std " + value + " in block " + b);
		}
		assertFalse(ij.run(blocks("restore_gaussian", "32-bit") + "run(\"Restore Image...\", \"model=[" + dir +
			"] sampler=UniPC samples=2\");"));
		assertTrue(ij.output().contains("Model restore_gaussian is distilled to sample with sampler=DDIM steps=1 only: " +
			"leave sampler and steps out (sampler=UniPC asks it at timesteps it was not trained for)."), ij.output());
		assertFalse(ij.output().contains("\tat "), "no stack trace: " + ij.output());
		assertFalse(ij.run(blocks("restore_gaussian", "32-bit") + "run(\"Restore Image...\", \"model=[" + dir +
			"] samples=0\");"));
		assertTrue(ij.output().contains("Model restore_gaussian is distilled: its sampling gives a sample, not the " +
			"posterior mean that samples=0 asks for; use samples=1 for one sample, or a model that is not distilled for " +
			"the mean."), ij.output());
	}

	/**
	 * A distilled model that names its teacher (a folder beside its own) runs only with sampler, steps, eta and epsilon
	 * left out (or the dialog's default sampler); a run naming any of them, or samples=0, is the teacher's: the same
	 * pixels and the same recipe as the teacher named directly, said once in the Log; a teacher that is not there is
	 * one sentence.
	 */
	@Test
	void aDistilledModelHandsOtherSamplingsToItsTeacher() throws Exception {
		final java.nio.file.Path models = java.nio.file.Files.createDirectories(tmp.resolve("with-teacher"));
		final java.nio.file.Path teacher = java.nio.file.Files.createDirectories(models.resolve("gaussian-teacher"));
		final java.nio.file.Path student = java.nio.file.Files.createDirectories(models.resolve("gaussian-student"));
		for (final String file : new String[] { "model.onnx", "diffusion.json" }) {
			java.nio.file.Files.copy(Fixtures.model("restore_gaussian").resolve(file), teacher.resolve(file));
		}
		java.nio.file.Files.copy(teacher.resolve("model.onnx"), student.resolve("model.onnx"));
		final String json = new String(java.nio.file.Files.readAllBytes(teacher.resolve("diffusion.json")), java.nio
			.charset.StandardCharsets.UTF_8).replaceFirst("\\{", "{\"distilled\": {\"sampler\": \"DDIM\", \"steps\": 1, " +
				"\"teacher\": \"gaussian-teacher\"},").replace("\"clip_sample\": false", "\"clip_sample\": false, " +
					"\"timestep_spacing\": \"trailing\"");
		java.nio.file.Files.write(student.resolve("diffusion.json"), json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		final String keys = " range=model sampler=UniPC steps=6 samples=2 seed=3\");\nselectImage(\"cond-restored\"); " +
			"print(\"<\" + getMetadata(\"Info\") + \">\");\n";
		assertTrue(ij.run(blocks("restore_gaussian", "32-bit") + "run(\"Restore Image...\", \"model=[" + teacher + "]" +
			keys + save("cond-restored")), ij.output());
		final float[] byTeacher = pixels("cond-restored", 1);
		final String teacherRecipe = between(ij.output(), "<", ">");
		assertTrue(ij.run(blocks("restore_gaussian", "32-bit") + "run(\"Restore Image...\", \"model=[" + student + "]" +
			keys + "close(\"cond-*\"); selectImage(\"cond\");\nrun(\"Restore Image...\", \"model=[" + student + "]" + keys +
			save("cond-restored")), ij.output());
		final String notice = "DiffusionJ: model restore_gaussian samples only with sampler=DDIM steps=1 and the keys " +
			"left out; sampler=UniPC steps=6 runs its teacher, gaussian-teacher.";
		assertEquals(1, ij.output().split(java.util.regex.Pattern.quote(notice), -1).length - 1, "said once: " + ij
			.output());
		assertArrayEquals(byTeacher, pixels("cond-restored", 1), "the teacher's pixels");
		assertEquals(teacherRecipe, between(ij.output(), "<", ">"), "the teacher's recipe");
		// what else hands over: any named sampling key, and samples=0; the dialog's default sampler does not
		for (final String named : new String[] { "sampler=DDIM steps=1", "steps=1", "eta=1", "epsilon=1.01",
			"samples=0", "sampler=DPM++2M-t0", "" })
		{
			assertTrue(ij.run(blocks("restore_gaussian", "32-bit") + "run(\"Restore Image...\", \"model=[" + student +
				"] range=model seed=3 " + (named.startsWith("samples=") ? "" : "samples=2 ") + named + "\");\n" +
				"selectImage(\"cond-restored\"); print(getMetadata" +
				"(\"Info\"));"), named + ": " + ij.output());
			final boolean teaches = !named.isEmpty() && !named.startsWith("sampler=DPM++2M-t0");
			assertTrue(ij.output().contains("model_folder: " + (teaches ? teacher : student) + "\n"), named + ": " + ij
				.output());
			assertEquals(teaches, ij.output().contains("runs its teacher, gaussian-teacher."), named + ": " + ij.output());
		}
		// no teacher beside it: one sentence, nothing made
		deleteTree(teacher);
		assertFalse(ij.run(blocks("restore_gaussian", "32-bit") + "run(\"Restore Image...\", \"model=[" + student +
			"] sampler=UniPC samples=2\");"));
		assertTrue(ij.output().contains("Model restore_gaussian is distilled to sample with sampler=DDIM steps=1 only, and " +
			"its teacher gaussian-teacher, which would run sampler=UniPC, is not beside it (" + teacher + "): leave " +
			"sampler, steps, eta and epsilon out, or install the teacher."), ij.output());
		assertFalse(ij.output().contains("\tat "), "no stack trace: " + ij.output());
	}

	private static String between(final String text, final String open, final String close) {
		final int from = text.indexOf(open);
		return text.substring(from + open.length(), text.indexOf(close, from));
	}

	private static void deleteTree(final java.nio.file.Path dir) throws java.io.IOException {
		try (java.util.stream.Stream<java.nio.file.Path> all = java.nio.file.Files.walk(dir)) {
			for (final java.nio.file.Path p : (Iterable<java.nio.file.Path>) all.sorted(java.util.Comparator.reverseOrder())
				::iterator) java.nio.file.Files.delete(p);
		}
	}

	@Test
	void restorationModelsAndOtherModelsAreKeptApart() {
		final String restore = Fixtures.model("restore_gaussian").toString();
		assertFalse(ij.run("run(\"Generate Images...\", \"model=[" + restore + "] count=1\");"));
		assertTrue(ij.output().contains("is a restoration model (it samples given an image): use it with Restore " +
			"Image..., not Generate Images..."), ij.output());
		assertFalse(ij.output().contains("\tat "), "no stack trace: " + ij.output());
		assertFalse(ij.run(blocks("restore_gaussian", "32-bit") + "run(\"Restore Image...\", \"model=[" + Fixtures.model(
			"gaussian") + "]\");"));
		assertTrue(ij.output().contains("is not a restoration model"), ij.output());
		assertFalse(ij.run("close(\"*\"); run(\"Restore Image...\", \"model=[" + restore + "]\");"));
		assertTrue(ij.output().contains("Restore Image... needs an open image to restore."), ij.output());
	}

	@Test
	void inputIsNotModified() {
		assertTrue(ij.run(blocks("restore_concat", "16-bit") + "before = getPixel(40, 40);\nrun(\"Restore Image...\", " +
			"\"model=[" + Fixtures.model("restore_concat") + "] steps=4 samples=2\");\nselectImage(\"cond\");\n" +
			"print(\"same:\" + (getPixel(40, 40) == before) + \" depth:\" + bitDepth());"), ij.output());
		assertTrue(ij.output().contains("same:1 depth:16"), ij.output());
	}

	/** Denoising Steps with a restoration model shows Restore's run: its last x_t is the one-sample restoration. */
	@Test
	void denoisingStepsShowTheRestoration() {
		final String model = "model=[" + Fixtures.model("restore_concat") + "] sampler=DDPM steps=10 seed=5";
		assertTrue(ij.run(blocks("restore_concat", "16-bit") + "run(\"Restore Image...\", \"" + model + " samples=1 type=32-bit\");\n" +
			save("cond-restored") + "selectImage(\"cond\");\nrun(\"Denoising Steps...\", \"" + model + "\");\n" +
			"print(\"dims:\" + nSlices + \" \" + getTitle());\nsetSlice(nSlices - 2);\n" +
			"saveAs(\"Tiff\", \"" + tmp.resolve("last.tif") + "\");"), ij.output());
		assertTrue(ij.output().contains("dims:30 cond-steps"), ij.output());
		assertTrue(ij.run(blocks("restore_concat", "16-bit") + "run(\"Properties...\", \"pixel_width=0.25 " +
			"pixel_height=0.25 unit=um\");\nrun(\"Denoising Steps...\", \"" + model + " steps=2\");\n" +
			"getPixelSize(unit, pw, ph);\nprint(\"pixel:\" + pw + \" \" + unit);"), ij.output());
		assertTrue(ij.output().contains("pixel:0.25 "), ij.output());
		final ImagePlus steps = IJ.openImage(tmp.resolve("last.tif").toString());
		final float[] last = (float[]) steps.getStack().getProcessor(28).convertToFloat().getPixels();
		assertArrayEquals(pixels("cond-restored", 1), last, 1e-3f);
		assertFalse(ij.run(blocks("restore_concat", "16-bit") + "run(\"Denoising Steps...\", \"" + model +
			" start=image\");"));
		assertTrue(ij.output().contains("start=image cannot be used with restoration model restore_concat"), ij.output());
	}

	/**
	 * A model whose own held-out pairs say it does not beat a Gaussian filter (export.py's "training": {"validation"})
	 * is said so by Model Info, and by Restore Image... once while the model is loaded, not at every image.
	 */
	@Test
	void aModelThatLosesToAGaussianFilterOnItsOwnPairsIsSaidOnce() throws Exception {
		final java.nio.file.Path dir = java.nio.file.Files.createDirectories(tmp.resolve("weak-model"));
		java.nio.file.Files.copy(Fixtures.model("restore_gaussian").resolve("model.onnx"), dir.resolve("model.onnx"));
		final String json = new String(java.nio.file.Files.readAllBytes(Fixtures.model("restore_gaussian").resolve(
			"diffusion.json")), java.nio.charset.StandardCharsets.UTF_8).replaceFirst("\\{", "{\"training\": {\"validation\": " +
				"{\"step\": 37, \"pairs\": 4, \"psnr_input\": 18.77, \"psnr_gaussian\": 26.36, \"gaussian_sigma\": 1.0, " +
				"\"psnr_model\": 6.81, \"beats_gaussian\": false}},");
		java.nio.file.Files.write(dir.resolve("diffusion.json"), json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		assertTrue(ij.run("run(\"Model Info...\", \"model=[" + dir + "]\");"), ij.output());
		assertTrue(ij.output().contains("on 4 held-out pairs at step 37: model 6.81 dB, best Gaussian filter 26.36 dB " +
			"(sigma 1.00 px), noisy input 18.77 dB: it does NOT beat a Gaussian filter"), ij.output());
		final String restore = "newImage(\"y\", \"32-bit ramp\", 16, 16, 1);\nrun(\"Restore Image...\", \"model=[" + dir +
			"] sampler=DDIM steps=3 samples=2\");\n";
		assertTrue(ij.run(restore + restore), ij.output());
		final String warning = "does not beat a Gaussian filter on its own held-out pairs";
		final String out = ij.output();
		assertEquals(out.indexOf(warning), out.lastIndexOf(warning), "said once: " + out);
		assertTrue(out.contains(warning), out);
	}
}
