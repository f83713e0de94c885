package org.diffusionj.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.diffusionj.app.MacroHarness;
import org.diffusionj.model.ModelCache;
import org.diffusionj.model.OnnxDenoiser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code mvn -Pbench verify}, issue 15's speed table: for the shipped model and an untrained 6 M-parameter U-Net
 * (made by {@code training/bench_unet.py export} when Debian's python3-torch is there) at 32 x 32 and 256 x 256, in
 * one run: ONNX Runtime's forward pass alone (the floor), Generate Images and Noise and Denoise run as macros through
 * the plugin (10 model calls each, as a ratio to 10 floors), and PyTorch eager running the same network in a
 * diffusers-style DDIM loop on as many threads (as a ratio to Generate); then ONNX Runtime's session options against
 * the plugin's own. Prints; asserts nothing about time.
 */
class SpeedBenchmark {

	@RegisterExtension
	static final MacroHarness ij = new MacroHarness();

	private static final int CALLS = 10; // DDIM-10 for Generate; DDIM-20 at strength 0.5 for Noise and Denoise
	private static final Path SHIPPED = Paths.get("models/fashion-mnist-32").toAbsolutePath();
	private static final Path UNET_6M = Paths.get("target/bench/unet-6m").toAbsolutePath();
	private static final String PYTHON = "/usr/bin/python3", BENCH = "bench_unet.py";

	@AfterAll
	static void close() {
		ModelCache.clear();
	}

	@Test
	void pluginAgainstOnnxRuntimeAndPyTorch() throws Exception {
		final boolean big = export6m();
		System.out.println(String.format(Locale.ROOT, "DiffusionJ speed: %d cores, %d threads a forward pass (ONNX " +
			"Runtime %s); PyTorch eager on as many; times are medians", Runtime.getRuntime().availableProcessors(),
			OnnxDenoiser.threads(), OrtEnvironment.getEnvironment().getVersion()));
		System.out.println("  model, image, batch | ORT forward | Generate (x 10 forwards) | Noise and Denoise " +
			"(x 10 forwards) | PyTorch DDIM loop (its forward) | PyTorch / Generate");
		row("shipped 1.1 M", SHIPPED, 32, 1, 5);
		row("shipped 1.1 M", SHIPPED, 32, 16, 5);
		if (big) {
			row("U-Net 6.2 M", UNET_6M, 32, 1, 5);
			row("U-Net 6.2 M", UNET_6M, 32, 16, 3);
			row("U-Net 6.2 M", UNET_6M, 256, 1, 2);
		}
	}

	/** ONNX Runtime's session options, each against the plugin's own (all optimisations, a thread a core). */
	@Test
	void sessionOptions() throws Exception {
		final boolean big = export6m();
		final Path folder = big ? UNET_6M : SHIPPED;
		final int batch = 16, size = 32;
		final Map<String, Consumer<OrtSession.SessionOptions>> variants = new java.util.LinkedHashMap<>();
		variants.put("the plugin's (ALL_OPT, intra-op threads = cores)", o -> {});
		variants.put("no spinning (session.intra_op.allow_spinning=0)", o -> entry(o,
			"session.intra_op.allow_spinning", "0"));
		variants.put("no memory pattern", o -> call(() -> o.setMemoryPatternOptimization(false)));
		variants.put("no CPU arena", o -> call(() -> o.setCPUArenaAllocator(false)));
		variants.put("EXTENDED_OPT", o -> call(() -> o.setOptimizationLevel(
			OrtSession.SessionOptions.OptLevel.EXTENDED_OPT)));
		variants.put("BASIC_OPT", o -> call(() -> o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.BASIC_OPT)));
		variants.put("parallel execution, inter-op threads = cores", o -> call(() -> {
			o.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.PARALLEL);
			o.setInterOpNumThreads(OnnxDenoiser.threads());
		}));
		variants.put("ONNX Runtime's default threads", o -> call(() -> o.setIntraOpNumThreads(0)));
		System.out.println(String.format(Locale.ROOT, "  session options, %s, batch %d of %dx%d (forward pass, each " +
			"measured in a first and a reversed second round, the mean):", folder.getFileName(), batch, size, size));
		final List<String> names = new java.util.ArrayList<>(variants.keySet());
		final double[] seconds = new double[names.size()];
		for (int round = 0; round < 2; round++) {
			for (int k = 0; k < names.size(); k++) {
				final int i = round == 0 ? k : names.size() - 1 - k;
				seconds[i] += forward(folder, size, batch, 10, variants.get(names.get(i))) / 2;
			}
		}
		for (int i = 0; i < names.size(); i++) {
			System.out.println(String.format(Locale.ROOT, "    %-52s %7.1f ms  %.2fx", names.get(i), 1e3 * seconds[i],
				seconds[0] / seconds[i]));
		}
	}

	/**
	 * int8 convolutions (training/quantize.py: static QDQ, calibrated on training images at the 99.99th percentile,
	 * the first and last convolution left in float) against float32, forward passes alone: the shipped int8 model,
	 * and the 6.2 M U-Net quantized here; the FD of the quantized shipped model is measured apart (README).
	 */
	@Test
	void int8Convolutions() throws Exception {
		final boolean big = export6m();
		System.out.println("  int8 QDQ convolutions against float32 (forward pass):");
		int8Row(SHIPPED, Paths.get("models/fashion-mnist-32-int8").toAbsolutePath());
		if (!big) return;
		final Path int8 = Paths.get("target/bench/unet-6m-int8").toAbsolutePath();
		if (Files.exists(int8.resolve("model.onnx")) || python("quantize.py", "--checkpoint", UNET_6M.resolve(
			"checkpoint.pt").toString(), "--model", UNET_6M.toString(), "--out", int8.toString(), "--percentile",
			"99.99", "--keep-float", "conv_in,conv_out") != null) int8Row(UNET_6M, int8);
	}

	private static void int8Row(final Path folder, final Path int8) throws Exception {
		for (final int[] shape : new int[][] { { 32, 1 }, { 32, 16 }, { 256, 1 } }) {
			if (shape[0] == 256 && folder == SHIPPED) continue;
			final double f32 = forward(folder, shape[0], shape[1], 10, o -> {});
			final double i8 = forward(int8, shape[0], shape[1], 10, o -> {});
			System.out.println(String.format(Locale.ROOT, "    %s, %dx%d, batch %2d: float32 %7.1f ms, int8 %7.1f ms " +
				"(%.2fx)", folder.getFileName(), shape[0], shape[0], shape[1], 1e3 * f32, 1e3 * i8, f32 / i8));
		}
	}

	private static void row(final String name, final Path folder, final int size, final int batch, final int repeat)
		throws Exception
	{
		final double floor = forward(folder, size, batch, Math.max(5, repeat), o -> {});
		final String model = "model=[" + folder + "] seed=1 sampler=DDIM";
		final double generate = macro("run(\"Generate Images...\", \"" + model + " steps=" + CALLS + " label=3 count=" +
			batch + " batch=" + batch + " width=" + size + " height=" + size + "\");", Math.max(1, repeat / 2));
		String denoise = "";
		if (batch == 1) {
			final double s = macro("newImage(\"in\", \"32-bit ramp\", " + size + ", " + size + ", 1); run(\"Noise and " +
				"Denoise...\", \"" + model + " steps=" + 2 * CALLS + " strength=0.5\");", Math.max(1, repeat / 2));
			denoise = String.format(Locale.ROOT, "%7.2f s (%.3fx)", s, s / (CALLS * floor));
		}
		final JsonObject torch = pytorch(folder, size, batch, repeat);
		final String torchText = torch == null ? "python3-torch not found" : String.format(Locale.ROOT,
			"%7.2f s (%.0f ms) | %.2fx", torch.get("loop_s").getAsDouble(), 1e3 * torch.get("forward_s").getAsDouble(),
			torch.get("loop_s").getAsDouble() / generate);
		System.out.println(String.format(Locale.ROOT, "  %s, %dx%d, %2d | %8.1f ms | %7.2f s (%.3fx) | %s | %s", name,
			size, size, batch, 1e3 * floor, generate, generate / (CALLS * floor), denoise, torchText));
	}

	/** Median seconds of one forward pass of ONNX Runtime alone on a batch, inputs made once. */
	private static double forward(final Path folder, final int size, final int batch, final int repeat,
		final Consumer<OrtSession.SessionOptions> tune) throws OrtException
	{
		final OrtEnvironment env = OrtEnvironment.getEnvironment();
		try (OrtSession.SessionOptions options = OnnxDenoiser.sessionOptions()) {
			tune.accept(options);
			try (OrtSession session = env.createSession(folder.resolve("model.onnx").toString(), options)) {
				final float[] x = new float[batch * size * size];
				final java.util.Random random = new java.util.Random(1);
				for (int i = 0; i < x.length; i++) x[i] = (float) random.nextGaussian();
				final long[] t = new long[batch], labels = new long[batch];
				Arrays.fill(t, 500);
				Arrays.fill(labels, 3);
				final Map<String, OnnxTensor> inputs = new HashMap<>();
				try {
					inputs.put("sample", OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] { batch, 1, size,
						size }));
					inputs.put("timestep", OnnxTensor.createTensor(env, LongBuffer.wrap(t), new long[] { batch }));
					inputs.put("class_labels", OnnxTensor.createTensor(env, LongBuffer.wrap(labels), new long[] { batch }));
					session.run(inputs).close(); // warm-up
					final double[] seconds = new double[repeat];
					for (int i = 0; i < repeat; i++) {
						final long start = System.nanoTime();
						session.run(inputs).close();
						seconds[i] = (System.nanoTime() - start) / 1e9;
					}
					return median(seconds);
				}
				finally {
					for (final OnnxTensor tensor : inputs.values()) tensor.close();
				}
			}
		}
	}

	/** Median seconds of a macro through the real interpreter and the plugin, after one run to warm up. */
	private static double macro(final String macro, final int repeat) {
		final String closing = macro + " close(\"*\");";
		if (!ij.run(closing)) throw new IllegalStateException("the macro failed: " + ij.output());
		final double[] seconds = new double[repeat];
		for (int i = 0; i < repeat; i++) {
			final long start = System.nanoTime();
			if (!ij.run(closing)) throw new IllegalStateException("the macro failed: " + ij.output());
			seconds[i] = (System.nanoTime() - start) / 1e9;
		}
		return median(seconds);
	}

	/** PyTorch eager on the same architecture and threads (training/bench_unet.py), or null without python3-torch. */
	private static JsonObject pytorch(final Path folder, final int size, final int batch, final int repeat)
		throws IOException, InterruptedException
	{
		if (!Files.isExecutable(Paths.get(PYTHON))) return null;
		final List<String> lines = python(BENCH, "torch", folder.toString(), "--size", "" + size, "--batch", "" + batch,
			"--steps", "" + CALLS, "--threads", "" + OnnxDenoiser.threads(), "--repeat", "" + repeat);
		return lines == null ? null : JsonParser.parseString(lines.get(lines.size() - 1)).getAsJsonObject();
	}

	/** The 6 M-parameter U-Net's folder, exported once (python3-torch, python3-onnx); false when it cannot be. */
	private static boolean export6m() throws IOException, InterruptedException {
		if (Files.exists(UNET_6M.resolve("model.onnx"))) return true;
		return python(BENCH, "export", UNET_6M.toString()) != null;
	}

	/** Runs a script of training/ with Debian's python3: its output lines, or null (said) when it cannot run. */
	private static List<String> python(final String script, final String... args) throws IOException,
		InterruptedException
	{
		if (!Files.isExecutable(Paths.get(PYTHON))) return null;
		final List<String> command = new java.util.ArrayList<>(Arrays.asList(PYTHON, "training/" + script));
		command.addAll(Arrays.asList(args));
		final Path log = Files.createTempFile("bench", ".log");
		try {
			final Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
			final boolean done = p.waitFor(30, TimeUnit.MINUTES) && p.exitValue() == 0;
			final List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
			if (!done) System.out.println("  " + script + " did not run: " + String.join(" ", lines));
			return done ? lines : null;
		}
		finally {
			Files.delete(log);
		}
	}

	private static double median(final double[] v) {
		final double[] s = v.clone();
		Arrays.sort(s);
		return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
	}

	private interface OrtCall {
		void run() throws OrtException;
	}

	private static void call(final OrtCall c) {
		try {
			c.run();
		}
		catch (final OrtException e) {
			throw new IllegalStateException(e);
		}
	}

	private static void entry(final OrtSession.SessionOptions o, final String key, final String value) {
		call(() -> o.addConfigEntry(key, value));
	}
}
