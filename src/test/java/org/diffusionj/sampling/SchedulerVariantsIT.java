package org.diffusionj.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.diffusionj.Fixtures;
import org.diffusionj.model.LoadedModel;
import org.diffusionj.model.ModelCache;
import org.diffusionj.model.ModelConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every sampler under the scheduler settings diffusers has — the three spacings and each class's own default,
 * steps_offset, set_alpha_to_one, thresholding, clip_sample (which DPM++ ignores), learned and learned_range
 * variance, img2img, and diffusers' folder layout — through the real loader and ONNX Runtime, against
 * numpy's independent implementation (src/test/python/schedulers_np.py, in variants.json).
 */
class SchedulerVariantsIT {

	private static final Gson GSON = new GsonBuilder().serializeNulls().setPrettyPrinting().create();

	@TempDir
	static Path folders;

	@AfterAll
	static void close() {
		ModelCache.clear();
	}

	@TestFactory
	List<DynamicTest> samplersAgreeWithDiffusers() throws IOException {
		final JsonObject variants = read();
		final int size = variants.get("size").getAsInt();
		final List<DynamicTest> tests = new ArrayList<>();
		int index = 0;
		for (final JsonElement e : variants.getAsJsonArray("runs")) {
			final JsonObject r = e.getAsJsonObject();
			final Path folder = folder(r, index++);
			tests.add(DynamicTest.dynamicTest(r.get("name").getAsString(), () -> {
				final double[] ms = Fixtures.meanStd(run(folder, r, size));
				final double std = r.get("std").getAsDouble(), n = (double) size * size;
				final double spread = r.get("sample_std_of_items").getAsDouble();
				assertEquals(r.get("mean").getAsDouble(), ms[0], 4 * std / Math.sqrt(n) + 1e-3, "mean");
				assertEquals(std, ms[1], Math.max(5 * spread, Fixtures.stdTolerance(std, n, 0)) + 1e-3, "std");
			}));
		}
		return tests;
	}

	private static float[] run(final Path folder, final JsonObject r, final int size) throws Exception {
		try (LoadedModel model = ModelCache.acquire(folder)) {
			final ModelConfig c = model.config();
			final SamplerSettings settings = new SamplerSettings(SamplerKind.fromLabel(r.get("sampler").getAsString()),
				r.get("steps").getAsInt(), r.get("eta").getAsDouble(), 77, c.scheduler().numTrainTimesteps());
			final GuidedDenoiser guided = GuidedDenoiser.unconditional(model.denoiser());
			if (r.get("strength").isJsonNull()) {
				return new Generator(c.scheduler(), settings).generate(guided, 0, 1, 1, size, size, StepListener.NONE)
					.data();
			}
			final Tensor x0 = new Tensor(1, 1, size, size);
			Arrays.fill(x0.data(), r.get("x0").getAsFloat());
			return new SdEdit(c.scheduler(), settings, r.get("strength").getAsDouble()).run(guided, x0, new NoiseBatch(
				77, 0, 1), StepListener.NONE).data();
		}
	}

	/** The run's model folder: the graph with the run's scheduler, as diffusion.json or in diffusers' layout. */
	private static Path folder(final JsonObject r, final int index) throws IOException {
		final Path dir = Files.createDirectories(folders.resolve("m" + index));
		final Path graph = Fixtures.model(r.get("graph").getAsString()).resolve("model.onnx");
		final JsonObject scheduler = r.getAsJsonObject("scheduler");
		if (r.get("layout").getAsString().equals("diffusers")) {
			Files.createDirectories(dir.resolve("unet"));
			Files.createDirectories(dir.resolve("scheduler"));
			Files.copy(graph, dir.resolve("unet/model.onnx"));
			write(dir.resolve("unet/config.json"), "{\"_class_name\": \"UNet2DModel\", \"sample_size\": 64, " +
				"\"in_channels\": 1, \"out_channels\": 1}");
			write(dir.resolve("scheduler/scheduler_config.json"), GSON.toJson(scheduler));
		}
		else {
			final JsonObject sidecar = new JsonObject();
			sidecar.addProperty("name", "variant" + index);
			sidecar.addProperty("sample_size", 64);
			sidecar.addProperty("in_channels", 1);
			sidecar.addProperty("size_multiple", 1);
			sidecar.add("pixel_range", GSON.toJsonTree(new int[] { -1, 1 }));
			sidecar.add("scheduler", scheduler);
			Files.copy(graph, dir.resolve("model.onnx"));
			write(dir.resolve("diffusion.json"), GSON.toJson(sidecar));
		}
		return dir;
	}

	private static void write(final Path file, final String text) throws IOException {
		Files.write(file, text.getBytes(StandardCharsets.UTF_8));
	}

	private static JsonObject read() throws IOException {
		return GSON.fromJson(new String(Files.readAllBytes(Fixtures.DIR.resolve("variants.json")),
			StandardCharsets.UTF_8), JsonObject.class);
	}
}
