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

	/** A new image of the stack with display range set to the mapping's range (or the data's, for 32-bit). */
	public static ImagePlus toImage(final String title, final ImageStack stack, final IntensityMapping mapping,
		final OutputType type)
	{
		final ImagePlus imp = new ImagePlus(title, stack);
		if (type == OutputType.BIT32) imp.setDisplayRange(mapping.low(), mapping.high());
		else imp.resetDisplayRange();
		if (type == OutputType.BIT8) imp.setDisplayRange(Math.max(0, mapping.low()), Math.min(255, mapping.high()));
		return imp;
	}
}
