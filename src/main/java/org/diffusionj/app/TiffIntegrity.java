package org.diffusionj.app;

import ij.io.FileInfo;
import ij.io.TiffDecoder;

import java.io.File;
import java.io.IOException;
import java.util.Locale;

/**
 * Whether a TIFF file holds all the bytes its header promises. ImageJ's reader fills a truncated file's missing
 * pixels with zeros and says nothing, so a folder run checks every TIFF it reads (an input cut short by a failed
 * copy) and every result it writes or keeps (a result cut short by a full disk) against its own header: the last
 * byte of the image data (strip offsets plus strip byte counts, or offset plus the uncompressed size of every
 * image) must lie inside the file.
 */
public final class TiffIntegrity {

	private TiffIntegrity() {}

	/** Whether a file of this name is a TIFF, which this class can check. */
	public static boolean isTiff(final String name) {
		final String lower = name.toLowerCase(Locale.ROOT);
		return lower.endsWith(".tif") || lower.endsWith(".tiff");
	}

	/** @return null when the TIFF is whole, else what is wrong with it in a few words */
	public static String problem(final File file) {
		final long length = file.length();
		if (length == 0) return "the file is empty";
		final FileInfo[] infos;
		try {
			infos = new TiffDecoder(file.getParent() == null ? "" : file.getParent() + File.separator, file.getName())
				.getTiffInfo();
		}
		catch (final IOException | RuntimeException e) {
			return "its TIFF header cannot be read (" + e.getMessage() + ")";
		}
		if (infos == null || infos.length == 0) return "it holds no TIFF image";
		for (final FileInfo fi : infos) {
			final long end = dataEnd(fi);
			if (end > length) {
				return "it is cut short: its header promises " + end + " bytes, the file has " + length;
			}
		}
		return null;
	}

	/** One byte past the last byte of the image data that the header describes. */
	static long dataEnd(final FileInfo fi) {
		final long image = (long) fi.width * fi.height * fi.getBytesPerPixel();
		final int images = Math.max(1, fi.nImages);
		final boolean uncompressed = fi.compression <= FileInfo.COMPRESSION_NONE;
		long first = 0;
		if (fi.stripOffsets != null && fi.stripLengths != null && fi.stripOffsets.length > 0) {
			for (int i = 0; i < fi.stripOffsets.length && i < fi.stripLengths.length; i++) {
				first = Math.max(first, (fi.stripOffsets[i] & 0xffffffffL) + (fi.stripLengths[i] & 0xffffffffL));
			}
		}
		else {
			first = fi.getOffset() + image;
		}
		// NB: ImageJ's own stacks are one header for n contiguous images
		return uncompressed && images > 1 ? Math.max(first, fi.getOffset() + images * (image + fi.gapBetweenImages) -
			fi.gapBetweenImages) : first;
	}
}
