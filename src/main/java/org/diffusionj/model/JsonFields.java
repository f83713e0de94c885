package org.diffusionj.model;

import java.nio.file.Path;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/** Typed reads from one JSON object, each failure one sentence naming the file and the key. */
final class JsonFields {

	private final JsonObject object;
	private final Path file;

	JsonFields(final JsonObject object, final Path file) {
		this.object = object;
		this.file = file;
	}

	boolean has(final String key) {
		return object.has(key) && !object.get(key).isJsonNull();
	}

	JsonElement get(final String key) {
		return object.get(key);
	}

	/** The keys of this object, in the file's order. */
	java.util.Set<String> keys() {
		return object.keySet();
	}

	ModelLoadException error(final String key, final String problem) {
		return new ModelLoadException(file + ": \"" + key + "\" " + problem + ".");
	}

	String string(final String key, final String fallback) throws ModelLoadException {
		if (!has(key)) return fallback;
		final JsonElement e = object.get(key);
		if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) throw error(key, "must be a string");
		return e.getAsString();
	}

	double number(final String key, final double fallback) throws ModelLoadException {
		if (!has(key)) return fallback;
		final JsonElement e = object.get(key);
		if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) throw error(key, "must be a number");
		return e.getAsDouble();
	}

	int integer(final String key, final int fallback) throws ModelLoadException {
		if (!has(key)) return fallback;
		final double v = number(key, fallback);
		if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) throw error(key, "must be a whole number, not " + v);
		return (int) v;
	}

	int requiredInteger(final String key) throws ModelLoadException {
		if (!has(key)) throw error(key, "is missing");
		return integer(key, 0);
	}

	boolean bool(final String key, final boolean fallback) throws ModelLoadException {
		if (!has(key)) return fallback;
		final JsonElement e = object.get(key);
		if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) throw error(key, "must be true or false");
		return e.getAsBoolean();
	}

	double[] numbers(final String key) throws ModelLoadException {
		if (!has(key)) return null;
		final JsonElement e = object.get(key);
		if (!e.isJsonArray()) throw error(key, "must be a list of numbers");
		final JsonArray a = e.getAsJsonArray();
		final double[] out = new double[a.size()];
		for (int i = 0; i < out.length; i++) {
			final JsonElement v = a.get(i);
			if (!v.isJsonPrimitive() || !((JsonPrimitive) v).isNumber()) throw error(key, "must be a list of numbers");
			out[i] = v.getAsDouble();
		}
		return out;
	}

	String[] strings(final String key) throws ModelLoadException {
		if (!has(key)) return null;
		final JsonElement e = object.get(key);
		if (!e.isJsonArray()) throw error(key, "must be a list of strings");
		final JsonArray a = e.getAsJsonArray();
		final String[] out = new String[a.size()];
		for (int i = 0; i < out.length; i++) {
			final JsonElement v = a.get(i);
			if (!v.isJsonPrimitive() || !((JsonPrimitive) v).isString()) throw error(key, "must be a list of strings");
			out[i] = v.getAsString();
		}
		return out;
	}

	JsonFields object(final String key) throws ModelLoadException {
		if (!has(key)) return null;
		final JsonElement e = object.get(key);
		if (!e.isJsonObject()) throw error(key, "must be an object");
		return new JsonFields(e.getAsJsonObject(), file);
	}
}
