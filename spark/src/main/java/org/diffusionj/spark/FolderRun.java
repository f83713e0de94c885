package org.diffusionj.spark;

import java.io.IOException;
import java.util.List;

import org.apache.spark.api.java.JavaSparkContext;
import org.diffusionj.app.BatchFiles;
import org.diffusionj.app.FolderCheck;
import org.diffusionj.app.HeadlessCommands;
import org.diffusionj.app.ResultStems;
import org.diffusionj.app.RunManifest;

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
			this.done = (int) rows.stream().filter(r -> r.endsWith(",done")).count();
			this.kept = (int) rows.stream().filter(r -> r.endsWith(",kept")).count();
			this.unreadable = (int) rows.stream().filter(r -> r.contains(",unreadable: ") || r.contains(
				",\"unreadable: ")).count();
			this.failed = rows.size() - done - kept - unreadable;
			this.skipped = skipped;
		}

		/** Whether every image has its results. */
		boolean complete() {
			return failed == 0 && unreadable == 0;
		}

		@Override
		public String toString() {
			return done + " done, " + kept + " kept, " + failed + " failed, " + unreadable + " unreadable, " + skipped +
				" skipped (not images)";
		}
	}

	/**
	 * Checks what can be checked before any file's task starts (what the options name, in one small task on an
	 * executor), before the output folder is made; throws with one sentence.
	 *
	 * @return the command with the options read once (every key and value checked)
	 */
	static HeadlessCommands.Call check(final JavaSparkContext spark, final FolderJob job) throws IOException {
		if (BatchFiles.suffix(job.command).isEmpty()) {
			throw new IllegalArgumentException("--command " + job.command + " cannot run over a folder (known: Noise and " +
				"Denoise..., Restore Image..., Deconvolve Image...).");
		}
		if (job.block > 0 && job.command.equals("Deconvolve Image...")) { // NB: each block would get its own object scale
			throw new IllegalArgumentException("--block cannot cut images for Deconvolve Image... (it scales each image " +
				"as a whole): leave --block out.");
		}
		final HeadlessCommands.Call call = HeadlessCommands.Call.of(job.command, job.options);
		// what the values name (the sampler, the model folder, a PSF file), where the files will run: on an executor,
		// whose models may lie where the driver has none; before any manifest's settings
		final String named = spark.parallelize(java.util.Collections.singletonList(0), 1).map(i -> {
			FileTask.prepare(job);
			try {
				call.checkRun();
				return "";
			}
			catch (final IllegalArgumentException e) {
				return String.valueOf(e.getMessage());
			}
		}).collect().get(0);
		if (!named.isEmpty()) throw new IllegalArgumentException(named);
		final HadoopFiles in = new HadoopFiles(job.input, job.hadoop), out = new HadoopFiles(job.output, job.hadoop);
		if (!in.isFolder()) {
			throw new IllegalArgumentException("Input folder " + job.input + " does not exist.");
		}
		final java.io.File localIn = in.localFolder(), localOut = out.localFolder();
		if (localIn != null && localOut != null) { // NB: compared as folders: real paths, links followed
			FolderCheck.check(localIn.getPath(), localOut.getPath());
		}
		else if (job.output.startsWith(job.input) || job.input.startsWith(job.output)) {
			throw new IllegalArgumentException("The output folder must differ from the input folder and not lie inside " +
				"it (" + job.input + ", " + job.output + ").");
		}
		if (!out.isFolder() && !out.makeFolder()) {
			throw new IllegalArgumentException("Output folder " + job.output + " cannot be created.");
		}
		for (final String name : out.names()) { // NB: results made two ways never mix (the macro's shards too)
			if (!name.startsWith("manifest") || !name.endsWith(".csv")) continue;
			final String problem = RunManifest.problem(new String(out.read(name), java.nio.charset.StandardCharsets.UTF_8),
				name, job.command, job.options, result -> recipe(out, result));
			if (problem != null) throw new IllegalArgumentException(problem);
		}
		return call;
	}

	/** The recipe (Info) of a result in the output folder, or null when it has none or cannot be read. */
	private static String recipe(final HadoopFiles out, final String result) {
		try {
			final java.nio.file.Path local = java.nio.file.Files.createTempFile("diffusionj-", ".tif");
			try {
				java.nio.file.Files.write(local, out.read(result));
				return RunManifest.recipe(local);
			}
			finally {
				java.nio.file.Files.delete(local);
			}
		}
		catch (final IOException e) {
			return null;
		}
	}

	static Summary run(final JavaSparkContext spark, final FolderJob job, final FileTask task) throws IOException {
		final HeadlessCommands.Call call = check(spark, job); // the options read once
		final List<String> names = new HadoopFiles(job.input, job.hadoop).names();
		final List<String> images = FileTask.images(names);
		final java.util.Map<String, String> stems = ResultStems.of(images);
		for (final String name : names) {
			if (!images.contains(name)) System.out.println("Skipped (not an image file): " + name);
		}
		final List<String> rows;
		if (job.block > 0) { // one image after another, its blocks in parallel
			rows = new java.util.ArrayList<>();
			for (final String name : images) rows.add(BlockRun.run(spark, job, call, name, stems.get(name)));
		}
		else { // NB: one file a task, so that a retried task redoes one file
			rows = images.isEmpty() ? java.util.Collections.emptyList() : spark.parallelize(images, images.size()).map(task
				.withStems(stems).withCall(call)).collect();
		}
		Manifest.append(new HadoopFiles(job.output, job.hadoop), job, rows);
		return new Summary(rows, names.size() - images.size());
	}
}
