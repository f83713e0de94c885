package org.diffusionj.command;

import ij.ImagePlus;
import ij.measure.Calibration;

import org.diffusionj.image.OutputType;
import org.diffusionj.model.LoadedModel;
import org.diffusionj.sampling.NoiseBatch;
import org.scijava.plugin.Parameter;

/** A sampling command whose images may be larger than the model: the type, tile, overlap and noise keys. */
public abstract class TiledSamplingCommand extends SamplingCommand {

	static final String NOISE_IMAGE = "image", NOISE_POSITION = "position";

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

	@Parameter(label = "Noise", choices = { NOISE_IMAGE, NOISE_POSITION }, description = "image: a noise stream per " +
		"image of the run; position: noise keyed by each pixel's position (less the image's calibration origin), so " +
		"a crop, tile or block of an image gets the noise the whole image gets there", persist = false)
	protected String noise = NOISE_IMAGE;

	/**
	 * The noise of one pass whose item i is image {@code first + i} of the run: item {@code items[i]} of the image,
	 * repeat {@code (first + i) % repeats}. With noise=position it is keyed by (plane, pixel) less the calibration
	 * origin: the coordinates of the image this one was cut from when the origin says where (a Spark block sets it;
	 * ImageJ's Duplicate and Crop move an origin that is not 0 by the crop's corner).
	 *
	 * @param top rows of the tensor above the image's first row (its padding), {@code left} columns
	 * @param source the image (its calibration origin), or null for generated images (origin 0)
	 */
	final NoiseBatch noiseBatch(final long first, final int[] items, final int repeats, final int top, final int left,
		final ImagePlus source)
	{
		if (NOISE_IMAGE.equals(noise)) return new NoiseBatch(seed, first, items.length);
		if (!NOISE_POSITION.equals(noise)) {
			throw new IllegalArgumentException("noise=" + noise + " is not a kind of noise (known: image, position)");
		}
		final Calibration cal = source == null ? new Calibration() : source.getCalibration();
		final long z = Math.round(cal.zOrigin);
		final long[] keys = new long[items.length];
		for (int i = 0; i < keys.length; i++) keys[i] = (items[i] - z) * repeats + (first + i) % repeats;
		return NoiseBatch.atPositions(seed, keys, -top - (int) Math.round(cal.yOrigin), -left - (int) Math.round(
			cal.xOrigin));
	}

	/** The tile and overlap keys, checked against the model: its denoiser over tiles when samples are larger. */
	final Tiling tiling(final LoadedModel loaded) {
		return Tiling.of(loaded.config(), loaded.denoiser().fixedSize(), tile, overlap);
	}
}
