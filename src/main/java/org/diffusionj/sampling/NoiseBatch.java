package org.diffusionj.sampling;

/** The noise streams of the images in one batch: item i of the batch is image {@code first + i} of the run. */
public final class NoiseBatch {

	private final GaussianNoise[] streams;

	public NoiseBatch(final long seed, final long firstImage, final int count) {
		streams = new GaussianNoise[count];
		for (int i = 0; i < count; i++) streams[i] = new GaussianNoise(seed, firstImage + i);
	}

	private NoiseBatch(final GaussianNoise stream) {
		streams = new GaussianNoise[] { stream };
	}

	/** Item i's stream alone (shared, not copied: draws from it advance the batch's stream too). */
	public NoiseBatch item(final int i) {
		return new NoiseBatch(streams[i]);
	}

	public int size() {
		return streams.length;
	}

	/** A tensor of fresh N(0, 1) noise, each item from its own image's stream. */
	public Tensor draw(final int c, final int h, final int w) {
		final Tensor z = new Tensor(streams.length, c, h, w);
		final int size = z.itemSize();
		for (int i = 0; i < streams.length; i++) streams[i].fill(z.data(), i * size, size);
		return z;
	}
}
