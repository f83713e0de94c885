package org.diffusionj.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

/**
 * A child process of a test (another JVM: the app jar, plain ImageJ, the GUI check), its output and exit code.
 * The output is drained on a thread of its own, so a child that hangs fails the test at the timeout instead of
 * blocking the build.
 */
final class ChildJvm {

	final int exit;
	final String output;

	private ChildJvm(final int exit, final String output) {
		this.exit = exit;
		this.output = output;
	}

	/** The java executable of the JVM that runs the tests. */
	static String java() {
		return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
	}

	/** Starts {@code pb} with stderr merged into stdout and waits at most {@code timeoutSeconds} for it. */
	static ChildJvm run(final ProcessBuilder pb, final long timeoutSeconds) throws IOException,
		InterruptedException
	{
		final Process p = pb.redirectErrorStream(true).start();
		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		final Thread drain = new Thread(() -> copy(p.getInputStream(), out), "child output");
		drain.start();
		final boolean finished = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
		if (!finished) p.destroyForcibly().waitFor();
		drain.join();
		final String text = new String(out.toByteArray(), StandardCharsets.UTF_8);
		assertTrue(finished, "no exit within " + timeoutSeconds + " s: " + pb.command() + "\n" + text);
		return new ChildJvm(p.exitValue(), text);
	}

	private static void copy(final InputStream in, final ByteArrayOutputStream out) {
		final byte[] b = new byte[8192];
		try {
			for (int r; (r = in.read(b)) > 0;) out.write(b, 0, r);
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
