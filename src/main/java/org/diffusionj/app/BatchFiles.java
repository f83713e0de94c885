package org.diffusionj.app;

import ij.IJ;
import ij.ImagePlus;

/**
 * For folder macros: opens a file as an image or says why it cannot, without ImageJ's interactive fallbacks.
 * A macro's {@code open()} shows a text editor for a text file named .tif (a HeadlessException when headless) and
 * an error dialog for a broken TIFF, either of which ends an unattended run. Called from a macro as
 * {@code reason = call("org.diffusionj.app.BatchFiles.open", path);} (in Fiji too: this class is in the plugin jar).
 */
public final class BatchFiles {

	/** The file name endings a folder run takes as images (any case); other files are skipped with a Log line. */
	private static final String[] IMAGE_ENDINGS = { ".tif", ".tiff", ".png", ".jpg", ".jpeg", ".gif", ".bmp", ".pgm" };

	private BatchFiles() {}

	/** "true" when a folder run takes a file of this name as an image (by its ending), else "false". */
	public static String isImage(final String name) {
		final String lower = name.toLowerCase(java.util.Locale.ROOT);
		for (final String ending : IMAGE_ENDINGS) {
			if (lower.endsWith(ending)) return "true";
		}
		return "false";
	}

	/**
	 * What a folder run appends to a file's name for a command's main result ({@code NAME-sdedit.tif}), or "" for a
	 * command that folder runs do not take. The command's other images keep their own endings ({@code -std}).
	 */
	public static String suffix(final String command) {
		if (command.equals("Noise and Denoise...")) return "-sdedit";
		if (command.equals("Restore Image...")) return "-restored";
		if (command.equals("Deconvolve Image...")) return "-deconvolved";
		return "";
	}

	/**
	 * Opens {@code path} as the current image (a batch-mode image in a batch-mode macro).
	 *
	 * @return "" when it opened, else ImageJ's reason in one line
	 */
	public static String open(final String path) {
		final Object read = read(path);
		if (read instanceof String) return (String) read;
		((ImagePlus) read).show();
		return "";
	}

	/**
	 * Reads a file for a folder run or a calibration, without showing it: the image, or why not in one line (a
	 * String). A TIFF is first checked against its own header ({@link TiffIntegrity}), since ImageJ would read a
	 * truncated one as an image of zeros.
	 */
	public static Object readWhole(final java.io.File file) {
		if (TiffIntegrity.isTiff(file.getName())) {
			final String broken = TiffIntegrity.problem(file);
			if (broken != null) return broken;
		}
		return read(file.getPath());
	}

	/** Reads {@code path} without showing it: the image, or ImageJ's reason in one line (a String). */
	private static Object read(final String path) {
		IJ.getErrorMessage(); // NB: clears an earlier message, so that only this file's reason is given
		IJ.redirectErrorMessages(true); // an Opener error goes to the Log, and an "Open ..." one aborts nothing
		final ImagePlus imp;
		try {
			imp = IJ.openImage(path);
		}
		catch (final RuntimeException e) {
			return "ImageJ failed on it (" + e + ")";
		}
		finally {
			IJ.redirectErrorMessages(false);
		}
		if (imp == null) {
			final String message = IJ.getErrorMessage();
			return message == null ? "not an image ImageJ can read" : message.replace('\n', ' ').trim();
		}
		return imp;
	}
}
