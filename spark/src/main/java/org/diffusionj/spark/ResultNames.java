package org.diffusionj.spark;

import ij.ImagePlus;
import ij.Macro;
import ij.io.FileSaver;

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

/**
 * What a folder run calls one file's results, as {@code macros/batch_folder.ijm} does: the file's stem, the command's
 * suffix for the main result ({@code NAME-sdedit.tif}), the file's own options and seed, and for every other image
 * what follows ImageJ's short title in its title ({@code -restored-std}). One place for a whole-file task and a block
 * run alike.
 */
final class ResultNames {

	final String stem, suffix, options, seed;
	private final String shortTitle; // ImageJ's: the stem without its spaces, which the commands title results by

	ResultNames(final FolderJob job, final String name) {
		final int dot = name.lastIndexOf('.');
		stem = dot > 0 ? name.substring(0, dot) : name; // NB: as a macro's File.getNameWithoutExtension
		suffix = BatchFiles.suffix(job.command);
		options = BatchShard.withFileSeed(job.options, name);
		seed = Macro.getValue(options, "seed", "");
		shortTitle = stem.replace(" ", "");
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
	 * Writes an image as a TIFF of the folder under {@code stem + rest + ".tif"}, through a local file and a part of
	 * the folder's; a file that exists is kept (an earlier attempt wrote it whole; never overwritten).
	 */
	void write(final ImagePlus imp, final String rest, final HadoopFiles out, final Path local,
		final Consumer<String> beforeRename) throws IOException
	{
		final String name = stem + rest + ".tif";
		if (out.exists(name)) return;
		final Path tif = local.resolve("result.tif");
		if (!new FileSaver(imp).saveAsTiff(tif.toString())) throw new IOException("cannot write " + tif);
		out.publish(tif, name, beforeRename);
		Files.delete(tif);
	}
}
