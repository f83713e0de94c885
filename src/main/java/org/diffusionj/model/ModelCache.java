package org.diffusionj.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Open models, one per folder, so that a macro calling a command a thousand times loads the model
 * once. An entry is reloaded when model.onnx or diffusion.json changes on disk; the least recently
 * used entry beyond {@link #CAPACITY} is dropped. Dropping (and {@link #clear()}) gives back only the cache's
 * reference: a session closes when its last user has closed its {@link LoadedModel} too. The one piece of
 * static state in DiffusionJ.
 */
public final class ModelCache {

	/** Open sessions kept at most. */
	public static final int CAPACITY = 2;

	private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>(4, 0.75f, true);
	private static final java.util.concurrent.atomic.AtomicBoolean FALLBACK_SAID =
		new java.util.concurrent.atomic.AtomicBoolean();

	private ModelCache() {}

	private static final class Entry {
		final String stamp;
		final LoadedModel model;

		Entry(final String stamp, final LoadedModel model) {
			this.stamp = stamp;
			this.model = model;
		}
	}

	/** The open model of a folder on the CPU; close it when done. */
	public static LoadedModel acquire(final Path dir) throws ModelLoadException {
		return acquire(dir, ExecutionDevice.CPU);
	}

	/**
	 * The open model of a folder, loading and validating it when it is not cached or changed. The caller holds a
	 * reference and must {@link LoadedModel#close() close} it (try-with-resources) when it no longer runs it.
	 */
	public static synchronized LoadedModel acquire(final Path dir, final ExecutionDevice device)
		throws ModelLoadException
	{
		final LoadedModel model = cached(dir, device);
		if (!model.retain()) throw new AssertionError("a cached model is always open");
		return model;
	}

	private static LoadedModel cached(final Path dir, final ExecutionDevice device) throws ModelLoadException {
		final Path path = dir.toAbsolutePath().normalize();
		final String key = path + "|" + device.key();
		final ModelFolder folder = ModelFolder.open(path);
		final String stamp = stamp(folder);
		final Entry cached = ENTRIES.get(key);
		if (cached != null && cached.stamp.equals(stamp)) return cached.model;
		if (cached != null) {
			ENTRIES.remove(key);
			cached.model.close();
		}
		final LoadedModel model = new LoadedModel(folder, OnnxDenoiser.open(folder, device), LoadedModel.sha256(folder
			.onnxFile()));
		ENTRIES.put(key, new Entry(stamp, model));
		for (Iterator<Entry> it = ENTRIES.values().iterator(); ENTRIES.size() > CAPACITY;) {
			it.next().model.close();
			it.remove();
		}
		return model;
	}

	/** True the first time it is asked in this JVM: a CPU fallback under device=auto is said once, not per model. */
	public static boolean firstFallbackNotice() {
		return FALLBACK_SAID.compareAndSet(false, true);
	}

	/** Closes every cached session (frees native memory). */
	public static synchronized void clear() {
		for (final Entry e : ENTRIES.values()) e.model.close();
		ENTRIES.clear();
	}

	private static String stamp(final ModelFolder folder) throws ModelLoadException {
		try {
			final Path onnx = folder.onnxFile();
			final Path sidecar = folder.dir().resolve(ModelFolder.SIDECAR);
			return Files.getLastModifiedTime(onnx) + "/" + Files.size(onnx) + "/" + (Files.exists(sidecar) ? Files
				.getLastModifiedTime(sidecar) : "");
		}
		catch (final IOException e) {
			throw new ModelLoadException(folder.onnxFile() + " cannot be read (" + e.getMessage() + ").", e);
		}
	}
}
