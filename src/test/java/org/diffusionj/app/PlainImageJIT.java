package org.diffusionj.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ij.IJ;
import ij.ImagePlus;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin jar installed as a user would into a plain ImageJ 1.x folder (no imagej-legacy): ij.jar,
 * plugins/DiffusionJ_-*.jar, jars/ with scijava-common, parsington, gson and onnxruntime (target/jars), and
 * models/. ImageJ 1.x is started from its own jar; the commands must be in its menus and run from a macro.
 * Needs a display (ImageJ 1.54p's IJ.run fails headless without ij1-patcher): run under xvfb-run.
 */
class PlainImageJIT {

	@TempDir
	static Path tmp;

	private static Path installedImageJ() throws Exception {
		final Path imagej = tmp.resolve("ImageJ");
		final Path plugins = Files.createDirectories(imagej.resolve("plugins"));
		final Path jars = Files.createDirectories(imagej.resolve("jars"));
		final Path pluginJar = Paths.get(System.getProperty("diffusionj.pluginJar"));
		Files.copy(pluginJar, plugins.resolve(pluginJar.getFileName()));
		try (Stream<Path> deps = Files.list(pluginJar.resolveSibling("jars"))) {
			for (final Path dep : (Iterable<Path>) deps::iterator) Files.copy(dep, jars.resolve(dep.getFileName()));
		}
		Files.copy(ijJar(), imagej.resolve("ij.jar"));
		final Path model = Files.createDirectories(imagej.resolve("models").resolve("fashion-mnist-32"));
		for (final String f : new String[] { "model.onnx", "diffusion.json" }) {
			Files.copy(Paths.get("models", "fashion-mnist-32", f), model.resolve(f));
		}
		return imagej;
	}

	/** ImageJ 1.x's own jar, from the class path (its classes are redefined by ij1-patcher here). */
	private static Path ijJar() {
		for (final String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			final String name = Paths.get(entry).getFileName().toString();
			if (name.startsWith("ij-1.") && name.endsWith(".jar")) return Paths.get(entry);
		}
		throw new IllegalStateException("no ij-1.*.jar on the class path");
	}

	private static String run(final List<String> command) throws Exception {
		final ChildJvm imagej = ChildJvm.run(new ProcessBuilder(command), 120);
		assertEquals(0, imagej.exit, imagej.output);
		return imagej.output;
	}

	@Test
	void commandsAreInTheMenusAndRunFromAMacro() throws Exception {
		final String display = System.getenv("DISPLAY");
		assumeTrue(display != null && !display.isEmpty(), "no X display (run under xvfb-run)");
		final Path imagej = installedImageJ();
		final Path result = tmp.resolve("generated.tif");
		final Path macro = tmp.resolve("check.ijm");
		// a working order, not alphabetical (menu weights)
		final List<String> labels = new ArrayList<>(Arrays.asList("Generate Images...", "Noise and Denoise...",
			"Restore Image...", "Deconvolve Image...", "Calibrate Uncertainty...", "Inpaint Selection...",
			"Denoising Steps...", "Forward Diffusion...", "Noise Schedule...", "Diffusion Playground...", "Likelihood...",
			"Model Info...", "Batch Folder..."));
		final StringBuilder m = new StringBuilder("List.setCommands;\n");
		for (final String label : labels) m.append("print(\"").append(label).append(" -> \" + List.get(\"").append(
			label).append("\"));\n");
		m.append("run(\"Generate Images...\", \"count=2 steps=3 seed=1\");\nsaveAs(\"Tiff\", \"").append(result).append(
			"\");\n");
		// the batch entry works in a plain ImageJ too (issue 31): a folder of one image, through the menu command
		final Path folder = Files.createDirectories(tmp.resolve("folder")), batchOut = tmp.resolve("folder-out");
		IJ.saveAsTiff(IJ.createImage("one", "8-bit ramp", 32, 32, 1), folder.resolve("one.tif").toString());
		m.append("run(\"Batch Folder...\", \"input=[").append(folder).append("] output=[").append(batchOut).append(
			"] options=[steps=2]\");\n");
		Files.write(macro, m.toString().getBytes(StandardCharsets.UTF_8));
		final String out = run(Arrays.asList(ChildJvm.java(), "-jar", imagej.resolve("ij.jar").toString(), "-ijpath", imagej
			.toString(), "-batch", macro.toString()));
		for (final String label : labels) {
			assertTrue(out.contains(label + " -> org.diffusionj.app.LegacyEntry(\"" + label + "\")"), out);
		}
		assertTrue(Files.exists(batchOut.resolve("one-sdedit.tif")), out);
		final ImagePlus imp = IJ.openImage(result.toString());
		assertEquals(2, imp.getStackSize(), out);
		assertEquals(32, imp.getWidth());
		assertTrue(((String) imp.getProperty("Info")).contains("model: fashion-mnist-32"), (String) imp.getProperty(
			"Info"));
		// the same commands in the menu bar of ImageJ's window
		final String menu = run(Arrays.asList(ChildJvm.java(), "-cp", imagej.resolve("ij.jar") + File.pathSeparator + Paths.get(
			PlainMenuCheck.class.getProtectionDomain().getCodeSource().getLocation().toURI()), PlainMenuCheck.class
				.getName(), imagej.toString()));
		assertTrue(menu.contains("Plugins>DiffusionJ: " + String.join(", ", labels)), menu);
	}
}
