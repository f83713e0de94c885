package org.diffusionj.model;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import org.diffusionj.schedule.SchedulerConfig;

/**
 * A model folder on disk: {@code model.onnx} + {@code diffusion.json}, or diffusers' layout
 * ({@code unet/model.onnx}, {@code unet/config.json}, {@code scheduler/scheduler_config.json}).
 *
 * <p>{@link #open(Path)} reads and validates the JSON once; anything wrong is refused with one sentence
 * that names the file and the problem.
 */
public final class ModelFolder {

	public static final String ONNX = "model.onnx", SIDECAR = "diffusion.json";

	/** Down-sampling factor assumed when diffusion.json gives no size_multiple (a 4-level U-Net). */
	public static final int DEFAULT_SIZE_MULTIPLE = 8;

	private final Path dir;
	private final Path onnxFile;
	private final ModelConfig config;

	private ModelFolder(final Path dir, final Path onnxFile, final ModelConfig config) {
		this.dir = dir;
		this.onnxFile = onnxFile;
		this.config = config;
	}

	public Path dir() { return dir; }
	public Path onnxFile() { return onnxFile; }
	public ModelConfig config() { return config; }

	public static ModelFolder open(final Path dir) throws ModelLoadException {
		if (!Files.isDirectory(dir)) {
			throw new ModelLoadException("Model folder " + dir + " does not exist" + (Files.exists(dir)
				? " (it is a file; choose the folder that holds model.onnx and diffusion.json)." : "."));
		}
		final Path sidecar = dir.resolve(SIDECAR);
		if (Files.isRegularFile(sidecar)) return new ModelFolder(dir, requireFile(dir.resolve(ONNX)), readSidecar(
			sidecar));
		final Path unet = dir.resolve("unet");
		final Path schedulerJson = dir.resolve("scheduler").resolve("scheduler_config.json");
		if (Files.isRegularFile(unet.resolve(ONNX)) && Files.isRegularFile(schedulerJson)) {
			return new ModelFolder(dir, unet.resolve(ONNX), readDiffusersLayout(unet.resolve("config.json"),
				schedulerJson, dir));
		}
		throw new ModelLoadException("Model folder " + dir + " has no " + SIDECAR +
			" (nor diffusers' unet/model.onnx with scheduler/scheduler_config.json).");
	}

	private static Path requireFile(final Path file) throws ModelLoadException {
		if (!Files.isRegularFile(file)) throw new ModelLoadException(file + " is missing.");
		return file;
	}

	static JsonFields parse(final Path file) throws ModelLoadException {
		try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			final JsonElement e = JsonParser.parseReader(r);
			if (!e.isJsonObject()) throw new ModelLoadException(file + " is not a JSON object.");
			return new JsonFields(e.getAsJsonObject(), file);
		}
		catch (final JsonParseException e) {
			throw new ModelLoadException(file + " is not valid JSON (" + rootMessage(e) + ").");
		}
		catch (final IOException e) {
			throw new ModelLoadException(file + " cannot be read (" + e.getMessage() + ").");
		}
	}

	private static String rootMessage(Throwable e) {
		while (e.getCause() != null) e = e.getCause();
		return e.getMessage();
	}

	private static ModelConfig readSidecar(final Path file) throws ModelLoadException {
		final JsonFields j = parse(file);
		final String name = j.string("name", file.getParent().getFileName().toString());
		final int[] size = sampleSize(j, "sample_size");
		final int inChannels = j.requiredInteger("in_channels");
		if (inChannels < 1) throw j.error("in_channels", "must be at least 1");
		final int multiple = j.integer("size_multiple", DEFAULT_SIZE_MULTIPLE);
		if (multiple < 1) throw j.error("size_multiple", "must be at least 1");
		final double[] range = pixelRange(j, "");
		final int numClasses = j.integer("num_classes", 0);
		if (numClasses < 0) throw j.error("num_classes", "must be 0 or more");
		String[] classNames = j.strings("class_names");
		if (classNames == null) classNames = numberedClasses(numClasses);
		if (classNames.length != numClasses) {
			throw j.error("class_names", "lists " + classNames.length + " names for num_classes " + numClasses);
		}
		final int nullLabel = j.integer("null_class_label", numClasses);
		final JsonFields scheduler = j.object("scheduler");
		if (scheduler == null) throw j.error("scheduler", "is missing");
		return new ModelConfig(name, j.string("description", ""), size[0], size[1], inChannels, multiple,
			range == null ? -1 : range[0], range == null ? 1 : range[1], numClasses, classNames, nullLabel,
			SchedulerJson.read(scheduler), ioNames(j), ModelMemory.read(j), condition(j, range), percentiles(j),
			EpsilonScales.read(j), DistilledSampling.read(j));
	}

	private static ModelConfig readDiffusersLayout(final Path unetJson, final Path schedulerJson, final Path dir)
		throws ModelLoadException
	{
		final JsonFields unet = parse(requireFile(unetJson));
		final int[] size = sampleSize(unet, "sample_size");
		final int inChannels = unet.integer("in_channels", 3);
		final int numClasses = unet.integer("num_class_embeds", 0);
		final SchedulerConfig scheduler = SchedulerJson.read(parse(schedulerJson));
		return new ModelConfig(dir.getFileName().toString(), "diffusers folder", size[0], size[1], inChannels,
			DEFAULT_SIZE_MULTIPLE, -1, 1,
			numClasses, numberedClasses(numClasses), numClasses, scheduler, new String[] { ModelConfig.SAMPLE,
				ModelConfig.TIMESTEP, ModelConfig.CLASS_LABELS, ModelConfig.CONDITION, ModelConfig.OUT_SAMPLE },
			ModelMemory.DEFAULT, ImageCondition.NONE, null, EpsilonScales.NONE, null);
	}

	/** "condition": {"channels": k, "concat": bool, "pixel_range": [lo, hi]}; the range defaults to the model's. */
	private static ImageCondition condition(final JsonFields j, final double[] modelRange) throws ModelLoadException {
		final JsonFields c = j.object("condition");
		if (c == null) return ImageCondition.NONE;
		final int channels = c.requiredInteger("channels");
		if (channels < 1) throw c.error("channels", "(under \"condition\") must be at least 1");
		double[] range = pixelRange(c, "(under \"condition\") ");
		if (range == null) range = modelRange == null ? new double[] { -1, 1 } : modelRange;
		return new ImageCondition(channels, c.bool("concat", false), range[0], range[1]);
	}

	/** "pixel_range": [low, high] of this object, checked; null when it is not given. */
	private static double[] pixelRange(final JsonFields j, final String where) throws ModelLoadException {
		final double[] range = j.numbers("pixel_range");
		if (range != null && (range.length != 2 || !(range[1] > range[0]))) {
			throw j.error("pixel_range", where + "must be [low, high] with low < high");
		}
		return range;
	}

	/** "normalize": {"percentiles": [lo, hi]}: how the training images were mapped to [-1, 1], if not by pixel_range. */
	private static double[] percentiles(final JsonFields j) throws ModelLoadException {
		final JsonFields n = j.object("normalize");
		if (n == null) return null;
		final double[] p = n.numbers("percentiles");
		if (p == null || p.length != 2 || !(p[0] >= 0 && p[0] < p[1] && p[1] <= 100)) {
			throw n.error("percentiles", "(under \"normalize\") must be [low, high] with 0 <= low < high <= 100");
		}
		return p;
	}

	/** sample_size as (height, width): an integer or [height, width]. */
	private static int[] sampleSize(final JsonFields j, final String key) throws ModelLoadException {
		if (!j.has(key)) throw j.error(key, "is missing");
		if (j.get(key).isJsonArray()) {
			final double[] hw = j.numbers(key);
			if (hw.length != 2 || hw[0] < 1 || hw[1] < 1) throw j.error(key, "must be a size or [height, width]");
			return new int[] { (int) hw[0], (int) hw[1] };
		}
		final int s = j.integer(key, 0);
		if (s < 1) throw j.error(key, "must be at least 1");
		return new int[] { s, s };
	}

	private static String[] numberedClasses(final int n) {
		final String[] names = new String[n];
		for (int i = 0; i < n; i++) names[i] = Integer.toString(i);
		return names;
	}

	/** sample, timestep, class_labels, condition, output: defaults, or as renamed under "inputs"/"output". */
	private static String[] ioNames(final JsonFields j) throws ModelLoadException {
		final JsonFields inputs = j.object("inputs");
		final String[] names = { ModelConfig.SAMPLE, ModelConfig.TIMESTEP, ModelConfig.CLASS_LABELS,
			ModelConfig.CONDITION, j.string("output", ModelConfig.OUT_SAMPLE) };
		if (inputs != null) {
			for (int i = 0; i < 4; i++) names[i] = inputs.string(names[i], names[i]);
		}
		return names;
	}
}
