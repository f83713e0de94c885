package org.diffusionj.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.diffusionj.Fixtures;
import org.diffusionj.api.ModelPaths;
import org.diffusionj.model.ModelCache;
import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.script.ScriptModule;
import org.scijava.script.ScriptService;

/**
 * The README's Jython script (macros/restore_outputs.py) through SciJava's script service, as Fiji's script editor
 * runs it: the command's images come back as outputs (ItemIO.OUTPUT), and are shown once, not again by a display
 * postprocessor (they are resolved outputs).
 */
class ScriptOutputsIT {

	private static final Path SCRIPT = Paths.get("macros/restore_outputs.py");

	@Test
	void theReadmeScriptGetsTheRestorationAndItsStd() throws Exception {
		final String text = new String(Files.readAllBytes(SCRIPT), StandardCharsets.UTF_8);
		final String readme = new String(Files.readAllBytes(Paths.get("README.md")), StandardCharsets.UTF_8);
		assertTrue(readme.contains(text.trim()), "README shows macros/restore_outputs.py as it is");
		System.setProperty(ModelPaths.ROOT_PROPERTY, System.getProperty("user.dir"));
		final ImagePlus noisy = IJ.openImage(Fixtures.model("fluo_pair").resolve("noisy.tif").toString());
		final Context context = new Context();
		try {
			final ScriptModule module = context.service(ScriptService.class).run(SCRIPT.toFile(), true, "image", noisy)
				.get();
			final ImagePlus restored = (ImagePlus) module.getOutput("restored");
			final ImagePlus std = (ImagePlus) module.getOutput("uncertainty");
			assertNotNull(restored, "restored");
			assertNotNull(std, "std");
			assertEquals("noisy-restored", restored.getTitle());
			assertEquals("noisy-restored-std", std.getTitle());
			assertEquals(noisy.getWidth(), restored.getWidth());
			assertEquals(32, std.getBitDepth());
			assertTrue(std.getStatistics().mean > 0, "eight different samples");
			assertTrue(((String) restored.getProperty("Info")).contains("samples: 8"), (String) restored.getProperty("Info"));
		}
		finally {
			context.dispose();
			ModelCache.clear();
		}
	}

	/**
	 * A command run from Java (CommandService, no macro on the thread) resolves its defaults as the macro line does:
	 * steps left out is the chosen sampler's default, here DDPM's every training step.
	 */
	@Test
	void aCommandRunFromJavaGetsTheSamplersDefaultSteps() throws Exception {
		final ImagePlus image = IJ.createImage("ramp", "32-bit ramp", 8, 8, 1);
		final Context context = new Context();
		try {
			final org.scijava.module.Module module = context.service(org.scijava.module.ModuleService.class).run(
				MenuCommands.of(context).get("Noise and Denoise..."), true, "image", image, "model", Fixtures.model(
					"gaussian").toString(), "sampler", "DDPM", "preview", false).get();
			final ImagePlus result = (ImagePlus) module.getOutput("result");
			assertNotNull(result, "result");
			final String info = (String) result.getProperty("Info");
			assertTrue(info.contains("sampler: DDPM") && info.contains("steps: 1000"), info);
		}
		finally {
			context.dispose();
			ModelCache.clear();
		}
	}
}
