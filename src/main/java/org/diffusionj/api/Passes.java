package org.diffusionj.api;

import java.util.function.Consumer;

/**
 * Runs the images of a command through the model a pass of several at a time. When a pass runs out of
 * memory it is run again with half the images (the same pixels: every image has its own noise stream),
 * and once a single image does not fit, with tiles of half the edge; each retry is said in a note.
 */
final class Passes {

	/** One pass: images [first, first + n) of the run, the model's denoiser tiled as given (null: untiled). */
	public interface Pass {
		void run(int first, int n, Tiling tiling);
	}

	private Passes() {}

	/**
	 * @param total images in the run
	 * @param perPass images per pass to start with
	 * @param tiling the command's tiles, or null for a command that does not tile
	 * @param h height of a sample in model space, for halving the tiles
	 * @param w its width
	 */
	public static void run(final int total, final int perPass, final Tiling tiling, final int h, final int w, final Pass pass,
		final Consumer<String> notes)
	{
		if (perPass < 1) throw new IllegalArgumentException("batch=" + perPass + " is out of range: it must be 1 or more");
		int size = perPass;
		Tiling tiles = tiling;
		for (int first = 0; first < total;) {
			final int n = Math.min(size, total - first);
			try {
				pass.run(first, n, tiles);
				first += n;
			}
			catch (final OutOfMemoryError e) {
				if (n > 1) {
					size = Math.max(1, n / 2);
					notes.accept("Out of memory with " + n + " images per pass; retrying with " + size + ".");
					continue;
				}
				final Tiling smaller = tiles == null ? null : tiles.smaller(h, w);
				if (smaller == null) {
					throw new IllegalArgumentException("Out of memory even with one image per pass" + (tiles == null
						? "" : " and tile=" + tiles.edge()) + ": choose a smaller image or free some memory.");
				}
				notes.accept("Out of memory with one image per pass and tile=" + tiles.edge() + "; retrying with tile=" +
					smaller.edge() + ".");
				tiles = smaller;
			}
		}
	}
}
