package org.diffusionj.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Result names that cannot clash, and one set of folder defaults for every route (issue 31). */
class ResultStemsTest {

	@Test
	void aStemSharedByTwoImagesKeepsTheWholeNames() {
		final Map<String, String> expected = new LinkedHashMap<>();
		expected.put("A.png", "A.png"); // NB: case does not tell files apart on macOS and Windows
		expected.put("a.tif", "a.tif");
		expected.put("a.tif.png", "a.tif.png"); // its stem is a.tif's whole name: both whole again
		expected.put("b.tif", "b");
		expected.put("c", "c");
		assertEquals(expected, ResultStems.of(Arrays.asList("A.png", "a.tif", "a.tif.png", "b.tif", "c")));
	}

	@Test
	void noOptionsAndEmptyOptionsAreTheFolderDefaultsByEveryRoute() {
		assertEquals("strength=0.3 steps=20", BatchOptions.resolve("Noise and Denoise...", null));
		assertEquals("strength=0.3 steps=20", BatchOptions.resolve("Noise and Denoise...", "  "));
		assertEquals("samples=8", BatchOptions.resolve("Restore Image...", ""));
		assertEquals("steps=5", BatchOptions.resolve("Restore Image...", " steps=5 "));
		assertEquals("model=[a b] seed=3 steps=20", BatchOptions.normalised("Steps=20  seed=3 model=[a b]"));
		assertEquals("model=fluo-restore seed=3", BatchOptions.normalised("seed=[3] model=[fluo-restore]"));
		assertEquals("model=fluo-prior samples=8", BatchOptions.normalised("samples=8", "fluo-prior"));
		assertEquals("model=[my model] samples=8", BatchOptions.normalised("model=[my model] samples=8", "fluo-prior"));
	}

	@Test
	void aManifestOfOtherSettingsIsOneSentence() {
		final String header = RunManifest.header("Restore Image...", "samples=8 seed=1");
		assertEquals(null, RunManifest.conflict(header.split("\n")[0], "manifest.csv", "Restore Image...",
			"seed=1  samples=8"));
		assertEquals("This output folder holds results made with other settings (manifest.csv: command=[Restore " +
			"Image...] options=[model=fluo-restore-1step samples=8 seed=1]; now: command=[Restore Image...] options=[" +
			"model=fluo-restore-1step samples=16 seed=1]): run " +
			"with those settings to complete it, or choose a new output folder.", RunManifest.conflict(header.split(
				"\n")[0], "manifest.csv", "Restore Image...", "samples=16 seed=1"));
		assertEquals(null, RunManifest.conflict(RunManifest.COLUMNS, "manifest.csv", "Restore Image...", "x=1"),
			"an older manifest, without a run line, says nothing");
	}

	/**
	 * A run line names the model that made its results, so that a changed default never adds another model's results
	 * to a folder. A line of an earlier DiffusionJ names none: for Restore Image..., whose default changed meanwhile,
	 * the model is the one its first done result's recipe names; with no done result any model may complete it.
	 */
	@Test
	void aManifestSaysWhichModelMadeItsResults() {
		assertTrue(RunManifest.header("Restore Image...", "samples=8").contains(
			"options=[model=fluo-restore-1step samples=8]"));
		assertTrue(RunManifest.header("Deconvolve Image...", "samples=8").contains("options=[model=fluo-prior samples=8]"));
		final String before = "# DiffusionJ 0.1.0-SNAPSHOT: command=[Restore Image...] options=[samples=8]\n" +
			RunManifest.COLUMNS + "\n";
		final String rows = before + "a.tif,/data/out/a-restored.tif,11,2.00,\"residual test: consistent (1.0, 2)\",done\n" +
			"b.tif,/data/out/b-restored.tif,12,2.00,,done\n";
		final java.util.function.Function<String, String> byOld = name -> name.equals("a-restored.tif") ?
			"DiffusionJ recipe\ncommand: Restore Image...\nmodel: fluo-restore\nmodel_folder: /x\n" : null;
		final java.util.function.Function<String, String> byNew = name -> "DiffusionJ recipe\nmodel: fluo-restore-1step\n";
		assertEquals("This output folder holds results made with other settings (manifest.csv: command=[Restore " +
			"Image...] options=[model=fluo-restore samples=8]; now: command=[Restore Image...] options=[" +
			"model=fluo-restore-1step samples=8]): run with those settings to complete it, or choose a new output folder.",
			RunManifest.problem(rows, "manifest.csv", "Restore Image...", "samples=8", byOld));
		assertEquals(null, RunManifest.problem(rows, "manifest.csv", "Restore Image...", "model=fluo-restore samples=8",
			byOld));
		assertEquals(null, RunManifest.problem(rows, "manifest.csv", "Restore Image...", "samples=8 model=[fluo-restore]",
			byOld));
		assertEquals(null, RunManifest.problem(rows, "manifest.csv", "Restore Image...", "samples=8", byNew),
			"made by the later default: completed by it");
		assertTrue(RunManifest.problem(rows, "manifest.csv", "Restore Image...", "model=fluo-restore samples=8", byNew)
			.startsWith("This output folder holds results made with other settings"));
		assertTrue(RunManifest.problem(rows, "manifest.csv", "Restore Image...", "samples=8", name -> null).contains(
			"model=[unknown: its results' recipes cannot be read]"), "no recipe, no model to complete it with");
		for (final String model : new String[] { "", "model=fluo-restore ", "model=fluo-restore-1step " }) {
			assertEquals(null, RunManifest.problem(before + "a.tif,a-restored.tif,11,2.00,,failed: no disk\n",
				"manifest.csv", "Restore Image...", model + "samples=8", byOld), "no done result: " + model);
		}
		assertEquals(null, RunManifest.conflict(
			"# DiffusionJ 0.1.0-SNAPSHOT: command=[Restore Image...] options=[model=[fluo-restore-1step] samples=8]",
			"manifest.csv", "Restore Image...", "samples=8"), "a line that named the model");
		assertEquals(null, RunManifest.problem(RunManifest.header("Restore Image...", "samples=8") +
			"a.tif,a-restored.tif,11,2.00,,done\n", "manifest.csv", "Restore Image...", "samples=8", name -> {
				throw new AssertionError("a line that names its model needs no result read");
			}));
		assertEquals(null, RunManifest.problem("# DiffusionJ 0.1.0-SNAPSHOT: command=[Deconvolve Image...] options=[" +
			"psf=gaussian samples=8 sigma=1.4]\n" + RunManifest.COLUMNS + "\na.tif,a-deconvolved.tif,1,2.00,,done\n",
			"manifest.csv", "Deconvolve Image...", "samples=8 sigma=1.4 psf=gaussian", name -> null),
			"the other commands' defaults did not change");
		assertEquals(null, RunManifest.conflict("# DiffusionJ 0.1.0-SNAPSHOT: command=[Noise and Denoise...] options=[" +
			"steps=20 strength=0.3]", "manifest.csv", "Noise and Denoise...", "strength=0.3 steps=20"));
		assertEquals(java.util.Arrays.asList("a", "x, \"y\"", "", "done"), UnrecordedModel.fields(
			"a,\"x, \"\"y\"\"\",,done"));
	}

	/** The folder defaults' models are the commands' own. */
	@Test
	void theFolderDefaultModelsAreTheCommands() throws ReflectiveOperationException {
		for (final Class<?> c : Arrays.asList(org.diffusionj.command.NoiseAndDenoiseCommand.class,
			org.diffusionj.command.RestoreImageCommand.class, org.diffusionj.command.DeconvolveImageCommand.class))
		{
			final java.lang.reflect.Field model = c.getDeclaredField("model");
			model.setAccessible(true);
			final Object command = c.getDeclaredConstructor().newInstance();
			final org.scijava.plugin.Menu[] menu = c.getAnnotation(org.scijava.plugin.Plugin.class).menu();
			assertEquals(model.get(command), BatchOptions.defaultModel(menu[menu.length - 1].label()), c.getSimpleName());
		}
	}

	/** Rows of two layouts in one manifest would be misread: a manifest with the columns before check is refused. */
	@Test
	void aManifestWithOtherColumnsIsOneSentence() {
		final java.util.List<String> now = java.util.Arrays.asList(RunManifest.header("Restore Image...", "samples=8")
			.split("\n"));
		assertEquals(null, RunManifest.otherColumns(now, "manifest.csv"));
		final String old = "input,output,seed,seconds,status";
		final String expected = "This output folder's manifest.csv has the columns of an older DiffusionJ (" + old +
			"; now " + RunManifest.COLUMNS + "): move it aside to complete the folder (whole results are kept), or " +
			"choose a new output folder.";
		assertEquals(expected, RunManifest.otherColumns(java.util.Arrays.asList(now.get(0), old), "manifest.csv"));
		assertEquals(expected, RunManifest.otherColumns(java.util.Arrays.asList(old, "a.tif,b.tif,1,2.00,done"),
			"manifest.csv"), "an older manifest without a run line");
		assertEquals(null, RunManifest.otherColumns(java.util.Collections.emptyList(), "manifest.csv"));
		// the whole check on a manifest's text, whatever its line ends: run first, then columns
		final String header = RunManifest.header("Restore Image...", "samples=8");
		assertEquals(null, RunManifest.problem(header.replace("\n", "\r\n") + "a.tif,b.tif,1,2.00,,done\r\n",
			"manifest.csv", "Restore Image...", "samples=8", name -> null));
		assertEquals(null, RunManifest.problem("", "manifest.csv", "Restore Image...", "samples=8", name -> null));
		assertEquals(expected, RunManifest.problem(now.get(0) + "\n" + old + "\n", "manifest.csv", "Restore Image...",
			"samples=8", name -> null));
		assertTrue(RunManifest.problem(header, "manifest.csv", "Restore Image...", "samples=16", name -> null).startsWith(
			"This output folder holds results made with other settings"));
	}

	/** A block's recipe loses its residual test line (the verdict of a block is not the image's). */
	@Test
	void aBlocksRecipeHasNoCheck() {
		assertEquals("DiffusionJ recipe\ncommand: Restore Image...\nsamples: 8\n", RunManifest.withoutCheck(
			"DiffusionJ recipe\ncommand: Restore Image...\nresidual test: consistent (score 1.0 at 2 px, threshold " +
				"5.0)\nsamples: 8\n"));
	}
}
