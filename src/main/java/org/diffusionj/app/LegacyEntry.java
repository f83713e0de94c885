package org.diffusionj.app;

import ij.IJ;
import ij.plugin.PlugIn;

import org.diffusionj.command.DiffusionCommand;
import org.scijava.command.CommandInfo;

/**
 * Every command's entry in a plain ImageJ 1.x, which has no imagej-legacy to see SciJava commands: the jar's
 * {@code plugins.config} names this class with the command's label as argument. Each call runs the command in the
 * JVM's one {@link SharedContext} as the bridge does (macro keys or a dialog, the active image).
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
		final CommandInfo info = MenuCommands.of(SharedContext.get()).get(label);
		if (info == null) {
			IJ.error(DiffusionCommand.TITLE, "DiffusionJ has no command " + label + ".");
			return;
		}
		new CommandCall(SharedContext.get(), info).run();
	}
}
