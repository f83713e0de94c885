package org.diffusionj.spark;

import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code java -jar spark/target/diffusionj-spark.jar --input IN --output OUT [--command LABEL] [--options KEYS]
 * [--models DIR] [--master URL] [--block EDGE [--halo PIXELS]]}: a folder run on Apache Spark, embedded
 * ({@code local[*]}) unless spark-submit or {@code --master} names a cluster. The results are the bytes the batch
 * macro writes for the same folder; with {@code --block}, each image is cut into blocks that tasks process apart
 * ({@link BlockRun}).
 */
public final class SparkBatch {

	static final String USAGE = "usage: java -jar diffusionj-spark.jar --input DIR --output DIR [--command " +
		"\"Noise and Denoise...\"|\"Restore Image...\"|\"Deconvolve Image...\"] [--options \"strength=0.3\"] " +
		"[--models DIR] [--master URL] [--block EDGE [--halo PIXELS]]";

	/** The flags of {@link #USAGE}, without their dashes. */
	static final java.util.Set<String> FLAGS = new java.util.HashSet<>(java.util.Arrays.asList("input", "output",
		"command", "options", "models", "master", "block", "halo"));

	/** Pixels of context around a block, blended with the neighbours' results. */
	static final int DEFAULT_HALO = 32;

	private SparkBatch() {}

	public static void main(final String[] args) {
		System.exit(launch(args));
	}

	/** @return the exit code: 0 when every file is done or kept, 1 when one failed, 2 for a wrong command line */
	static int launch(final String[] args) {
		ImageJ1.init();
		final Map<String, String> given = new HashMap<>();
		for (int i = 0; i < args.length; i += 2) {
			if (!args[i].startsWith("--") || i + 1 >= args.length) {
				System.err.println(USAGE);
				return 2;
			}
			if (!FLAGS.contains(args[i].substring(2))) { // NB: a mistyped flag (--option) would be dropped without a word
				System.err.println(args[i] + " is not a flag of DiffusionJ on Spark.\n" + USAGE);
				return 2;
			}
			given.put(args[i].substring(2), args[i + 1]);
		}
		if (!given.containsKey("input") || !given.containsKey("output")) {
			System.err.println(USAGE);
			return 2;
		}
		final String command = given.getOrDefault("command", "Noise and Denoise...");
		final String options = given.get("options"); // NB: none: the folder run's defaults (FolderJob)
		final SparkConf conf = new SparkConf().setAppName("DiffusionJ " + command);
		// NB: spark-submit sets spark.master; java -jar runs embedded
		if (given.containsKey("master") || !conf.contains("spark.master")) conf.setMaster(given.getOrDefault("master",
			"local[*]"));
		try (JavaSparkContext spark = new JavaSparkContext(conf)) {
			spark.setLogLevel("WARN");
			final Map<String, String> hadoop = new HashMap<>();
			spark.hadoopConfiguration().forEach(e -> hadoop.put(e.getKey(), e.getValue()));
			final int block = Integer.parseInt(given.getOrDefault("block", "0"));
			final int halo = Integer.parseInt(given.getOrDefault("halo", String.valueOf(DEFAULT_HALO)));
			final FolderJob job = new FolderJob(given.get("input"), given.get("output"), command, options, given
				.getOrDefault("models", defaultModels()), hadoop, block, halo);
			final FolderRun.Summary summary = FolderRun.run(spark, job, new FileTask(job));
			System.out.println("DiffusionJ on Spark: " + summary + "; results in " + job.output);
			return summary.complete() ? 0 : 1;
		}
		catch (final IllegalArgumentException e) { // NB: NumberFormatException too: --block x
			System.err.println(e.getMessage());
			return 2;
		}
		catch (final java.io.IOException e) {
			System.err.println("DiffusionJ on Spark: " + e.getMessage());
			return 1;
		}
		catch (final Exception e) { // NB: a job Spark gave up on (a task failed every attempt): its first cause's words
			Throwable cause = e;
			while (cause.getCause() != null) cause = cause.getCause();
			System.err.println("DiffusionJ on Spark: the job stopped: " + cause.getMessage());
			return 1;
		}
	}

	/**
	 * The ImageJ folder whose models/ the names resolve against: the nearest folder above this jar that has models/
	 * (the repository root for spark/target/diffusionj-spark.jar), else null (each executor's working directory).
	 */
	static String defaultModels() {
		try {
			Path dir = Paths.get(SparkBatch.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
			for (int up = 0; dir != null && up < 4; up++, dir = dir.getParent()) {
				if (new File(dir.toFile(), "models").isDirectory()) return dir.toString();
			}
		}
		catch (final java.net.URISyntaxException | RuntimeException e) {
			// NB: no code source: the executors' own default
		}
		return null;
	}
}
