package org.diffusionj.model;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What a restoration model's own held-out pairs said when it was exported ({@code "training": {"validation": ...}}
 * in diffusion.json, written by training/export.py from train.py's checkpoints): PSNR of the noisy input, of the best
 * Gaussian filter and of the model's mean. Informative only: a model without it loads as before.
 */
public final class ModelValidation {

	public final int step, pairs;
	public final double psnrInput, psnrGaussian, psnrModel, sigma;

	private ModelValidation(final JsonObject v) {
		step = v.get("step").getAsInt();
		pairs = v.get("pairs").getAsInt();
		psnrInput = v.get("psnr_input").getAsDouble();
		psnrGaussian = v.get("psnr_gaussian").getAsDouble();
		psnrModel = v.get("psnr_model").getAsDouble();
		sigma = v.get("gaussian_sigma").getAsDouble();
	}

	/** The validation of a model folder, or null when its diffusion.json has none (or one that cannot be read). */
	public static ModelValidation of(final Path dir) {
		try (Reader r = Files.newBufferedReader(dir.resolve(ModelFolder.SIDECAR), StandardCharsets.UTF_8)) {
			final JsonElement training = JsonParser.parseReader(r).getAsJsonObject().get("training");
			if (training == null || !training.isJsonObject()) return null;
			final JsonElement v = training.getAsJsonObject().get("validation");
			return v != null && v.isJsonObject() ? new ModelValidation(v.getAsJsonObject()) : null;
		}
		catch (final IOException | RuntimeException e) { // NB: informative only
			return null;
		}
	}

	public boolean beatsGaussian() {
		return psnrModel > psnrGaussian;
	}

	@Override
	public String toString() {
		return String.format(Locale.US, "on %d held-out pairs at step %d: model %.2f dB, best Gaussian filter %.2f dB " +
			"(sigma %.2f px), noisy input %.2f dB", pairs, step, psnrModel, psnrGaussian, sigma, psnrInput);
	}
}
