package org.diffusionj.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A model folder with its open session and the SHA-256 of its ONNX file (for the recipe).
 *
 * <p>Reference counted: the {@link ModelCache} holds one reference while the model is cached, and every user
 * holds one from {@link ModelCache#acquire} until it calls {@link #close()}. The native session is closed only
 * when the last holder lets go, so that eviction, a Cancel elsewhere or a changed model file never closes a
 * session that another command is running (ONNX Runtime crashes the JVM when a session closes under a run).
 */
public final class LoadedModel implements AutoCloseable {

	private final ModelFolder folder;
	private final OnnxDenoiser denoiser;
	private final String sha256;
	private final java.util.concurrent.atomic.AtomicInteger holders = new java.util.concurrent.atomic.AtomicInteger(1);

	LoadedModel(final ModelFolder folder, final OnnxDenoiser denoiser, final String sha256) {
		this.folder = folder;
		this.denoiser = denoiser;
		this.sha256 = sha256;
	}

	public ModelFolder folder() { return folder; }
	public ModelConfig config() { return folder.config(); }
	public OnnxDenoiser denoiser() { return denoiser; }
	public String sha256() { return sha256; }

	private final java.util.Set<String> noticed = java.util.concurrent.ConcurrentHashMap.newKeySet();

	/**
	 * Whether a notice about this model (a key such as "validation") is said for the first time while it is loaded:
	 * a Log line a batch of a thousand files says once, not a thousand times.
	 */
	public boolean firstNotice(final String key) {
		return noticed.add(key);
	}

	static String sha256(final Path file) throws ModelLoadException {
		try (InputStream in = Files.newInputStream(file)) {
			final MessageDigest md = MessageDigest.getInstance("SHA-256");
			final byte[] buf = new byte[1 << 16];
			for (int r; (r = in.read(buf)) > 0;) md.update(buf, 0, r);
			final StringBuilder hex = new StringBuilder();
			for (final byte b : md.digest()) hex.append(String.format("%02x", b));
			return hex.toString();
		}
		catch (final IOException e) {
			throw new ModelLoadException(file + " cannot be read (" + e.getMessage() + ").", e);
		}
		catch (final NoSuchAlgorithmException e) {
			throw new AssertionError(e);
		}
	}

	/** Takes one more reference; false when the session is already closed (the caller must load anew). */
	boolean retain() {
		for (int n = holders.get(); n > 0; n = holders.get()) {
			if (holders.compareAndSet(n, n + 1)) return true;
		}
		return false;
	}

	/** Gives back one reference; the last one closes the session. */
	@Override
	public void close() {
		final int left = holders.decrementAndGet();
		if (left == 0) denoiser.close();
		if (left < 0) throw new IllegalStateException(folder.dir() + ": model released more often than acquired");
	}

	/** True while some holder (the cache or a user) keeps the session open. */
	public boolean isOpen() {
		return holders.get() > 0;
	}
}
