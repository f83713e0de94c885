package org.diffusionj.command;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.scijava.Context;
import org.scijava.plugin.Parameter;
import org.scijava.service.Service;

/**
 * The macro keys of a command (its {@code @Parameter} field names, lower-cased as imagej-legacy does)
 * and a check that a macro's options name no other key.
 */
public final class MacroKeys {

	private MacroKeys() {}

	/** The keys a command class accepts. */
	public static Set<String> of(final Class<?> command) {
		final Set<String> keys = new TreeSet<>();
		for (Class<?> c = command; c != null && c != Object.class; c = c.getSuperclass()) {
			for (final Field f : c.getDeclaredFields()) {
				final Parameter parameter = f.getAnnotation(Parameter.class);
				if (parameter == null || parameter.type() == org.scijava.ItemIO.OUTPUT) continue;
				if (Service.class.isAssignableFrom(f.getType()) || f.getType() == Context.class) continue;
				keys.add(f.getName().toLowerCase(Locale.US));
			}
		}
		return keys;
	}

	/** The keys named in an ImageJ 1.x options string ({@code k=v k2=[a b] flag}). */
	public static List<String> keysIn(final String options) {
		final List<String> keys = new ArrayList<>();
		int i = 0;
		final int n = options.length();
		while (i < n) {
			while (i < n && Character.isWhitespace(options.charAt(i))) i++;
			final int start = i;
			while (i < n && options.charAt(i) != '=' && !Character.isWhitespace(options.charAt(i))) i++;
			if (i > start) keys.add(options.substring(start, i).toLowerCase(Locale.US));
			if (i < n && options.charAt(i) == '=') i = skipValue(options, i + 1);
		}
		return keys;
	}

	private static int skipValue(final String s, int i) {
		if (i >= s.length()) return i;
		final char open = s.charAt(i);
		if (open == '[') {
			int depth = 0;
			for (; i < s.length(); i++) {
				if (s.charAt(i) == '[') depth++;
				else if (s.charAt(i) == ']' && --depth == 0) return i + 1;
			}
			return i;
		}
		if (open == '\'') {
			final int end = s.indexOf('\'', i + 1);
			return end < 0 ? s.length() : end + 1;
		}
		while (i < s.length() && !Character.isWhitespace(s.charAt(i))) i++;
		return i;
	}

	/** Throws naming the first key in {@code options} that {@code command} does not have. */
	public static void check(final Class<?> command, final String label, final String options) {
		if (options == null) return;
		final Set<String> known = of(command);
		for (final String key : keysIn(options)) {
			if (!known.contains(key)) {
				throw new IllegalArgumentException("'" + key + "' is not a key of " + label + " (its keys are " +
					String.join(", ", known) + ").");
			}
		}
	}
}
