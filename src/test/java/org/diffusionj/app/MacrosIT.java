package org.diffusionj.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import ij.IJ;
import ij.ImagePlus;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Every macro shipped in macros/ and plugins/ runs to its end, and makes what it says it makes. */
class MacrosIT {

	@RegisterExtension
	static final MacroHarness ij = new MacroHarness();

	@TempDir
	static Path tmp;

	/** Each macro's argument and the file it must write there; a new macro must be added here. */
	private static String[] expectation(final String name) throws IOException {
		switch (name) {
			case "generate_class_grid.ijm":
				return new String[] { tmp.resolve("grid.png").toString(), tmp.resolve("grid.png").toString() };
			case "noise_and_denoise_strengths.ijm":
				return new String[] { tmp.resolve("strengths.tif").toString(), tmp.resolve("strengths.tif").toString() };
			case "playground_montage.ijm":
				return new String[] { tmp.resolve("playground.png").toString(), tmp.resolve("playground.png").toString() };
			case "forward_and_steps.ijm":
				return new String[] { tmp.toString(), tmp.resolve("steps.tif").toString() };
			case "batch_folder.ijm": {
				final Path in = BatchFolder.mixed(Files.createTempDirectory(tmp, "in"));
				final Path out = tmp.resolve(name + "-out");
				return new String[] { "input=[" + in + "] output=[" + out + "] options=[steps=2]", out.resolve(
					"grey8-sdedit.tif").toString() };
			}
			default:
				return null;
		}
	}

	@TestFactory
	List<DynamicTest> everyShippedMacroRuns() throws IOException {
		final List<DynamicTest> tests = new ArrayList<>();
		for (final String folder : new String[] { "macros", "plugins" }) {
			final Path dir = Paths.get(folder);
			if (!Files.isDirectory(dir)) continue;
			final List<Path> macros;
			try (Stream<Path> files = Files.list(dir)) {
				macros = files.filter(p -> p.toString().endsWith(".ijm")).sorted().collect(Collectors.toList());
			}
			for (final Path macro : macros) {
				tests.add(DynamicTest.dynamicTest(folder + "/" + macro.getFileName(), () -> {
					final String[] e = expectation(macro.getFileName().toString());
					assertTrue(e != null, "MacrosIT has no expectation for " + macro + ": add one");
					final String text = new String(Files.readAllBytes(macro), StandardCharsets.UTF_8);
					assertTrue(ij.run(text, e[0]), ij.output());
					assertTrue(Files.size(Paths.get(e[1])) > 0, e[1] + " written");
				}));
			}
		}
		return tests;
	}

	/**
	 * training/generate_for_fd.ijm, which draws every FD set of README: per images of each class in class order, class
	 * c exactly the images Generate Images makes with label=c and seed + c, so that a seed names one set.
	 */
	@Test
	void theFdMacroDrawsClassCWithSeedPlusC() throws IOException {
		final Path set = tmp.resolve("fd-set.tif"), alone = tmp.resolve("fd-class3.tif");
		final String options = "sampler=DPM++2M-t0 steps=3";
		final String macro = new String(Files.readAllBytes(Paths.get("training/generate_for_fd.ijm")),
			StandardCharsets.UTF_8);
		assertTrue(ij.run(macro, "output=[" + set + "] options=[" + options + "] per=2 seed=40"), ij.output());
		assertTrue(ij.run("run(\"Generate Images...\", \"" + options + " label=3 count=2 batch=2 seed=43\");\n" +
			"saveAs(\"Tiff\", getArgument());", alone.toString()), ij.output());
		final ImagePlus all = IJ.openImage(set.toString()), three = IJ.openImage(alone.toString());
		assertEquals(20, all.getStackSize(), "2 images of each of the 10 classes");
		for (int i = 1; i <= 2; i++) {
			assertArrayEquals((byte[]) three.getStack().getPixels(i), (byte[]) all.getStack().getPixels(6 + i),
				"slice " + (6 + i) + " is class 3's image " + i + ", drawn with seed 43");
		}
		assertFalse(Arrays.equals((byte[]) all.getStack().getPixels(1), (byte[]) all.getStack().getPixels(
			7)), "another class, another seed: other pixels");
	}
}
