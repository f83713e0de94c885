package org.diffusionj.command;

import ij.ImagePlus;

import org.diffusionj.image.ImageItems;
import org.diffusionj.image.IntensityMapping;
import org.diffusionj.image.ItemTensors;
import org.diffusionj.image.RangeMode;
import org.diffusionj.model.ModelConfig;

/** The active image of a command prepared for a model: checked, cut into items, mapped and padded. */
final class ImageInput {

	final ImageItems items;
	final ItemTensors tensors;
	/** Maps results back to intensities: {@link #tensors}, except for a restoration model's condition. */
	final ItemTensors results;
	final RangeMode range;

	private ImageInput(final ImageItems items, final ItemTensors tensors, final ItemTensors results,
		final RangeMode range)
	{
		this.items = items;
		this.tensors = tensors;
		this.results = results;
		this.range = range;
	}

	/** @param fixedSize the only edge the model takes (images are padded up to it), or 0 */
	static ImageInput of(final ImagePlus image, final String command, final ModelConfig config, final int fixedSize,
		final String range)
	{
		if (image == null) throw new IllegalArgumentException(command + " needs an open image.");
		final RangeMode mode = RangeMode.fromKey(range);
		final ImageItems items = ImageItems.of(image, config.inChannels());
		final IntensityMapping mapping = mode.mapping(items.allPlanes(), new IntensityMapping(config.pixelLow(), config
			.pixelHigh()), config.normalizePercentiles());
		final ItemTensors tensors = new ItemTensors(items, mapping, config.sizeMultiple(), fixedSize);
		return new ImageInput(items, tensors, tensors, mode);
	}

	/**
	 * The active image as the condition of a restoration model. With range=model the condition maps by the
	 * condition's pixel_range and results by the model's; a model trained with "normalize" percentiles, and
	 * range=image or percentile, map both by the condition image's own range (as the training pairs were: the
	 * target by its source's map), so results come back in the image's units.
	 */
	static ImageInput ofCondition(final ImagePlus image, final String command, final ModelConfig config,
		final int fixedSize, final String range)
	{
		if (image == null) throw new IllegalArgumentException(command + " needs an open image to restore.");
		final RangeMode mode = RangeMode.fromKey(range);
		final ImageItems items = ImageItems.of(image, config.condition().channels());
		if (items.nonFiniteCount() > 0) {
			throw new IllegalArgumentException("Image " + image.getTitle() + " has " + items.nonFiniteCount() +
				" NaN or infinite pixel(s); " + command + " needs every pixel of the image it restores.");
		}
		final IntensityMapping conditionMap = mode.mapping(items.allPlanes(), new IntensityMapping(config.condition()
			.pixelLow(), config.condition().pixelHigh()), config.normalizePercentiles());
		final boolean fixedRanges = mode == RangeMode.MODEL && config.normalizePercentiles() == null;
		final IntensityMapping resultMap = fixedRanges ? new IntensityMapping(config.pixelLow(), config.pixelHigh())
			: conditionMap;
		return new ImageInput(items, new ItemTensors(items, conditionMap, config.sizeMultiple(), fixedSize),
			new ItemTensors(items, resultMap, config.sizeMultiple(), fixedSize), mode);
	}

	/** The image title without its extension, for naming results. */
	String stem() {
		return items.source().getShortTitle();
	}
}
