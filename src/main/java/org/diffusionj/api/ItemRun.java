package org.diffusionj.api;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.diffusionj.image.ItemTensors;
import org.diffusionj.sampling.Tensor;

/**
 * Runs a model-space operation over every item of an image, a pass of several items at a time ({@link Passes}),
 * and returns the results in intensities. With {@code repeats} > 1 every item is processed that many times;
 * run r of item p is "image" p * repeats + r of the seeded run, so its noise does not depend on the passes.
 */
final class ItemRun {

	/** One pass: x (n, c, h, w) in model space; item indices of its images; the tiles to use (null: untiled). */
	public interface BatchOperation {
		Tensor apply(Tensor x, long first, int[] items, Tiling tiling);
	}

	private ItemRun() {}

	/** @param repeats the command's {@code samples} key
	 * @param perPass images per pass to start with
	 * @return results.get(r).get(p): repeat r of item p, per channel, in intensities */
	public static List<List<float[][]>> run(final ItemTensors tensors, final int items, final int repeats, final int perPass,
		final Tiling tiling, final BatchOperation op, final Consumer<String> notes)
	{
		return run(tensors, tensors, items, repeats, perPass, tiling, op, notes);
	}

	/** The same, with results mapped back to intensities by {@code results} (a restoration's output map). */
	public static List<List<float[][]>> run(final ItemTensors tensors, final ItemTensors results, final int items,
		final int repeats, final int perPass, final Tiling tiling, final BatchOperation op, final Consumer<String> notes)
	{
		if (repeats < 1) {
			throw new IllegalArgumentException("samples=" + repeats + " is out of range: it must be 1 or more");
		}
		final List<List<float[][]>> out = new ArrayList<>();
		for (int r = 0; r < repeats; r++) {
			final List<float[][]> row = new ArrayList<>();
			for (int p = 0; p < items; p++) row.add(null);
			out.add(row);
		}
		Passes.run(items * repeats, perPass, tiling, tensors.paddedHeight(), tensors.paddedWidth(), (first, n, tiles) -> {
			final int[] itemOf = new int[n];
			Tensor x = null, one = null;
			for (int i = 0; i < n; i++) {
				itemOf[i] = (first + i) / repeats;
				// an item's repeats are neighbours in a pass: it is mapped and padded once, then copied
				if (i == 0 || itemOf[i] != itemOf[i - 1]) one = tensors.batch(itemOf[i], 1);
				if (x == null) x = new Tensor(n, one.c(), one.h(), one.w());
				System.arraycopy(one.data(), 0, x.data(), i * one.data().length, one.data().length);
			}
			final Tensor y = op.apply(x, first, itemOf, tiles);
			for (int i = 0; i < n; i++) out.get((first + i) % repeats).set(itemOf[i], results.intensities(y, i, itemOf[i]));
		}, notes);
		return out;
	}
}
