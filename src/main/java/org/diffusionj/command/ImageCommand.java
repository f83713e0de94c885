package org.diffusionj.command;

import ij.ImagePlus;

import org.diffusionj.api.RunResult;
import org.diffusionj.model.ModelLoadException;
import org.diffusionj.sampling.StepListener;

/**
 * A command that works on the image it is given. Its keys make one request of the Java API, which {@link #runOn}
 * runs on an image: what the command shows, and what a Java caller that filled its keys from a user's options
 * (Batch Folder..., Calibrate Uncertainty..., a Spark task) gets through {@link DiffusionCommand#runFor}.
 */
public interface ImageCommand {

	/** The API run of this command's keys on {@code image}, which it does not modify. */
	RunResult runOn(ImagePlus image, StepListener progress) throws ModelLoadException;
}
