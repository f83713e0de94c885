package org.diffusionj.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.diffusionj.Fixtures;
import org.diffusionj.sampling.Generator;
import org.diffusionj.sampling.GuidedDenoiser;
import org.diffusionj.sampling.Prediction;
import org.diffusionj.sampling.SamplerKind;
import org.diffusionj.sampling.SamplerSettings;
import org.diffusionj.sampling.StepListener;
import org.diffusionj.sampling.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Two commands at once (two Fiji commands, two Spark tasks): while one thread samples with a cached model,
 * others load three other models (the cache keeps two, so the first is evicted again and again), and a
 * canceled run clears the cache as a Cancel does. Before sessions were reference counted this killed the JVM
 * with SIGSEGV in libonnxruntime within seconds; now every surviving run must give the pixels of a run alone.
 */
class ModelCacheConcurrencyIT {

	private static final int SIZE = 32, STEPS = 20;
	private static final long SECONDS = 6;
	/** Rounds each thread runs at least, however slow a shared CI machine makes them (the overlap is the point). */
	private static final int MIN_ROUNDS = 3;

	/** Whether a thread goes on: until the time is up, and at least MIN_ROUNDS rounds however slow the machine. */
	private static boolean more(final int n, final long end) {
		return n < MIN_ROUNDS || System.nanoTime() < end;
	}

	@AfterAll
	static void close() {
		ModelCache.clear();
	}

	private static float[] generate(final String fixture, final StepListener listener) throws ModelLoadException {
		try (LoadedModel model = ModelCache.acquire(Fixtures.model(fixture))) {
			final SamplerSettings settings = new SamplerSettings(SamplerKind.DDIM, STEPS, 0, 9, 1000);
			return new Generator(model.config().scheduler(), settings).generate(GuidedDenoiser.unconditional(model
				.denoiser()), 0, 2, 1, SIZE, SIZE, listener).data();
		}
	}

	@Test
	void evictionAndCancelNeverCloseASessionInUse() throws Exception {
		final float[] gaussian = generate("gaussian", StepListener.NONE);
		final float[] mixture = generate("mixture", StepListener.NONE);
		final long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
		final ExecutorService pool = Executors.newFixedThreadPool(4);
		final List<Future<Integer>> rounds = new ArrayList<>();
		rounds.add(pool.submit(() -> { // the same model as the canceled run
			int n = 0;
			for (; more(n, end); n++) assertArrayEquals(mixture, generate("mixture", StepListener.NONE));
			return n;
		}));
		rounds.add(pool.submit(() -> { // a model the others keep evicting
			int n = 0;
			for (; more(n, end); n++) assertArrayEquals(gaussian, generate("gaussian", StepListener.NONE));
			return n;
		}));
		rounds.add(pool.submit(() -> { // a run canceled at its third step, then the cache cleared as Cancel does
			int n = 0;
			for (; more(n, end); n++) {
				try {
					generate("mixture", new CancelAt(3));
				}
				catch (final CancellationException e) {
					ModelCache.clear();
				}
			}
			return n;
		}));
		rounds.add(pool.submit(() -> { // other models opened and given back
			int n = 0;
			final String[] others = { "classes", "gaussian_v", "gaussian_large" };
			for (; more(n, end); n++) {
				try (LoadedModel m = ModelCache.acquire(Fixtures.model(others[n % others.length]))) {
					assertTrue(m.isOpen());
				}
			}
			return n;
		}));
		pool.shutdown();
		assertTrue(pool.awaitTermination(SECONDS + 120, TimeUnit.SECONDS), "the threads finish");
		for (final Future<Integer> f : rounds) f.get(); // rethrows what failed in a thread
		assertArrayEquals(gaussian, generate("gaussian", StepListener.NONE), "the same pixels afterwards");
		try (LoadedModel m = ModelCache.acquire(Fixtures.model("gaussian"))) {
			assertEquals(true, m.isOpen());
		}
	}

	private static final class CancelAt implements StepListener {
		private final int step;
		private int done;

		CancelAt(final int step) {
			this.step = step;
		}

		@Override
		public void stepDone(final int index, final int total, final int t, final Tensor x, final Prediction p) {
			done = index + 1;
		}

		@Override
		public boolean isCanceled() {
			return done >= step;
		}
	}
}
