package org.diffusionj.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

import org.diffusionj.app.MacroHarness;
import org.diffusionj.model.ModelCache;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code mvn -Pbench verify}, issue 34: Restore Image... with the shipped fluo-restore on one 256 × 256 16-bit image, in
 * one run: the default (8 samples of DPM++2M-t0-20: 160 model calls), one sample (20 calls) and samples=0 (the
 * posterior mean in one call), and the fewer-call settings it is calibrated for, each as a ratio to the default. The
 * model is loaded before the first timing. Prints; asserts nothing about time.
 */
class RestoreBenchmark {

	@RegisterExtension
	static final MacroHarness ij = new MacroHarness();

	private static final Path MODEL = Paths.get("models/fluo-restore").toAbsolutePath();
	private static final String IMAGE = "newImage(\"cond\", \"16-bit ramp\", 256, 256, 1);\nrun(\"Multiply...\", " +
		"\"value=0.05\");\nrun(\"Add...\", \"value=100\");\nrun(\"Add Specified Noise...\", \"standard=5\");\n";

	@AfterAll
	static void close() {
		ModelCache.clear();
	}

	@Test
	void defaultAgainstOneSampleAndOneCall() {
		seconds("samples=0"); // loads the model
		seconds("samples=8"); // the first pass of its shape and batch in this JVM (defaultAgainstFewerCalls)
		final double standard = seconds("samples=8"), one = seconds("samples=1"), mean = seconds("samples=0");
		System.out.println(String.format(Locale.ROOT, "DiffusionJ Restore Image..., fluo-restore, 256x256, %d cores:%n" +
			"  default samples=8 (160 calls) %.1f s | samples=1 (20 calls) %.1f s, x%.1f faster | samples=0 (1 call) " +
			"%.2f s, x%.0f faster", Runtime.getRuntime().availableProcessors(), standard, one, standard / one, mean,
			standard / mean));
	}

	/**
	 * The default against the fewer-call settings the shipped model is calibrated for (docs/speed.md): DPM++2M-Karras
	 * with 5 steps (40 calls) and 2 steps (16 calls), DPM++2M-SDE with 2 (16 calls), 8 samples each. The default runs
	 * twice and the second is the baseline: the first is the first pass of its shape and batch in this JVM, as a
	 * setting after it is not.
	 */
	@Test
	void defaultAgainstFewerCalls() {
		seconds("samples=0"); // loads the model
		final double cold = seconds("samples=8"), standard = seconds("samples=8");
		final StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "DiffusionJ Restore Image..., " +
			"fluo-restore, 256x256, %d cores: default samples=8 (DPM++2M-t0-20, 160 calls) %.1f s (its first run, the " +
			"first at this shape and batch: %.1f s)", Runtime.getRuntime().availableProcessors(), standard, cold));
		for (final String fewer : new String[] { "sampler=DPM++2M-Karras steps=5", "sampler=DPM++2M-Karras steps=2",
			"sampler=DPM++2M-SDE steps=2" })
		{
			final double s = seconds("samples=8 " + fewer);
			line.append(String.format(Locale.ROOT, "%n  %s (%d calls) %.1f s, x%.1f faster", fewer, 8 * Integer.parseInt(
				fewer.substring(fewer.indexOf("steps=") + 6)), s, standard / s));
		}
		System.out.println(line);
	}

	private static double seconds(final String options) {
		assertTrue(ij.run(IMAGE + "t = getTime();\nrun(\"Restore Image...\", \"model=[" + MODEL + "] " + options +
			" seed=1\");\nprint(\"ms:\" + (getTime() - t));"), ij.output());
		final String out = ij.output();
		final int at = out.lastIndexOf("ms:");
		return Double.parseDouble(out.substring(at + 3, out.indexOf('\n', at)).trim()) / 1000;
	}
}
