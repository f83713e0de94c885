package org.diffusionj.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The data of a 2D point model (the Diffusion Playground): the {@code "points"} section of its diffusion.json (the
 * data set's name, the file of training points, the square the plots show) and those points, read and checked
 * once. A point model is an ordinary model folder whose sample is a 2-channel 1 × 1 image.
 */
public final class PointSet {

	private final String data;
	private final float[] xy; // x0, y0, x1, y1, ...
	private final double low, high;

	private PointSet(final String data, final float[] xy, final double low, final double high) {
		this.data = data;
		this.xy = xy;
		this.low = low;
		this.high = high;
	}

	/** The point data of a model, or one sentence naming why the model is not a point model. */
	public static PointSet of(final LoadedModel model, final String command) throws ModelLoadException {
		final ModelConfig config = model.config();
		final Path dir = model.folder().dir();
		final JsonObject points;
		try (Reader in = Files.newBufferedReader(dir.resolve(ModelFolder.SIDECAR), StandardCharsets.UTF_8)) {
			final JsonElement section = JsonParser.parseReader(in).getAsJsonObject().get("points");
			points = section != null && section.isJsonObject() ? section.getAsJsonObject() : null;
		}
		catch (final IOException | RuntimeException e) {
			throw new ModelLoadException("Cannot read " + dir.resolve(ModelFolder.SIDECAR) + ": " + e.getMessage());
		}
		if (points == null || config.inChannels() != 2 || config.sampleWidth() != 1 || config.sampleHeight() != 1) {
			throw new ModelLoadException("Model " + config.name() + " is not a 2D point model (its diffusion.json needs " +
				"a \"points\" section, in_channels 2 and sample_size 1): " + command + " takes models/playground-*.");
		}
		final double[] range = range(points.get("plot_range"));
		final Path file = dir.resolve(points.has("file") ? points.get("file").getAsString() : "points.csv").normalize();
		if (!file.startsWith(dir.normalize()) || file.equals(dir.normalize())) {
			throw new ModelLoadException(dir.resolve(ModelFolder.SIDECAR) + ": \"points\": \"file\" must name a file " +
				"inside the model folder, not " + points.get("file").getAsString() + ".");
		}
		return new PointSet(points.has("data") ? points.get("data").getAsString() : config.name(), read(file), range[0],
			range[1]);
	}

	private static double[] range(final JsonElement e) throws ModelLoadException {
		if (e == null) return new double[] { -2.5, 2.5 };
		final JsonArray a = e.isJsonArray() ? e.getAsJsonArray() : null;
		if (a == null || a.size() != 2 || !(a.get(0).getAsDouble() < a.get(1).getAsDouble())) {
			throw new ModelLoadException("\"plot_range\" of \"points\" must be [low, high] with low < high, not " + e + ".");
		}
		return new double[] { a.get(0).getAsDouble(), a.get(1).getAsDouble() };
	}

	/** A CSV of x,y rows (a header line allowed). */
	private static float[] read(final Path file) throws ModelLoadException {
		final List<String> lines;
		try {
			lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		}
		catch (final IOException e) {
			throw new ModelLoadException("Cannot read the training points " + file + ": " + e.getMessage());
		}
		final List<float[]> rows = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			final String[] f = lines.get(i).trim().split(",");
			if (f.length == 0 || f[0].isEmpty()) continue;
			try {
				rows.add(new float[] { Float.parseFloat(f[0].trim()), Float.parseFloat(f[1].trim()) });
			}
			catch (final NumberFormatException | ArrayIndexOutOfBoundsException e) {
				if (i > 0) throw new ModelLoadException(file + " line " + (i + 1) + " is not \"x,y\": " + lines.get(i));
			}
		}
		if (rows.isEmpty()) throw new ModelLoadException(file + " holds no points.");
		final float[] xy = new float[2 * rows.size()];
		for (int i = 0; i < rows.size(); i++) System.arraycopy(rows.get(i), 0, xy, 2 * i, 2);
		return xy;
	}

	public String data() { return data; }
	public int size() { return xy.length / 2; }
	public float x(final int i) { return xy[2 * i]; }
	public float y(final int i) { return xy[2 * i + 1]; }
	/** The points as x0, y0, x1, y1, ... (the set's own array: read, never written). */
	public float[] xy() { return xy; }
	/** The square the plots show: [low, high] on both axes. */
	public double low() { return low; }
	public double high() { return high; }
}
