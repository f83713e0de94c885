package org.diffusionj.command;

import java.util.ArrayList;
import java.util.List;

import org.diffusionj.image.ItemTensors;
import org.diffusionj.sampling.Tensor;

/**
 * Runs a model-space operation over every item of an image, {@code batch} items per call, and returns the
 * results in intensities. With {@code repeats} > 1 every item is processed that many times; run r of item
 * p is "image" p * repeats + r of the seeded run, so its noise does not depend on the batching. When a
 * pass runs out of memory, the batch is halved and the pass retried (down to one item), said in notes.
 */
final class ItemRun {

	/** One batch: x (n, c, h, w) in model space; item indices [first, first + n) of the run. */
	interface BatchOperation {
		Tensor apply(Tensor x, long first, int[] items);
	}

	private ItemRun() {}

	/** @param repeats the command's {@code samples} key
	 * @return results.get(r).get(p): repeat r of item p, per channel, in intensities */
	static List<List<float[][]>> run(final ItemTensors tensors, final int items, final int repeats, final int batch,
		final BatchOperation op, final java.util.function.Consumer<String> notes)
	{
		if (batch < 1) throw new IllegalArgumentException("batch=" + batch + " is out of range: it must be 1 or more");
		if (repeats < 1) {
			throw new IllegalArgumentException("samples=" + repeats + " is out of range: it must be 1 or more");
		}
		final List<List<float[][]>> results = new ArrayList<>();
		for (int r = 0; r < repeats; r++) {
			final List<float[][]> row = new ArrayList<>();
			for (int p = 0; p < items; p++) row.add(null);
			results.add(row);
		}
		final int total = items * repeats;
		int size = batch;
		for (int first = 0; first < total;) {
			final int n = Math.min(size, total - first);
			final int[] itemOf = new int[n];
			Tensor x = null;
			for (int i = 0; i < n; i++) {
				itemOf[i] = (first + i) / repeats;
				final Tensor one = tensors.batch(itemOf[i], 1);
				x = x == null ? one : x.concat(one);
			}
			final Tensor out;
			try {
				out = op.apply(x, first, itemOf);
			}
			catch (final OutOfMemoryError e) {
				if (n == 1) {
					throw new IllegalArgumentException("Out of memory even with one image per pass: choose a smaller tile " +
						"(key tile) or a smaller image.");
				}
				size = Math.max(1, n / 2); // the same results: every item has its own noise stream
				notes.accept("Out of memory with " + n + " images per pass; retrying with " + size + ".");
				continue;
			}
			for (int i = 0; i < n; i++) results.get((first + i) % repeats).set(itemOf[i], tensors.intensities(out, i));
			first += n;
		}
		return results;
	}
}
