package org.diffusionj.image;

import net.imglib2.Cursor;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * Mirror padding of a plane up to a size the network takes (a multiple of its down-sampling factor),
 * and the crop back. The pad is split evenly between the two sides; mirroring is symmetric about the
 * edge pixel (numpy 'reflect') and repeats for pads wider than the plane.
 */
public final class MirrorPad {

	private final int width, height; // original
	private final int paddedWidth, paddedHeight;
	private final int left, top;

	public MirrorPad(final int width, final int height, final int multiple) {
		this(width, height, padded(width, multiple, 0), padded(height, multiple, 0));
	}

	/** Padded to a multiple, and to at least {@code minimum} (a model that takes one size only). */
	public static MirrorPad of(final int width, final int height, final int multiple, final int minimum) {
		return new MirrorPad(width, height, padded(width, multiple, minimum), padded(height, multiple, minimum));
	}

	/** The context margin for an edge: 8 pixels, or an eighth of a small edge (4 for 32 pixels). */
	public static int margin(final int edge) {
		return Math.min(8, (edge + 7) / 8);
	}

	/**
	 * Like {@link #of}, with a mirrored margin of context beyond every edge ({@link #margin}) before the rounding
	 * up: the network then sees no image border where the image has one, so no border habit of a model (the
	 * shipped one learned Fashion-MNIST's black frame) reaches a result. The margin shrinks where the plane is too
	 * small to mirror it once.
	 */
	public static MirrorPad withMargin(final int width, final int height, final int multiple, final int minimum) {
		return new MirrorPad(width, height, paddedWithMargin(width, multiple, minimum), paddedWithMargin(height, multiple,
			minimum));
	}

	private static int paddedWithMargin(final int size, final int multiple, final int minimum) {
		final boolean fixed = minimum > 0 && roundUp(size, multiple) <= minimum; // a graph that takes one size only
		for (int m = margin(size); m > 0; m--) {
			final int p = padded(size + 2 * m, multiple, minimum);
			if (fixed && p > minimum) continue; // NB: the margin must fit in the fixed size, or the graph is refused
			if ((p - size + 1) / 2 <= size - 1) return p; // the wider side still mirrors the plane once
		}
		return padded(size, multiple, minimum);
	}

	private static int padded(final int size, final int multiple, final int minimum) {
		if (multiple < 1) throw new IllegalArgumentException("size multiple must be at least 1");
		return Math.max(roundUp(size, multiple), minimum);
	}

	private MirrorPad(final int width, final int height, final int paddedWidth, final int paddedHeight) {
		if (paddedWidth < width || paddedHeight < height) throw new IllegalArgumentException("padded size is smaller");
		this.width = width;
		this.height = height;
		this.paddedWidth = paddedWidth;
		this.paddedHeight = paddedHeight;
		this.left = (paddedWidth - width) / 2;
		this.top = (paddedHeight - height) / 2;
	}

	/** The padding of (width, height) inside a given larger (paddedWidth, paddedHeight), centred as usual. */
	public static MirrorPad around(final int width, final int height, final int paddedWidth, final int paddedHeight) {
		return new MirrorPad(width, height, paddedWidth, paddedHeight);
	}

	/** v rounded up to a multiple of m. */
	public static int roundUp(final int v, final int m) {
		return (v + m - 1) / m * m;
	}

	public int width() { return width; }
	public int height() { return height; }
	public int paddedWidth() { return paddedWidth; }
	public int paddedHeight() { return paddedHeight; }
	/** Padded columns left of the image, rows above it. */
	public int left() { return left; }
	public int top() { return top; }

	/**
	 * True when a pad is wider than the plane can mirror once (more than size - 1 pixels on a side), so the
	 * network would see mostly repeated copies: the plane is too small for the model.
	 */
	public boolean repeats() {
		return Math.max(left, paddedWidth - width - left) > width - 1 || Math.max(top, paddedHeight - height - top) >
			height - 1;
	}

	/** The smallest edge that {@code multiple} and {@code minimum} pad without repeating. */
	public static int smallestEdge(final int multiple, final int minimum) {
		int edge = 1;
		while (of(edge, edge, multiple, minimum).repeats()) edge++;
		return edge;
	}

	public boolean isIdentity() {
		return paddedWidth == width && paddedHeight == height;
	}

	/**
	 * plane (height, width) -> padded (paddedHeight, paddedWidth): ImgLib2's single-boundary mirror, numpy's 'reflect'
	 * (... 2 1 | 0 1 2 ... n-1 | n-2 ...), periodic for pads wider than the plane.
	 */
	public float[] pad(final float[] plane) {
		if (isIdentity()) return plane.clone();
		final float[] out = new float[paddedWidth * paddedHeight];
		final Cursor<FloatType> c = Views.flatIterable(Views.interval(Views.extendMirrorSingle(mirrorable(plane)),
			new long[] { -left, -top }, new long[] { paddedWidth - left - 1, paddedHeight - top - 1 })).cursor();
		for (int i = 0; c.hasNext(); i++) out[i] = c.next().get();
		return out;
	}

	/**
	 * The plane as an ImgLib2 image, an edge of one pixel doubled: ImgLib2's single-boundary mirror has the period
	 * 2 (n - 1), none for n = 1, and the mirror of a doubled pixel is that pixel everywhere, as numpy's.
	 */
	private ArrayImg<FloatType, FloatArray> mirrorable(final float[] plane) {
		if (width > 1 && height > 1) return ArrayImgs.floats(plane, width, height);
		final int w = Math.max(2, width), h = Math.max(2, height);
		final float[] doubled = new float[w * h];
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) doubled[y * w + x] = plane[Math.min(y, height - 1) * width + Math.min(x, width - 1)];
		}
		return ArrayImgs.floats(doubled, w, h);
	}

	/** padded (paddedHeight, paddedWidth) -> plane (height, width) */
	public float[] crop(final float[] padded) {
		final float[] out = new float[width * height];
		for (int y = 0; y < height; y++) System.arraycopy(padded, (y + top) * paddedWidth + left, out, y * width, width);
		return out;
	}

}
