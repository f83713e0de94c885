package org.diffusionj.api;

/**
 * The names of a run's images: the keys of a result's images, which scripts get back as a command's outputs
 * ({@code ModuleService.run(...).get().getOutput("result")}).
 */
public final class Outputs {

	/** The command's image (Restore: the mean of the samples; Noise and Denoise with several samples: the samples). */
	public static final String RESULT = "result";
	public static final String MEAN = "mean", STD = "std", SAMPLES = "allSamples", LOWER = "lower", UPPER = "upper",
		RESIDUAL = "residualImage";

	private Outputs() {}
}
