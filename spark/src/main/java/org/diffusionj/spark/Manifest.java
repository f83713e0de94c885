package org.diffusionj.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** manifest.csv of a folder run, in the batch macro's columns: input, output, seed, seconds, status. */
final class Manifest {

	static final String NAME = "manifest.csv";
	static final String HEADER = "input,output,seed,seconds,status";

	private Manifest() {}

	static String row(final String input, final String output, final String seed, final double seconds,
		final String status)
	{
		return csv(input) + "," + csv(output) + "," + seed + "," + String.format(Locale.US, "%.2f", seconds) + "," +
			csv(status);
	}

	/** A field as the macro writes it: quoted (quotes doubled) when it holds a comma or a quote. */
	static String csv(final String text) {
		if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0) return "\"" + text.replace("\"", "\"\"") + "\"";
		return text;
	}

	/** Adds rows to the folder's manifest (made with its header when there is none), replacing it whole. */
	static void append(final HadoopFiles folder, final List<String> rows) throws IOException {
		final StringBuilder text = new StringBuilder();
		if (folder.exists(NAME)) text.append(new String(folder.read(NAME), StandardCharsets.UTF_8));
		else text.append(HEADER).append('\n');
		for (final String row : rows) text.append(row).append('\n');
		folder.replace(NAME, text.toString().getBytes(StandardCharsets.UTF_8));
	}
}
