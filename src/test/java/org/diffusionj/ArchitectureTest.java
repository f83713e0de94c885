package org.diffusionj;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The layers of DESIGN.md, one way down (schedule, sampling, model and image, command, app, spark): every reference
 * to a DiffusionJ package in the main sources, imports and qualified names alike, goes to a layer below; the core
 * (schedule, sampling) knows nothing of ImageJ or ONNX Runtime.
 */
class ArchitectureTest {

	private static final Map<String, Set<String>> MAY_USE = new HashMap<>();

	static {
		allow("schedule");
		allow("calibration"); // conformal risk control: arithmetic on scores, beside the core
		allow("deconvolution", "sampling", "schedule"); // PSFs, FFTs, the linear-Gaussian posterior, split Gibbs
		allow("sampling", "schedule");
		allow("model", "sampling", "schedule");
		allow("image", "sampling", "schedule");
		// the Java API: requests run on images, what commands, scripts and Spark call
		allow("api", "image", "model", "sampling", "schedule", "calibration", "deconvolution");
		allow("command", "api", "image", "model", "sampling", "schedule", "calibration", "deconvolution");
		allow("app", "command", "api", "image", "model", "sampling", "schedule", "calibration", "deconvolution");
		allow("spark", "app", "command", "api", "image", "model", "sampling", "schedule", "calibration", "deconvolution");
	}

	private static void allow(final String layer, final String... below) {
		MAY_USE.put(layer, new HashSet<>(Arrays.asList(below)));
	}

	private static final Pattern REFERENCE = Pattern.compile("org\\.diffusionj\\.([a-z]+)\\.");

	@Test
	void everyLayerUsesOnlyTheLayersBelowIt() throws IOException {
		final List<String> violations = new ArrayList<>();
		for (final Path root : new Path[] { Paths.get("src/main/java/org/diffusionj"), Paths.get(
			"spark/src/main/java/org/diffusionj") })
		{
			if (!Files.isDirectory(root)) continue;
			for (final Path file : javaFiles(root)) {
				final String layer = root.relativize(file).getName(0).toString();
				final Set<String> allowed = MAY_USE.get(layer);
				if (allowed == null) {
					violations.add(file + ": package " + layer + " is no layer of DESIGN.md (add it to this test)");
					continue;
				}
				final Matcher m = REFERENCE.matcher(withoutPackageLine(file));
				while (m.find()) {
					final String used = m.group(1);
					if (!used.equals(layer) && !allowed.contains(used)) violations.add(file + " uses " + used);
				}
			}
		}
		assertEquals(Arrays.asList(), violations.stream().distinct().collect(Collectors.toList()));
	}

	@Test
	void theCoreKnowsNothingOfImageJOrOnnxRuntime() throws IOException {
		final List<String> violations = new ArrayList<>();
		for (final String layer : new String[] { "schedule", "sampling", "calibration", "deconvolution" }) {
			for (final Path file : javaFiles(Paths.get("src/main/java/org/diffusionj", layer))) {
				final String text = withoutPackageLine(file);
				for (final String foreign : new String[] { "import ij.", "ai.onnxruntime", "org.scijava" }) {
					if (text.contains(foreign)) violations.add(file + " uses " + foreign);
				}
			}
		}
		assertEquals(Arrays.asList(), violations);
	}

	private static List<Path> javaFiles(final Path root) throws IOException {
		try (Stream<Path> files = Files.walk(root)) {
			return files.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
		}
	}

	private static String withoutPackageLine(final Path file) throws IOException {
		return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).replaceFirst("(?m)^package [^;]*;", "");
	}
}
