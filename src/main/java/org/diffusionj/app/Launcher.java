package org.diffusionj.app;

import ij.IJ;
import ij.ImageJ;

import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.diffusionj.command.ModelPaths;

/** Starts ImageJ with the bridge installed: the GUI, or one macro under {@code -batch}. */
final class Launcher {

	static final String USAGE = "usage: java -jar diffusionj-app.jar [-batch FILE.ijm [ARG]]";

	private Launcher() {}

	/** @return the process exit code */
	static int launch(final String[] args) {
		defaultRoot();
		if (args.length >= 2 && args[0].equals("-batch")) {
			return runBatch(Paths.get(args[1]), args.length > 2 ? args[2] : "");
		}
		if (args.length > 0) {
			System.err.println(USAGE);
			return 2;
		}
		if (GraphicsEnvironment.isHeadless()) {
			System.err.println("No display: use -batch FILE.ijm to run a macro without one.");
			return 2;
		}
		return waitForExit(startGui(ImageJ.STANDALONE));
	}

	/** ImageJ's window with Plugins › DiffusionJ; the repository root is the ImageJ folder. */
	static ImageJ startGui(final int mode) {
		defaultRoot();
		System.setProperty("plugins.dir", System.getProperty(ModelPaths.ROOT_PROPERTY));
		final ImageJ ij = new ImageJ(mode); // builds the menus and the command table
		Bridge.install().addMenus(ij);
		return ij;
	}

	/** The ImageJ folder is the working directory unless diffusionj.root says otherwise. */
	private static void defaultRoot() {
		if (System.getProperty(ModelPaths.ROOT_PROPERTY) == null) {
			System.setProperty(ModelPaths.ROOT_PROPERTY, Paths.get("").toAbsolutePath().toString());
		}
	}

	private static int waitForExit(final ImageJ ij) {
		while (!ij.quitting() && ij.isShowing() || IJ.getInstance() == ij && !ij.quitting()) {
			try {
				Thread.sleep(500);
			}
			catch (final InterruptedException e) {
				return 0;
			}
		}
		return 0;
	}

	/** Runs a macro file headless; 0 when it ran through, 1 when it stopped with an error. */
	static int runBatch(final Path macro, final String arg) {
		final String text;
		try {
			text = new String(Files.readAllBytes(macro), StandardCharsets.UTF_8);
		}
		catch (final IOException e) {
			System.err.println("Cannot read macro " + macro + ": " + e.getMessage());
			return 2;
		}
		try (Bridge bridge = Bridge.install()) {
			return new BatchMacro(text, arg).run() ? 0 : 1;
		}
	}
}
