package org.diffusionj.app;

import ij.macro.Interpreter;

/** One macro run headless, as {@code -batch} does: batch mode on, no windows. */
final class BatchMacro {

	private final String text;
	private final String arg;

	BatchMacro(final String text, final String arg) {
		this.text = text;
		this.arg = arg;
	}

	/** @return true when the macro ran to its end, false when it stopped with an error */
	boolean run() {
		final Interpreter interpreter = new Interpreter();
		Interpreter.batchMode = true;
		try {
			interpreter.run(text, arg);
		}
		catch (final java.awt.HeadlessException e) {
			System.err.println("Macro stopped: ImageJ tried to open a window (" + windowOf(e) + ") and this run has no " +
				"display; run it with one (xvfb-run) or leave out the call that opens it.");
			return false;
		}
		catch (final RuntimeException e) {
			if (!ij.Macro.MACRO_CANCELED.equals(e.getMessage())) {
				System.err.println("Macro failed: " + e);
			}
			return false;
		}
		finally {
			Interpreter.batchMode = false;
		}
		return !interpreter.wasError();
	}

	/** The ImageJ class that wanted a window (a dialog, a text editor): the first ij.* frame of the trace. */
	static String windowOf(final Throwable e) {
		for (final StackTraceElement f : e.getStackTrace()) {
			if (f.getClassName().startsWith("ij.")) return f.getClassName();
		}
		return "unknown";
	}
}
