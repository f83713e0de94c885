package org.diffusionj.app;

import org.scijava.convert.ConvertService;

/**
 * Macro option text to a parameter's type. Numbers are parsed strictly (Fiji's converter turns
 * "ten" into nothing and keeps the default; here it is an error that names the key).
 */
final class MacroValues {

	private MacroValues() {}

	/** @return the converted value, or null when the text is not a value of that type */
	static Object convert(final ConvertService convert, final String value, final Class<?> type) {
		try {
			if (type == int.class || type == Integer.class) return Integer.valueOf(value.trim());
			if (type == long.class || type == Long.class) return Long.valueOf(value.trim());
			if (type == double.class || type == Double.class) return Double.valueOf(value.trim());
			if (type == float.class || type == Float.class) return Float.valueOf(value.trim());
			if (type == boolean.class || type == Boolean.class) return Boolean.valueOf(value.trim());
			if (type == String.class) return value;
			return convert.supports(value, type) ? convert.convert(value, type) : null;
		}
		catch (final RuntimeException e) { // NumberFormatException, or a converter's own failure
			return null;
		}
	}
}
