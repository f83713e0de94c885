package org.diffusionj.app;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A folder of mixed files as a user's folder holds them, and a fingerprint to prove it untouched. */
final class BatchFolder {

	private BatchFolder() {}

	/** 8-, 16-, 32-bit, RGB, a stack, an odd size, a calibrated image, and files that are no images. */
	static Path mixed(final Path dir) throws IOException {
		Files.createDirectories(dir.resolve("sub"));
		save(IJ.createImage("grey8", "8-bit ramp", 40, 32, 1), dir.resolve("grey8.tif"));
		save(IJ.createImage("grey16", "16-bit ramp", 36, 36, 1), dir.resolve("grey16.tif"));
		save(IJ.createImage("float", "32-bit ramp", 32, 40, 1), dir.resolve("float.tif"));
		save(IJ.createImage("stack", "8-bit ramp", 32, 32, 3), dir.resolve("stack.tif"));
		save(IJ.createImage("odd", "8-bit ramp", 37, 53, 1), dir.resolve("odd size.tif"));
		final ImagePlus rgb = IJ.createImage("rgb", "RGB ramp", 32, 32, 1);
		new FileSaver(rgb).saveAsPng(dir.resolve("colour.png").toString());
		final ImagePlus cal = IJ.createImage("cal", "8-bit ramp", 32, 32, 1);
		cal.getCalibration().pixelWidth = 0.1;
		cal.getCalibration().setUnit("um");
		save(cal, dir.resolve("calibrated.tif"));
		Files.write(dir.resolve("notes.txt"), "not an image".getBytes(StandardCharsets.UTF_8));
		Files.write(dir.resolve("sub").resolve("inner.tif"), new byte[] { 1, 2, 3 });
		return dir;
	}

	private static void save(final ImagePlus imp, final Path file) {
		new FileSaver(imp).saveAsTiff(file.toString());
	}

	/** SHA-256 of every file under dir, by relative path. */
	static Map<String, String> fingerprint(final Path dir) throws Exception {
		final Map<String, String> out = new TreeMap<>();
		try (Stream<Path> files = Files.walk(dir)) {
			for (final Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
				final MessageDigest md = MessageDigest.getInstance("SHA-256");
				try (InputStream in = Files.newInputStream(f)) {
					final byte[] b = new byte[8192];
					for (int r; (r = in.read(b)) > 0;) md.update(b, 0, r);
				}
				out.put(dir.relativize(f).toString(), new java.math.BigInteger(1, md.digest()).toString(16) + " " + Files
					.getLastModifiedTime(f));
			}
		}
		return out;
	}
}
