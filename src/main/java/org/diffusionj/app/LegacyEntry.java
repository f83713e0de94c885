package org.diffusionj.app;

import ij.IJ;
import ij.plugin.PlugIn;

import org.diffusionj.command.DiffusionCommand;
import org.scijava.Context;
import org.scijava.command.CommandInfo;

/**
 * Every command's entry in a plain ImageJ 1.x, which has no imagej-legacy to see SciJava commands: the jar's
 * {@code plugins.config} names this class with the command's label as argument. A call makes a SciJava context
 * over this jar's class loader, runs the command as the bridge does (macro keys or a dialog, the active image)
 * and disposes of the context; the model cache outlives it. In Fiji, imagej-legacy's entries of the same labels
 * in the same menu take these over, so each command is listed once.
 */
public final class LegacyEntry implements PlugIn {

	@Override
	public void run(final String label) {
		final Thread thread = Thread.currentThread();
		final ClassLoader before = thread.getContextClassLoader();
		// NB: the plugin index of this jar is seen only through the class loader that loaded it
		thread.setContextClassLoader(LegacyEntry.class.getClassLoader());
		try {
			runInContext(label);
		}
		catch (final NoClassDefFoundError e) {
			IJ.error(DiffusionCommand.TITLE, DiffusionCommand.NEEDS + e.getMessage() + " is missing.");
		}
		finally {
			thread.setContextClassLoader(before);
		}
	}

	private static void runInContext(final String label) {
		final Context context = new Context();
		try {
			final CommandInfo info = MenuCommands.of(context).get(label);
			if (info == null) {
				IJ.error(DiffusionCommand.TITLE, "DiffusionJ has no command " + label + ".");
				return;
			}
			new CommandCall(context, info).run();
		}
		finally {
			context.dispose();
		}
	}
}
