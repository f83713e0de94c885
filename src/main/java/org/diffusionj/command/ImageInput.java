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
	final RangeMode range;

	private ImageInput(final ImageItems items, final ItemTensors tensors, final RangeMode range) {
		this.items = items;
		this.tensors = tensors;
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
			.pixelHigh()));
		return new ImageInput(items, new ItemTensors(items, mapping, config.sizeMultiple(), fixedSize), mode);
	}

	/** The image title without its extension, for naming results. */
	String stem() {
		return items.source().getShortTitle();
	}
}
