package org.diffusionj.spark;

import java.nio.file.Path;

import org.apache.spark.api.java.JavaSparkContext;

/** For the benchmarks (another package): a local context and a folder run, as the tests make them. */
public final class SparkBench {

	private SparkBench() {}

	public static JavaSparkContext context(final String master) {
		ImageJ1.init();
		return SparkFolderIT.spark(master);
	}

	/** A block run (edge 0: whole images) with this machine's models. */
	public static int run(final JavaSparkContext sc, final Path in, final Path out, final String command,
		final String options, final int edge, final int halo) throws java.io.IOException
	{
		final FolderJob job = new FolderJob(in.toString(), out.toString(), command, options, SparkFolderIT.root(), java.util
			.Collections.emptyMap(), edge, halo);
		return FolderRun.run(sc, job, new FileTask(job)).done;
	}

	/** @return the images processed */
	public static int run(final JavaSparkContext sc, final Path in, final Path out, final String command,
		final String options) throws java.io.IOException
	{
		final FolderJob job = SparkFolderIT.job(in, out, command, options);
		return FolderRun.run(sc, job, new FileTask(job)).done;
	}
}
