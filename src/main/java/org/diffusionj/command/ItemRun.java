package org.diffusionj.command;

import java.util.ArrayList;
import java.util.List;

import org.diffusionj.image.ItemTensors;
import org.diffusionj.sampling.Tensor;

/**
 * Runs a model-space operation over every item of an image, {@code batch} items per call, and returns the
 * results in intensities. With {@code repeats} > 1 every item is processed that many times; run r of item
 * p is "image" p * repeats + r of the seeded run, so its noise does not depend on the batching.
 */
final class ItemRun {

	/** One batch: x (n, c, h, w) in model space; item indices [first, first + n) of the run. */
	interface BatchOperation {
		Tensor apply(Tensor x, long first, int[] items);
	}

	private ItemRun() {}

	/** @return results.get(r).get(p): repeat r of item p, per channel, in intensities */
	static List<List<float[][]>> run(final ItemTensors tensors, final int items, final int repeats, final int batch,
		final BatchOperation op)
	{
		if (batch < 1) throw new IllegalArgumentException("batch=" + batch + " is out of range: it must be 1 or more");
		final List<List<float[][]>> results = new ArrayList<>();
		for (int r = 0; r < repeats; r++) {
			final List<float[][]> row = new ArrayList<>();
			for (int p = 0; p < items; p++) row.add(null);
			results.add(row);
		}
		final int total = items * repeats;
		for (int first = 0; first < total; first += batch) {
			final int n = Math.min(batch, total - first);
			final int[] itemOf = new int[n];
			Tensor x = null;
			for (int i = 0; i < n; i++) {
				itemOf[i] = (first + i) / repeats;
				final Tensor one = tensors.batch(itemOf[i], 1);
				x = x == null ? one : x.concat(one);
			}
			final Tensor out = op.apply(x, first, itemOf);
			for (int i = 0; i < n; i++) results.get((first + i) % repeats).set(itemOf[i], tensors.intensities(out, i));
		}
		return results;
	}
}
