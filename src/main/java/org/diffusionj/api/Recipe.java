package org.diffusionj.api;

import java.util.LinkedHashMap;
import java.util.Map;

import org.diffusionj.model.LoadedModel;

/** The image Info text that lets a result be reproduced: command, model and its SHA-256, every setting. */
public final class Recipe {

	private final Map<String, Object> entries = new LinkedHashMap<>();

	public Recipe(final String command, final LoadedModel model) {
		entries.put("command", command);
		entries.put("model", model.config().name());
		entries.put("model_folder", model.folder().dir());
		entries.put("model_sha256", model.sha256());
	}

	/** A recipe with no model (a schedule only). */
	public Recipe(final String command) {
		entries.put("command", command);
		entries.put("model", "none");
	}

	public Recipe put(final String key, final Object value) {
		entries.put(key, value);
		return this;
	}

	/** The model folder a recipe's run used ({@code model_folder}), or null when it names none. */
	public static java.nio.file.Path modelFolder(final String recipe) {
		final String folder = entry(recipe, "model_folder");
		return folder == null ? null : java.nio.file.Paths.get(folder);
	}

	/** The name of the model whose network a recipe's run used ({@code model}), or null when it names none. */
	public static String model(final String recipe) {
		return entry(recipe, "model");
	}

	private static String entry(final String recipe, final String key) {
		for (final String line : recipe.split("\n")) {
			if (line.startsWith(key + ": ")) return line.substring(key.length() + 2);
		}
		return null;
	}

	@Override
	public String toString() {
		final StringBuilder sb = new StringBuilder("DiffusionJ recipe\n");
		for (final Map.Entry<String, Object> e : entries.entrySet()) {
			sb.append(e.getKey()).append(": ").append(e.getValue()).append('\n');
		}
		return sb.toString();
	}
}
