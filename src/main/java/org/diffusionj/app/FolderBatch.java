package org.diffusionj.app;

import ij.IJ;
import ij.ImagePlus;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.diffusionj.api.RunResult;
import org.scijava.Context;

/**
 * A folder through Noise and Denoise..., Restore Image... or Deconvolve Image..., unattended, on this JVM: what Batch Folder..., the batch
 * macro and the SLURM script run. A file counts as done only when every result is on disk whole
 * ({@link VerifiedWrite}); a file that cannot be read, that the command refuses or whose result cannot be written is
 * a {@code failed}/{@code unreadable} row of the manifest and the run goes on with the next file; a re-run keeps
 * whole results, redoes the rest, and refuses other settings than the manifest's ({@link RunManifest}).
 */
public final class FolderBatch {

	private final Context context;
	private final Path in, out;
	private final String command, options, shard, suffix;
	private final Summary summary;
	private HeadlessCommands.Call call; // the command with the options read once, in prepare()

	private FolderBatch(final Context context, final String input, final String output, final String command,
		final String options, final String shard)
	{
		this.context = context;
		this.command = command;
		this.options = BatchOptions.resolve(command, options);
		this.shard = shard == null || shard.trim().isEmpty() ? "1/1" : shard.trim();
		this.suffix = BatchFiles.suffix(command);
		this.in = Paths.get(input);
		this.out = Paths.get(output);
		this.summary = new Summary(output);
	}

	/**
	 * Runs a folder. Problems that stop the run before any file (a wrong key, a folder inside the other, another
	 * run's manifest) throw one sentence and write nothing; problems with one file are rows of the manifest.
	 */
	public static Summary run(final Context context, final String input, final String output, final String command,
		final String options, final String shard)
	{
		final FolderBatch batch = new FolderBatch(context, input, output, command, options, shard);
		return batch.run(batch.prepare());
	}

	private Path prepare() {
		final String shardProblem = BatchShard.check(shard);
		if (!shardProblem.isEmpty()) throw new IllegalArgumentException(shardProblem);
		if (suffix.isEmpty()) {
			throw new IllegalArgumentException("command=[" + command + "] cannot run over a folder (known: Noise and " +
				"Denoise..., Restore Image..., Deconvolve Image...).");
		}
		call = HeadlessCommands.Call.of(context, command, options); // NB: every key and value checked, nothing written
		call.checkRun(context); // and what the values name: the sampler, the model folder, a PSF file
		if (!Files.isDirectory(in)) throw new IllegalArgumentException("Input folder " + in + " does not exist.");
		FolderCheck.check(in.toString(), out.toString());
		try {
			Files.createDirectories(out);
			return RunManifest.prepare(out, RunManifest.name(shard), command, options);
		}
		catch (final IOException e) {
			throw new IllegalArgumentException("Output folder " + out + " cannot be written (" + e.getMessage() + ").", e);
		}
	}

	private Summary run(final Path manifest) {
		final String[] names = in.toFile().list();
		if (names == null) throw new IllegalArgumentException("Input folder " + in + " cannot be listed.");
		Arrays.sort(names); // NB: a macro's getFileList order, which shards are counted in
		final List<String> images = new ArrayList<>();
		for (final String name : names) {
			final boolean folder = new File(in.toFile(), name).isDirectory();
			if (folder || !BatchFiles.isImage(name).equals("true")) {
				IJ.log("Skipped (not an image file): " + name + (folder ? "/" : ""));
				summary.skipped++;
			}
			else images.add(name);
		}
		final Map<String, String> stems = ResultStems.of(images);
		for (int k = 0; k < images.size(); k++) {
			if (!BatchShard.takes(String.valueOf(k), shard).equals("true")) continue;
			if (IJ.escapePressed()) {
				summary.canceled = true;
				break;
			}
			final String name = images.get(k);
			IJ.showStatus("DiffusionJ batch: " + (k + 1) + "/" + images.size() + " " + name);
			final long seed = BatchShard.fileSeed(call.seed(), name);
			final long start = System.nanoTime();
			final String[] result = processOne(name, stems.get(name), seed);
			if (!result[1].equals("done") && !result[1].equals("kept")) result[0] = ""; // no result to point at
			summary.count(result[1]);
			if (!result[1].equals("done") && !result[1].equals("kept")) IJ.log(name + ": " + result[1]);
			try {
				RunManifest.append(manifest, RunManifest.row(name, result[0], String.valueOf(seed), result[1].equals("done") ? (System
					.nanoTime() - start) / 1e9 : 0, result[2], result[1]));
			}
			catch (final IOException e) {
				IJ.log("DiffusionJ batch: the manifest " + manifest + " cannot take the row of " + name + " (" + e
					.getMessage() + ")");
				summary.failed++;
			}
		}
		IJ.showStatus("");
		IJ.log(summary.toString());
		return summary;
	}

	/** One file: {output, status, check}, the file's lock held throughout so that two writers never do it twice. */
	private String[] processOne(final String name, final String stem, final long seed) {
		final Path target = out.resolve(stem + suffix + ".tif");
		final Path lockFile = out.resolve("." + stem + suffix + ".lock");
		try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
			final FileLock lock = tryLock(channel);
			if (lock == null) return new String[] { target.toString(), "kept", "" }; // another writer does it now
			try {
				final String[] done = process(name, stem, seed, target);
				return new String[] { target.toString(), done[0], done[1] };
			}
			finally {
				Files.deleteIfExists(lockFile); // NB: while held: a later writer then finds the result itself
				lock.release();
			}
		}
		catch (final IOException e) {
			return new String[] { "", "failed: " + e.getMessage(), "" };
		}
	}

	private static FileLock tryLock(final FileChannel channel) throws IOException {
		try {
			return channel.tryLock();
		}
		catch (final OverlappingFileLockException e) {
			return null;
		}
	}

	/** {status, check} of one file. */
	private String[] process(final String name, final String stem, final long seed, final Path target)
		throws IOException
	{
		if (Files.exists(target)) {
			final String broken = TiffIntegrity.problem(target.toFile());
			if (broken == null) {
				IJ.log("Kept (already exists, not overwritten): " + target);
				return new String[] { "kept", "" };
			}
			final Path aside = target.resolveSibling(target.getFileName() + ".broken");
			IJ.log("Redoing " + name + ": " + target.getFileName() + " is not a whole result (" + broken + "); it is " +
				"set aside as " + aside.getFileName());
			Files.move(target, aside, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		}
		final Object opened = BatchFiles.readWhole(in.resolve(name).toFile());
		if (opened instanceof String) return new String[] { "unreadable: " + opened, "" };
		final RunResult run;
		try {
			run = call.run(context, (ImagePlus) opened, seed, java.util.Collections.emptyMap());
		}
		catch (final IllegalArgumentException e) {
			return new String[] { "failed: " + e.getMessage(), "" };
		}
		final String shortTitle = ResultStems.stem(name).replace(" ", ""); // the commands title results by it
		final List<ImagePlus> results = new ArrayList<>(run.images().values());
		results.sort((a, b) -> Boolean.compare(rest(a, shortTitle).equals(suffix), rest(b, shortTitle).equals(suffix)));
		for (final ImagePlus result : results) { // the main result last: it marks the file done
			final Path path = out.resolve(stem + rest(result, shortTitle) + ".tif");
			try {
				if (Files.exists(path) && TiffIntegrity.problem(path.toFile()) == null) continue; // an earlier attempt's
				Files.deleteIfExists(path);
				VerifiedWrite.tiff(result, path);
			}
			catch (final IOException e) {
				return new String[] { "failed: " + path.getFileName() + " cannot be written (" + e.getMessage() + ")", "" };
			}
		}
		return new String[] { "done", RunManifest.check(run) };
	}

	/** What follows the input's short title in a result's title: -sdedit, -restored-std, ... */
	static String rest(final ImagePlus imp, final String shortTitle) {
		final String title = imp.getTitle();
		return title.startsWith(shortTitle) ? title.substring(shortTitle.length()) : "-" + title;
	}

	/** What a run did, counted as it went. */
	public static final class Summary {

		public int done, kept, failed, unreadable, skipped;
		public boolean canceled;
		private final String output;

		Summary(final String output) {
			this.output = output;
		}

		void count(final String status) {
			if (status.equals("done")) done++;
			else if (status.equals("kept")) kept++;
			else if (status.startsWith("unreadable")) unreadable++;
			else failed++;
		}

		/** Whether every image of the run has its results: nothing failed, nothing unreadable, not canceled. */
		public boolean complete() {
			return failed == 0 && unreadable == 0 && !canceled;
		}

		@Override
		public String toString() {
			return "DiffusionJ batch: " + done + " done, " + kept + " kept, " + failed + " failed, " + unreadable +
				" unreadable, " + skipped + " skipped (not images)" + (canceled ? ", canceled" : "") + "; results in " +
				output + (complete() ? "" : " (see the manifest)");
		}
	}
}
