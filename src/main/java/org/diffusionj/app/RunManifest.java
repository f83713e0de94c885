package org.diffusionj.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.Supplier;

import org.diffusionj.api.PosteriorResult;
import org.diffusionj.api.RunResult;
import org.diffusionj.command.MacroKeys;
import org.diffusionj.model.PartFile;

/**
 * manifest.csv of a folder run, a record of the run: a first line that names DiffusionJ's version, the command and
 * its options (normalised), the columns, then a row per file: input, output, seed, seconds, check (the residual test's
 * verdict of Restore and Deconvolve, else empty) and status ({@code done}, {@code kept}, {@code unreadable: why},
 * {@code failed: why}). Results made two ways never mix: a run whose command or options differ from those of a
 * manifest already in the output folder is refused, and so is a manifest with other columns (an older DiffusionJ's).
 * The run line names the model, the options' or the command's default, so that results of two models never mix when
 * a default changes (a line that names none: {@link UnrecordedModel}).
 */
public final class RunManifest {

	public static final String NAME = "manifest.csv";
	public static final String COLUMNS = "input,output,seed,seconds,check,status";

	/** The start of the line of a result's recipe that {@code check} records (the residual test). */
	static final String CHECK = "residual test: ";
	private static final String RUN = "# DiffusionJ ";

	private RunManifest() {}

	/** The manifest of a shard ({@code manifest-2-of-3.csv}), or of a whole run ({@code manifest.csv}). */
	public static String name(final String shard) {
		return shard.trim().equals("1/1") ? NAME : "manifest-" + shard.trim().replace("/", "-of-") + ".csv";
	}

	/** The first lines of a new manifest: the run, then the columns. */
	public static String header(final String command, final String options) {
		return RUN + version() + ": " + run(command, options) + "\n" + COLUMNS + "\n";
	}

	/** What a run is, as its manifest says: the command and the normalised options, the model named. */
	static String run(final String command, final String options) {
		return run(command, options, BatchOptions.defaultModel(command));
	}

	private static String run(final String command, final String options, final String defaultModel) {
		return "command=[" + command + "] options=[" + BatchOptions.normalised(options, defaultModel) + "]";
	}

	/**
	 * A manifest's run ({@code command=[...] options=[...]}) as this DiffusionJ spells it: the options normalised and
	 * the model named, for a line that names none {@code unrecorded} ({@link UnrecordedModel}), asked only then.
	 */
	static String asRecorded(final String line, final Supplier<String> unrecorded) {
		String command = null, options = null;
		for (final String token : MacroKeys.tokens(line)) {
			if (!token.endsWith("]")) continue;
			if (token.startsWith("command=[")) command = token.substring(9, token.length() - 1);
			else if (token.startsWith("options=[")) options = token.substring(9, token.length() - 1);
		}
		if (command == null || options == null) return line;
		return run(command, options, MacroKeys.keysIn(options).contains("model") ? null : unrecorded.get());
	}

	/**
	 * As {@link #conflict(String, String, String, String, String)} for a manifest with no done result.
	 */
	public static String conflict(final String firstLine, final String file, final String command,
		final String options)
	{
		return conflict(firstLine, file, command, options, () -> UnrecordedModel.of(command, options, Collections
			.emptyList(), name -> null));
	}

	/**
	 * @param unrecorded the model its results were made with, asked only when the line names none
	 *        ({@link UnrecordedModel})
	 * @return null when a manifest that begins with this line may take rows of this run, else one sentence (a
	 *         manifest without a run line, from an older DiffusionJ, says nothing and is not refused)
	 */
	public static String conflict(final String firstLine, final String file, final String command,
		final String options, final Supplier<String> unrecorded)
	{
		if (firstLine == null || !firstLine.startsWith(RUN)) return null;
		final int colon = firstLine.indexOf(": ");
		final String earlier = asRecorded(colon < 0 ? "" : firstLine.substring(colon + 2).trim(), unrecorded);
		final String now = run(command, options);
		if (earlier.equals(now)) return null;
		return "This output folder holds results made with other settings (" + file + ": " + earlier + "; now: " + now +
			"): run with those settings to complete it, or choose a new output folder.";
	}

	/**
	 * Whether a manifest found in the output folder may take this run's rows: its run ({@link #conflict}), then its
	 * columns ({@link #otherColumns}).
	 *
	 * @param text the manifest's text
	 * @param recipeOf the recipe (Info) of a result of the folder by its file name, or null when it cannot be read
	 * @return null when it may, else one sentence
	 */
	public static String problem(final String text, final String file, final String command, final String options,
		final Function<String, String> recipeOf)
	{
		final List<String> lines = Arrays.asList(text.split("\r?\n")); // NB: append writes the platform's line ends
		final List<String> head = lines.subList(0, Math.min(2, lines.size()));
		final List<String> rows = lines.subList(head.size(), lines.size());
		final String problem = conflict(head.get(0), file, command, options, () -> UnrecordedModel.of(command, options,
			rows, recipeOf)); // NB: a result's recipe is read only for a line that names no model
		return problem != null ? problem : otherColumns(head, file);
	}

	/** The recipe (Info) of a TIFF result, read from its header alone, or null when it has none or cannot be read. */
	public static String recipe(final Path tiff) {
		try {
			final ij.io.FileInfo[] info = new ij.io.TiffDecoder(tiff.getParent().toString() + java.io.File.separator, tiff
				.getFileName().toString()).getTiffInfo();
			return info == null || info.length == 0 ? null : info[0].info;
		}
		catch (final IOException | RuntimeException e) {
			return null;
		}
	}

	/**
	 * @param head a manifest's first two lines (fewer when it has fewer)
	 * @return null when the manifest's columns are this DiffusionJ's, else one sentence: rows of two layouts in one
	 *         file would be misread
	 */
	public static String otherColumns(final List<String> head, final String file) {
		if (head.isEmpty()) return null;
		final String columns = head.get(0).startsWith(RUN) ? head.size() > 1 ? head.get(1) : "" : head.get(0);
		if (!columns.startsWith("input,") || columns.equals(COLUMNS)) return null;
		return "This output folder's " + file + " has the columns of an older DiffusionJ (" + columns + "; now " +
			COLUMNS + "): move it aside to complete the folder (whole results are kept), or choose a new output folder.";
	}

	/** A recipe without its residual test line: a block's verdict is not the whole image's (Spark's --block). */
	public static String withoutCheck(final String info) {
		final StringBuilder kept = new StringBuilder();
		for (final String line : info.split("\n", -1)) {
			if (!line.startsWith(CHECK)) kept.append(kept.length() == 0 ? "" : "\n").append(line);
		}
		return kept.toString();
	}

	/** A manifest row with no check; fields with a comma or a quote are quoted (quotes doubled), as CSV readers expect. */
	public static String row(final String input, final String output, final String seed, final double seconds,
		final String status)
	{
		return row(input, output, seed, seconds, "", status);
	}

	/** A manifest row; {@code check} is what the result's recipe says of it ({@link #check(RunResult)}), or empty. */
	public static String row(final String input, final String output, final String seed, final double seconds,
		final String check, final String status)
	{
		return csv(input) + "," + csv(output) + "," + seed + "," + String.format(Locale.US, "%.2f", seconds) + "," +
			csv(check) + "," + csv(status.replace('\n', ' '));
	}

	/**
	 * The residual test's verdict on a run ("residual test: consistent (...)", as its recipe says it), or empty for a
	 * run with no test: the manifest's {@code check} column.
	 */
	public static String check(final RunResult result) {
		return result instanceof PosteriorResult ? CHECK + ((PosteriorResult) result).check : "";
	}

	static String csv(final String text) {
		if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0) return "\"" + text.replace("\"", "\"\"") + "\"";
		return text;
	}

	/**
	 * Checks every manifest of a local output folder against this run and makes this run's manifest when it has
	 * none; throws one sentence when the folder holds another run's results.
	 */
	static Path prepare(final Path folder, final String name, final String command, final String options)
		throws IOException
	{
		try (DirectoryStream<Path> manifests = Files.newDirectoryStream(folder, "manifest*.csv")) {
			for (final Path m : manifests) {
				final String problem = problem(new String(Files.readAllBytes(m), StandardCharsets.UTF_8), m.getFileName()
					.toString(), command, options, result -> recipe(folder.resolve(result)));
				if (problem != null) throw new IllegalArgumentException(problem);
			}
		}
		final Path manifest = folder.resolve(name);
		if (!Files.exists(manifest)) { // NB: whole or not at all; a second writer that was first keeps its own
			final Path part = PartFile.create(folder, name);
			try {
				Files.write(part, header(command, options).getBytes(StandardCharsets.UTF_8), StandardOpenOption.SYNC);
				Files.move(part, manifest);
			}
			catch (final java.nio.file.FileAlreadyExistsException e) {
				prepare(folder, name, command, options);
			}
			finally {
				Files.deleteIfExists(part);
			}
		}
		return manifest;
	}

	/** Adds a row, forced to the disk before the next file starts. */
	static void append(final Path manifest, final String row) throws IOException {
		Files.write(manifest, Collections.singletonList(row), StandardCharsets.UTF_8, StandardOpenOption.APPEND,
			StandardOpenOption.SYNC);
	}

	/** DiffusionJ's version, from the plugin jar's Maven properties ("development build" outside a jar). */
	public static String version() {
		try (InputStream in = RunManifest.class.getResourceAsStream(
			"/META-INF/maven/org.diffusionj/diffusionj/pom.properties"))
		{
			if (in == null) return "development build";
			final Properties p = new Properties();
			p.load(in);
			return p.getProperty("version", "development build");
		}
		catch (final IOException e) {
			return "development build";
		}
	}
}
