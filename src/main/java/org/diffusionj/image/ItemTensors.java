package org.diffusionj.image;

import org.diffusionj.sampling.Tensor;

/**
 * Items of an image as model tensors: intensities mapped to [-1, 1] and mirror-padded to a size the
 * network takes, and results cropped and mapped back.
 */
public final class ItemTensors {

	private final ImageItems items;
	private final IntensityMapping mapping;
	private final IntensityMapping[] perItem; // one map per item (a model trained per image), or null: mapping for all
	private final MirrorPad pad;

	/** @param minimumSize the least padded edge (a model that takes one size only), or 0 */
	public ItemTensors(final ImageItems items, final IntensityMapping mapping, final int sizeMultiple,
		final int minimumSize)
	{
		this(items, mapping, null, sizeMultiple, minimumSize, true);
	}

	/**
	 * Without the margin of context, padded only to a size the network takes: for measures over the image's own
	 * pixels (the likelihood), which mirrored copies would skew.
	 */
	public static ItemTensors withoutMargin(final ImageItems items, final IntensityMapping mapping,
		final int sizeMultiple, final int minimumSize)
	{
		return new ItemTensors(items, mapping, null, sizeMultiple, minimumSize, false);
	}

	/** Each item with its own map (a model trained on images each mapped by its own percentiles). */
	public ItemTensors(final ImageItems items, final IntensityMapping[] perItem, final int sizeMultiple,
		final int minimumSize)
	{
		this(items, perItem[0], perItem.clone(), sizeMultiple, minimumSize, true);
		if (perItem.length != items.size()) throw new IllegalArgumentException("one intensity map per item is needed");
	}

	private ItemTensors(final ImageItems items, final IntensityMapping mapping, final IntensityMapping[] perItem,
		final int sizeMultiple, final int minimumSize, final boolean margin)
	{
		this.items = items;
		this.mapping = mapping;
		this.perItem = perItem;
		this.pad = margin ? MirrorPad.withMargin(items.width(), items.height(), sizeMultiple, minimumSize) : MirrorPad.of(
			items.width(), items.height(), sizeMultiple, minimumSize);
		if (pad.repeats()) {
			throw new IllegalArgumentException("Image " + items.source().getTitle() + " is " + items.width() + "x" + items
				.height() + " pixels, too small for the model: it needs at least " + MirrorPad.smallestEdge(sizeMultiple,
					minimumSize) + " pixels in width and height.");
		}
	}

	private ItemTensors(final MirrorPad pad, final IntensityMapping mapping) {
		this.items = null;
		this.mapping = mapping;
		this.perItem = null;
		this.pad = pad;
	}

	/** For results that come from no image (sampled from noise): only {@link #intensities} works. */
	public static ItemTensors ofSize(final int width, final int height, final IntensityMapping mapping) {
		return ofSize(width, height, 1, 0, mapping);
	}

	/** Samples of a size from noise, made at the next size a network takes (centred in it, as Generate crops). */
	public static ItemTensors ofSize(final int width, final int height, final int sizeMultiple, final int minimumSize,
		final IntensityMapping mapping)
	{
		return new ItemTensors(MirrorPad.of(width, height, sizeMultiple, minimumSize), mapping);
	}

	public int width() {
		return pad.width();
	}

	public int height() {
		return pad.height();
	}

	/** Rows of padding above the image in a tensor, columns left of it. */
	public int padTop() {
		return pad.top();
	}

	public int padLeft() {
		return pad.left();
	}

	/** The map of item 0 (of every item unless {@link #perItem()}). */
	public IntensityMapping mapping() {
		return mapping;
	}

	/** True when each item has its own intensity map. */
	public boolean perItem() {
		return perItem != null;
	}

	private IntensityMapping mapping(final int item) {
		return perItem == null ? mapping : perItem[item];
	}

	public int paddedWidth() {
		return pad.paddedWidth();
	}

	public int paddedHeight() {
		return pad.paddedHeight();
	}

	/**
	 * For an item with NaN or infinite pixels: 1 where every channel is finite, 0 elsewhere, padded like
	 * {@link #batch}; null when the item is all finite.
	 */
	public float[] knownMask(final int item) {
		final float[][] planes = items.item(item);
		final float[] known = new float[planes[0].length];
		boolean any = false;
		for (int k = 0; k < known.length; k++) {
			known[k] = 1;
			for (final float[] p : planes) {
				if (!Float.isFinite(p[k])) {
					known[k] = 0;
					any = true;
				}
			}
		}
		return any ? pad.pad(known) : null;
	}

	/** A plane of this image's size (a mask, say), mirror-padded like the items; values are not mapped. */
	public float[] padPlane(final float[] plane) {
		return pad.pad(plane);
	}

	/** Items [from, from + count) in model space: (count, modelChannels, paddedHeight, paddedWidth). */
	public Tensor batch(final int from, final int count) {
		if (items == null) throw new IllegalStateException("no image to take items from");
		final int c = items.modelChannels();
		final Tensor t = new Tensor(count, c, pad.paddedHeight(), pad.paddedWidth());
		final int plane = pad.paddedWidth() * pad.paddedHeight();
		for (int i = 0; i < count; i++) {
			final float[][] item = items.item(from + i);
			final IntensityMapping m = mapping(from + i);
			for (int ch = 0; ch < c; ch++) {
				final float[] model = new float[item[ch].length];
				for (int k = 0; k < model.length; k++) {
					// NB: unknown (NaN, infinite) pixels enter as 0, the middle of the range; see knownMask
					model[k] = Float.isFinite(item[ch][k]) ? (float) m.toModel(item[ch][k]) : 0f;
				}
				System.arraycopy(pad.pad(model), 0, t.data(), (i * c + ch) * plane, plane);
			}
		}
		return t;
	}

	/** Item {@code index} of a model-space tensor shaped like {@link #batch}, cropped and in intensities. */
	public float[][] intensities(final Tensor x, final int index) {
		return intensities(x, index, index);
	}

	/** Entry {@code index} of a batch, which holds item {@code item}, cropped and mapped back by that item's map. */
	public float[][] intensities(final Tensor x, final int index, final int item) {
		final float[][] out = modelUnits(x, index);
		final IntensityMapping m = mapping(item);
		for (final float[] plane : out) {
			for (int k = 0; k < plane.length; k++) plane[k] = (float) m.toImage(plane[k]);
		}
		return out;
	}

	/** Item {@code index} of a tensor shaped like {@link #batch}, cropped, left in model units. */
	public float[][] modelUnits(final Tensor x, final int index) {
		final int plane = pad.paddedWidth() * pad.paddedHeight();
		final float[][] out = new float[x.c()][];
		for (int ch = 0; ch < x.c(); ch++) {
			final float[] padded = new float[plane];
			System.arraycopy(x.data(), (index * x.c() + ch) * plane, padded, 0, plane);
			out[ch] = pad.crop(padded);
		}
		return out;
	}
}
