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
		for (final String token : tokens(options)) {
			final int eq = token.indexOf('=');
			if (eq == 0) continue; // NB: "=value" names no key
			keys.add((eq < 0 ? token : token.substring(0, eq)).toLowerCase(Locale.US));
		}
		return keys;
	}

	/**
	 * The options with one key set: its old token (bracketed value or not) left out, {@code key=value} added at the
	 * end, bracketed when the value has a space.
	 */
	public static String with(final String options, final String key, final String value) {
		final StringBuilder out = new StringBuilder();
		for (final String token : tokens(options)) {
			if (!token.startsWith(key + "=")) out.append(token).append(' ');
		}
		return out.append(key).append('=').append(value.contains(" ") ? "[" + value + "]" : value).toString();
	}

	/** The tokens of an options string: {@code key=value}, {@code key=[value with spaces]} or a bare word. */
	public static List<String> tokens(final String options) {
		final List<String> tokens = new ArrayList<>();
		int i = 0;
		final int n = options.length();
		while (i < n) {
			while (i < n && Character.isWhitespace(options.charAt(i))) i++;
			final int start = i;
			while (i < n && options.charAt(i) != '=' && !Character.isWhitespace(options.charAt(i))) i++;
			if (i < n && options.charAt(i) == '=') i = skipValue(options, i + 1);
			if (i > start) tokens.add(options.substring(start, i));
		}
		return tokens;
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
