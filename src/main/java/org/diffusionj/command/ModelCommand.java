package org.diffusionj.command;

import org.diffusionj.api.ModelPaths;
import ij.IJ;

import org.diffusionj.model.ExecutionDevice;
import org.diffusionj.model.LoadedModel;
import org.diffusionj.model.ModelCache;
import org.diffusionj.model.ModelLoadException;
import org.scijava.plugin.Parameter;

/** A command that runs a model: the {@code model} and {@code device} keys. */
public abstract class ModelCommand extends DiffusionCommand {

	@Parameter(label = "Model", description = KeyHelp.MODEL,
		callback = "modelChanged", persist = false)
	protected String model = ModelPaths.DEFAULT_MODEL;

	@Parameter(label = "Device", choices = { "auto", "cpu", "cuda" },
		description = KeyHelp.DEVICE, persist = false)
	protected String device = "auto";

	/** The model of the {@code model} key on the {@code device}; a CPU fallback is logged once per JVM. */
	protected final LoadedModel loadModel() throws ModelLoadException {
		final LoadedModel loaded = hold(ModelCache.acquire(ModelPaths.resolve(model), ExecutionDevice.fromKey(device)));
		if (loaded.config().condition().present() && !takesRestorationModels()) {
			throw new IllegalArgumentException("Model " + loaded.config().name() + " is a restoration model (it samples " +
				"given an image): use it with Restore Image..., not " + label());
		}
		final String fallback = loaded.denoiser().fallbackReason();
		if (fallback != null && ModelCache.firstFallbackNotice()) {
			IJ.log("DiffusionJ: " + loaded.config().name() + " runs on the CPU: " + fallback + ".");
		}
		return loaded;
	}

	/** True for the commands that can give a restoration model its condition image (or only describe the model). */
	protected boolean takesRestorationModels() {
		return false;
	}
}
