package org.diffusionj.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Paths;

import org.junit.jupiter.api.Test;

/**
 * Runs {@link GuiCheck} in a JVM of its own on the X display (Xvfb in CI: .ci/run uses xvfb-run).
 * Skipped where there is no display.
 */
class GuiIT {

	@Test
	void menuDialogResultAndRecorder() throws Exception {
		final String display = System.getenv("DISPLAY");
		assumeTrue(display != null && !display.isEmpty(), "no X display (run under xvfb-run)");
		final File shots = Paths.get("target", "gui").toFile();
		final ChildJvm gui = ChildJvm.run(new ProcessBuilder(ChildJvm.java(),
			"--add-opens=java.base/java.lang=ALL-UNNAMED", "-Djava.awt.headless=false", "-cp", System.getProperty(
				"java.class.path"), GuiCheck.class.getName(), shots.getAbsolutePath()), 180);
		System.out.println(gui.output);
		assertEquals(0, gui.exit, gui.output);
		assertTrue(new File(shots, "generate-result.png").length() > 0);
	}
}
