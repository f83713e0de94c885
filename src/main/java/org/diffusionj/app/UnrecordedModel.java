package org.diffusionj.app;

import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.diffusionj.api.Recipe;
import org.diffusionj.command.MacroKeys;

/**
 * The model of a manifest whose run line names none, written before run lines named their model. Restore Image...'s
 * default changed from fluo-restore to fluo-restore-1step while such lines were still written, so for it the model is
 * the one that made the manifest's first done result, as that result's recipe says; with no done result there is no
 * result to keep to, and any model may complete the folder. The other commands' defaults never changed.
 */
final class UnrecordedModel {

	/** The command whose default changed while run lines named no model. */
	static final String CHANGED = "Restore Image...";

	/** What an unreadable recipe leaves: no model matches it, so the folder is not completed. */
	static final String UNKNOWN = "unknown: its results' recipes cannot be read";

	private UnrecordedModel() {}

	/**
	 * The model a model-less run line of {@code command} meant, the manifest's rows below it, when this run's options
	 * are {@code options}.
	 *
	 * @param recipeOf the recipe (Info) of a result by its file name, or null when it cannot be read
	 */
	static String of(final String command, final String options, final List<String> rows,
		final Function<String, String> recipeOf)
	{
		if (!command.equals(CHANGED)) return BatchOptions.defaultModel(command);
		for (final String row : rows) {
			final List<String> fields = fields(row);
			if (fields.size() < 2 || !fields.get(fields.size() - 1).equals("done")) continue;
			final String recipe = recipeOf.apply(Paths.get(fields.get(1)).getFileName().toString());
			final String model = recipe == null ? null : Recipe.model(recipe);
			return model == null ? UNKNOWN : model;
		}
		for (final String token : MacroKeys.tokens(BatchOptions.normalised(options, BatchOptions.defaultModel(command)))) {
			if (token.startsWith("model=")) return unbracketed(token.substring(6));
		}
		return BatchOptions.defaultModel(command);
	}

	private static String unbracketed(final String value) {
		return value.startsWith("[") && value.endsWith("]") ? value.substring(1, value.length() - 1) : value;
	}

	/** A CSV row's fields, quotes undone (a quoted field may hold commas; a doubled quote is one). */
	static List<String> fields(final String row) {
		final List<String> fields = new ArrayList<>();
		final StringBuilder field = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < row.length(); i++) {
			final char c = row.charAt(i);
			if (quoted && c == '"' && i + 1 < row.length() && row.charAt(i + 1) == '"') {
				field.append('"');
				i++;
			}
			else if (c == '"') quoted = !quoted;
			else if (c == ',' && !quoted) {
				fields.add(field.toString());
				field.setLength(0);
			}
			else field.append(c);
		}
		fields.add(field.toString());
		return fields;
	}
}
