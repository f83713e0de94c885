package org.diffusionj.api;

import java.util.Arrays;

import org.diffusionj.model.LoadedModel;
import org.diffusionj.model.ModelConfig;
import org.diffusionj.sampling.Denoiser;
import org.diffusionj.sampling.GuidedDenoiser;

/** The label and guidance keys of a command turned into a {@link GuidedDenoiser}, with their checks. */
final class Guidance {

	private Guidance() {}

	/**
	 * @param classIndex from {@link ModelConfig#classIndex}: the null class, a class, or -1 (unconditional model)
	 * @param count images in the run (one label each)
	 */
	public static GuidedDenoiser of(final LoadedModel model, final int classIndex, final double guidance, final int count) {
		return of(model.denoiser(), model.config(), classIndex, guidance, count);
	}

	/** The same for any denoiser of the model (a tiled one, say). */
	public static GuidedDenoiser of(final Denoiser denoiser, final ModelConfig config, final int classIndex,
		final double guidance, final int count)
	{
		if (!Double.isFinite(guidance)) throw new IllegalArgumentException("guidance=" + guidance + " is not a number");
		if (!config.isConditional()) {
			if (guidance != 1) {
				throw new IllegalArgumentException("guidance=" + guidance + " needs a class-conditional model, and " +
					config.name() + " is unconditional.");
			}
			return GuidedDenoiser.unconditional(denoiser);
		}
		if (classIndex == config.nullClassLabel() && guidance != 1) {
			throw new IllegalArgumentException("guidance=" + guidance + " needs a class label (label=none was given).");
		}
		final long[] labels = new long[count];
		Arrays.fill(labels, classIndex);
		return GuidedDenoiser.conditional(denoiser, labels, config.nullClassLabel(), guidance);
	}
}
