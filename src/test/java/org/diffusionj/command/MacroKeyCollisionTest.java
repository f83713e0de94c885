package org.diffusionj.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.Macro;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * ImageJ 1.x reads a key's value by finding "key=" not preceded by a letter (Macro.getValue), so a key that ends with
 * another key after an underscore or digit ({@code psf_image} and {@code image}, {@code noise_sigma} and {@code sigma})
 * hands its value to the other whenever the other is left out. No command may have such a pair.
 */
class MacroKeyCollisionTest {

	@Test
	void imageJReadsTheCollisionThisTestLooksFor() {
		assertEquals("5", Macro.getValue("noise_sigma=5", "sigma", "none"));
		assertEquals("none", Macro.getValue("noisesigma=5", "sigma", "none"));
	}

	@Test
	void noCommandKeyHidesInsideAnother() throws Exception {
		final List<String> clashes = new ArrayList<>();
		final List<Class<?>> commands = commandClasses();
		assertTrue(commands.size() >= 13, "found " + commands);
		for (final Class<?> command : commands) {
			final Set<String> keys = MacroKeys.of(command);
			for (final String key : keys) {
				for (final String other : keys) {
					if (key.equals(other)) continue;
					final String found = Macro.getValue(key + "=1", other, null);
					if (found != null) clashes.add(command.getSimpleName() + ": " + key + " is read as " + other);
				}
			}
		}
		assertEquals(new ArrayList<>(), clashes);
	}

	/** Every class of the main sources annotated as a SciJava command. */
	private static List<Class<?>> commandClasses() throws IOException, ClassNotFoundException {
		final Path root = Paths.get("src/main/java");
		final List<Class<?>> out = new ArrayList<>();
		try (Stream<Path> files = Files.walk(root)) {
			for (final Path f : files.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList())) {
				if (!new String(Files.readAllBytes(f), StandardCharsets.UTF_8).contains("@Plugin(type = Command.class")) continue;
				final String name = root.relativize(f).toString().replace('/', '.').replaceAll("\\.java$", "");
				out.add(Class.forName(name));
			}
		}
		return out;
	}
}
