package org.diffusionj.api;

import ij.IJ;

import java.nio.file.Path;
import java.nio.file.Paths;

import org.diffusionj.model.ExecutionDevice;
import org.diffusionj.model.LoadedModel;
import org.diffusionj.model.ModelCache;
import org.diffusionj.model.ModelConfig;
import org.diffusionj.model.ModelFolder;
import org.diffusionj.model.ModelLoadException;

/**
 * Where a {@code model} value points: an absolute path, a folder name under {@code models/} of the
 * ImageJ folder, or a path relative to the ImageJ folder.
 */
public final class ModelPaths {

	/** The shipped model, the default of every command. */
	public static final String DEFAULT_MODEL = "fashion-mnist-32";

	/** The shipped prior of clean fluorescence images, Deconvolve Image's default. */
	public static final String PRIOR_MODEL = "fluo-prior";

	/**
	 * Restore Image's default: the shipped restoration model distilled to one call a sample; a run that names another
	 * sampler runs its teacher, fluo-restore ({@link SamplingKeys#acquire}).
	 */
	public static final String RESTORATION_MODEL = "fluo-restore-1step";

	/** System property that overrides the ImageJ folder (tests, the standalone app). */
	public static final String ROOT_PROPERTY = "diffusionj.root";

	private ModelPaths() {}

	public static Path root() {
		final String prop = System.getProperty(ROOT_PROPERTY);
		if (prop != null) return Paths.get(prop);
		final String ij = IJ.getDirectory("imagej");
		return Paths.get(ij != null ? ij : System.getProperty("user.dir"));
	}

	public static Path resolve(final String model) {
		final String value = model == null || model.trim().isEmpty() ? DEFAULT_MODEL : model.trim();
		final Path given = Paths.get(value);
		if (given.isAbsolute()) return given;
		final Path root = root();
		final Path inModels = root.resolve("models").resolve(value);
		if (inModels.toFile().isDirectory()) return inModels;
		final Path inRoot = root.resolve(value);
		if (inRoot.toFile().isDirectory()) return inRoot;
		final Path inCwd = Paths.get(System.getProperty("user.dir")).resolve(value);
		return inCwd.toFile().isDirectory() ? inCwd : inModels;
	}

	/** The config of a {@code model} key's folder, read from its diffusion.json with no network loaded. */
	public static ModelConfig config(final String model) throws ModelLoadException {
		return ModelFolder.open(resolve(model)).config();
	}

	/**
	 * The model of a {@code model} and a {@code device} key, to be closed by the caller; a CPU fallback (the GPU jar
	 * without a working CUDA) is said once per JVM.
	 */
	public static LoadedModel acquire(final String model, final String device) throws ModelLoadException {
		final LoadedModel loaded = ModelCache.acquire(resolve(model), ExecutionDevice.fromKey(device));
		final String fallback = loaded.denoiser().fallbackReason();
		if (fallback != null && ModelCache.firstFallbackNotice()) {
			IJ.log("DiffusionJ: " + loaded.config().name() + " runs on the CPU: " + fallback + ".");
		}
		return loaded;
	}

	/**
	 * As {@link #acquire}, for a command that gives the model no image to be conditioned on: a restoration model is
	 * given back and refused in one sentence.
	 */
	public static LoadedModel acquireUnconditioned(final String model, final String device, final String command)
		throws ModelLoadException
	{
		final LoadedModel loaded = acquire(model, device);
		try {
			unconditioned(loaded.config(), command);
		}
		catch (final IllegalArgumentException e) {
			loaded.close();
			throw e;
		}
		return loaded;
	}

	/** One sentence when the model is a restoration model, which a command that gives it no image cannot use. */
	public static void unconditioned(final ModelConfig config, final String command) {
		if (config.condition().present()) {
			throw new IllegalArgumentException("Model " + config.name() + " is a restoration model (it samples given an " +
				"image): use it with Restore Image..., not " + command);
		}
	}
}
