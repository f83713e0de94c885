package org.diffusionj.app;

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

import org.diffusionj.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged app jar as a user runs it: {@code java -jar diffusionj-app.jar -batch FILE.ijm}, no display. */
class AppBatchIT {

	@TempDir
	Path tmp;

	private ChildJvm runApp(final String macro, final String... extra) throws IOException, InterruptedException {
		return runApp(null, new String[0], macro, extra);
	}

	/** @param cwd the working directory (null: this one); @param before app options before -batch */
	private ChildJvm runApp(final Path cwd, final String[] before, final String macro, final String... extra)
		throws IOException, InterruptedException
	{
		return runApp(cwd, new String[0], before, macro, extra);
	}

	/** @param jvm options of the child JVM (before -jar) */
	private ChildJvm runApp(final Path cwd, final String[] jvm, final String[] before, final String macro,
		final String... extra) throws IOException, InterruptedException
	{
		final Path file = tmp.resolve("test.ijm");
		Files.write(file, macro.getBytes(StandardCharsets.UTF_8));
		final Path jar = Paths.get(System.getProperty("diffusionj.appJar", "target/diffusionj-app.jar")).toAbsolutePath();
		final List<String> cmd = new ArrayList<>(Arrays.asList(ChildJvm.java()));
		cmd.addAll(Arrays.asList(jvm));
		cmd.addAll(Arrays.asList("-jar", jar.toString()));
		cmd.addAll(Arrays.asList(before));
		cmd.addAll(Arrays.asList("-batch", file.toString()));
		cmd.addAll(Arrays.asList(extra));
		final ProcessBuilder pb = new ProcessBuilder(cmd);
		if (cwd != null) pb.directory(cwd.toFile());
		pb.environment().remove("DISPLAY"); // no X server
		return ChildJvm.run(pb, 120);
	}

	@Test
	void runsAMacroHeadlessAndPrints() throws Exception {
		final ChildJvm r = runApp("run(\"Generate Images...\", \"model=[" + Fixtures.model("gaussian") +
			"] count=2 steps=5\");\nprint(\"slices=\" + nSlices + \" arg=\" + getArgument());", "hello");
		assertEquals(0, r.exit, r.output);
		assertTrue(r.output.contains("slices=2 arg=hello"), r.output);
	}

	/** ONNX Runtime's library told to load from a folder that does not exist: one sentence, no stack trace. */
	@Test
	void aNativeLibraryThatCannotLoadIsOneSentence() throws Exception {
		final ChildJvm r = runApp(null, new String[] { "-Donnxruntime.native.path=" + tmp.resolve("no-such-folder") },
			new String[0], "run(\"Generate Images...\", \"model=[" + Fixtures.model("gaussian") + "] count=1 steps=2\");");
		assertEquals(1, r.exit, r.output);
		assertTrue(r.output.contains("ONNX Runtime's native library cannot be loaded on " + System.getProperty(
			"os.name")), r.output);
		assertTrue(!r.output.contains("\tat "), r.output);
	}

	@Test
	void anErrorExitsNonZeroWithoutStackTrace() throws Exception {
		final ChildJvm r = runApp("run(\"Generate Images...\", \"model=[" + Fixtures.model("gaussian") +
			"] sampler=Heun\");\nprint(\"not reached\");");
		assertEquals(1, r.exit, r.output);
		assertTrue(r.output.contains("sampler=Heun is not a known sampler"), r.output);
		assertFalse(r.output.contains("not reached"), r.output);
		assertFalse(r.output.contains("\tat "), r.output);
	}

	@Test
	void theDefaultModelIsShipped() throws Exception {
		final ChildJvm r = runApp("run(\"Generate Images...\", \"count=1 steps=2 label=Trouser\");\n" +
			"print(getWidth() + \"x\" + getHeight() + \" \" + bitDepth() + \"-bit \" + getMetadata(\"Label\"));");
		assertEquals(0, r.exit, r.output);
		assertTrue(r.output.contains("32x32 8-bit seed=42 #1 label=Trouser"), r.output);
	}

	@Test
	void sizesTheNetworkCannotTakeAreSampledLargerAndCut() throws Exception {
		final ChildJvm r = runApp("run(\"Generate Images...\", \"count=2 steps=2 width=50 height=37 label=Bag\");\n" +
			"print(\"size=\" + getWidth() + \"x\" + getHeight() + \"x\" + nSlices);");
		assertEquals(0, r.exit, r.output);
		assertTrue(r.output.contains("size=50x37x2"), r.output);
	}

	/** The ImageJ folder is the one above target/, wherever the app is started from; -ijpath chooses another. */
	@Test
	void theImageJFolderIsTheRepositoryNotTheWorkingDirectory() throws Exception {
		final Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
		final String macro = "run(\"Generate Images...\", \"count=1 steps=2\");\nprint(\"ij=\" + getDirectory(\"imagej\"));";
		final ChildJvm r = runApp(elsewhere, new String[0], macro);
		assertEquals(0, r.exit, r.output);
		assertTrue(r.output.contains("ij=" + Paths.get("").toAbsolutePath() + "/"), r.output);
		final Path other = Files.createDirectories(tmp.resolve("other").resolve("models"));
		final ChildJvm o = runApp(elsewhere, new String[] { "-ijpath", other.getParent().toString() }, macro);
		assertEquals(1, o.exit, o.output);
		assertTrue(o.output.contains("Model folder " + other.resolve("fashion-mnist-32") + " does not exist."), o.output);
	}

	/**
	 * Issue 17: headless, a text file named .tif ended the batch run with a HeadlessException; it is an unreadable
	 * row, and the run, which has a file without results, exits non-zero (issue 31).
	 */
	@Test
	void batchFolderRecordsAnUnreadableFileHeadless() throws Exception {
		final Path in = Files.createDirectories(tmp.resolve("in"));
		Files.write(in.resolve("broken.tif"), "not an image".getBytes(StandardCharsets.UTF_8));
		final String macro = new String(Files.readAllBytes(Paths.get("macros/batch_folder.ijm")), StandardCharsets.UTF_8);
		final ChildJvm r = runApp(macro, "input=[" + in + "] output=[" + tmp.resolve("out") + "] options=[steps=2]");
		assertEquals(1, r.exit, r.output);
		assertTrue(r.output.contains("broken.tif: unreadable: "), r.output);
		assertTrue(r.output.contains("0 done, 0 kept, 0 failed, 1 unreadable"), r.output);
		assertFalse(r.output.contains("HeadlessException"), r.output);
	}

	/** Issue 17: headless, an ImageJ window (here the text editor that open() shows for a text file) is one sentence. */
	@Test
	void aWindowHeadlessIsOneSentence() throws Exception {
		final Path text = tmp.resolve("notes.tif");
		Files.write(text, "not an image".getBytes(StandardCharsets.UTF_8));
		final ChildJvm r = runApp("open(\"" + text + "\");\nprint(\"not reached\");");
		assertEquals(1, r.exit, r.output);
		assertTrue(r.output.contains("Macro stopped: ImageJ tried to open a window (ij.plugin.frame.") && r.output
			.contains("and this run has no display"), r.output);
		assertFalse(r.output.contains("HeadlessException"), r.output);
	}

	@Test
	void aMacroSyntaxErrorExitsNonZero() throws Exception {
		assertEquals(1, runApp("print(\"unterminated);").exit);
	}
}
