package org.diffusionj.command;

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

	private LabelChoices() {}

	static void set(final MutableModuleItem<String> label, final String model) {
		if (label == null) return;
		final List<String> choices = new ArrayList<>();
		choices.add("none");
		try {
			final ModelConfig config = ModelFolder.open(ModelPaths.resolve(model)).config();
			choices.addAll(config.classNames());
		}
		catch (final ModelLoadException | RuntimeException e) {
			return; // NB: a broken folder is reported when the command runs; the field stays free text
		}
		if (choices.size() > 1) label.setChoices(choices);
	}
}
