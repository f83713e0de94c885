package org.diffusionj.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.scijava.Context;

/**
 * plugins.config (plain ImageJ 1.x) lists exactly the SciJava commands, each through LegacyEntry with its label, in
 * the order of their menu weights (the order imagej-legacy gives them in Fiji).
 */
class PluginsConfigTest {

	private static final Pattern ENTRY = Pattern.compile(
		"Plugins>DiffusionJ, \"([^\"]+)\", org\\.diffusionj\\.app\\.LegacyEntry\\(\"([^\"]+)\"\\)");

	@Test
	void everyCommandOnceUnderItsOwnLabel() throws Exception {
		final List<String> listed = new ArrayList<>();
		try (BufferedReader r = new BufferedReader(new InputStreamReader(getClass().getResourceAsStream(
			"/plugins.config"), StandardCharsets.UTF_8)))
		{
			for (String line; (line = r.readLine()) != null;) {
				if (line.startsWith("#") || line.trim().isEmpty() || line.contains("\"-\", null")) continue;
				final Matcher m = ENTRY.matcher(line);
				assertEquals(true, m.matches(), line);
				assertEquals(m.group(1), m.group(2), "the argument is the label: " + line);
				assertEquals(false, listed.contains(m.group(1)), "listed twice: " + line);
				listed.add(m.group(1));
			}
		}
		final Context context = new Context();
		try {
			assertEquals(new ArrayList<>(MenuCommands.of(context).keySet()), listed);
		}
		finally {
			context.dispose();
		}
	}

	/** SciJava refuses an invalid command (e.g. an output named like an input) by canceling it without a word. */
	@Test
	void everyCommandIsValid() {
		final Context context = new Context();
		try {
			for (final org.scijava.command.CommandInfo info : MenuCommands.of(context).values()) {
				assertEquals(true, info.isValid(), info.getTitle() + ": " + info.getProblems());
			}
		}
		finally {
			context.dispose();
		}
	}
}
