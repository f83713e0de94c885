package org.diffusionj.command;

import org.diffusionj.model.ModelLoadException;

/**
 * A command that runs over a folder (Batch Folder..., the batch macro, SLURM, Spark): before any file, its keys are
 * checked as a run checks them, so that a value wrong for the whole run (a sampler, a model folder, a PSF file) is one
 * sentence and no output folder is begun, rather than a failure per file.
 */
public interface FolderCommand extends ImageCommand {

	/** Checks this command's keys with no image: its request built and checked by the Java API, no network loaded. */
	void check() throws ModelLoadException;
}
