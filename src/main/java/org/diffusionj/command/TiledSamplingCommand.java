package org.diffusionj.command;

import ij.ImagePlus;

import org.diffusionj.api.NoiseChoice;
import org.diffusionj.api.Tiling;
import org.diffusionj.image.OutputType;
import org.diffusionj.model.LoadedModel;
import org.diffusionj.sampling.NoiseBatch;
import org.scijava.plugin.Parameter;

/** A sampling command whose images may be larger than the model: the type, tile, overlap and noise keys. */
public abstract class TiledSamplingCommand extends SamplingCommand {

	@Parameter(label = "Type",
		description = "output bit depth; auto keeps the input's (generated images: from pixel_range)",
		choices = { OutputType.AUTO, "8-bit", "16-bit", "32-bit" }, persist = false)
	protected String type = OutputType.AUTO;

	@Parameter(label = "Tile", description = "tile edge for large images; 0: auto (256 or the model's size; an image of up " +
		"to 256 pixels goes whole with its context margin)", min = "0",
		persist = false)
	protected int tile = 0;

	@Parameter(label = "Overlap", description = "pixels shared by neighbouring tiles, blended at every step",
		min = "0", persist = false)
	protected int overlap = Tiling.DEFAULT_OVERLAP;

	@Parameter(label = "Noise", choices = { "image", "position" }, description = "image: a noise stream per " +
		"image of the run; position: noise keyed by each pixel's position (less the image's calibration origin), so " +
		"a crop, tile or block of an image gets the noise the whole image gets there", persist = false)
	protected String noise = "image";

	/** The noise of one pass ({@link NoiseChoice#batch}) for the {@code noise} key. */
	final NoiseBatch noiseBatch(final long first, final int[] items, final int repeats, final int top, final int left,
		final ImagePlus source)
	{
		return NoiseChoice.of(noise).batch(seed, first, items, repeats, top, left, source);
	}

	/** The tile and overlap keys, checked against the model: its denoiser over tiles when samples are larger. */
	final Tiling tiling(final LoadedModel loaded) {
		return Tiling.of(loaded.config(), loaded.denoiser().fixedSize(), tile, overlap);
	}
}
