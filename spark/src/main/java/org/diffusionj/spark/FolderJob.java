package org.diffusionj.spark;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;

import org.diffusionj.app.BatchOptions;

/**
 * What a folder run does, as its command line says it: immutable, and shipped to every task. Folders are Hadoop
 * paths (a local folder, {@code hdfs://}, {@code s3a://}, ... whose connector is on the class path).
 */
public final class FolderJob implements Serializable {

	private static final long serialVersionUID = 1L;

	final String input, output, command, options, models;
	final Map<String, String> hadoop; // the driver's Hadoop settings, which executors read folders with
	final int block, halo; // block edge (0: each image whole) and halo of a block run

	/**
	 * @param models the ImageJ folder that {@code model=} names resolve against on every executor (its models/), or
	 *          null for the executors' own default
	 */
	public FolderJob(final String input, final String output, final String command, final String options,
		final String models, final Map<String, String> hadoop)
	{
		this(input, output, command, options, models, hadoop, 0, 0);
	}

	/** A run that cuts each image into blocks of {@code block} × {@code block} pixels read with a {@code halo}. */
	public FolderJob(final String input, final String output, final String command, final String options,
		final String models, final Map<String, String> hadoop, final int block, final int halo)
	{
		this.block = block;
		this.halo = halo;
		this.input = withSlash(input);
		this.output = withSlash(output);
		this.command = command;
		this.options = BatchOptions.resolve(command, options); // NB: none or empty: the folder run's defaults
		this.models = models;
		this.hadoop = Collections.unmodifiableMap(new java.util.HashMap<>(hadoop));
	}

	private static String withSlash(final String folder) {
		return folder.endsWith("/") ? folder : folder + "/";
	}
}
