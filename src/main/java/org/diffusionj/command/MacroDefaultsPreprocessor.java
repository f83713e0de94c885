package org.diffusionj.command;

import ij.Macro;

import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.process.AbstractPreprocessorPlugin;
import org.scijava.module.process.PreprocessorPlugin;
import org.scijava.plugin.Plugin;
import org.scijava.widget.InputHarvester;

/**
 * In a macro, a DiffusionJ key the macro leaves out takes its default, as in ImageJ 1.x, instead of a dialog.
 *
 * <p>In GUI Fiji, imagej-legacy's MacroPreprocessor (priority 2 * VERY_HIGH) sets only the keys a macro names and
 * leaves the others unresolved; InitPreprocessor (HIGH) runs the initializers; scijava-common's
 * LoadInputsPreprocessor ({@code InputHarvester.PRIORITY + 1}) puts in the last-used value, or with
 * {@code persist = false} keeps the field's default; then the input harvester ({@code InputHarvester.PRIORITY},
 * VERY_LOW; imagej-legacy's LegacyInputHarvester) shows a dialog for every input still unresolved whenever the UI is
 * visible (shared/reference/imagej-legacy.md, section 2). A macro that gives some keys would stop at a dialog.
 * This preprocessor runs between the last two: while an ImageJ 1.x macro's options reach the thread
 * ({@code Macro.getOptions()}, which ij1-patcher extends to the module thread's ancestors), it marks every
 * unresolved input of a DiffusionJ command resolved, with the default it already holds. A macro call without any
 * options ({@code run("Generate Images...")}) still gets the dialog, as in ImageJ 1.x.
 */
@Plugin(type = PreprocessorPlugin.class, priority = MacroDefaultsPreprocessor.PRIORITY)
public final class MacroDefaultsPreprocessor extends AbstractPreprocessorPlugin {

	/** After LoadInputsPreprocessor, before the input harvester. */
	public static final double PRIORITY = InputHarvester.PRIORITY + 0.5;

	@Override
	public void process(final Module module) {
		if (!(module.getDelegateObject() instanceof DiffusionCommand) || Macro.getOptions() == null) return;
		for (final ModuleItem<?> item : module.getInfo().inputs()) {
			if (!module.isInputResolved(item.getName())) module.resolveInput(item.getName());
		}
	}
}
