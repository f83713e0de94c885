package org.diffusionj.api;

import ij.ImagePlus;

import java.util.Collections;
import java.util.Map;

/**
 * What a run of a request gives: its images by output name ({@link Outputs}), in the order a command shows them, each
 * with the recipe in its Info; the recipe; the seconds it took.
 */
public class RunResult {

	private final Map<String, ImagePlus> images;
	public final String recipe;
	public final double seconds;

	RunResult(final Map<String, ImagePlus> images, final String recipe, final double seconds) {
		this.images = Collections.unmodifiableMap(images);
		this.recipe = recipe;
		this.seconds = seconds;
	}

	/** Every image, by output name, in the order a command shows them. */
	public final Map<String, ImagePlus> images() {
		return images;
	}

	/** The image of this output name ({@link Outputs#RESULT}, ...), or null when the run made none. */
	public final ImagePlus image(final String output) {
		return images.get(output);
	}
}
