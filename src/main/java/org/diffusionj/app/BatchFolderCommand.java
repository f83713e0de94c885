package org.diffusionj.app;

import org.diffusionj.command.DiffusionCommand;
import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins › DiffusionJ › Batch Folder...: every image of a folder through Noise and Denoise..., Restore Image... or Deconvolve Image...
 * into another folder, unattended ({@link FolderBatch}). In the app package, not with the other commands, because it
 * runs them (commands sit below the app layer). A run with a file that failed ends with one sentence, which stops a
 * macro and makes the headless app exit non-zero; the manifest says which file and why.
 */
@Plugin(type = Command.class, headless = true, menu = { @Menu(label = "Plugins"), @Menu(label = "DiffusionJ"),
	@Menu(label = "Batch Folder...", weight = 95) })
public final class BatchFolderCommand extends DiffusionCommand {

	@Parameter(label = "Input folder", style = "directory", description = "the images to process (never written to)",
		persist = false)
	private String input = "";

	@Parameter(label = "Output folder", style = "directory", description = "where results and manifest.csv go; " +
		"must not lie inside the input folder", persist = false)
	private String output = "";

	@Parameter(label = "Command", choices = { "Noise and Denoise...", "Restore Image...",
		"Deconvolve Image..." }, persist = false)
	private String command = "Noise and Denoise...";

	@Parameter(label = "Options", required = false, description = "the command's keys (empty: strength=0.3 " +
		"steps=20 for Noise and Denoise, samples=8 for Restore and Deconvolve)", persist = false)
	private String options = "";

	@Parameter(label = "Shard", description = "i/n: the i-th of n disjoint parts of the folder", persist = false)
	private String shard = "1/1";

	@Override
	protected void execute() {
		if (input.trim().isEmpty() || output.trim().isEmpty()) {
			throw new IllegalArgumentException("Batch Folder... needs an input and an output folder (input=[...] " +
				"output=[...]).");
		}
		final FolderBatch.Summary summary = FolderBatch.run(getContext(), input.trim(), output.trim(), command, options,
			shard);
		if (!summary.complete()) throw new IllegalArgumentException(summary.toString());
	}
}
