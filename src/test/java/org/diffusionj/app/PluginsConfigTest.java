package org.diffusionj.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.scijava.Context;

/** plugins.config (plain ImageJ 1.x) lists exactly the SciJava commands, each through LegacyEntry with its label. */
class PluginsConfigTest {

	private static final Pattern ENTRY = Pattern.compile(
		"Plugins>DiffusionJ, \"([^\"]+)\", org\\.diffusionj\\.app\\.LegacyEntry\\(\"([^\"]+)\"\\)");

	@Test
	void everyCommandOnceUnderItsOwnLabel() throws Exception {
		final Set<String> listed = new TreeSet<>();
		try (BufferedReader r = new BufferedReader(new InputStreamReader(getClass().getResourceAsStream(
			"/plugins.config"), StandardCharsets.UTF_8)))
		{
			for (String line; (line = r.readLine()) != null;) {
				if (line.startsWith("#") || line.trim().isEmpty() || line.contains("\"-\", null")) continue;
				final Matcher m = ENTRY.matcher(line);
				assertEquals(true, m.matches(), line);
				assertEquals(m.group(1), m.group(2), "the argument is the label: " + line);
				assertEquals(true, listed.add(m.group(1)), "listed twice: " + line);
			}
		}
		final Context context = new Context();
		try {
			assertEquals(MenuCommands.of(context).keySet(), listed);
		}
		finally {
			context.dispose();
		}
	}
}
