package org.diffusionj.spark;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileInfo;
import ij.io.TiffDecoder;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Regions of one plane of a large image, read lazily: for an uncompressed grey TIFF (what ImageJ writes) only the
 * rows of the region, each from its offset, so a task holds one block, never the image; any other file is opened
 * whole (and each task then holds the image).
 */
final class TiffRegion {

	private final File file;
	private final FileInfo[] info; // one for a contiguous stack, or one per plane; null: not readable lazily
	private final ImagePlus whole; // the opened image when it is not
	final int width, height, planes, bitDepth;
	final Calibration calibration;

	TiffRegion(final File file) throws IOException {
		this.file = file;
		final FileInfo[] found = lazyInfo(file);
		if (found != null) {
			info = found;
			whole = null;
			width = found[0].width;
			height = found[0].height;
			planes = found.length > 1 ? found.length : Math.max(1, found[0].nImages);
			bitDepth = found[0].getBytesPerPixel() == 1 ? 8 : found[0].getBytesPerPixel() == 2 ? 16 : 32;
			calibration = new ImagePlus().getCalibration();
			calibration.pixelWidth = found[0].pixelWidth;
			calibration.pixelHeight = found[0].pixelHeight;
			if (found[0].unit != null) calibration.setUnit(found[0].unit);
		}
		else {
			info = null;
			whole = IJ.openImage(file.toString());
			if (whole == null) throw new IllegalArgumentException("not an image ImageJ can read");
			if (whole.getBitDepth() == 24) throw new IllegalArgumentException("an RGB image: blocks take grey images");
			width = whole.getWidth();
			height = whole.getHeight();
			planes = whole.getStackSize();
			bitDepth = whole.getBitDepth();
			calibration = whole.getCalibration().copy();
		}
	}

	boolean lazy() {
		return info != null;
	}

	/** The plane's region as an image of the plane's depth, titled {@code title}. */
	ImagePlus read(final String title, final int z, final int x, final int y, final int w, final int h)
		throws IOException
	{
		final ImageProcessor ip;
		if (info == null) {
			final ImageProcessor plane = whole.getStack().getProcessor(z + 1);
			plane.setRoi(x, y, w, h);
			ip = plane.crop();
		}
		else ip = readLazily(z, x, y, w, h);
		final ImagePlus imp = new ImagePlus(title, ip);
		imp.setCalibration(calibration.copy());
		return imp;
	}

	private ImageProcessor readLazily(final int z, final int x, final int y, final int w, final int h) throws IOException {
		final FileInfo fi = info.length > 1 ? info[z] : info[0];
		final int bpp = fi.getBytesPerPixel();
		final long plane = info.length > 1 ? fi.getOffset() : fi.getOffset() + z * ((long) width * height * bpp + fi
			.getGap());
		final byte[] row = new byte[w * bpp];
		final float[] f = bpp == 4 ? new float[w * h] : null;
		final short[] s = bpp == 2 ? new short[w * h] : null;
		final byte[] b = bpp == 1 ? new byte[w * h] : null;
		try (RandomAccessFile in = new RandomAccessFile(file, "r")) {
			for (int r = 0; r < h; r++) {
				in.seek(plane + ((long) (y + r) * width + x) * bpp);
				in.readFully(row);
				final ByteBuffer buf = ByteBuffer.wrap(row).order(fi.intelByteOrder ? ByteOrder.LITTLE_ENDIAN
					: ByteOrder.BIG_ENDIAN);
				for (int i = 0; i < w; i++) {
					if (f != null) f[r * w + i] = buf.getFloat();
					else if (s != null) s[r * w + i] = (short) (buf.getShort() + (fi.fileType == FileInfo.GRAY16_SIGNED ? 32768
						: 0));
					else b[r * w + i] = buf.get();
				}
			}
		}
		return f != null ? new FloatProcessor(w, h, f) : s != null ? new ShortProcessor(w, h, s, null)
			: new ByteProcessor(w, h, b);
	}

	/** The TIFF's plane layout when every plane is uncompressed grey 8-, 16- or 32-bit float and contiguous, else null. */
	private static FileInfo[] lazyInfo(final File file) {
		final String name = file.getName().toLowerCase(java.util.Locale.ROOT);
		if (!name.endsWith(".tif") && !name.endsWith(".tiff")) return null;
		final FileInfo[] info;
		try {
			info = new TiffDecoder(file.getParent() + File.separator, file.getName()).getTiffInfo();
		}
		catch (final IOException | RuntimeException e) {
			return null;
		}
		if (info == null || info.length == 0) return null;
		for (final FileInfo fi : info) {
			final boolean grey = fi.fileType == FileInfo.GRAY8 || fi.fileType == FileInfo.GRAY16_UNSIGNED ||
				fi.fileType == FileInfo.GRAY16_SIGNED || fi.fileType == FileInfo.GRAY32_FLOAT;
			if (!grey || fi.compression != FileInfo.COMPRESSION_NONE || fi.width != info[0].width || fi.height !=
				info[0].height || fi.fileType != info[0].fileType || !contiguous(fi)) return null;
		}
		return info;
	}

	/** Whether a plane's strips follow each other (ImageJ writes them so; another writer need not). */
	private static boolean contiguous(final FileInfo fi) {
		if (fi.stripOffsets == null || fi.stripLengths == null) return true;
		for (int i = 1; i < fi.stripOffsets.length; i++) {
			if ((fi.stripOffsets[i] & 0xffffffffL) != (fi.stripOffsets[i - 1] & 0xffffffffL) + (fi.stripLengths[i - 1] &
				0xffffffffL)) return false;
		}
		return true;
	}
}
