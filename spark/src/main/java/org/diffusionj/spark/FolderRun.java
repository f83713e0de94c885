package org.diffusionj.spark;

import java.io.IOException;
import java.util.List;

import org.apache.spark.api.java.JavaSparkContext;
import org.diffusionj.app.BatchFiles;
import org.diffusionj.app.HeadlessCommands;

/**
 * A folder run on Spark, on the driver: checks the job, hands one file to each task, and adds the tasks' rows to the
 * output folder's manifest. The work of a file is {@link FileTask}'s.
 */
final class FolderRun {

	private FolderRun() {}

	/** What a run did, counted from its manifest rows. */
	static final class Summary {

		final int done, kept, unreadable, failed, skipped;

		Summary(final List<String> rows, final int skipped) {
			this.done = count(rows, ",done");
			this.kept = count(rows, ",kept");
			this.unreadable = count(rows, ",unreadable");
			this.failed = rows.size() - done - kept - unreadable;
			this.skipped = skipped;
		}

		private static int count(final List<String> rows, final String ending) {
			return (int) rows.stream().filter(r -> r.endsWith(ending)).count();
		}

		@Override
		public String toString() {
			return done + " image(s) processed, " + skipped + " file(s) skipped, " + unreadable + " could not be opened, " +
				kept + " result(s) kept, " + failed + " failed";
		}
	}

	/** Checks what can be checked before any task starts; throws with one sentence. */
	static void check(final FolderJob job) throws IOException {
		if (BatchFiles.suffix(job.command).isEmpty()) {
			throw new IllegalArgumentException("--command " + job.command + " cannot run over a folder (known: Noise and " +
				"Denoise..., Restore Image...).");
		}
		HeadlessCommands.check(job.command, job.options);
		if (!new HadoopFiles(job.input, job.hadoop).isFolder()) {
			throw new IllegalArgumentException("Input folder " + job.input + " does not exist.");
		}
		if (job.output.equals(job.input)) {
			throw new IllegalArgumentException("The output folder must differ from the input folder (" + job.input + ").");
		}
		if (job.output.startsWith(job.input)) {
			throw new IllegalArgumentException("The output folder must not lie inside the input folder (" + job.input +
				").");
		}
		final HadoopFiles out = new HadoopFiles(job.output, job.hadoop);
		if (!out.isFolder() && !out.makeFolder()) {
			throw new IllegalArgumentException("Output folder " + job.output + " cannot be created.");
		}
	}

	static Summary run(final JavaSparkContext spark, final FolderJob job, final FileTask task) throws IOException {
		check(job);
		final List<String> names = new HadoopFiles(job.input, job.hadoop).names();
		final List<String> images = FileTask.images(names);
		for (final String name : names) {
			if (!images.contains(name)) System.out.println("Skipped (not an image file): " + name);
		}
		final List<String> rows;
		if (job.block > 0) { // one image after another, its blocks in parallel
			rows = new java.util.ArrayList<>();
			for (final String name : images) rows.add(BlockRun.run(spark, job, name));
		}
		else { // NB: one file a task, so that a retried task redoes one file
			rows = images.isEmpty() ? java.util.Collections.emptyList() : spark.parallelize(images, images.size()).map(task)
				.collect();
		}
		Manifest.append(new HadoopFiles(job.output, job.hadoop), rows);
		return new Summary(rows, names.size() - images.size());
	}
}
