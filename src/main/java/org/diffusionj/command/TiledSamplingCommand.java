package org.diffusionj.command;

import org.diffusionj.image.OutputType;
import org.diffusionj.model.LoadedModel;
import org.scijava.plugin.Parameter;

/** A sampling command whose images may be larger than the model: the type, tile and overlap keys. */
public abstract class TiledSamplingCommand extends SamplingCommand {

	@Parameter(label = "Type",
		description = "output bit depth; auto keeps the input's (generated images: from pixel_range)",
		choices = { OutputType.AUTO, "8-bit", "16-bit", "32-bit" }, persist = false)
	protected String type = OutputType.AUTO;

	@Parameter(label = "Tile", description = "tile edge for large images; 0: auto (256 or the model's size)", min = "0",
		persist = false)
	protected int tile = 0;

	@Parameter(label = "Overlap", description = "pixels shared by neighbouring tiles, blended at every step",
		min = "0", persist = false)
	protected int overlap = Tiling.DEFAULT_OVERLAP;

	/** The tile and overlap keys, checked against the model: its denoiser over tiles when samples are larger. */
	final Tiling tiling(final LoadedModel loaded) {
		return Tiling.of(loaded.config(), loaded.denoiser().fixedSize(), tile, overlap);
	}
}
