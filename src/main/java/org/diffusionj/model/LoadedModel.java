package org.diffusionj.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** A model folder with its open session and the SHA-256 of its ONNX file (for the recipe). */
public final class LoadedModel implements AutoCloseable {

	private final ModelFolder folder;
	private final OnnxDenoiser denoiser;
	private final String sha256;
	private final java.util.concurrent.atomic.AtomicBoolean announced = new java.util.concurrent.atomic.AtomicBoolean();

	LoadedModel(final ModelFolder folder, final OnnxDenoiser denoiser, final String sha256) {
		this.folder = folder;
		this.denoiser = denoiser;
		this.sha256 = sha256;
	}

	public ModelFolder folder() { return folder; }
	public ModelConfig config() { return folder.config(); }
	public OnnxDenoiser denoiser() { return denoiser; }
	public String sha256() { return sha256; }

	/** True the first time it is asked: lets a caller report a CPU fallback once per loaded model. */
	public boolean firstUse() {
		return announced.compareAndSet(false, true);
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

	@Override
	public void close() {
		denoiser.close();
	}
}
