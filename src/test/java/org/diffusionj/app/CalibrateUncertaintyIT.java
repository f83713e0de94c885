package org.diffusionj.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import ij.IJ;
import ij.ImagePlus;
import ij.process.FloatProcessor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.diffusionj.Fixtures;
import org.diffusionj.model.Calibrations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calibrate Uncertainty... with the exact conditioned denoiser restore_gaussian (x0 | y ~ N(a y + b, v) per pixel),
 * sampled by DDIM-50 with 8 samples: the miss rate of mean ± λ·std is then exactly 2 (1 − F_t7(λ / c))
 * (src/test/python/calibration_reference.py). The calibrated λ̂ must lie past the 90 % quantile of that law (the
 * bound is conservative), the miss rate it reports must be that law's at λ̂, fresh pairs restored with the lower and
 * upper bounds must be covered as promised, and a std half the truth must get a λ̂ about twice as large.
 */
class CalibrateUncertaintyIT {

	@RegisterExtension
	static final MacroHarness ij = new MacroHarness();

	@TempDir
	Path tmp;

	private static final JsonObject REF = Fixtures.json("calibration.json").getAsJsonObject("restore");
	private static final String RESTORE_KEYS = "sampler=DDIM steps=50 eta=0 range=model";
	private static final double MU = 0.1, S = 0.4, TAU = 0.3; // restore.json's prior and noise

	/** A copy of the fixture, so that calibration.json is written beside it and not into the sources. */
	private Path model(final String name) throws IOException {
		final Path dir = Files.createDirectories(tmp.resolve(name));
		for (final String f : new String[] { "model.onnx", "diffusion.json" }) {
			Files.copy(Fixtures.model("restore_gaussian").resolve(f), dir.resolve(f));
		}
		return dir;
	}

	/**
	 * n pairs of 32 × 32 pixels from the fixture's model: y ~ N(μ, s² + τ²), x0 | y ~ N(a y + b, k v); k = 4 makes
	 * the model's std half the truth.
	 */
	private Path pairs(final String name, final int n, final long seed, final double k) {
		final Path dir = tmp.resolve(name);
		final double v = REF.get("posterior_var").getAsDouble(), a = v / (TAU * TAU), b = v * MU / (S * S);
		final Random random = new Random(seed);
		for (int i = 0; i < n; i++) {
			final FloatProcessor y = new FloatProcessor(32, 32), x0 = new FloatProcessor(32, 32);
			for (int p = 0; p < 32 * 32; p++) {
				final double yv = MU + Math.sqrt(S * S + TAU * TAU) * random.nextGaussian();
				y.setf(p, (float) yv);
				x0.setf(p, (float) (a * yv + b + Math.sqrt(k * v) * random.nextGaussian()));
			}
			save(new ImagePlus("y", y), dir.resolve("source"), i);
			save(new ImagePlus("x0", x0), dir.resolve("target"), i);
		}
		return dir;
	}

	private static void save(final ImagePlus imp, final Path dir, final int i) {
		try {
			Files.createDirectories(dir);
		}
		catch (final IOException e) {
			throw new AssertionError(e);
		}
		IJ.saveAsTiff(imp, dir.resolve(String.format("p%02d.tif", i)).toString());
	}

	private boolean calibrate(final Path model, final Path pairs, final String extra) {
		return ij.run("run(\"Calibrate Uncertainty...\", \"model=[" + model + "] pairs=[" + pairs + "] samples=8 seed=1 " +
			"options=[" + RESTORE_KEYS + "] " + extra + "\");");
	}

	private static double missOfLaw(final String law, final double lambda) {
		final JsonArray miss = REF.getAsJsonObject(law).getAsJsonArray("miss");
		return miss.get((int) Math.round(lambda * 100)).getAsDouble();
	}

	/**
	 * A distilled student whose options name a sampler is restored by its teacher (Restore hands the run over), so the
	 * calibration is the teacher's: written into the teacher's folder, where Restore with those options finds it.
	 */
	@Test
	void aStudentsOptionsThatRunItsTeacherCalibrateTheTeacher() throws Exception {
		final Path teacher = model("gaussian-teacher"), student = Files.createDirectories(tmp.resolve("gaussian-student"));
		Files.copy(teacher.resolve("model.onnx"), student.resolve("model.onnx"));
		Files.write(student.resolve("diffusion.json"), new String(Files.readAllBytes(teacher.resolve("diffusion.json")),
			java.nio.charset.StandardCharsets.UTF_8).replaceFirst("\\{", "{\"distilled\": {\"sampler\": \"DDIM\", " +
				"\"steps\": 1, \"teacher\": \"gaussian-teacher\"},").getBytes(java.nio.charset.StandardCharsets.UTF_8));
		assertTrue(calibrate(student, pairs("cal", 25, 1, 1), "alpha=0.1 delta=0.1"), ij.output());
		assertTrue(ij.output().contains("Calibrate Uncertainty: the pairs were restored by gaussian-teacher, the teacher " +
			"of gaussian-student (the options name a sampling the student was not distilled for): its calibration.json " +
			"holds the entry."), ij.output());
		assertEquals(1, Calibrations.read(teacher).size());
		assertFalse(Files.exists(student.resolve(Calibrations.FILE)), "nothing written into the student's folder");
	}

	@Test
	void lambdaHatIsTheExactLawsAndFreshImagesAreCovered() throws Exception {
		final Path model = model("calibrated");
		assertTrue(calibrate(model, pairs("cal", 40, 1, 1), "alpha=0.1 delta=0.1"), ij.output());
		final List<Calibrations.Entry> entries = Calibrations.read(model);
		assertEquals(1, entries.size());
		final Calibrations.Entry e = entries.get(0);
		assertEquals("DDIM", e.sampler);
		assertEquals(50, e.steps);
		assertEquals(8, e.samples);
		assertEquals(40, e.images);
		assertEquals(40 * 32 * 32, e.pixels);
		assertTrue(e.lambda >= REF.getAsJsonObject("true").get("quantile90").getAsDouble() - 0.02, "lambda-hat " +
			e.lambda + " lies past the law's 90 % quantile: the bound is conservative");
		assertTrue(e.lambda < 4, "but not absurdly: " + e.lambda);
		assertEquals(missOfLaw("true", e.lambda), 1 - e.coverage, 0.008, "the miss rate on the pairs is the law's");
		assertTrue(ij.output().contains("at least 90 % of pixels inside (alpha 0.1, delta 0.1), calibrated on 40 " +
			"images (cal)"), ij.output());

		// fresh pairs, restored with the calibrated settings: the lower and upper bounds cover as promised
		final Path fresh = pairs("fresh", 4, 99, 1);
		long inside = 0, all = 0;
		for (int i = 0; i < 4; i++) {
			final String name = String.format("p%02d.tif", i);
			assertTrue(ij.run("open(\"" + fresh.resolve("source").resolve(name) + "\");\nrun(\"Restore Image...\", " +
				"\"model=[" + model + "] samples=8 seed=" + (7 + i) + " " + RESTORE_KEYS + "\");\n" +
				"selectImage(\"p" + String.format("%02d", i) + "-restored-lower\"); saveAs(\"Tiff\", \"" + tmp.resolve(
					"lower.tif") + "\");\nselectImage(\"p" + String.format("%02d", i) + "-restored-upper\"); saveAs(\"Tiff\", " +
				"\"" + tmp.resolve("upper.tif") + "\");"), ij.output());
			final ImagePlus lower = IJ.openImage(tmp.resolve("lower.tif").toString()), upper = IJ.openImage(tmp.resolve(
				"upper.tif").toString()), truth = IJ.openImage(fresh.resolve("target").resolve(name).toString());
			assertTrue(((String) lower.getProperty("Info")).contains("interval: mean ± "), "the Info says the promise");
			for (int p = 0; p < 32 * 32; p++) {
				final float t = truth.getProcessor().getf(p);
				if (t >= lower.getProcessor().getf(p) && t <= upper.getProcessor().getf(p)) inside++;
				all++;
			}
		}
		final double coverage = (double) inside / all;
		assertTrue(coverage >= 0.9 - 0.02, "coverage " + coverage);
		assertEquals(1 - missOfLaw("true", e.lambda), coverage, 0.02, "the law's coverage at lambda-hat");
	}

	@Test
	void aStdHalfTheTruthGetsLambdaAboutTwiceAsLarge() throws Exception {
		final Path right = model("right"), half = model("half");
		assertTrue(calibrate(right, pairs("right-pairs", 30, 5, 1), "alpha=0.1 delta=0.1"), ij.output());
		assertTrue(calibrate(half, pairs("half-pairs", 30, 5, 4), "alpha=0.1 delta=0.1"), ij.output());
		final double ratio = Calibrations.read(half).get(0).lambda / Calibrations.read(right).get(0).lambda;
		final double law = REF.getAsJsonObject("half").get("c").getAsDouble() / REF.getAsJsonObject("true").get("c")
			.getAsDouble();
		assertEquals(law, ratio, 0.1 * law, "lambda-hat grows with the truth's spread over the model's");
		// a second calibration with other settings adds an entry; the same settings replace theirs, and say so
		assertTrue(calibrate(right, tmp.resolve("right-pairs"), "alpha=0.2 delta=0.1"), ij.output());
		assertEquals(2, Calibrations.read(right).size());
		assertTrue(ij.output().contains("; runs with these settings use it from now on, not the one of ") && ij.output()
			.contains("(alpha 0.1, delta 0.1)"), "the newer levels set the older aside, and say so: " + ij.output());
		assertTrue(calibrate(right, tmp.resolve("right-pairs"), "alpha=0.2 delta=0.1"), ij.output());
		assertEquals(2, Calibrations.read(right).size());
		assertTrue(ij.output().contains("replaces the calibration of"), ij.output());
		assertFalse(ij.output().contains("use it from now on"), "the one it replaced was already the one in use");
		// the first run with two calibrations for its settings (here, of the calibration's pairs) says which is used,
		// once; the results' Info names it; Model Info marks the one set aside
		assertTrue(ij.output().contains("has 2 calibrations for these settings; the newest is used: mean ± ") && ij
			.output().contains("at least 80 % of pixels inside (alpha 0.2, delta 0.1)"), ij.output());
		assertTrue(ij.run("newImage(\"r\", \"32-bit ramp\", 16, 16, 1);\nrun(\"Restore Image...\", \"model=[" + right +
			"] samples=8 seed=3 " + RESTORE_KEYS + "\");\nselectImage(\"r-restored-lower\"); print(getMetadata(\"Info\"));"),
			ij.output());
		assertTrue(ij.output().contains("interval: mean ± ") && ij.output().contains("(alpha 0.2, delta 0.1)"), ij
			.output());
		assertFalse(ij.output().contains("has 2 calibrations"), "said once: " + ij.output());
		assertTrue(ij.run("run(\"Model Info...\", \"model=[" + right + "]\");"), ij.output());
		final String info = ij.output();
		assertTrue(info.contains("(alpha 0.1, delta 0.1)") && info.indexOf("set aside: a newer one holds for the same " +
			"settings") > info.indexOf("(alpha 0.1, delta 0.1)") && info.indexOf("set aside") < info.indexOf("(alpha 0.2"),
			"the older entry, and only it, is marked: " + info);
	}

	/**
	 * A prior is calibrated through Deconvolve Image... with its PSF and camera (here none, and Gaussian noise of 50 on
	 * pixels of 1000 ± 200): the entry names them; Deconvolve with the same keys then gives mean ∓ λ̂·std and fresh
	 * pairs fall inside as promised; other keys (another noise) give the std alone and say so once.
	 */
	@Test
	void aPriorIsCalibratedForItsPsfAndCamera() throws Exception {
		final Path prior = Files.createDirectories(tmp.resolve("prior"));
		for (final String f : new String[] { "model.onnx", "diffusion.json" }) {
			Files.copy(Fixtures.model("gaussian").resolve(f), prior.resolve(f));
		}
		final String keys = "psf=none noise=gaussian noise_std=50 steps=3";
		final Path cal = noisyPairs("prior-cal", 30, 11), fresh = noisyPairs("prior-fresh", 4, 12);
		assertTrue(ij.run("run(\"Calibrate Uncertainty...\", \"model=[" + prior + "] pairs=[" + cal + "] samples=4 " +
			"seed=1 alpha=0.1 delta=0.1 options=[" + keys + "]\");"), ij.output());
		final Calibrations.Entry e = Calibrations.read(prior).get(0);
		assertEquals("Deconvolve Image...", e.command);
		assertEquals("split-Gibbs", e.sampler);
		assertEquals(3, e.steps);
		assertEquals(4, e.samples);
		assertEquals("psf=none noise=gaussian noise_std=50.0 prior_steps=3 single_step_rho=0.1 rho=0.5-0.05", e.physics());
		assertTrue(e.residualMax() > 0, "the largest residual-test score of the pairs: " + e.residualMax());
		final String threshold = String.format(java.util.Locale.US, "threshold %.1f", Math.max(5, e.residualMax()));
		assertTrue(new String(Files.readAllBytes(prior.resolve(Calibrations.FILE)), java.nio.charset.StandardCharsets.UTF_8)
			.contains("\"physics\": \"psf=none noise=gaussian"), "calibration.json reads as written, = unescaped");
		assertEquals(org.diffusionj.model.PartFileTest.plain(prior), Files.getPosixFilePermissions(prior.resolve(
			Calibrations.FILE)), "readable as any new file of the model folder: a shared Fiji's other accounts read it");
		long inside = 0, all = 0;
		for (int i = 0; i < 4; i++) {
			final String name = String.format("p%02d", i);
			assertTrue(ij.run("open(\"" + fresh.resolve("source").resolve(name + ".tif") + "\");\nrun(\"Deconvolve " +
				"Image...\", \"model=[" + prior + "] samples=4 seed=" + (7 + i) + " " + keys + "\");\n" + saveAs(name +
					"-deconvolved") + saveAs(name + "-deconvolved-std") + saveAs(name + "-deconvolved-lower") + saveAs(name +
						"-deconvolved-upper")), ij.output());
			final float[] mean = floats(name + "-deconvolved"), std = floats(name + "-deconvolved-std"), lower = floats(name +
				"-deconvolved-lower"), upper = floats(name + "-deconvolved-upper"), truth = (float[]) IJ.openImage(fresh
					.resolve("target").resolve(name + ".tif").toString()).getProcessor().getPixels();
			final String info = (String) IJ.openImage(tmp.resolve(name + "-deconvolved.tif").toString()).getProperty("Info");
			assertTrue(info.contains(threshold), "the residual test flags only beyond the calibration's images: " + info);
			for (int p = 0; p < truth.length; p++) {
				assertEquals(mean[p] - e.lambda * std[p], lower[p], 1e-3 * (1 + Math.abs(mean[p])));
				assertEquals(mean[p] + e.lambda * std[p], upper[p], 1e-3 * (1 + Math.abs(mean[p])));
				if (truth[p] >= lower[p] && truth[p] <= upper[p]) inside++;
				all++;
			}
		}
		System.out.printf("prior calibrated: lambda-hat %.3f, %.1f %% inside on the pairs, %.1f %% on fresh ones%n",
			e.lambda, 100 * e.coverage, 100.0 * inside / all);
		assertTrue((double) inside / all >= 0.9 - 0.02, "fresh pairs' coverage " + (double) inside / all);
		assertTrue(ij.run("open(\"" + fresh.resolve("source").resolve("p00.tif") + "\");\nrun(\"Deconvolve Image...\", " +
			"\"model=[" + prior + "] samples=4 psf=none noise=gaussian noise_std=60 steps=3\");\nif (isOpen(" +
			"\"p00-deconvolved-lower\")) exit(\"a bound without a calibration\");"), ij.output());
		assertTrue(ij.output().contains("is not calibrated for these settings (3 steps, 4 samples, psf=none noise=gaussian " +
			"noise_std=60.0"), ij.output());
	}

	/** n pairs of 32 × 32: targets of 1000 ± 200 per pixel, sources those plus Gaussian noise of 50. */
	private Path noisyPairs(final String name, final int n, final long seed) {
		final Path dir = tmp.resolve(name);
		final Random random = new Random(seed);
		for (int i = 0; i < n; i++) {
			final FloatProcessor y = new FloatProcessor(32, 32), x = new FloatProcessor(32, 32);
			for (int p = 0; p < 32 * 32; p++) {
				x.setf(p, (float) (1000 + 200 * random.nextGaussian()));
				y.setf(p, (float) (x.getf(p) + 50 * random.nextGaussian()));
			}
			save(new ImagePlus("y", y), dir.resolve("source"), i);
			save(new ImagePlus("x", x), dir.resolve("target"), i);
		}
		return dir;
	}

	private String saveAs(final String title) {
		return "selectImage(\"" + title + "\"); saveAs(\"Tiff\", \"" + tmp.resolve(title + ".tif") + "\");\n";
	}

	private float[] floats(final String title) {
		return (float[]) IJ.openImage(tmp.resolve(title + ".tif").toString()).getProcessor().getPixels();
	}

	@Test
	void badInputIsOneSentenceAndWritesNothing() throws Exception {
		final Path model = model("bad");
		final Path few = pairs("few", 9, 3, 1);
		assertFalse(calibrate(model, few, ""));
		assertTrue(ij.output().contains("holds 9 pair(s); a calibration needs at least 10"), ij.output());
		final Path ok = pairs("ok", 10, 3, 1);
		assertFalse(calibrate(model, ok, "alpha=0.1 delta=0.1"));
		assertTrue(ij.output().contains("holds 10 pairs; alpha=0.1 with delta=0.1 needs at least 22"), ij.output());
		assertFalse(calibrate(model, ok, "alpha=0.6"));
		assertTrue(ij.output().contains("alpha and delta must lie in (0, 0.5]"), ij.output());
		assertFalse(calibrate(model, tmp.resolve("nowhere"), ""));
		assertTrue(ij.output().contains("needs the folders source/ and target/"), ij.output());
		// a prior is calibrated through Deconvolve Image..., whose keys are not Restore's
		assertFalse(ij.run("run(\"Calibrate Uncertainty...\", \"model=[" + Fixtures.model("gaussian") + "] pairs=[" +
			ok + "] alpha=0.3 delta=0.3 options=[sampler=DDIM]\");"));
		assertTrue(ij.output().contains("'sampler' is not a key of Deconvolve Image..."), ij.output());
		Files.delete(ok.resolve("target").resolve("p03.tif"));
		assertFalse(calibrate(model, ok, ""));
		assertTrue(ij.output().contains("do not pair: p03.tif is only in source/"), ij.output());
		final FloatProcessor nan = new FloatProcessor(32, 32);
		nan.setf(5, Float.NaN);
		IJ.saveAsTiff(new ImagePlus("t", nan), ok.resolve("target").resolve("p03.tif").toString());
		assertFalse(calibrate(model, ok, ""));
		assertTrue(ij.output().contains("Target p03.tif has a NaN or infinite pixel"), ij.output());
		IJ.saveAsTiff(new ImagePlus("t", new FloatProcessor(31, 32)), ok.resolve("target").resolve("p03.tif").toString());
		assertFalse(calibrate(model, ok, ""));
		assertTrue(ij.output().contains("Pair p03.tif differs in size: source 32x32x1, target 31x32x1"), ij.output());
		try (Stream<Path> files = Files.list(model)) {
			assertEquals(2, files.count(), "no calibration.json written");
		}
	}
}
