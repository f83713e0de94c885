package org.diffusionj.command;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;

import java.awt.GraphicsEnvironment;
import java.util.concurrent.CancellationException;

import org.diffusionj.model.LoadedModel;
import org.diffusionj.model.ModelCache;
import org.diffusionj.model.ModelLoadException;
import org.scijava.command.ContextCommand;
import org.scijava.plugin.Plugin;

/**
 * The shell every DiffusionJ command runs in: checks the macro's keys, runs {@link #execute()}, and turns
 * a problem into one sentence for the user. In a macro, that sentence stops the macro (IJ.error does; a
 * thrown exception would not in Fiji); a Cancel or Esc leaves no half result.
 */
public abstract class DiffusionCommand extends ContextCommand {

	/** Title of messages and the prefix of the status bar. */
	public static final String TITLE = "DiffusionJ";

	@Override
	public final void run() {
		IJ.resetEscape();
		try {
			if (IJ.isMacro()) MacroKeys.check(getClass(), label(), Macro.getOptions());
			execute();
		}
		catch (final CancellationException e) {
			IJ.showProgress(1.0);
			IJ.showStatus(label() + " canceled");
			if (IJ.isMacro()) error("Canceled: " + label() + " made no image.");
		}
		catch (final ModelLoadException | IllegalArgumentException e) {
			error(e.getMessage());
		}
		catch (final RuntimeException e) {
			if (Macro.MACRO_CANCELED.equals(e.getMessage())) throw e;
			error(label() + " failed: " + e.getMessage());
		}
	}

	/** Does the work; throws IllegalArgumentException or ModelLoadException with a user-facing sentence. */
	protected abstract void execute() throws ModelLoadException;

	/** The menu leaf label, which is also the macro command name. */
	protected final String label() {
		final Plugin p = getClass().getAnnotation(Plugin.class);
		final String path = p == null ? getClass().getSimpleName() : p.menuPath();
		return path.substring(path.lastIndexOf('>') + 1).trim();
	}

	/**
	 * Reports a problem. In a macro, IJ.error aborts the interpreter (it stops before the next statement)
	 * and throws "Macro canceled"; that exception is caught here, so that no module runner logs it with
	 * a stack trace.
	 */
	private void error(final String message) {
		IJ.showProgress(1.0);
		IJ.showStatus("");
		try {
			IJ.error(TITLE, message);
		}
		catch (final RuntimeException e) {
			if (!Macro.MACRO_CANCELED.equals(e.getMessage())) throw e;
		}
	}

	protected static LoadedModel loadModel(final String model) throws ModelLoadException {
		return ModelCache.get(ModelPaths.resolve(model));
	}

	/** Shows a result: a window in the GUI, the current (batch-mode) image in a macro. */
	protected static void show(final ImagePlus imp) {
		if (GraphicsEnvironment.isHeadless() && !IJ.isMacro()) WindowManager.setTempCurrentImage(imp);
		else imp.show();
	}
}
