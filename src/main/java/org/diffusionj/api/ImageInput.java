package org.diffusionj.api;

import ij.IJ;
import ij.ImagePlus;

import org.diffusionj.image.ImageItems;
import org.diffusionj.image.IntensityMapping;
import org.diffusionj.image.ItemTensors;
import org.diffusionj.image.RangeMode;
import org.diffusionj.model.ModelConfig;

/** The active image of a command prepared for a model: checked, cut into items, mapped and padded. */
public final class ImageInput {

	/** Help text of every command's {@code range} key. */
	public static final String RANGE_HELP = "intensities to [-1, 1] and back: auto (the model's own mapping when the image " +
		"fits it, else its 1-99.8 % percentiles, as CARE does), model (pixel_range, or the percentiles the model " +
		"was trained with), image (min-max) or percentile (1-99.8 %); in a macro also two intensities, range=[low high]";

	public final ImageItems items;
	public final ItemTensors tensors;
	/** Maps results back to intensities: {@link #tensors}, except for a restoration model's condition. */
	public final ItemTensors results;
	public final RangeMode range;
	private final String rangeKey;

	private ImageInput(final ImageItems items, final ItemTensors tensors, final ItemTensors results,
		final RangeMode range, final String rangeKey)
	{
		this.items = items;
		this.tensors = tensors;
		this.results = results;
		this.range = range;
		this.rangeKey = rangeKey;
	}

	/** The range for a recipe: the mode, or a fixed range's two intensities. */
	public String rangeText() {
		return range == RangeMode.FIXED ? "[" + rangeKey.trim() + "]" : range.key();
	}

	/** @param fixedSize the only edge the model takes (images are padded up to it), or 0 */
	public static ImageInput of(final ImagePlus image, final String command, final ModelConfig config, final int fixedSize,
		final String range)
	{
		return of(image, command, config, fixedSize, range, true);
	}

	/** @param margin false: no mirrored margin of context (for measures over the image's own pixels) */
	public static ImageInput of(final ImagePlus image, final String command, final ModelConfig config, final int fixedSize,
		final String range, final boolean margin)
	{
		if (image == null) throw new IllegalArgumentException(command + " needs an open image.");
		final ImageItems items = ImageItems.of(image, config.inChannels());
		final IntensityMapping model = new IntensityMapping(config.pixelLow(), config.pixelHigh());
		final RangeMode mode = chosen(range, items, model, config, command);
		final ItemTensors tensors = margin ? tensors(items, mode, range, model, config, fixedSize) : ItemTensors
			.withoutMargin(items, mapping(mode, range, items, model, config), config.sizeMultiple(), fixedSize);
		return new ImageInput(items, tensors, tensors, mode, range);
	}

	/**
	 * The active image as the condition of a restoration model. With range=model the condition maps by the
	 * condition's pixel_range and results by the model's; a model trained with "normalize" percentiles, and
	 * range=image or percentile, map both by the condition image's own range (as the training pairs were: the
	 * target by its source's map), so results come back in the image's units.
	 */
	public static ImageInput ofCondition(final ImagePlus image, final String command, final ModelConfig config,
		final int fixedSize, final String range)
	{
		if (image == null) throw new IllegalArgumentException(command + " needs an open image to restore.");
		final ImageItems items = ImageItems.of(image, config.condition().channels());
		if (items.nonFiniteCount() > 0) {
			throw new IllegalArgumentException("Image " + image.getTitle() + " has " + items.nonFiniteCount() +
				" NaN or infinite pixel(s); " + command + " needs every pixel of the image it restores.");
		}
		final IntensityMapping model = new IntensityMapping(config.condition().pixelLow(), config.condition().pixelHigh());
		final RangeMode mode = chosen(range, items, model, config, command);
		final ItemTensors condition = tensors(items, mode, range, model, config, fixedSize);
		final boolean fixedRanges = mode == RangeMode.MODEL && config.normalizePercentiles() == null;
		return new ImageInput(items, condition, fixedRanges ? new ItemTensors(items, new IntensityMapping(config
			.pixelLow(), config.pixelHigh()), config.sizeMultiple(), fixedSize) : condition, mode, range);
	}

	/**
	 * The items in model space: one map for the whole image, or, for a model trained on images each mapped by its
	 * own percentiles (range=model or auto with "normalize"), each item (a plane) by its own percentiles, as
	 * training mapped each image.
	 */
	private static ItemTensors tensors(final ImageItems items, final RangeMode mode, final String key,
		final IntensityMapping model, final ModelConfig config, final int fixedSize)
	{
		final double[] percentiles = config.normalizePercentiles();
		if (mode != RangeMode.MODEL || percentiles == null) {
			return new ItemTensors(items, mapping(mode, key, items, model, config), config.sizeMultiple(), fixedSize);
		}
		final IntensityMapping[] perItem = new IntensityMapping[items.size()];
		for (int i = 0; i < perItem.length; i++) {
			perItem[i] = mode.mapping(java.util.Arrays.asList(items.item(i)), model, percentiles);
		}
		return new ItemTensors(items, perItem, config.sizeMultiple(), fixedSize);
	}

	/** One map for every item: a fixed range's, or the mode's for all the image's planes. */
	private static IntensityMapping mapping(final RangeMode mode, final String key, final ImageItems items,
		final IntensityMapping model, final ModelConfig config)
	{
		return mode == RangeMode.FIXED ? RangeMode.fixed(key) : mode.mapping(items.allPlanes(), model, config
			.normalizePercentiles());
	}

	/**
	 * The range key resolved for this image (auto: the model's mapping or the percentiles), with a Log line when
	 * auto chose the percentiles or when pixels fall outside a fixed range the model was given.
	 */
	private static RangeMode chosen(final String key, final ImageItems items, final IntensityMapping model,
		final ModelConfig config, final String command)
	{
		final RangeMode asked = RangeMode.fromKey(key);
		final ImagePlus source = items.source();
		final int depth = source.getBitDepth();
		final double naturalHigh = depth == 8 || depth == 24 ? 255 : depth == 16 ? 65535 : Double.NaN;
		final RangeMode mode = asked.resolve(items.allPlanes(), model, config.normalizePercentiles(), Double.isNaN(
			naturalHigh) ? Double.NaN : 0, naturalHigh);
		final String range = "[" + fmt(model.low()) + ", " + fmt(model.high()) + "]";
		if (asked == RangeMode.AUTO && mode == RangeMode.PERCENTILE) {
			final double[] values = RangeMode.finiteRange(items.allPlanes()); // NB: auto chose percentiles: not null
			IJ.log("DiffusionJ: " + source.getTitle() + " (values " + fmt(values[0]) + " to " + fmt(values[1]) + ") does " +
				"not fit model " + config.name() + "'s pixel_range " + range + ": " + command + " maps it by its " + fmt(
					RangeMode.LOW_PERCENTILE) + " and " + fmt(RangeMode.HIGH_PERCENTILE) + " percentiles and back " +
				"(range=auto; range=model would use " + range + ").");
		}
		if (mode == RangeMode.MODEL && config.normalizePercentiles() == null) {
			final long outside = RangeMode.outside(items.allPlanes(), model);
			if (outside > 0) IJ.log("DiffusionJ: " + outside + " pixel(s) of " + source.getTitle() + " lie outside model " +
				config.name() + "'s pixel_range " + range + " (range=model); results there are the model's extrapolation.");
		}
		return mode;
	}

	/** A number as a sentence writes it: six significant digits, no trailing zeros (100, not 100.0). */
	static String fmt(final double v) {
		return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
	}

	/** The image title without its extension, for naming results. */
	public String stem() {
		return items.source().getShortTitle();
	}
}
