package org.diffusionj.spark;

import ij.ImagePlus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

import org.diffusionj.app.BatchFiles;
import org.diffusionj.app.BatchShard;
import org.diffusionj.app.HeadlessCommands;
import org.diffusionj.app.ResultStems;
import org.diffusionj.app.TiffIntegrity;
import org.diffusionj.app.VerifiedWrite;

/**
 * What a folder run calls one file's results, as Batch Folder... does: the file's result stem ({@link ResultStems}:
 * its stem, or its whole name when another image of the folder has the same stem), the command's
 * suffix for the main result ({@code NAME-sdedit.tif}), the file's own seed, and for every other image
 * what follows ImageJ's short title in its title ({@code -restored-std}). One place for a whole-file task and a block
 * run alike.
 */
final class ResultNames {

	final String stem, suffix;
	final long seed;
	private final String shortTitle; // ImageJ's: the stem without its spaces, which the commands title results by

	/** @param runSeed the run's seed ({@link HeadlessCommands.Call#seed}), from which the file's own comes */
	ResultNames(final FolderJob job, final String name, final String stem, final long runSeed) {
		this.stem = stem;
		suffix = BatchFiles.suffix(job.command);
		seed = BatchShard.fileSeed(runSeed, name);
		shortTitle = ResultStems.stem(name).replace(" ", "");
	}

	/** The main result's file name: written last, it marks the file done. */
	String main() {
		return stem + suffix + ".tif";
	}

	/** What follows the short title in an image's title (-sdedit, -restored-std, ...). */
	String rest(final String title) {
		return title.startsWith(shortTitle) ? title.substring(shortTitle.length()) : "-" + title;
	}

	/** The title of an image whose rest is given. */
	String title(final String rest) {
		return shortTitle + rest;
	}

	boolean isMain(final String rest) {
		return rest.equals(suffix);
	}

	/** The images in writing order: the main result last. */
	List<ImagePlus> mainLast(final Collection<ImagePlus> images) {
		final List<ImagePlus> ordered = new ArrayList<>(images);
		ordered.sort(Comparator.comparing(imp -> isMain(rest(imp.getTitle()))));
		return ordered;
	}

	/**
	 * Writes an image as a TIFF of the folder under {@code stem + rest + ".tif"}, through a local file (written whole
	 * and read back: {@link VerifiedWrite}) and a part of the folder's; a whole file that exists is kept (an earlier
	 * attempt wrote it; never overwritten), one that is not whole is set aside and written anew.
	 */
	void write(final ImagePlus imp, final String rest, final HadoopFiles out, final Path local,
		final Consumer<String> beforeRename) throws IOException
	{
		final String name = stem + rest + ".tif";
		if (out.exists(name) && whole(out, name, local)) return;
		final Path tif = local.resolve("result.tif");
		VerifiedWrite.tiff(imp, tif);
		out.publish(tif, name, beforeRename);
		Files.delete(tif);
	}

	/**
	 * Whether a file of the folder is a whole TIFF (checked on a local copy); one that is not is moved aside to
	 * {@code NAME.broken}, so that it is made again and nothing is lost.
	 */
	static boolean whole(final HadoopFiles out, final String name, final Path local) throws IOException {
		final Path copy = local.resolve("existing.tif");
		Files.deleteIfExists(copy);
		out.fetch(name, copy);
		final String problem = TiffIntegrity.problem(copy.toFile());
		Files.delete(copy);
		if (problem == null) return true;
		System.err.println("DiffusionJ: " + name + " is not a whole result (" + problem + "); it is set aside as " + name +
			".broken and made again");
		out.moveAside(name, name + ".broken");
		return false;
	}
}
