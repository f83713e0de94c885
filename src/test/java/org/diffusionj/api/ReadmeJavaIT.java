package org.diffusionj.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import net.imglib2.RandomAccessibleInterval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "From Java" block, compiled as it stands and run on a camera image with the shipped prior. */
class ReadmeJavaIT {

	@TempDir
	Path tmp;

	@Test
	void theReadmeExampleCompilesRestoresAndDeconvolves() throws Exception {
		final String readme = new String(Files.readAllBytes(Paths.get("README.md")), StandardCharsets.UTF_8);
		final int section = readme.indexOf("## From Java");
		assertTrue(section >= 0, "README has a From Java section");
		final int start = readme.indexOf("```java\n", section) + "```java\n".length();
		final String source = readme.substring(start, readme.indexOf("```", start));
		final Path file = tmp.resolve("JavaExample.java");
		Files.write(file, source.getBytes(StandardCharsets.UTF_8));
		final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
		assertEquals(0, javac.run(null, null, null, "-cp", System.getProperty("java.class.path"), "-d", tmp.toString(),
			file.toString()), "the README's Java compiles");
		System.setProperty(ModelPaths.ROOT_PROPERTY, System.getProperty("user.dir"));
		final ImagePlus image = IJ.createImage("cells", "16-bit ramp", 40, 32, 1);
		image.getProcessor().add(100);
		try (URLClassLoader loader = new URLClassLoader(new URL[] { tmp.toUri().toURL() }, getClass().getClassLoader())) {
			final Class<?> example = loader.loadClass("JavaExample");
			final RestoreResult restored = (RestoreResult) example.getMethod("restore", RandomAccessibleInterval.class)
				.invoke(null, net.imglib2.img.array.ArrayImgs.unsignedShorts((short[]) image.getProcessor().getPixels(), 40,
					32));
			assertEquals("cells-restored", restored.mean().getTitle());
			assertEquals(40, restored.std().getWidth());
			assertTrue(restored.recipe.contains("model: " + ModelPaths.RESTORATION_MODEL) && restored.recipe.contains(
				"samples: 8"), restored.recipe);
			assertTrue(restored.seconds > 0);
			final DeconvolveResult r = (DeconvolveResult) example.getMethod("deconvolve", ImagePlus.class).invoke(null,
				image);
			assertEquals("cells-deconvolved", r.mean().getTitle());
			assertEquals(32, r.std().getBitDepth());
			assertEquals(40, r.denoised().getWidth());
			assertTrue(r.recipe.contains("model: " + ModelPaths.PRIOR_MODEL), r.recipe);
			assertTrue(r.lower() != null && r.upper() != null, "the shipped prior is calibrated for this PSF and camera");
		}
	}
}
