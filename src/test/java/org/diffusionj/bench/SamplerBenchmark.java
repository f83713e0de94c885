package org.diffusionj.bench;

import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Locale;

import org.diffusionj.model.LoadedModel;
import org.diffusionj.model.ModelCache;
import org.diffusionj.model.ModelFolder;
import org.diffusionj.model.OnnxDenoiser;
import org.diffusionj.sampling.Denoiser;
import org.diffusionj.sampling.Generator;
import org.diffusionj.sampling.GuidedDenoiser;
import org.diffusionj.sampling.NoiseBatch;
import org.diffusionj.sampling.SamplerKind;
import org.diffusionj.sampling.SamplerSettings;
import org.diffusionj.sampling.StepListener;
import org.diffusionj.sampling.Tensor;
import org.diffusionj.schedule.SchedulerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * {@code mvn -Pbench verify}: the Java side's cost on top of ONNX Runtime, and the batch size and
 * session reuse, with the shipped model. Prints ratios against a baseline measured in the same run;
 * asserts nothing about time.
 */
class SamplerBenchmark {

	private static final int STEPS = 20;

	@AfterAll
	static void close() {
		ModelCache.clear();
	}

	/** Counts the nanoseconds spent inside the wrapped denoiser. */
	private static final class Timed implements Denoiser {
		final Denoiser inner;
		long nanos;

		Timed(final Denoiser inner) {
			this.inner = inner;
		}

		@Override
		public Tensor predict(final Tensor x, final long[] t, final long[] labels, final Tensor condition) {
			final long start = System.nanoTime();
			final Tensor out = inner.predict(x, t, labels, condition);
			nanos += System.nanoTime() - start;
			return out;
		}
	}

	private static double generate(final LoadedModel model, final Timed timed, final int count, final int batch,
		final double guidance)
	{
		final SchedulerConfig c = model.config().scheduler();
		final long[] labels = new long[count];
		Arrays.fill(labels, 3);
		final GuidedDenoiser guided = GuidedDenoiser.conditional(timed, labels, model.config().nullClassLabel(),
			guidance);
		final Generator generator = new Generator(c, new SamplerSettings(SamplerKind.DDIM, STEPS, 0, 1, c
			.numTrainTimesteps()));
		final long start = System.nanoTime();
		for (int first = 0; first < count; first += batch) {
			final int n = Math.min(batch, count - first);
			generator.generate(guided.items(first, n), first, n, 1, 32, 32, StepListener.NONE);
		}
		return (System.nanoTime() - start) / 1e9;
	}

	@Test
	void javaOverheadAndBatchSize() throws Exception {
		final LoadedModel model = ModelCache.acquire(Paths.get("models/fashion-mnist-32"));
		generate(model, new Timed(model.denoiser()), 8, 8, 1); // warm-up
		System.out.println("DiffusionJ benchmark: DDIM-" + STEPS + ", 64 images of 32x32, shipped model, " + Runtime
			.getRuntime().availableProcessors() + " cores");
		double baseline = 0;
		for (final int batch : new int[] { 1, 8, 32, 64 }) {
			final Timed timed = new Timed(model.denoiser());
			final double total = generate(model, timed, 64, batch, 1);
			final double ort = timed.nanos / 1e9;
			if (batch == 1) baseline = total;
			System.out.println(String.format(Locale.ROOT,
				"  batch %2d: %6.2f s total (%.2fx batch 1), ONNX Runtime %6.2f s, Java side %+.1f %%", batch, total,
				total / baseline, ort, 100 * (total - ort) / ort));
		}
		final Timed timed = new Timed(model.denoiser());
		final double cfg = generate(model, timed, 64, 32, 3);
		System.out.println(String.format(Locale.ROOT,
			"  batch 32 with guidance 3 (two passes in one batch): %6.2f s, Java side %+.1f %%", cfg, 100 * (cfg -
				timed.nanos / 1e9) / (timed.nanos / 1e9)));
	}

	@Test
	void sessionReuse() throws Exception {
		final ModelFolder folder = ModelFolder.open(Paths.get("models/fashion-mnist-32").toAbsolutePath());
		final int calls = 10;
		ModelCache.acquire(folder.dir()).close(); // the one load a macro pays
		long start = System.nanoTime();
		for (int i = 0; i < calls; i++) ModelCache.acquire(folder.dir()).close();
		final double cached = (System.nanoTime() - start) / 1e9 / calls;
		start = System.nanoTime();
		for (int i = 0; i < calls; i++) {
			try (OnnxDenoiser d = OnnxDenoiser.open(folder)) {
				d.predict(new NoiseBatch(0, 0, 1).draw(1, 32, 32), new long[] { 10 }, new long[] { 1 }, null);
			}
		}
		final double fresh = (System.nanoTime() - start) / 1e9 / calls;
		System.out.println(String.format(Locale.ROOT,
			"  model per command call: cached %.4f s, reopened %.3f s (%.0fx)", cached, fresh, fresh / cached));
	}

	/** The threads a forward pass runs on: all the JVM's cores (DiffusionJ's default) against one. */
	@Test
	void threads() throws Exception {
		final ModelFolder folder = ModelFolder.open(Paths.get("models/fashion-mnist-32").toAbsolutePath());
		final Tensor x = new NoiseBatch(0, 0, 16).draw(1, 32, 32);
		final long[] t = new long[16], labels = new long[16];
		Arrays.fill(t, 500);
		final double[] seconds = new double[2];
		for (int k = 0; k < 2; k++) {
			if (k == 1) System.setProperty(OnnxDenoiser.THREADS_PROPERTY, "1");
			try (OnnxDenoiser d = OnnxDenoiser.open(folder)) {
				for (int i = 0; i < 3; i++) d.predict(x, t, labels, null); // warm-up
				final long start = System.nanoTime();
				for (int i = 0; i < 20; i++) d.predict(x, t, labels, null);
				seconds[k] = (System.nanoTime() - start) / 1e9 / 20;
			}
			finally {
				System.clearProperty(OnnxDenoiser.THREADS_PROPERTY);
			}
		}
		System.out.println(String.format(Locale.ROOT, "  forward pass, batch 16 of 32x32: %d threads %.0f ms, 1 thread " +
			"%.0f ms (%.2fx faster)", Runtime.getRuntime().availableProcessors(), 1e3 * seconds[0], 1e3 * seconds[1],
			seconds[1] / seconds[0]));
	}
}
