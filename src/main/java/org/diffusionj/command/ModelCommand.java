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

	@Parameter(label = "Model", description = "a folder name under models/ or the path of a model folder",
		callback = "modelChanged", persist = false)
	protected String model = ModelPaths.DEFAULT_MODEL;

	@Parameter(label = "Device", choices = { "auto", "cpu", "cuda" },
		description = "auto: CUDA when the onnxruntime_gpu jar is installed and CUDA works, else the CPU (a fallback " +
			"with the GPU jar is said once in the Log)", persist = false)
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

	/**
	 * Initializer of a {@code label} field: in a SciJava dialog it becomes a choice of the model's class names
	 * (a macro may still give an index or any case).
	 */
	protected final void initLabelChoices() {
		LabelChoices.set(getInfo().getMutableInput("label", String.class), model);
	}

	/**
	 * Callback of {@code model} in a SciJava dialog: {@code label} offers the new model's class names (SciJava's
	 * dialog rebuilds a choice list on refresh), and a label the new model does not have goes back to none.
	 */
	protected final void modelChanged() {
		final org.scijava.module.MutableModuleItem<String> item = getInfo().getMutableInput("label", String.class);
		if (item == null) return;
		final java.util.List<String> choices = LabelChoices.set(item, model);
		final String current = item.getValue(this);
		if (choices != null && current != null && !choices.contains(current)) item.setValue(this, LabelChoices.NONE);
	}
}
