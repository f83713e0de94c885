package org.diffusionj.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Every failure a command can meet becomes one sentence, never "null". */
class FailureTest {

	@Test
	void aNamedProblemIsItsMessage() {
		assertEquals("steps=0 is out of range", Failure.sentence("Generate Images...", new IllegalArgumentException(
			"steps=0 is out of range")));
	}

	@Test
	void anUnexpectedFailureNeverSaysNull() {
		assertEquals("Generate Images... failed: NullPointerException (the details are in the Log).", Failure.sentence(
			"Generate Images...", new NullPointerException()));
		assertEquals("Generate Images... failed: disk full (the details are in the Log).", Failure.sentence(
			"Generate Images...", new IllegalStateException(null, new java.io.IOException("disk full"))));
	}

	@Test
	void outOfMemoryIsOneSentence() {
		assertTrue(Failure.sentence("Restore Image...", new OutOfMemoryError("Java heap space")).startsWith(
			"Restore Image... ran out of Java memory ("));
	}

	/** What ONNX Runtime 1.20 throws when its library does not load: first use, then every later one. */
	@Test
	void aNativeLibraryThatDoesNotLoadNamesThePlatform() {
		final String first = Failure.sentence("Generate Images...", new ExceptionInInitializerError(new RuntimeException(
			"Failed to load onnx-runtime library", new UnsatisfiedLinkError("no onnxruntime in java.library.path"))));
		assertTrue(first.startsWith("ONNX Runtime's native library cannot be loaded on " + System.getProperty("os.name")),
			first);
		final String later = Failure.sentence("Generate Images...", new NoClassDefFoundError(
			"Could not initialize class ai.onnxruntime.OrtEnvironment"));
		assertTrue(later.startsWith("ONNX Runtime's native library cannot be loaded"), later);
		assertTrue(Failure.sentence("Generate Images...", new NoClassDefFoundError("com/google/gson/JsonElement"))
			.startsWith(Failure.NEEDS), "a missing jar");
	}
}
