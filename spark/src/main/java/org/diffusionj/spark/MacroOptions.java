package org.diffusionj.spark;

import java.util.ArrayList;
import java.util.List;

/** Macro options ("strength=0.3 range=[0 4000]") with one key set: its old value, bracketed or not, replaced. */
final class MacroOptions {

	private MacroOptions() {}

	static String with(final String options, final String key, final String value) {
		final StringBuilder out = new StringBuilder();
		for (final String token : tokens(options)) {
			if (!token.startsWith(key + "=")) out.append(token).append(' ');
		}
		return out.append(key).append('=').append(value.contains(" ") ? "[" + value + "]" : value).toString();
	}

	/** key=value, key=[value with spaces] or a bare word, as ImageJ's Macro.getValue reads them. */
	static List<String> tokens(final String options) {
		final List<String> tokens = new ArrayList<>();
		int i = 0;
		while (i < options.length()) {
			if (Character.isWhitespace(options.charAt(i))) {
				i++;
				continue;
			}
			int end = i;
			while (end < options.length() && !Character.isWhitespace(options.charAt(end)) && options.charAt(end) != '=') end++;
			if (end + 1 < options.length() && options.charAt(end) == '=' && options.charAt(end + 1) == '[') {
				final int close = options.indexOf(']', end);
				end = close < 0 ? options.length() : close + 1;
			}
			else while (end < options.length() && !Character.isWhitespace(options.charAt(end))) end++;
			tokens.add(options.substring(i, end));
			i = end;
		}
		return tokens;
	}
}
