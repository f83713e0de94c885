package org.diffusionj.app;

import ij.IJ;
import ij.ImageJ;

import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.diffusionj.api.ModelPaths;

/** Starts ImageJ with the bridge installed: the GUI, or one macro under {@code -batch}. */
final class Launcher {

	static final String USAGE = "usage: java -jar diffusionj-app.jar [-ijpath DIR] [-batch FILE.ijm [ARG]]";

	private Launcher() {}

	/** @return the process exit code */
	static int launch(String[] args) {
		if (args.length >= 2 && args[0].equals("-ijpath")) {
			final Path dir = Paths.get(args[1]).toAbsolutePath().normalize();
			if (!Files.isDirectory(dir)) {
				System.err.println("-ijpath " + args[1] + ": no such folder.");
				return 2;
			}
			System.setProperty(ModelPaths.ROOT_PROPERTY, dir.toString());
			args = java.util.Arrays.copyOfRange(args, 2, args.length);
		}
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
		final ImageJ ij = new ImageJ(mode); // builds the menus and the command table
		Bridge.install().addMenus(ij);
		return ij;
	}

	/**
	 * The ImageJ folder, unless -ijpath or diffusionj.root says otherwise: the folder that holds the app jar, or the
	 * one above it when that is a build's {@code target/} (the repository root, as README says), whatever the
	 * working directory.
	 */
	private static void defaultRoot() {
		if (System.getProperty(ModelPaths.ROOT_PROPERTY) == null) {
			System.setProperty(ModelPaths.ROOT_PROPERTY, appFolder().toString());
		}
		// ImageJ's own folder (getDirectory("imagej"), its plugins/ and macros/) is the same one
		System.setProperty("plugins.dir", System.getProperty(ModelPaths.ROOT_PROPERTY));
	}

	static Path appFolder() {
		try {
			final Path code = Paths.get(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
			final Path dir = code.getParent(); // the folder of the jar, or target/ above classes/
			if (dir == null) return Paths.get("").toAbsolutePath();
			final Path name = dir.getFileName();
			return name != null && name.toString().equals("target") && dir.getParent() != null ? dir.getParent() : dir;
		}
		catch (final java.net.URISyntaxException | RuntimeException e) {
			return Paths.get("").toAbsolutePath(); // NB: no code source (an unusual class loader): the working directory
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
