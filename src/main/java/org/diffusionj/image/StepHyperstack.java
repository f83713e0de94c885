package org.diffusionj.image;

import ij.CompositeImage;
import ij.ImagePlus;
import ij.ImageStack;

import java.util.List;

import org.diffusionj.sampling.StepRecorder;

/**
 * The recorded steps of one run as a hyperstack: a frame per step, channels x_t and predicted x0 (in intensities) and
 * the predicted noise (model units), each per model channel; grey composite, the first two at the intensity range,
 * the noise at ±3.
 */
public final class StepHyperstack {

	private StepHyperstack() {}

	public static ImagePlus of(final List<StepRecorder.Step> steps, final ItemTensors tensors, final String title) {
		final ImageStack stack = new ImageStack(tensors.width(), tensors.height());
		final String[] names = { "x_t", "x0 predicted", "noise predicted" };
		int channels = 0;
		for (final StepRecorder.Step s : steps) {
			final float[][][] kinds = { tensors.intensities(s.x, 0), tensors.intensities(s.x0Pred, 0), tensors
				.modelUnits(s.eps, 0) };
			channels = 3 * kinds[0].length;
			for (int k = 0; k < 3; k++) {
				for (int c = 0; c < kinds[k].length; c++) {
					stack.addSlice(names[k] + (kinds[k].length > 1 ? " c" + c : "") + " t=" + s.t, OutputType.BIT32
						.processor(tensors.width(), tensors.height(), kinds[k][c]));
				}
			}
		}
		final ImagePlus imp = new ImagePlus(title, stack);
		imp.setDimensions(channels, 1, steps.size());
		final CompositeImage composite = new CompositeImage(imp, CompositeImage.GRAYSCALE);
		final IntensityMapping m = tensors.mapping();
		for (int c = 1; c <= channels; c++) {
			composite.setC(c);
			if (c <= 2 * channels / 3) composite.setDisplayRange(m.low(), m.high());
			else composite.setDisplayRange(-3, 3); // predicted noise is N(0, 1)-like
		}
		composite.setC(1);
		return composite;
	}
}
