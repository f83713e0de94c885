package org.diffusionj.api;

import org.diffusionj.model.ModelConfig;

/** The size of images sampled from noise ({@code width}, {@code height} keys): 0 means the model's sample size. */
final class SampleSize {

	public final int width, height;

	private SampleSize(final int width, final int height) {
		this.width = width;
		this.height = height;
	}

	public static SampleSize of(final int width, final int height, final ModelConfig config) {
		if (width < 0 || height < 0) {
			throw new IllegalArgumentException((width < 0 ? "width=" + width : "height=" + height) +
				" is out of range: it must be 0 (the model's size) or more");
		}
		return new SampleSize(width == 0 ? config.sampleWidth() : width, height == 0 ? config.sampleHeight() : height);
	}
}
