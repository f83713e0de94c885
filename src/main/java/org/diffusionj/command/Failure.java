package org.diffusionj.command;

import ij.IJ;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * What a user reads when a command fails: one sentence, never "null", never a stack trace in a dialog. A problem
 * DiffusionJ names (IllegalArgumentException) is its message; a failure it did not expect also puts its stack
 * trace in the Log, for a bug report.
 */
final class Failure {

	/** The start of the sentence for a library that is not installed (a jar left out of Fiji's or ImageJ's jars/). */
	static final String NEEDS = "DiffusionJ needs scijava-common, gson, onnxruntime and imglib2 next to ImageJ (in its " +
		"jars/ folder, on the class path; see the README): ";

	private Failure() {}

	static String sentence(final String label, final Throwable e) {
		if (e instanceof IllegalArgumentException && e.getMessage() != null) return e.getMessage();
		if (e instanceof OutOfMemoryError) {
			return label + " ran out of Java memory (" + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB at most): " +
				"ask for fewer or smaller images, a smaller batch or tile, or give ImageJ more memory (Edit > Options > " +
				"Memory & Threads).";
		}
		if (isNativeLoadFailure(e)) {
			return "ONNX Runtime's native library cannot be loaded on " + System.getProperty("os.name") + " " + System
				.getProperty("os.arch") + " (" + describe(e) + "): the onnxruntime jar in ImageJ's jars/ folder must be one " +
				"for this platform (onnxruntime-1.20.0.jar holds Linux, macOS and Windows on x64 and arm64).";
		}
		// NB: a missing jar is one sentence, or the module runner logs a 30-line trace under it
		if (e instanceof NoClassDefFoundError) return NEEDS + e.getMessage() + " is missing.";
		IJ.log(label + " failed:\n" + stackTrace(e));
		return label + " failed: " + describe(e) + " (the details are in the Log).";
	}

	/** The message of an exception (or of its cause), or its kind when it has none: never "null". */
	static String describe(final Throwable e) {
		for (Throwable t = e; t != null; t = t.getCause()) {
			if (t.getMessage() != null && !t.getMessage().trim().isEmpty()) return t.getMessage();
		}
		return e.getClass().getSimpleName();
	}

	/**
	 * ONNX Runtime's library failing to load: an UnsatisfiedLinkError, ORT's class initializer failing with it
	 * ("Failed to load onnx-runtime library"), or a later use of that class ("Could not initialize class ai.onnxruntime...").
	 */
	static boolean isNativeLoadFailure(final Throwable e) {
		for (Throwable t = e; t != null; t = t.getCause()) {
			if (t instanceof UnsatisfiedLinkError) return true;
			final String m = t.getMessage();
			if (m != null && (m.contains("onnx-runtime library") || m.contains("initialize class ai.onnxruntime"))) return true;
		}
		return false;
	}

	private static String stackTrace(final Throwable e) {
		final StringWriter w = new StringWriter();
		e.printStackTrace(new PrintWriter(w));
		return w.toString();
	}
}
