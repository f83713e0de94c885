package org.diffusionj.app;

import ij.IJ;
import ij.plugin.PlugIn;

import org.diffusionj.command.DiffusionCommand;
import org.scijava.Context;
import org.scijava.command.CommandInfo;

/**
 * Every command's entry in a plain ImageJ 1.x, which has no imagej-legacy to see SciJava commands: the jar's
 * {@code plugins.config} names this class with the command's label as argument. The first call makes one
 * SciJava context over this jar's class loader, kept for the JVM's life (measured on this project's machine: the
 * first context takes 0.6 s, each later one 30-40 ms, which a macro calling a command a thousand times paid every
 * call); each call runs the command in it as the bridge does (macro keys or a dialog, the active image).
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

	/** The JVM's one context, made on first use (with this jar's class loader as the context loader). */
	private static final class Shared {
		static final Context CONTEXT = new Context();
	}

	private static void runInContext(final String label) {
		final CommandInfo info = MenuCommands.of(Shared.CONTEXT).get(label);
		if (info == null) {
			IJ.error(DiffusionCommand.TITLE, "DiffusionJ has no command " + label + ".");
			return;
		}
		new CommandCall(Shared.CONTEXT, info).run();
	}
}
