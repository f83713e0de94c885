package org.diffusionj.command;

import org.diffusionj.api.ModelPaths;
import java.util.ArrayList;
import java.util.List;

import org.diffusionj.model.ModelConfig;
import org.diffusionj.model.ModelFolder;
import org.diffusionj.model.ModelLoadException;
import org.scijava.module.MutableModuleItem;

/**
 * The choices of a {@code label} field in a SciJava dialog (Fiji's): {@code none} and the class names of the
 * model folder, read from its diffusion.json (not its ONNX file). Macros are not held to them: imagej-legacy
 * takes a macro's value as it is, so an index or any case still works.
 */
final class LabelChoices {

	static final String NONE = "none";

	private LabelChoices() {}

	/**
	 * Gives the field the model's choices when it has classes; a field that already offers choices (a dialog's
	 * list) gets just none for a model without classes.
	 *
	 * @return the choices the field offers now, or null when it stays free text
	 */
	static List<String> set(final MutableModuleItem<String> label, final String model) {
		if (label == null) return null;
		final List<String> choices = new ArrayList<>();
		choices.add(NONE);
		try {
			final ModelConfig config = ModelFolder.open(ModelPaths.resolve(model)).config();
			choices.addAll(config.classNames());
		}
		catch (final ModelLoadException | RuntimeException e) {
			return null; // NB: a broken folder is reported when the command runs; the field stays as it is
		}
		final boolean hadChoices = label.getChoices() != null && !label.getChoices().isEmpty();
		if (choices.size() == 1 && !hadChoices) return null;
		label.setChoices(choices);
		return choices;
	}
}
