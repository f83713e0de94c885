package org.diffusionj.image;

import ij.CompositeImage;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An image cut into the model's inputs ("items"), each {@code modelChannels} planes of intensities,
 * and put back together. With a one-channel model every plane (every C, Z, T, and every colour of an
 * RGB image) is an item; with a C-channel model, the C channels at each (Z, T) are one item.
 * The source image is only read.
 */
public final class ImageItems {

	private final ImagePlus source;
	private final int modelChannels;
	private final boolean rgb;
	private final List<float[][]> items = new ArrayList<>(); // item -> channel -> (height * width)
	private final List<String> labels = new ArrayList<>();

	private ImageItems(final ImagePlus source, final int modelChannels) {
		this.source = source;
		this.modelChannels = modelChannels;
		this.rgb = source.getType() == ImagePlus.COLOR_RGB;
	}

	public static ImageItems of(final ImagePlus imp, final int modelChannels) {
		final ImageItems items = new ImageItems(imp, modelChannels);
		final List<float[]> planes = new ArrayList<>();
		final List<String> planeLabels = new ArrayList<>();
		final ImageStack stack = imp.getStack();
		for (int s = 1; s <= stack.getSize(); s++) {
			final ImageProcessor ip = stack.getProcessor(s);
			final String label = planeLabel(imp, s);
			if (items.rgb) {
				final ColorProcessor cp = (ColorProcessor) ip;
				final String[] colours = { "red", "green", "blue" };
				for (int c = 0; c < 3; c++) {
					planes.add((float[]) cp.toFloat(c, null).getPixels());
					planeLabels.add(label + " " + colours[c]);
				}
			}
			else {
				planes.add((float[]) ip.convertToFloatProcessor().getPixels());
				planeLabels.add(label);
			}
		}
		final int perGroup = items.rgb ? 3 : imp.getNChannels();
		if (modelChannels != 1 && modelChannels != perGroup) {
			throw new IllegalArgumentException("model takes " + modelChannels + " channel(s) but image " + imp
				.getTitle() + " has " + perGroup + (items.rgb ? " (RGB)" : "") + ".");
		}
		for (int i = 0; i < planes.size(); i += modelChannels) {
			final float[][] item = new float[modelChannels][];
			for (int c = 0; c < modelChannels; c++) item[c] = planes.get(i + c);
			items.items.add(item);
			items.labels.add(modelChannels == 1 ? planeLabels.get(i) : planeLabels.get(i).replaceAll(" (red|c=\\d+)$",
				""));
		}
		return items;
	}

	private static String planeLabel(final ImagePlus imp, final int s) {
		final String label = imp.getStack().getShortSliceLabel(s);
		if (label != null && !label.isEmpty()) return label;
		if (imp.getStackSize() == 1) return imp.getShortTitle();
		final int[] czt = imp.convertIndexToPosition(s);
		return (imp.getNChannels() > 1 ? "c=" + czt[0] + " " : "") + (imp.getNSlices() > 1 ? "z=" + czt[1] + " " : "") +
			(imp.getNFrames() > 1 ? "t=" + czt[2] : "").trim();
	}

	/** Pixels that are NaN or infinite, over all items (treated as unknown by the commands). */
	public long nonFiniteCount() {
		long n = 0;
		for (final float[][] item : items) {
			for (final float[] plane : item) for (final float v : plane) if (!Float.isFinite(v)) n++;
		}
		return n;
	}

	public int size() { return items.size(); }
	public int width() { return source.getWidth(); }
	public int height() { return source.getHeight(); }
	public int modelChannels() { return modelChannels; }
	public boolean isRgb() { return rgb; }
	public ImagePlus source() { return source; }

	/** Item i: modelChannels planes of intensities, (height * width) each; do not modify. */
	public float[][] item(final int i) {
		return items.get(i);
	}

	/** Every item, each its channels' pixels (not to be modified). */
	public List<float[][]> allItems() {
		return Collections.unmodifiableList(items);
	}

	public String label(final int i) {
		return labels.get(i);
	}

	/** Every plane of every item, for computing an intensity range. */
	public List<float[]> allPlanes() {
		final List<float[]> all = new ArrayList<>();
		for (final float[][] item : items) Collections.addAll(all, item);
		return all;
	}

	/**
	 * A new image shaped like the source (size, C/Z/T, calibration, slice labels), holding {@code results}
	 * (one per item, same layout as {@link #item}); {@code type} null keeps the source's depth.
	 */
	public ImagePlus rebuild(final List<float[][]> results, final OutputType type, final String title) {
		if (results.size() != items.size()) throw new IllegalArgumentException("one result per item is needed");
		if (rgb && type != null) {
			throw new IllegalArgumentException("type=" + type.label() + " cannot be used: an RGB image stays RGB.");
		}
		final ImageStack out = new ImageStack(width(), height());
		final ImageStack in = source.getStack();
		final List<float[]> planes = new ArrayList<>();
		for (final float[][] r : results) Collections.addAll(planes, r);
		final OutputType depth = type != null || rgb ? type : OutputType.ofBitDepth(source.getBitDepth());
		for (int s = 1; s <= in.getSize(); s++) {
			final ImageProcessor ip = rgb ? rgbPlane(planes, s) : depth.processor(width(), height(), planes.get(s - 1));
			out.addSlice(in.getSliceLabel(s), ip);
		}
		final ImagePlus imp = new ImagePlus(title, out);
		imp.setDimensions(source.getNChannels(), source.getNSlices(), source.getNFrames());
		if (source.isHyperStack()) imp.setOpenAsHyperStack(true);
		imp.setCalibration(source.getCalibration().copy());
		if (source.isComposite() && imp.getNChannels() > 1) {
			final CompositeImage composite = new CompositeImage(imp, ((CompositeImage) source).getMode());
			composite.setLuts(((CompositeImage) source).getLuts());
			return composite;
		}
		if (!rgb) imp.setDisplayRange(source.getDisplayRangeMin(), source.getDisplayRangeMax());
		return imp;
	}

	private ColorProcessor rgbPlane(final List<float[]> planes, final int s) {
		final int base = (s - 1) * 3;
		final byte[][] rgbBytes = new byte[3][];
		for (int c = 0; c < 3; c++) {
			final float[] p = planes.get(base + c);
			rgbBytes[c] = new byte[p.length];
			for (int i = 0; i < p.length; i++) rgbBytes[c][i] = (byte) (int) OutputType.BIT8.store(p[i]);
		}
		final ColorProcessor cp = new ColorProcessor(width(), height());
		cp.setRGB(rgbBytes[0], rgbBytes[1], rgbBytes[2]);
		return cp;
	}
}
