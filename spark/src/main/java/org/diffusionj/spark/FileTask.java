package org.diffusionj.spark;

import ij.ImagePlus;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.diffusionj.api.ModelPaths;
import org.diffusionj.api.RunResult;
import org.diffusionj.app.BatchFiles;
import org.diffusionj.app.HeadlessCommands;
import org.diffusionj.app.ResultStems;
import org.diffusionj.app.RunManifest;
import org.diffusionj.model.OnnxDenoiser;

/**
 * One file of a folder run, in a Spark task: what {@code macros/batch_folder.ijm} does for a file, to the byte. Skips
 * a file whose result exists, runs the command with the file's own seed, writes every image it makes as
 * {@code NAME-suffix.tif} ({@link ResultNames}) through a temporary name (the main result last: it marks the file done), and answers the
 * file's manifest row. A file the command refuses (its one sentence) is a row too; only trouble with the machine
 * (a folder that cannot be written) fails the task, which Spark then retries: that attempt writes the same bytes.
 */
class FileTask implements Function<String, String>, Serializable {

	private static final long serialVersionUID = 1L;

	private final FolderJob job;
	private Map<String, String> stems = new HashMap<>(); // result stems of the whole folder, set by the driver
	private HeadlessCommands.Call call; // the command with the user's options read once, by the driver

	FileTask(final FolderJob job) {
		this.job = job;
	}

	/** The folder's result stems ({@link org.diffusionj.app.ResultStems}), which the driver decides from its listing. */
	FileTask withStems(final Map<String, String> folderStems) {
		this.stems = new HashMap<>(folderStems);
		return this;
	}

	/** The command with the user's options read (on the driver): what every file runs. */
	FileTask withCall(final HeadlessCommands.Call command) {
		this.call = command;
		return this;
	}

	/** What every task does first in its JVM: ImageJ set up, the models' folder, ONNX Runtime's threads. */
	static void prepare(final FolderJob job) {
		ImageJ1.init();
		if (job.models != null) System.setProperty(ModelPaths.ROOT_PROPERTY, job.models);
		threadsPerTask();
	}

	@Override
	public String call(final String name) throws IOException {
		if (call == null) throw new IllegalStateException("a FileTask runs with the driver's call (withCall)");
		prepare(job);
		final HadoopFiles in = new HadoopFiles(job.input, job.hadoop), out = new HadoopFiles(job.output, job.hadoop);
		final ResultNames names = new ResultNames(job, name, stems.getOrDefault(name, ResultStems.stem(name)), call
			.seed());
		final String seed = String.valueOf(names.seed), target = job.output + names.main();
		final long start = System.nanoTime();
		final Path local = Files.createTempDirectory("diffusionj-");
		try {
			if (out.exists(names.main()) && ResultNames.whole(out, names.main(), local)) {
				return Manifest.row(name, target, seed, 0, "kept");
			}
			final Path file = local.resolve(name); // NB: the file's own name, which titles the results
			in.fetch(name, file);
			final Object image = BatchFiles.readWhole(file.toFile());
			if (image instanceof String) return Manifest.row(name, "", seed, 0, "unreadable: " + image);
			final RunResult made;
			try {
				made = call.run((ImagePlus) image, names.seed, java.util.Collections.emptyMap());
			}
			catch (final IllegalArgumentException e) {
				System.err.println("DiffusionJ: " + name + ": " + e.getMessage());
				return Manifest.row(name, "", seed, seconds(start), "failed: " + e.getMessage());
			}
			for (final ImagePlus result : names.mainLast(made.images().values())) {
				final String rest = names.rest(result.getTitle());
				try {
					names.write(result, rest, out, local, this::beforeRename);
				}
				catch (final IOException e) { // NB: a full disk: this file failed, the next goes on
					return Manifest.row(name, "", seed, seconds(start), "failed: " + names.stem + rest + ".tif cannot be " +
						"written (" + e.getMessage() + ")");
				}
			}
			return RunManifest.row(name, target, seed, seconds(start), RunManifest.check(made), "done");
		}
		finally {
			deleteAll(local);
		}
	}

	/**
	 * ONNX Runtime's threads: the cores Spark gives a task ({@code spark.task.cpus}, 1 unless set), since the executor
	 * runs as many tasks at once as it has cores and they share its one session; {@code -Ddiffusionj.threads} on the
	 * executor's command line (spark.executor.extraJavaOptions) wins. Measured on 2 cores: local[2] with one thread a
	 * task does 1.5x the images per second of local[1] with two (README).
	 */
	private static void threadsPerTask() {
		final TaskContext task = TaskContext.get();
		if (task != null && System.getProperty(OnnxDenoiser.THREADS_PROPERTY) == null) {
			System.setProperty(OnnxDenoiser.THREADS_PROPERTY, String.valueOf(task.cpus()));
		}
	}

	/** Called when a result's temporary file is whole, before its rename (a test fails a task here once). */
	protected void beforeRename(final String part) {
		// NB: nothing to do in a real run
	}

	private static double seconds(final long start) {
		return (System.nanoTime() - start) / 1e9;
	}

	private static void deleteAll(final Path dir) {
		try (Stream<Path> paths = Files.walk(dir)) {
			paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}
		catch (final IOException | UncheckedIOException e) {
			// NB: a temporary folder left behind costs nothing but disk
		}
	}

	/** The names a folder run takes: image files (by their ending), in sorted order. */
	static List<String> images(final List<String> names) {
		final List<String> images = new ArrayList<>();
		for (final String name : names) {
			if (BatchFiles.isImage(name).equals("true")) images.add(name);
		}
		return images;
	}
}
