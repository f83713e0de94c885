package org.diffusionj.api;

import ij.IJ;

import org.diffusionj.image.ItemTensors;
import org.diffusionj.sampling.GuidedDenoiser;
import org.diffusionj.sampling.NoiseBatch;
import org.diffusionj.sampling.RePaint;
import org.diffusionj.sampling.StepListener;
import org.diffusionj.sampling.Tensor;
import org.diffusionj.schedule.SchedulerConfig;

/**
 * NaN and infinite pixels are unknown: before a command works on an item, they are filled in by
 * inpainting (RePaint) from their surroundings, so they never reach the result; the Log says so once.
 */
final class UnknownPixels {

	/** A short RePaint: enough to fill holes consistently, cheap next to the command's own run. */
	public static final int STEPS = 20, JUMP = 5, RESAMPLE = 2;

	private final ItemTensors tensors;
	private final RePaint repaint;

	private UnknownPixels(final ItemTensors tensors, final SchedulerConfig config) {
		this.tensors = tensors;
		this.repaint = new RePaint(config, Math.min(STEPS, config.numTrainTimesteps()), JUMP, RESAMPLE, 1);
	}

	/** Null when the image has no unknown pixel; else the filler, after one Log line. */
	public static UnknownPixels of(final ImageInput input, final SchedulerConfig config, final String command) {
		final long n = input.items.nonFiniteCount();
		if (n == 0) return null;
		IJ.log("DiffusionJ: image " + input.items.source().getTitle() + " has " + n + " NaN or infinite pixel(s); " +
			command + " treats them as unknown and fills them in by inpainting first.");
		return new UnknownPixels(input.tensors, config);
	}

	/**
	 * @param x a batch of items in model space, item i of the batch being image item {@code items[i]};
	 *          items with unknown pixels are replaced by their inpainted version
	 */
	public Tensor fill(final Tensor x, final int[] items, final GuidedDenoiser model, final NoiseBatch noise) {
		Tensor out = x;
		for (int i = 0; i < items.length; i++) {
			final float[] known = tensors.knownMask(items[i]);
			if (known == null) continue;
			if (out == x) out = x.copy();
			final Tensor filled = repaint.run(model.items(i, 1), x.items(i, 1), known, noise.item(i),
				StepListener.NONE);
			System.arraycopy(filled.data(), 0, out.data(), i * x.itemSize(), x.itemSize());
		}
		return out;
	}
}
