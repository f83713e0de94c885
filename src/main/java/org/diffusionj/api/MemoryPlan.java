package org.diffusionj.api;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.function.Consumer;

import org.diffusionj.model.ModelMemory;

/**
 * How many images go through the model at once: the {@code batch} asked for, or fewer when the memory one
 * pass would take does not fit in half of what is free now. A pass takes, per image, the model's working
 * memory ({@link ModelMemory} at the pixels one model call sees, twice with guidance) outside the Java heap,
 * and the sampler's arrays inside it.
 */
final class MemoryPlan {

	/** Image-sized float arrays a sampler, the guidance and the tiling hold at once (x, noise, ε̂, x̂0, copies). */
	public static final int SAMPLER_ARRAYS = 16;
	/** The share of free memory a pass may plan on. */
	public static final double USABLE = 0.5;

	private final long nativeFree; // bytes; < 0: unknown (a GPU's memory cannot be seen from here)
	private final long heapFree;

	public MemoryPlan(final long nativeFree, final long heapFree) {
		this.nativeFree = nativeFree;
		this.heapFree = heapFree;
	}

	/** The memory free now: the system's (when the model runs on the CPU) and the Java heap's. */
	public static MemoryPlan now(final boolean modelOnCpu) {
		final Runtime rt = Runtime.getRuntime();
		final long heap = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
		return new MemoryPlan(modelOnCpu ? systemAvailable() : -1, heap);
	}

	/**
	 * @param modelBytes one image's share of a pass outside the heap (all its model calls at once)
	 * @param heapBytes one image's arrays in the heap
	 */
	public int imagesPerPass(final int batch, final double modelBytes, final double heapBytes) {
		return (int) Math.max(1, Math.min(Math.min(batch, heapFit(heapBytes)), nativeFit(modelBytes)));
	}

	private double heapFit(final double heapBytes) {
		return Math.floor(USABLE * heapFree / heapBytes);
	}

	private double nativeFit(final double modelBytes) {
		return nativeFree < 0 ? Double.POSITIVE_INFINITY : Math.floor(USABLE * nativeFree / modelBytes);
	}

	/**
	 * The images per pass for a run, with a note saying which memory is short when there are fewer than
	 * {@code batch}.
	 *
	 * @param modelPixels pixels of one image in one model call (a tile's when tiled)
	 * @param modelCalls images the model sees per image (2 with guidance)
	 * @param samplePixels channels × pixels of one whole image in model space
	 */
	public int fit(final int batch, final ModelMemory memory, final long modelPixels, final int modelCalls,
		final long samplePixels, final Consumer<String> notes)
	{
		final double model = modelCalls * memory.bytes(modelPixels), heap = SAMPLER_ARRAYS * 4.0 * samplePixels;
		final int n = imagesPerPass(batch, model, heap);
		if (n < batch) {
			notes.accept(heapFit(heap) <= nativeFit(model) ? String.format(Locale.ROOT,
				"%d image(s) per pass instead of batch=%d: each needs about %s of Java memory and %s is free " +
					"(Edit > Options > Memory & Threads gives ImageJ more).", n, batch, megabytes(heap), megabytes(heapFree))
				: String.format(Locale.ROOT, "%d image(s) per pass instead of batch=%d: each needs about %s for the " +
					"model and %s of memory is available.", n, batch, megabytes(model), megabytes(nativeFree)));
		}
		return n;
	}

	/** {@link #fit} with the memory free now, for a model's run of h × w samples of c channels. */
	public static int imagesPerPass(final int batch, final org.diffusionj.model.LoadedModel loaded, final Tiling tiling,
		final int modelCalls, final int c, final int h, final int w, final Consumer<String> notes)
	{
		if (batch < 1) throw new IllegalArgumentException("batch=" + batch + " is out of range: it must be 1 or more");
		final long modelPixels = tiling == null ? (long) h * w : tiling.modelPixels(h, w);
		return now(loaded.denoiser().onCpu()).fit(batch, loaded.config().memory(), modelPixels, modelCalls,
			(long) c * h * w, notes);
	}

	/**
	 * Refuses in one sentence a result that cannot fit in the Java heap: {@code values} floats, held twice (the
	 * samples and the image made of them).
	 */
	public static void requireResultFits(final long values, final String what) {
		final double bytes = 2.0 * 4 * values;
		final Runtime rt = Runtime.getRuntime();
		final long heap = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
		if (bytes > heap || values > Integer.MAX_VALUE) {
			throw new IllegalArgumentException(what + " need about " + megabytes(bytes) + " of Java memory and " +
				megabytes(heap) + " is free: ask for fewer or smaller images (Edit > Options > Memory & Threads gives " +
				"ImageJ more).");
		}
	}

	private static String megabytes(final double bytes) {
		return String.format(Locale.ROOT, "%.0f MB", bytes / 1e6);
	}

	/** MemAvailable of /proc/meminfo on Linux, else the free physical memory the JVM reports. */
	private static long systemAvailable() {
		try {
			for (final String line : Files.readAllLines(Paths.get("/proc/meminfo"), StandardCharsets.US_ASCII)) {
				if (line.startsWith("MemAvailable:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
				}
			}
		}
		catch (final IOException | NumberFormatException e) {
			// NB: not Linux; ask the JVM
		}
		final java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
		if (os instanceof com.sun.management.OperatingSystemMXBean) {
			return ((com.sun.management.OperatingSystemMXBean) os).getFreePhysicalMemorySize();
		}
		return -1;
	}
}
