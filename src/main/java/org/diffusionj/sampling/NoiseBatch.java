package org.diffusionj.sampling;

/**
 * The noise of the images in one batch: by default item i of the batch is stream {@code first + i} of the run
 * ({@link GaussianNoise}); {@link #atPositions} keys it by pixel position instead ({@link PositionNoise}).
 */
public final class NoiseBatch {

	private final ImageNoise[] streams;

	public NoiseBatch(final long seed, final long firstImage, final int count) {
		streams = new ImageNoise[count];
		for (int i = 0; i < count; i++) streams[i] = new GaussianNoise(seed, firstImage + i);
	}

	private NoiseBatch(final ImageNoise[] streams) {
		this.streams = streams;
	}

	/** A batch of the given streams, one an item. */
	static NoiseBatch of(final ImageNoise... streams) {
		return new NoiseBatch(streams.clone());
	}

	/**
	 * Noise keyed by position: item i's value at tensor row y, column x is that of image {@code imageKeys[i]} at
	 * (y + rowOffset, x + columnOffset), whatever the size of the tensor, so a block of an image drawn with its offset
	 * gets the whole image's noise.
	 */
	public static NoiseBatch atPositions(final long seed, final long[] imageKeys, final int rowOffset,
		final int columnOffset)
	{
		final ImageNoise[] streams = new ImageNoise[imageKeys.length];
		for (int i = 0; i < streams.length; i++) streams[i] = new PositionNoise(seed, imageKeys[i], rowOffset, columnOffset);
		return new NoiseBatch(streams);
	}

	/** Item i's stream alone (shared, not copied: draws from it advance the batch's stream too). */
	public NoiseBatch item(final int i) {
		return new NoiseBatch(new ImageNoise[] { streams[i] });
	}

	public int size() {
		return streams.length;
	}

	/** A tensor of fresh N(0, 1) noise, each item from its own image's stream. */
	public Tensor draw(final int c, final int h, final int w) {
		final Tensor z = new Tensor(streams.length, c, h, w);
		final int size = z.itemSize();
		for (int i = 0; i < streams.length; i++) streams[i].fill(z.data(), i * size, c, h, w);
		return z;
	}
}
