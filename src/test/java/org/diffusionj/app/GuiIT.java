package org.diffusionj.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

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
		final ProcessBuilder pb = new ProcessBuilder(Arrays.asList(Paths.get(System.getProperty("java.home"), "bin",
			"java").toString(), "--add-opens=java.base/java.lang=ALL-UNNAMED", "-Djava.awt.headless=false", "-cp", System
				.getProperty("java.class.path"), GuiCheck.class.getName(), shots.getAbsolutePath())).redirectErrorStream(
					true);
		final Process p = pb.start();
		final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		final byte[] b = new byte[8192];
		for (int r; (r = p.getInputStream().read(b)) > 0;) out.write(b, 0, r);
		assertTrue(p.waitFor(180, TimeUnit.SECONDS));
		final String text = new String(out.toByteArray(), StandardCharsets.UTF_8);
		System.out.println(text);
		assertEquals(0, p.exitValue(), text);
		assertTrue(new File(shots, "generate-result.png").length() > 0);
	}
}
