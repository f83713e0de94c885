package org.diffusionj.sampling;

import java.util.Arrays;

/**
 * A float32 batch of images in model space, laid out (n, c, h, w) row-major as ONNX wants it.
 *
 * <p>The data array is shared, not copied: samplers write into tensors they own and never into
 * tensors they were given.
 */
public final class Tensor {

	private final float[] data; // (n, c, h, w)
	private final int n, c, h, w;

	public Tensor(final int n, final int c, final int h, final int w) {
		this(new float[checkedSize(n, c, h, w)], n, c, h, w);
	}

	public Tensor(final float[] data, final int n, final int c, final int h, final int w) {
		if (data.length != checkedSize(n, c, h, w)) {
			throw new IllegalArgumentException("data of length " + data.length + " is not (" + n + ", " + c + ", " + h +
				", " + w + ")");
		}
		this.data = data;
		this.n = n;
		this.c = c;
		this.h = h;
		this.w = w;
	}

	private static int checkedSize(final int n, final int c, final int h, final int w) {
		if (n < 1 || c < 1 || h < 1 || w < 1) {
			throw new IllegalArgumentException("tensor shape (" + n + ", " + c + ", " + h + ", " + w + ") has an empty axis");
		}
		final long size = (long) n * c * h * w;
		if (size > Integer.MAX_VALUE) throw new IllegalArgumentException("tensor of " + size + " elements is too large");
		return (int) size;
	}

	public float[] data() { return data; }
	public int n() { return n; }
	public int c() { return c; }
	public int h() { return h; }
	public int w() { return w; }

	/** Elements per batch item: c * h * w. */
	public int itemSize() {
		return c * h * w;
	}

	public long[] shape() {
		return new long[] { n, c, h, w };
	}

	public Tensor copy() {
		return new Tensor(data.clone(), n, c, h, w);
	}

	/** A tensor of the same shape, zero-filled. */
	public Tensor zerosLike() {
		return new Tensor(n, c, h, w);
	}

	/** Channels [from, from + count) of every item, copied. */
	public Tensor channels(final int from, final int count) {
		final Tensor out = new Tensor(n, count, h, w);
		final int plane = h * w;
		for (int i = 0; i < n; i++) {
			System.arraycopy(data, (i * c + from) * plane, out.data, i * count * plane, count * plane);
		}
		return out;
	}

	/** Items [from, from + count), copied. */
	public Tensor items(final int from, final int count) {
		final int size = itemSize();
		return new Tensor(Arrays.copyOfRange(data, from * size, (from + count) * size), count, c, h, w);
	}

	/** This batch followed by {@code other}'s items (same c, h, w). */
	public Tensor concat(final Tensor other) {
		if (other.c != c || other.h != h || other.w != w) throw new IllegalArgumentException("shapes differ");
		final float[] out = Arrays.copyOf(data, data.length + other.data.length);
		System.arraycopy(other.data, 0, out, data.length, other.data.length);
		return new Tensor(out, n + other.n, c, h, w);
	}

	/** cat(first, second) along the channel axis: each item's channels of {@code first}, then of {@code second}. */
	public static Tensor catChannels(final Tensor first, final Tensor second) {
		if (first.n != second.n || first.h != second.h || first.w != second.w) {
			throw new IllegalArgumentException("cannot put " + first + " and " + second + " side by side in channels");
		}
		final Tensor out = new Tensor(first.n, first.c + second.c, first.h, first.w);
		final int a = first.itemSize(), b = second.itemSize();
		for (int i = 0; i < first.n; i++) {
			System.arraycopy(first.data, i * a, out.data, i * (a + b), a);
			System.arraycopy(second.data, i * b, out.data, i * (a + b) + a, b);
		}
		return out;
	}

	@Override
	public String toString() {
		return "Tensor(" + n + ", " + c + ", " + h + ", " + w + ")";
	}
}
