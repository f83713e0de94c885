package org.diffusionj.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.diffusionj.api.ModelPaths;
import org.diffusionj.command.MacroKeys;

/**
 * The options of a folder run, resolved in one place for every route (the batch macro, Batch Folder..., the SLURM
 * script, the Spark job): options that are left out or empty are the folder run's defaults for the command, so the
 * same folder with the same (or no) options gives the same bytes by every route.
 */
public final class BatchOptions {

	/** Noise and Denoise's folder default: a light touch, enough steps for it (not the command's 0.5 / DDIM-50). */
	public static final String SDEDIT_DEFAULTS = "strength=0.3 steps=20";

	/** Restore Image...'s folder default: the mean of 8 samples and their std. */
	public static final String RESTORE_DEFAULTS = "samples=8";

	/** Deconvolve Image...'s folder default: 8 samples; the PSF and camera keys are the user's to give. */
	public static final String DECONVOLVE_DEFAULTS = "samples=8";

	private BatchOptions() {}

	/** The options a folder run of this command uses when none are given ("" for a command it does not take). */
	public static String defaults(final String command) {
		if (command.equals("Noise and Denoise...")) return SDEDIT_DEFAULTS;
		if (command.equals("Restore Image...")) return RESTORE_DEFAULTS;
		if (command.equals("Deconvolve Image...")) return DECONVOLVE_DEFAULTS;
		return "";
	}

	/**
	 * The model a folder run of this command uses when its options name none (the command's own default), or null for
	 * a command that cannot run over a folder.
	 */
	public static String defaultModel(final String command) {
		if (command.equals("Noise and Denoise...")) return ModelPaths.DEFAULT_MODEL;
		if (command.equals("Restore Image...")) return ModelPaths.RESTORATION_MODEL;
		if (command.equals("Deconvolve Image...")) return ModelPaths.PRIOR_MODEL;
		return null;
	}

	/** The options as given, or the command's folder defaults when none (null or blank) are given. */
	public static String resolve(final String command, final String options) {
		return options == null || options.trim().isEmpty() ? defaults(command) : options.trim();
	}

	/**
	 * The options in one spelling, for the manifest: tokens sorted by key (keys lower case), single spaces, a value
	 * without a space unbracketed, so that "steps=20 strength=0.3" and "strength=0.3  steps=[20]" are one run.
	 */
	public static String normalised(final String options) {
		final List<String> tokens = new ArrayList<>();
		for (final String token : MacroKeys.tokens(options)) {
			final int eq = token.indexOf('=');
			tokens.add(eq < 0 ? token.toLowerCase(Locale.US) : token.substring(0, eq).toLowerCase(Locale.US) + "=" +
				unbracketed(token.substring(eq + 1)));
		}
		tokens.sort(null);
		return String.join(" ", tokens);
	}

	/**
	 * The options in one spelling with the model they run named: the options' {@code model}, else {@code model} (a
	 * command's default), so that a run line says which model made its results even after a default changes.
	 */
	public static String normalised(final String options, final String model) {
		if (model == null || MacroKeys.keysIn(options).contains("model")) return normalised(options);
		return normalised(MacroKeys.with(options, "model", model));
	}

	private static String unbracketed(final String value) {
		if (value.length() < 2 || value.charAt(0) != '[' || value.charAt(value.length() - 1) != ']') return value;
		final String inner = value.substring(1, value.length() - 1);
		return inner.isEmpty() || inner.matches(".*[\\s\\[\\]].*") ? value : inner;
	}
}
