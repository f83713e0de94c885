package org.diffusionj.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import ij.ImagePlus;

import org.diffusionj.command.DiffusionCommand;

/**
 * manifest.csv of a folder run, a record of the run: a first line that names DiffusionJ's version, the command and
 * its options (normalised), the columns, then a row per file: input, output, seed, seconds, status
 * ({@code done}, {@code kept}, {@code unreadable: why}, {@code failed: why}). Results made two ways never mix: a run
 * whose command or options differ from those of a manifest already in the output folder is refused.
 */
public final class RunManifest {

	public static final String NAME = "manifest.csv";
	public static final String COLUMNS = "input,output,seed,seconds,check,status";

	/** The start of the line of a result's recipe that {@code check} records (Restore Image...'s residual test). */
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

	/** What a run is, as its manifest says: the command and the normalised options. */
	static String run(final String command, final String options) {
		return "command=[" + command + "] options=[" + BatchOptions.normalised(options) + "]";
	}

	/**
	 * @return null when a manifest that begins with this line may take rows of this run, else one sentence (a
	 *         manifest without a run line, from an older DiffusionJ, says nothing and is not refused)
	 */
	public static String conflict(final String firstLine, final String file, final String command,
		final String options)
	{
		if (firstLine == null || !firstLine.startsWith(RUN)) return null;
		final int colon = firstLine.indexOf(": ");
		final String earlier = colon < 0 ? "" : firstLine.substring(colon + 2).trim();
		final String now = run(command, options);
		if (earlier.equals(now)) return null;
		return "This output folder holds results made with other settings (" + file + ": " + earlier + "; now: " + now +
			"): run with those settings to complete it, or choose a new output folder.";
	}

	/** A manifest row with no check; fields with a comma or a quote are quoted (quotes doubled), as CSV readers expect. */
	public static String row(final String input, final String output, final String seed, final double seconds,
		final String status)
	{
		return row(input, output, seed, seconds, "", status);
	}

	/** A manifest row; {@code check} is what the result's recipe says of it ({@link #check(Map)}), or empty. */
	public static String row(final String input, final String output, final String seed, final double seconds,
		final String check, final String status)
	{
		return csv(input) + "," + csv(output) + "," + seed + "," + String.format(Locale.US, "%.2f", seconds) + "," +
			csv(check) + "," + csv(status.replace('\n', ' '));
	}

	/**
	 * The verdict a command's main result carries in its recipe ("residual test: consistent (...)"), or empty: the
	 * manifest's {@code check} column.
	 */
	public static String check(final Map<String, ImagePlus> made) {
		final ImagePlus result = made.get(DiffusionCommand.RESULT);
		final Object info = result == null ? null : result.getProperty("Info");
		if (info == null) return "";
		for (final String line : info.toString().split("\n")) {
			if (line.startsWith(CHECK)) return line;
		}
		return "";
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
				final String problem = conflict(firstLine(m), m.getFileName().toString(), command, options);
				if (problem != null) throw new IllegalArgumentException(problem);
			}
		}
		final Path manifest = folder.resolve(name);
		if (!Files.exists(manifest)) { // NB: whole or not at all; a second writer that was first keeps its own
			final Path part = Files.createTempFile(folder, "." + name, ".part");
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

	private static String firstLine(final Path file) throws IOException {
		final List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		return lines.isEmpty() ? null : lines.get(0);
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
