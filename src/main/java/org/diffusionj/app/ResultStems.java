package org.diffusionj.app;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a folder run calls each input's results: the file's stem ({@code cell.tif} gives {@code cell-restored.tif}),
 * unless another image of the folder has the same stem (ignoring case, as macOS and Windows do): then every file of
 * that stem keeps its whole name ({@code a.tif-sdedit.tif} and {@code a.png-sdedit.tif}). Decided from the whole
 * folder, so it is the same in every shard, for the macro, SLURM and Spark.
 */
public final class ResultStems {

	private ResultStems() {}

	/** The result stem of each image file, by file name. */
	public static Map<String, String> of(final List<String> images) {
		final Map<String, String> stems = new LinkedHashMap<>();
		for (final String name : images) stems.put(name, stem(name));
		// NB: a whole name can meet another file's stem (a.tif and a.tif.png): a second pass gives both whole names
		for (boolean clash = true; clash;) {
			final Map<String, Integer> count = new HashMap<>();
			for (final String stem : stems.values()) count.merge(key(stem), 1, Integer::sum);
			clash = false;
			for (final Map.Entry<String, String> e : stems.entrySet()) {
				if (count.get(key(e.getValue())) > 1 && !e.getValue().equals(e.getKey())) {
					e.setValue(e.getKey());
					clash = true;
				}
			}
		}
		return stems;
	}

	/** The name without its last extension, as a macro's File.getNameWithoutExtension gives it. */
	public static String stem(final String name) {
		final int dot = name.lastIndexOf('.');
		return dot > 0 ? name.substring(0, dot) : name;
	}

	private static String key(final String stem) {
		return stem.toLowerCase(Locale.ROOT);
	}
}
