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
 * unresolved input of a DiffusionJ command resolved, with the default it already holds. It is, with the ImageJ 1.x
 * bridge in {@code app}, the only reader of macro text: the commands themselves never ask whether a macro runs. A macro call without any
 * options ({@code run("Generate Images...")}) still gets the dialog, as in ImageJ 1.x.
 */
@Plugin(type = PreprocessorPlugin.class, priority = MacroDefaultsPreprocessor.PRIORITY)
public final class MacroDefaultsPreprocessor extends AbstractPreprocessorPlugin {

	/** After LoadInputsPreprocessor, before the input harvester. */
	public static final double PRIORITY = InputHarvester.PRIORITY + 0.5;

	/**
	 * First the macro's keys are checked: a key the command does not have stops the macro with one sentence (the
	 * command says it, as it says every problem) and the command does not run.
	 */
	@Override
	public void process(final Module module) {
		if (!(module.getDelegateObject() instanceof DiffusionCommand)) return;
		final String options = Macro.getOptions();
		if (options == null) return;
		final DiffusionCommand command = (DiffusionCommand) module.getDelegateObject();
		try {
			MacroKeys.check(command.getClass(), command.label(), options);
		}
		catch (final IllegalArgumentException e) {
			command.refuse(e.getMessage());
			cancel(""); // NB: said once, by the command; a reason would be shown a second time
			return;
		}
		for (final ModuleItem<?> item : module.getInfo().inputs()) {
			if (!module.isInputResolved(item.getName())) module.resolveInput(item.getName());
		}
	}
}
