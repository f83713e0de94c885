package org.diffusionj.image;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * ImgLib2 images to and from ImageJ 1.x ones, copied (imglib2-ij, which wraps them, is no dependency of a plain
 * ImageJ): x and y, and at most one more axis of planes. Unsigned 8- and 16-bit types keep their depth, so that a
 * request sees the same image whichever way it came; others become 32-bit.
 */
public final class RaiImages {

	private RaiImages() {}

	/** A copy of image as an ImagePlus titled title: one slice per plane of its third axis. */
	public static ImagePlus toImagePlus(final RandomAccessibleInterval<? extends RealType<?>> image, final String title) {
		if (image == null) throw new IllegalArgumentException("No image given.");
		final int n = image.numDimensions();
		if (n < 2 || n > 3) {
			throw new IllegalArgumentException("An image of " + n + " dimensions cannot be read: give x, y and at most one " +
				"axis of planes (Views.hyperSlice or Views.collapse the rest).");
		}
		final long w = image.dimension(0), h = image.dimension(1), planes = n == 3 ? image.dimension(2) : 1;
		if (w * h * planes == 0) throw new IllegalArgumentException("The image is empty (" + w + " x " + h + " x " + planes + ").");
		if (w * h > Integer.MAX_VALUE || planes > Integer.MAX_VALUE) {
			throw new IllegalArgumentException("An image of " + w + " x " + h + " pixels is larger than ImageJ holds in a plane.");
		}
		final Object type = net.imglib2.util.Util.getTypeFromInterval(image);
		final ImageStack stack = new ImageStack((int) w, (int) h);
		for (long p = 0; p < planes; p++) {
			final RandomAccessibleInterval<? extends RealType<?>> plane = n == 3 ? Views.hyperSlice(image, 2, image.min(2) +
				p) : image;
			final ImageProcessor ip = type instanceof UnsignedByteType ? new ByteProcessor((int) w, (int) h) :
				type instanceof UnsignedShortType ? new ShortProcessor((int) w, (int) h) : new FloatProcessor((int) w, (int) h);
			final Cursor<? extends RealType<?>> c = Views.flatIterable(plane).cursor();
			for (int i = 0; c.hasNext(); i++) ip.setf(i, c.next().getRealFloat());
			stack.addSlice(ip);
		}
		return new ImagePlus(title, stack);
	}

	/** A copy of every plane of image as a 32-bit ImgLib2 image of x, y (and planes when there are several). */
	public static ArrayImg<FloatType, FloatArray> toImg(final ImagePlus image) {
		final int w = image.getWidth(), h = image.getHeight(), planes = image.getStackSize();
		final float[] all = new float[w * h * planes];
		for (int p = 0; p < planes; p++) {
			final ImageProcessor ip = image.getStack().getProcessor(p + 1);
			for (int i = 0; i < w * h; i++) all[p * w * h + i] = ip.getf(i);
		}
		return planes == 1 ? ArrayImgs.floats(all, w, h) : ArrayImgs.floats(all, w, h, planes);
	}
}
