package org.diffusionj.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.WindowManager;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.diffusionj.Fixtures;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A property of every command: whatever combination of its README keys a macro gives, extreme values included
 * (steps=1 and =T, the least tile, overlap at or above tile, strength just above 0, a count far beyond memory, odd
 * sizes, a 1-pixel image, an all-NaN image, a bad choice), the call ends within a time limit either in a result or
 * in one sentence (no stack trace, no "null"), and the input image is byte for byte what it was.
 */
public class CommandPropertiesIT {

	/** Random combinations tried per command (README says how many in all). */
	static final int COMBINATIONS = 40;

	private static final long LIMIT_MS = 30_000;

	@RegisterExtension
	static final MacroHarness ij = new MacroHarness();

	private static final String GAUSSIAN = "model=[" + Fixtures.model("gaussian") + "]";
	private static final String RESTORE = "model=[" + Fixtures.model("restore_gaussian") + "]";
	private static final String POINTS = "model=playground-moons";

	/** Input images: a name and the macro that makes it (titled "input"). */
	private static final String[][] IMAGES = {
		{ "16-bit 16x12", "newImage(\"input\", \"16-bit ramp\", 16, 12, 1);\nrun(\"Add...\", \"value=300\");" },
		{ "8-bit odd 7x5", "newImage(\"input\", \"8-bit ramp\", 7, 5, 1);" },
		{ "1 pixel", "newImage(\"input\", \"32-bit black\", 1, 1, 1);\nsetPixel(0, 0, 0.25);" },
		{ "all NaN 6x6", "newImage(\"input\", \"32-bit black\", 6, 6, 1);\nrun(\"Set...\", \"value=NaN\");" },
		{ "float stack 9x9x2", "newImage(\"input\", \"32-bit ramp\", 9, 9, 2);" } };

	/** Keys and the values tried, as README's tables give them, with extremes and a few wrong ones. */
	private static final Map<String, String[]> SAMPLING = new LinkedHashMap<>();
	static {
		SAMPLING.put("sampler", new String[] { "DDIM", "DDPM", "DPM++2M", "DPM++2M-t0", "DPM++2M-Karras", "DPM++2M-Exp",
			"DPM++2M-SDE", "DPM++3M", "DPM++3M-SDE", "UniPC", "UniPC-Exp", "Heun" });
		SAMPLING.put("steps", new String[] { "1", "2", "7", "1000", "0", "1001" });
		SAMPLING.put("eta", new String[] { "0", "1", "-1" });
		SAMPLING.put("epsilon", new String[] { "1", "1.004", "0.5", "2", "0.49", "0", "0.2" });
		SAMPLING.put("seed", new String[] { "0", "-5", "9" });
		SAMPLING.put("guidance", new String[] { "1", "0", "3" });
		SAMPLING.put("label", new String[] { "none", "7", "Coat" });
	}

	private static final Map<String, Map<String, String[]>> KEYS = new LinkedHashMap<>();
	static {
		final Map<String, String[]> generate = new LinkedHashMap<>(SAMPLING);
		generate.put("count", new String[] { "1", "3", "2000000000", "0" });
		generate.put("width", new String[] { "0", "1", "7", "33", "-2" });
		generate.put("height", new String[] { "0", "1", "5" });
		generate.put("batch", new String[] { "1", "2", "0" });
		generate.put("tile", new String[] { "0", "8", "16" });
		generate.put("overlap", new String[] { "0", "4", "8", "32" });
		generate.put("type", new String[] { "auto", "8-bit", "16-bit", "32-bit", "64-bit" });
		generate.put("noise", new String[] { "image", "position", "pink" });
		KEYS.put("Generate Images...", generate);
		final Map<String, String[]> image = new LinkedHashMap<>(SAMPLING);
		image.put("strength", new String[] { "0.000001", "0.01", "0.5", "1", "1.5" });
		image.put("samples", new String[] { "1", "3", "0" });
		image.put("range", new String[] { "auto", "model", "image", "percentile", "gamma", "[0 300]", "[5 1]" });
		image.put("noise", new String[] { "image", "position" });
		image.put("tile", new String[] { "0", "8", "16" });
		image.put("overlap", new String[] { "0", "4", "8", "32" });
		image.put("batch", new String[] { "1", "2" });
		image.put("type", new String[] { "auto", "8-bit", "32-bit" });
		KEYS.put("Noise and Denoise...", image);
		final Map<String, String[]> restore = new LinkedHashMap<>(image);
		restore.remove("strength");
		restore.remove("label");
		restore.remove("guidance");
		restore.put("keep", new String[] { "true", "false" });
		restore.put("residual", new String[] { "true", "false" });
		KEYS.put("Restore Image...", restore);
		final Map<String, String[]> inpaint = new LinkedHashMap<>(image);
		for (final String k : new String[] { "strength", "sampler", "tile", "overlap" }) inpaint.remove(k);
		inpaint.put("jump", new String[] { "1", "3", "0" });
		inpaint.put("resample", new String[] { "1", "2" });
		KEYS.put("Inpaint Selection...", inpaint);
		final Map<String, String[]> steps = new LinkedHashMap<>(SAMPLING);
		steps.put("start", new String[] { "noise", "image", "middle" });
		steps.put("strength", new String[] { "0.000001", "0.5", "1" });
		steps.put("every", new String[] { "1", "3", "5000", "0" });
		steps.put("width", new String[] { "0", "7" });
		steps.put("range", new String[] { "auto", "image" });
		KEYS.put("Denoising Steps...", steps);
		final Map<String, String[]> forward = new LinkedHashMap<>();
		forward.put("frames", new String[] { "1", "2", "11", "5000", "0" });
		forward.put("seed", new String[] { "0", "3" });
		forward.put("range", new String[] { "auto", "model", "image", "percentile" });
		forward.put("schedule", new String[] { "model", "linear", "squaredcos_cap_v2", "cosine" });
		KEYS.put("Forward Diffusion...", forward);
		final Map<String, String[]> likelihood = new LinkedHashMap<>();
		likelihood.put("seed", new String[] { "0", "3" });
		likelihood.put("range", new String[] { "auto", "model", "image" });
		likelihood.put("label", new String[] { "none", "2" });
		likelihood.put("batch", new String[] { "1", "50", "0" });
		KEYS.put("Likelihood...", likelihood);
		final Map<String, String[]> schedule = new LinkedHashMap<>();
		schedule.put("schedule", new String[] { "model", "linear", "sigmoid", "scaled_linear" });
		schedule.put("timesteps", new String[] { "2", "1000", "1", "0" });
		KEYS.put("Noise Schedule...", schedule);
		final Map<String, String[]> playground = new LinkedHashMap<>(SAMPLING);
		playground.put("points", new String[] { "1", "50", "0" });
		playground.put("every", new String[] { "0", "1", "5000" });
		playground.put("frames", new String[] { "2", "11", "1" });
		playground.put("x0", new String[] { "true", "false" });
		playground.put("field", new String[] { "true", "false" });
		playground.put("size", new String[] { "64", "100", "32", "5000" });
		KEYS.put("Diffusion Playground...", playground);
		final Map<String, String[]> deconvolve = new LinkedHashMap<>();
		deconvolve.put("psf", new String[] { "gaussian", "airy", "none", "image", "cubic" });
		deconvolve.put("sigma", new String[] { "1", "0.3", "0", "60" });
		deconvolve.put("wavelength", new String[] { "520", "0" });
		deconvolve.put("na", new String[] { "1.2", "1.6", "0" });
		deconvolve.put("pixel", new String[] { "100", "-1" });
		deconvolve.put("noise", new String[] { "poisson", "gaussian", "laplace" });
		deconvolve.put("gain", new String[] { "1", "2", "0" });
		deconvolve.put("offset", new String[] { "0", "100" });
		deconvolve.put("read", new String[] { "0", "3", "-1" });
		deconvolve.put("noise_std", new String[] { "0", "5", "-1" });
		deconvolve.put("samples", new String[] { "1", "2", "0" });
		deconvolve.put("steps", new String[] { "1", "2", "0" });
		deconvolve.put("seed", new String[] { "0", "7" });
		deconvolve.put("keep", new String[] { "true", "false" });
		deconvolve.put("tile", new String[] { "256", "32", "16" });
		deconvolve.put("overlap", new String[] { "0", "32", "300" });
		KEYS.put("Deconvolve Image...", deconvolve);
	}

	@TestFactory
	List<DynamicTest> everyCombinationEndsInAResultOrOneSentence() {
		final List<DynamicTest> tests = new ArrayList<>();
		final Random random = new Random(20261201);
		for (final Map.Entry<String, Map<String, String[]>> command : KEYS.entrySet()) {
			for (int i = 0; i < COMBINATIONS; i++) {
				final String[] image = IMAGES[random.nextInt(IMAGES.length)];
				final StringBuilder options = new StringBuilder(command.getKey().equals("Restore Image...") ? RESTORE : command
					.getKey().equals("Diffusion Playground...") ? POINTS : GAUSSIAN);
				for (final Map.Entry<String, String[]> key : command.getValue().entrySet()) {
					if (random.nextInt(3) == 0) continue; // a macro gives some keys, not all
					final String[] values = key.getValue();
					options.append(' ').append(key.getKey()).append('=').append(values[random.nextInt(values.length)]);
				}
				final String name = command.getKey() + " " + options.substring(options.indexOf("]") + 1).trim() + " on " +
					image[0];
				tests.add(DynamicTest.dynamicTest(name, () -> check(command.getKey(), options.toString(), image[1])));
			}
		}
		return tests;
	}

	/** The input of the current run, kept by the macro through call(), and a copy of its pixels. */
	private static ImagePlus input;
	private static Object[] inputPixels;

	/** Called by the macro (call("...keepInput")) on its thread, where the batch-mode image is current. */
	public static String keepInput() {
		input = WindowManager.getCurrentImage();
		inputPixels = pixels(input);
		return "kept";
	}

	private static Object[] pixels(final ImagePlus imp) {
		final Object[] copy = new Object[imp.getStackSize()];
		for (int z = 0; z < copy.length; z++) {
			final Object p = imp.getStack().getPixels(z + 1);
			if (p instanceof byte[]) copy[z] = ((byte[]) p).clone();
			else if (p instanceof short[]) copy[z] = ((short[]) p).clone();
			else if (p instanceof float[]) copy[z] = ((float[]) p).clone();
			else copy[z] = ((int[]) p).clone();
		}
		return copy;
	}

	private static void check(final String command, final String options, final String makeImage) {
		final String select = command.equals("Inpaint Selection...") ? "makeRectangle(0, 0, 2, 2);\n" : "";
		final long start = System.nanoTime();
		final boolean ok = ij.run(makeImage + "\ncall(\"" + CommandPropertiesIT.class.getName() + ".keepInput\");\n" +
			select + "n0 = nImages;\nrun(\"" + command + "\", \"" + options + "\");\nprint(\"RESULTS=\" + (nImages - n0));\n");
		final long ms = (System.nanoTime() - start) / 1_000_000;
		final String output = ij.output();
		assertTrue(ms < LIMIT_MS, "took " + ms + " ms");
		assertFalse(output.contains("\tat ") || output.contains("Exception") || output.matches("(?s).*\\bnull\\b.*"),
			"no stack trace, no null: " + output);
		if (ok) {
			final boolean makesAnImage = !command.equals("Likelihood...");
			assertTrue(!makesAnImage || output.contains("RESULTS=") && !output.contains("RESULTS=0"), "a result: " +
				output);
		}
		else {
			final int at = output.indexOf("Macro Error: ");
			assertTrue(at >= 0 && output.substring(at + 13).split("\n")[0].length() > 20, "one sentence: " + output);
		}
		assertTrue(java.util.Arrays.deepEquals(inputPixels, pixels(input)), "the input is unchanged");
	}
}
