package org.diffusionj.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.diffusionj.app.RunManifest;

/** manifest.csv of a folder run on Spark: the batch macro's ({@link RunManifest}), on any Hadoop file system. */
final class Manifest {

	private Manifest() {}

	static String row(final String input, final String output, final String seed, final double seconds,
		final String status)
	{
		return RunManifest.row(input, output, seed, seconds, status);
	}

	/** Adds rows to the folder's manifest (made with the run's line and the columns when there is none), whole. */
	static void append(final HadoopFiles folder, final FolderJob job, final List<String> rows) throws IOException {
		final StringBuilder text = new StringBuilder();
		if (folder.exists(RunManifest.NAME)) text.append(new String(folder.read(RunManifest.NAME), StandardCharsets.UTF_8));
		else text.append(RunManifest.header(job.command, job.options));
		for (final String row : rows) text.append(row).append('\n');
		folder.replace(RunManifest.NAME, text.toString().getBytes(StandardCharsets.UTF_8));
	}
}
