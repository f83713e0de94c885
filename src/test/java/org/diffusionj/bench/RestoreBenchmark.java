package org.diffusionj.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.diffusionj.app.MacroHarness;
import org.diffusionj.model.ModelCache;
import org.diffusionj.model.OnnxDenoiser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code mvn -Pbench verify}: Restore Image... on one 256 × 256 16-bit image (and one of 512 × 512), in one run: the
 * previous default, fluo-restore with 8 samples of DPM++2M-t0-20 (160 model calls), against one sample (20 calls),
 * samples=0 (the posterior mean in one call), the fewer-call settings it is calibrated for, and the default now (no
 * model key: its one-step student fluo-restore-1step, 8 calls), each as a ratio to the previous default. The model is
 * loaded before the first timing. Prints; asserts nothing about time.
 */
class RestoreBenchmark {

	@RegisterExtension
	static final MacroHarness ij = new MacroHarness();

	private static final Path MODEL = Paths.get("models/fluo-restore").toAbsolutePath();
	private static final String[] FEWER = { "sampler=DPM++2M-Karras steps=5", "sampler=DPM++2M-Karras steps=2",
		"sampler=DPM++2M-SDE steps=2" };

	@AfterAll
	static void close() {
		ModelCache.clear();
	}

	@Test
	void defaultAgainstOneSampleAndOneCall() {
		seconds("samples=0"); // loads the model
		seconds("samples=8"); // the first pass of its shape and batch in this JVM (defaultAgainstFewerCalls)
		final double standard = seconds("samples=8"), one = seconds("samples=1"), mean = seconds("samples=0");
		System.out.println(String.format(Locale.ROOT, "DiffusionJ Restore Image..., fluo-restore, 256x256, %d cores:%n" +
			"  samples=8 (the previous default, 160 calls) %.1f s | samples=1 (20 calls) %.1f s, x%.1f faster | " +
			"samples=0 (1 call) %.2f s, x%.0f faster", Runtime.getRuntime().availableProcessors(), standard, one, standard / one, mean,
			standard / mean));
	}

	/**
	 * The default against the fewer-call settings the shipped model is calibrated for (docs/speed.md): DPM++2M-Karras
	 * with 5 steps (40 calls) and 2 steps (16 calls), DPM++2M-SDE with 2 (16 calls), 8 samples each; and the default
	 * now, a run that names no model: the one-step student (models/fluo-restore-1step, training/distill.py: 8 calls,
	 * one pass), run twice for its own session. The previous default runs twice and the second is the baseline: the
	 * first is the first pass of its shape and batch in this JVM, as a setting after it is not.
	 */
	@Test
	void defaultAgainstFewerCalls() throws OrtException {
		seconds("samples=0"); // loads the model
		final double cold = seconds("samples=8"), standard = seconds("samples=8"), pass = floor();
		final StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "DiffusionJ Restore Image..., " +
			"256x256, %d cores: the previous default, model=fluo-restore samples=8 (DPM++2M-t0-20, 160 calls) %.1f s " +
			"(its first run, the first at this shape and batch: %.1f s); model-call floor: ONNX Runtime alone, a batch of 8 of %dx%d %.2f s" +
			", x 20 passes = %.1f s, the command %.1f %% above it", Runtime.getRuntime().availableProcessors(), standard,
			cold, TILE, TILE, pass, 20 * pass, 100 * (standard / (20 * pass) - 1)));
		for (final String fewer : FEWER) {
			final double s = seconds("samples=8 " + fewer);
			final int steps = Integer.parseInt(fewer.substring(fewer.indexOf("steps=") + 6));
			line.append(String.format(Locale.ROOT, "%n  %s (%d calls) %.1f s, x%.1f faster, %.1f %% above its floor",
				fewer, 8 * steps, s, standard / s, 100 * (s / (steps * pass) - 1)));
		}
		final double student = defaultNow(256);
		line.append(String.format(Locale.ROOT, "%n  the default now, no keys (fluo-restore-1step, samples=8: 8 calls, " +
			"one pass) %.2f s, x%.1f faster, %.1f %% above its floor", student, standard / student, 100 * (student /
				pass - 1)));
		System.out.println(line);
	}

	/**
	 * The same at 512 × 512, which Restore Image... cuts into tiles: the first pass of the shape is paid by a 16-call
	 * run before the default is timed once. It takes about 18 minutes on two cores, so it runs only when asked for:
	 * {@code mvn -Pbench verify -Dbench.large=true}.
	 */
	@Test
	@EnabledIfSystemProperty(named = "bench.large", matches = "true")
	void largeImageFewerCalls() {
		seconds(512, "samples=0"); // loads the model
		seconds(512, "samples=8 " + FEWER[1]); // the first pass of its tiles' shape in this JVM
		final double standard = seconds(512, "samples=8");
		final StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "DiffusionJ Restore Image..., " +
			"512x512, %d cores: the previous default, model=fluo-restore samples=8 (DPM++2M-t0-20, 160 calls) %.1f s",
			Runtime.getRuntime().availableProcessors(), standard));
		for (final String fewer : FEWER) {
			final double s = seconds(512, "samples=8 " + fewer);
			line.append(String.format(Locale.ROOT, "%n  %s %.1f s, x%.1f faster", fewer, s, standard / s));
		}
		final double student = defaultNow(512);
		line.append(String.format(Locale.ROOT, "%n  the default now, no keys (fluo-restore-1step, 8 calls) %.1f s, " +
			"x%.1f faster", student, standard / student));
		System.out.println(line);
	}

	/** The image and its 8-pixel context margin each side: the one tile Restore Image... feeds the network. */
	private static final int TILE = 256 + 2 * 8;

	/**
	 * Median seconds of ONNX Runtime's forward pass alone on what one pass of the default gets (8 samples of the
	 * condition and x_t, TILE x TILE), with the plugin's session options, after one pass to warm up.
	 */
	private static double floor() throws OrtException {
		final OrtEnvironment env = OrtEnvironment.getEnvironment();
		try (OrtSession.SessionOptions options = OnnxDenoiser.sessionOptions();
			OrtSession session = env.createSession(MODEL.resolve("model.onnx").toString(), options))
		{
			final float[] x = new float[8 * 2 * TILE * TILE];
			final java.util.Random random = new java.util.Random(1);
			for (int i = 0; i < x.length; i++) x[i] = (float) (0.5 * random.nextGaussian());
			final long[] t = new long[8];
			Arrays.fill(t, 500);
			final Map<String, OnnxTensor> inputs = new HashMap<>();
			try {
				inputs.put("sample", OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] { 8, 2, TILE, TILE }));
				inputs.put("timestep", OnnxTensor.createTensor(env, LongBuffer.wrap(t), new long[] { 8 }));
				session.run(inputs).close(); // the first pass of a shape (docs/speed.md)
				final double[] seconds = new double[5];
				for (int i = 0; i < seconds.length; i++) {
					final long start = System.nanoTime();
					session.run(inputs).close();
					seconds[i] = (System.nanoTime() - start) / 1e9;
				}
				Arrays.sort(seconds);
				return seconds[seconds.length / 2];
			}
			finally {
				for (final OnnxTensor tensor : inputs.values()) tensor.close();
			}
		}
	}

	private static double seconds(final String options) {
		return seconds(256, options);
	}

	/** A size × size 16-bit ramp of low contrast with noise, restored with the options; the seconds it took. */
	private static double seconds(final int size, final String options) {
		return seconds(MODEL, size, options);
	}

	/**
	 * Seconds of Restore Image... with no keys (the default model, fluo-restore-1step) on a size × size image, its
	 * second run: the first loads the student and pays the first pass of its shape in its own session.
	 */
	private static double defaultNow(final int size) {
		seconds(null, size, "");
		return seconds(null, size, "");
	}

	/** model null: the command's default model (no model key). */
	private static double seconds(final Path model, final int size, final String options) {
		final String image = "newImage(\"cond\", \"16-bit ramp\", " + size + ", " + size + ", 1);\nrun(\"Multiply...\", " +
			"\"value=0.05\");\nrun(\"Add...\", \"value=100\");\nrun(\"Add Specified Noise...\", \"standard=5\");\n";
		assertTrue(ij.run(image + "t = getTime();\nrun(\"Restore Image...\", \"" + (model == null ? "" : "model=[" + model +
			"] ") + options +
			" seed=1\");\nprint(\"ms:\" + (getTime() - t));"), ij.output());
		final String out = ij.output();
		final int at = out.lastIndexOf("ms:");
		return Double.parseDouble(out.substring(at + 3, out.indexOf('\n', at)).trim()) / 1000;
	}
}
