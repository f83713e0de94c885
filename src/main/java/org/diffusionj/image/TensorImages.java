package org.diffusionj.image;

import ij.ImagePlus;
import ij.ImageStack;

import org.diffusionj.sampling.Tensor;

/** Model tensors to ImageJ stacks and back: the one place that converts pixels. */
public final class TensorImages {

	private TensorImages() {}

	/**
	 * One slice per (item, channel) of a model-space tensor, mapped to intensities and stored at the given
	 * depth.
	 */
	public static ImageStack toStack(final Tensor x, final IntensityMapping mapping, final OutputType type) {
		final int w = x.w(), h = x.h(), plane = w * h;
		final ImageStack stack = new ImageStack(w, h);
		final float[] d = x.data();
		for (int item = 0; item < x.n(); item++) {
			for (int ch = 0; ch < x.c(); ch++) {
				final int off = (item * x.c() + ch) * plane;
				final float[] pixels = new float[plane];
				for (int i = 0; i < plane; i++) pixels[i] = (float) mapping.toImage(d[off + i]);
				stack.addSlice(null, type.processor(w, h, pixels));
			}
		}
		return stack;
	}

	/**
	 * The centre (height, width) of every plane of x: results made at a size the network takes (a multiple
	 * of its down-sampling factor), cut back to the size asked for.
	 */
	public static Tensor centreCrop(final Tensor x, final int width, final int height) {
		if (width == x.w() && height == x.h()) return x;
		final MirrorPad pad = MirrorPad.around(width, height, x.w(), x.h());
		final Tensor out = new Tensor(x.n(), x.c(), height, width);
		final int plane = x.w() * x.h();
		for (int p = 0; p < x.n() * x.c(); p++) {
			final float[] padded = java.util.Arrays.copyOfRange(x.data(), p * plane, (p + 1) * plane);
			System.arraycopy(pad.crop(padded), 0, out.data(), p * width * height, width * height);
		}
		return out;
	}

	/**
	 * A new image of the stack, displayed over the mapping's range (clamped to 0..255 for 8-bit); 16-bit
	 * images show their data's range.
	 */
	public static ImagePlus toImage(final String title, final ImageStack stack, final IntensityMapping mapping,
		final OutputType type)
	{
		final ImagePlus imp = new ImagePlus(title, stack);
		if (type == OutputType.BIT32) imp.setDisplayRange(mapping.low(), mapping.high());
		else if (type == OutputType.BIT8) imp.setDisplayRange(Math.max(0, mapping.low()), Math.min(255, mapping.high()));
		else imp.resetDisplayRange();
		return imp;
	}
}
