package org.diffusionj.command;

/**
 * A command whose library is missing, as for a Fiji user who skipped ONNX Runtime's jar: its work fails with the
 * NoClassDefFoundError the JVM throws then. Run from a macro by {@code call("...MissingLibraryProbe.runOnce")}.
 */
public final class MissingLibraryProbe extends DiffusionCommand {

	@Override
	protected void execute() {
		throw new NoClassDefFoundError("ai/onnxruntime/OrtException");
	}

	public static String runOnce() {
		new MissingLibraryProbe().run();
		return "";
	}
}
