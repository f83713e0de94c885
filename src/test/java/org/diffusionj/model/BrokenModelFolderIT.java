package org.diffusionj.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.diffusionj.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every broken model folder is refused at load, with one sentence naming the file and the problem. */
class BrokenModelFolderIT {

	@TempDir
	Path tmp;

	@AfterAll
	static void close() {
		ModelCache.clear();
	}

	private Path copyOf(final String fixture) throws IOException {
		final Path dir = Files.createDirectories(tmp.resolve(fixture));
		for (final String f : new String[] { "model.onnx", "diffusion.json" }) {
			Files.copy(Fixtures.model(fixture).resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
		}
		return dir;
	}

	private static void replaceInSidecar(final Path dir, final String from, final String to) throws IOException {
		final Path json = dir.resolve("diffusion.json");
		final String text = new String(Files.readAllBytes(json), StandardCharsets.UTF_8);
		assertTrue(text.contains(from), "fixture holds " + from);
		Files.write(json, text.replace(from, to).getBytes(StandardCharsets.UTF_8));
	}

	private static String refusal(final Path dir) {
		final ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelCache.acquire(dir));
		assertEquals(1, e.getMessage().split("\\. ").length, "one sentence: " + e.getMessage());
		return e.getMessage();
	}

	/** A network whose output loses a row is refused at load (a probe pass), not mid-run with a stack trace. */
	@Test
	void anOutputOfAnotherSizeIsRefusedAtLoad() throws Exception {
		final String refusal = refusal(copyOf("wrong_size"));
		assertTrue(refusal.contains("does not keep the image size"), refusal);
		assertTrue(refusal.contains("model.onnx fails on a 1x1 input"), refusal);
	}

	@Test
	void goodFixtureLoads() throws Exception {
		final LoadedModel m = ModelCache.acquire(copyOf("classes"));
		assertEquals(2, m.config().numClasses());
		assertEquals(64, m.sha256().length());
	}

	@Test
	void missingFolder() {
		assertEquals("Model folder " + tmp.resolve("none") + " does not exist.", refusal(tmp.resolve("none")));
	}

	@Test
	void missingSidecar() throws Exception {
		final Path dir = copyOf("gaussian");
		Files.delete(dir.resolve("diffusion.json"));
		assertTrue(refusal(dir).startsWith("Model folder " + dir + " has no diffusion.json"));
	}

	@Test
	void missingOnnx() throws Exception {
		final Path dir = copyOf("gaussian");
		Files.delete(dir.resolve("model.onnx"));
		assertEquals(dir.resolve("model.onnx") + " is missing.", refusal(dir));
	}

	@Test
	void notOnnx() throws Exception {
		final Path dir = copyOf("gaussian");
		Files.write(dir.resolve("model.onnx"), "this is no network".getBytes(StandardCharsets.UTF_8));
		assertTrue(refusal(dir).startsWith(dir.resolve("model.onnx") + " is not a model ONNX Runtime can load"));
	}

	@Test
	void notJson() throws Exception {
		final Path dir = copyOf("gaussian");
		Files.write(dir.resolve("diffusion.json"), "{ \"name\": ".getBytes(StandardCharsets.UTF_8));
		assertTrue(refusal(dir).startsWith(dir.resolve("diffusion.json") + " is not valid JSON"));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
		"\"in_channels\": 1 | \"in_channel\": 1 | \"in_channels\" is missing.",
		"\"in_channels\": 1 | \"in_channels\": 3 | takes 1 channel(s) but diffusion.json says in_channels 3.",
		"\"beta_schedule\": \"linear\" | \"beta_schedule\": \"quadratic\" | unknown beta_schedule 'quadratic'",
		"\"sample_size\": 64 | \"sample_size\": \"big\" | \"sample_size\" must be a number.",
		"\"clip_sample\": false | \"clip_sample\": \"no\" | \"clip_sample\" must be true or false.",
		"\"name\": \"gaussian\" | \"inputs\": {\"sample\": \"x\"}, \"name\": \"gaussian\" | has no input 'x' (its inputs are [sample, timestep]",
		"\"name\": \"gaussian\" | \"num_classes\": 3, \"name\": \"gaussian\" | has no input 'class_labels' but diffusion.json gives num_classes 3",
		"\"name\": \"gaussian\" | \"epsilon_scale\": {\"DDIMM\": 1.004}, \"name\": \"gaussian\" | \"DDIMM\" (under \"epsilon_scale\") is not a sampler (known: DDIM, DDPM,",
		"\"name\": \"gaussian\" | \"epsilon_scale\": {\"DDIM\": 3}, \"name\": \"gaussian\" | \"DDIM\" (under \"epsilon_scale\") must be between 0.5 and 2.0, not 3.0.",
		"\"name\": \"gaussian\" | \"epsilon_scale\": {\"DDIM\": null}, \"name\": \"gaussian\" | \"DDIM\" (under \"epsilon_scale\") must be a number, the lambda of that sampler.",
		"\"name\": \"gaussian\" | \"epsilon_scale\": 1.004, \"name\": \"gaussian\" | \"epsilon_scale\" must be an object.",
		"\"name\": \"gaussian\" | \"distilled\": {\"sampler\": \"DDIMM\", \"steps\": 1}, \"name\": \"gaussian\" | \"sampler\" (under \"distilled\") is not a sampler (known: DDIM, DDPM,",
		"\"name\": \"gaussian\" | \"distilled\": {\"sampler\": \"DDIM\", \"steps\": 0}, \"name\": \"gaussian\" | \"steps\" (under \"distilled\") must be at least 1.",
		"\"name\": \"gaussian\" | \"distilled\": {\"sampler\": \"DDIM\"}, \"name\": \"gaussian\" | \"steps\" (under \"distilled\") is missing.",
		"\"name\": \"gaussian\" | \"distilled\": {\"sampler\": \"DDIM\", \"steps\": 1, \"teacher\": \"../x\"}, \"name\": \"gaussian\" | \"teacher\" (under \"distilled\") must name a model folder beside this one.",
		"\"name\": \"gaussian\" | \"distilled\": {\"sampler\": \"DDIM\", \"steps\": 1, \"teacher\": 7}, \"name\": \"gaussian\" | \"teacher\" must be a string." })
	void badSidecar(final String from, final String to, final String message) throws Exception {
		final Path dir = copyOf("gaussian");
		replaceInSidecar(dir, from, to);
		final String refusal = refusal(dir);
		assertTrue(refusal.contains(message), refusal);
		assertTrue(refusal.contains(dir.toString()), "names the file: " + refusal);
	}

	@Test
	void classNamesMustMatch() throws Exception {
		final Path dir = copyOf("classes");
		replaceInSidecar(dir, "\"high\"", "\"high\", \"extra\"");
		assertTrue(refusal(dir).contains("\"class_names\" lists 3 names for num_classes 2"));
	}

	@Test
	void reloadsWhenTheFolderChanges() throws Exception {
		final Path dir = copyOf("gaussian");
		final LoadedModel first = ModelCache.acquire(dir);
		assertTrue(first == ModelCache.acquire(dir), "cached");
		replaceInSidecar(dir, "\"name\": \"gaussian\"", "\"name\": \"renamed\"");
		Files.setLastModifiedTime(dir.resolve("diffusion.json"), java.nio.file.attribute.FileTime.fromMillis(System
			.currentTimeMillis() + 5000));
		try (LoadedModel second = ModelCache.acquire(dir)) {
			assertEquals("renamed", second.config().name());
		}
		assertTrue(first.isOpen(), "a changed file does not close the session its user still holds");
		first.close();
		first.close();
		assertTrue(!first.isOpen(), "closed once its last holder let go");
	}

	/** Restoration models: the condition that diffusion.json declares must be the one the graph takes. */
	@Test
	void conditionMismatches() throws Exception {
		final Path concat = copyOf("restore_concat");
		replaceInSidecar(concat, "\"concat\": true", "\"concat\": false");
		assertTrue(refusal(concat).endsWith("model.onnx takes 2 channel(s) but diffusion.json says in_channels 1."),
			refusal(concat));
		final Path missing = copyOf("gaussian");
		replaceInSidecar(missing, "\"in_channels\": 1", "\"in_channels\": 1, \"condition\": {\"channels\": 1}");
		assertTrue(refusal(missing).contains("has no input 'condition' but diffusion.json declares a condition image " +
			"that is not concatenated"), refusal(missing));
		final Path separate = copyOf("restore_gaussian");
		replaceInSidecar(separate, "\"channels\": 1", "\"channels\": 1, \"concat\": true");
		assertTrue(refusal(separate).endsWith("takes 1 channel(s) but diffusion.json says in_channels 1 plus 1 " +
			"concatenated condition channel(s)."), refusal(separate));
		final Path none = copyOf("restore_gaussian");
		replaceInSidecar(none, "\"condition\": {", "\"unused\": {");
		assertTrue(refusal(none).contains("takes 'condition' but diffusion.json declares no separate condition"));
		final Path zero = copyOf("restore_gaussian");
		replaceInSidecar(zero, "\"channels\": 1", "\"channels\": 0");
		assertTrue(refusal(zero).endsWith("\"channels\" (under \"condition\") must be at least 1."), refusal(zero));
		final Path twoChannels = copyOf("restore_gaussian");
		replaceInSidecar(twoChannels, "\"channels\": 1", "\"channels\": 2");
		assertTrue(refusal(twoChannels).contains("takes a condition of 1 channel(s) but diffusion.json says"),
			refusal(twoChannels));
	}

	@Test
	void restorationModelLoadsWithItsCondition() throws Exception {
		final LoadedModel m = ModelCache.acquire(copyOf("restore_concat"));
		assertTrue(m.config().condition().concat());
		assertEquals(2000, m.config().condition().pixelHigh(), 0);
		assertEquals(2, m.config().sampleInputChannels());
	}
}
