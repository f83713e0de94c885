package org.diffusionj.api;

import ij.ImagePlus;
import ij.ImageStack;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import org.diffusionj.image.OutputType;

/**
 * The images a command that processes the active image shows: the result shaped like the input, or
 * with several samples the stack of samples and the per-pixel mean and standard deviation (32-bit;
 * an uncertainty map), each with the recipe in its Info. The standard deviation is the sample standard
 * deviation, with n - 1: its square is an unbiased estimate of the variance from few samples.
 */
final class SampleOutputs {

	private final ImageInput input;
	private final String recipe;
	private final BiConsumer<String, ImagePlus> display; // shows an image as the command's output of that name

	public SampleOutputs(final ImageInput input, final String recipe, final BiConsumer<String, ImagePlus> display) {
		this.input = input;
		this.recipe = recipe;
		this.display = display;
	}

	/** @param results results.get(sample).get(item), per channel, in intensities */
	public void show(final List<List<float[][]>> results, final OutputType type, final String title) {
		if (results.size() == 1) {
			display.accept(Outputs.RESULT, withRecipe(input.items.rebuild(results.get(0), type, title)));
			return;
		}
		display.accept(Outputs.RESULT, samplesStack(results, type, title, false));
		final OutputType floats = input.items.isRgb() ? null : OutputType.BIT32;
		display.accept(Outputs.MEAN, withRecipe(input.items.rebuild(moments(results, false), floats, title +
			"-mean")));
		display.accept(Outputs.STD, withRecipe(input.items.rebuild(moments(results, true), floats, title +
			"-std")));
	}

	/**
	 * A restoration's images: {@code title} is the mean of the samples (the sample itself when there is one;
	 * 32-bit unless {@code type} says otherwise, since a mean is no whole number), {@code title-std} the
	 * per-pixel standard deviation (32-bit), and with {@code keep} every sample as {@code title-samples}.
	 */
	public void showRestoration(final List<List<float[][]>> results, final OutputType type, final String title,
		final boolean keep)
	{
		showRestoration(results, type, title, keep, null);
	}

	/**
	 * As {@link #showRestoration(List, OutputType, String, boolean)}; with a calibration (and more than one sample,
	 * a grey image) also {@code title-lower} and {@code title-upper}, mean ∓ λ̂·std (32-bit), whose Info says what
	 * the interval promises.
	 */
	public void showRestoration(final List<List<float[][]>> results, final OutputType type, final String title,
		final boolean keep, final org.diffusionj.model.Calibrations.Entry interval)
	{
		if (results.size() == 1) {
			display.accept(Outputs.RESULT, withRecipe(input.items.rebuild(results.get(0), type, title)));
			if (keep) display.accept(Outputs.SAMPLES, samplesStack(results, type, title, true));
			return;
		}
		final OutputType floats = input.items.isRgb() ? null : OutputType.BIT32;
		final List<float[][]> mean = moments(results, false), std = moments(results, true);
		// NB: an RGB image's results stay RGB, with no bounds: its Info promises no interval
		final String recipe = interval == null || floats == null ? this.recipe : this.recipe + "interval: " + interval
			.promise() + "\n";
		display.accept(Outputs.RESULT, withRecipe(input.items.rebuild(mean, type != null ? type : floats, title),
			recipe));
		display.accept(Outputs.STD, withRecipe(input.items.rebuild(std, floats, title + "-std"), recipe));
		if (keep) display.accept(Outputs.SAMPLES, samplesStack(results, type, title, true));
		if (interval != null && floats != null) {
			for (final int sign : new int[] { -1, 1 }) {
				display.accept(sign < 0 ? Outputs.LOWER : Outputs.UPPER, withRecipe(input.items.rebuild(
					bound(mean, std, sign * interval.lambda), floats, title + (sign < 0 ? "-lower" : "-upper")), recipe));
			}
		}
	}

	/**
	 * {@code title-residual}: the image less the mean of the samples (32-bit), what the residual test examined; a
	 * grey image only.
	 */
	public void showResidual(final List<List<float[][]>> results, final String title, final String withVerdict) {
		if (input.items.isRgb()) return;
		final List<float[][]> mean = moments(results, false);
		for (int p = 0; p < mean.size(); p++) {
			final float[][] y = input.items.item(p), m = mean.get(p);
			for (int c = 0; c < m.length; c++) {
				for (int i = 0; i < m[c].length; i++) m[c][i] = y[c][i] - m[c][i];
			}
		}
		display.accept(Outputs.RESIDUAL, withRecipe(input.items.rebuild(mean, OutputType.BIT32, title +
			"-residual"), withVerdict));
	}

	/** mean + k·std, per pixel (k = ∓λ̂ for the calibrated interval's bounds). */
	public static List<float[][]> bound(final List<float[][]> mean, final List<float[][]> std, final double k) {
		final List<float[][]> out = new ArrayList<>();
		for (int p = 0; p < mean.size(); p++) {
			final float[][] m = mean.get(p), s = std.get(p), b = new float[m.length][];
			for (int c = 0; c < m.length; c++) {
				b[c] = new float[m[c].length];
				for (int i = 0; i < m[c].length; i++) b[c][i] = (float) (m[c][i] + k * s[c][i]);
			}
			out.add(b);
		}
		return out;
	}

	/**
	 * Every sample of every item, in one stack titled {@code title-samples}; with {@code framed}, of a hyperstack a
	 * hyperstack of its channels and slices whose frames are the input's frames of the first sample, then of the
	 * second, and so on (a restoration's samples; Noise and Denoise's and Inpaint's keep their flat stack and bytes).
	 */
	private ImagePlus samplesStack(final List<List<float[][]>> results, final OutputType type, final String title,
		final boolean framed)
	{
		final ImageStack samples = new ImageStack(input.items.width(), input.items.height());
		for (int k = 0; k < results.size(); k++) {
			final ImageStack one = input.items.rebuild(results.get(k), type, title).getStack();
			for (int s = 1; s <= one.getSize(); s++) {
				final String label = one.getSliceLabel(s);
				samples.addSlice("sample " + (k + 1) + (label == null ? "" : " " + label), one.getProcessor(s));
			}
		}
		final ImagePlus stack = new ImagePlus(title + "-samples", samples);
		final ImagePlus source = input.items.source();
		if (framed && source.isHyperStack()) { // NB: sample after sample, each the input's planes in C, Z, T order: more frames
			stack.setDimensions(source.getNChannels(), source.getNSlices(), source.getNFrames() * results.size());
			stack.setOpenAsHyperStack(true);
		}
		stack.setCalibration(source.getCalibration().copy());
		return withRecipe(stack);
	}

	private ImagePlus withRecipe(final ImagePlus imp) {
		return withRecipe(imp, recipe);
	}

	private static ImagePlus withRecipe(final ImagePlus imp, final String text) {
		imp.setProperty("Info", text);
		return imp;
	}

	/**
	 * Per-pixel mean, or sample standard deviation (n - 1), over the samples (at least two for the latter). Each
	 * pixel's sums run over the samples in their order, in double, as the textbook two-pass formula has them; the
	 * loops go sample by sample over whole planes, so that a plane is read in order.
	 */
	public static List<float[][]> moments(final List<List<float[][]>> results, final boolean std) {
		final int k = results.size();
		final List<float[][]> out = new ArrayList<>();
		for (int p = 0; p < results.get(0).size(); p++) {
			final float[][] first = results.get(0).get(p);
			final float[][] m = new float[first.length][first[0].length];
			for (int c = 0; c < first.length; c++) {
				final float[][] planes = new float[k][];
				for (int s = 0; s < k; s++) planes[s] = results.get(s).get(p)[c];
				final double[] mean = new double[first[c].length];
				for (final float[] plane : planes) {
					for (int i = 0; i < mean.length; i++) mean[i] += plane[i];
				}
				for (int i = 0; i < mean.length; i++) mean[i] /= k;
				if (std) {
					final double[] sq = new double[mean.length];
					for (final float[] plane : planes) {
						for (int i = 0; i < sq.length; i++) {
							final double d = plane[i] - mean[i];
							sq[i] += d * d;
						}
					}
					for (int i = 0; i < sq.length; i++) m[c][i] = (float) Math.sqrt(sq[i] / (k - 1));
				}
				else for (int i = 0; i < mean.length; i++) m[c][i] = (float) mean[i];
			}
			out.add(m);
		}
		return out;
	}
}
