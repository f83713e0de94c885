package org.diffusionj.app;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.diffusionj.api.ModelPaths;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs ImageJ macros through the real ImageJ 1.x interpreter and the bridge, as {@code -batch} does,
 * capturing what they print. One per test class ({@code @RegisterExtension static final MacroHarness ij});
 * it disposes of the SciJava context after the class's tests.
 */
public final class MacroHarness implements AutoCloseable, AfterAllCallback {

	private final Bridge bridge;
	private String output = "";

	public MacroHarness() {
		System.setProperty(ModelPaths.ROOT_PROPERTY, System.getProperty("user.dir"));
		bridge = Bridge.install();
	}

	/** @return true when the macro ran to its end */
	public boolean run(final String macro) {
		return run(macro, "");
	}

	public boolean run(final String macro, final String arg) {
		return runAsIs("close(\"*\");\n" + macro, arg);
	}

	/** Runs a macro without closing the images earlier macros left (to look at them after a macro that failed). */
	public boolean runAsIs(final String macro, final String arg) {
		final PrintStream out = System.out, err = System.err;
		final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
		final PrintStream capture = new PrintStream(buffer, true);
		System.setOut(capture);
		System.setErr(capture);
		try {
			// NB: batch-mode images outlive a macro in one JVM (the app runs one macro per process)
			return new BatchMacro(macro, arg).run();
		}
		finally {
			System.setOut(out);
			System.setErr(err);
			output = new String(buffer.toByteArray(), StandardCharsets.UTF_8);
			out.print(output);
		}
	}

	/** What the last macro printed (print(), IJ.log, error messages). */
	public String output() {
		return output;
	}

	public Bridge bridge() {
		return bridge;
	}

	@Override
	public void close() {
		bridge.close();
	}

	/** As a static {@code @RegisterExtension} field: one harness per test class, closed after its tests. */
	@Override
	public void afterAll(final ExtensionContext context) {
		close();
	}
}
