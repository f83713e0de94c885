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
		description = KeyHelp.TYPE,
		choices = { OutputType.AUTO, "8-bit", "16-bit", "32-bit" }, persist = false)
	protected String type = OutputType.AUTO;

	@Parameter(label = "Tile", description = KeyHelp.TILE, min = "0",
		persist = false)
	protected int tile = 0;

	@Parameter(label = "Overlap", description = KeyHelp.OVERLAP,
		min = "0", persist = false)
	protected int overlap = Tiling.DEFAULT_OVERLAP;

	@Parameter(label = "Noise", choices = { "image", "position" }, description = KeyHelp.NOISE, persist = false)
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
