package org.diffusionj.api;

import ij.ImagePlus;

import org.diffusionj.model.LoadedModel;
import org.diffusionj.model.ModelConfig;
import org.diffusionj.model.ModelLoadException;
import org.diffusionj.sampling.NoiseBatch;
import org.diffusionj.sampling.StepListener;
import org.diffusionj.sampling.VariationalBound;

/**
 * Likelihood... from Java: the variational bound of an image's current plane under the model (Ho et al. 2020, eq. 5;
 * {@link VariationalBound}), per timestep and in total. Thread-safe: it holds nothing but its request.
 */
public final class Likelihood {

	public static final String COMMAND = "Likelihood...";

	/** The bound's terms in nats per dimension (L_0 … L_{T−2}, then the prior term), their total in bits per dimension. */
	public static final class Result {

		public final double[] terms;
		public final double bitsPerDim;
		public final String className, recipe;

		Result(final double[] terms, final double bitsPerDim, final String className, final String recipe) {
			this.terms = terms;
			this.bitsPerDim = bitsPerDim;
			this.className = className;
			this.recipe = recipe;
		}
	}

	private final LikelihoodRequest request;

	public Likelihood(final LikelihoodRequest request) {
		this.request = request;
	}

	/** Runs the request on image's current plane (only read); listener hears progress and may cancel. */
	public Result run(final ImagePlus image, final StepListener listener) throws ModelLoadException {
		try (LoadedModel loaded = ModelPaths.acquireUnconditioned(request.model, request.device, COMMAND)) {
			final ModelConfig config = loaded.config();
			if (image == null) throw new IllegalArgumentException(COMMAND + " needs an open image.");
			final ImagePlus plane = new ImagePlus(image.getTitle(), image.getProcessor().duplicate());
			final ImageInput input = ImageInput.of(plane, COMMAND, config, loaded.denoiser().fixedSize(), request.range,
				false); // NB: bits/dim over the image's own pixels, not mirrored ones
			if (input.items.size() != 1) throw new IllegalArgumentException(COMMAND + " needs a grey plane (not RGB) for a " +
				config.inChannels() + "-channel model.");
			if (input.items.nonFiniteCount() > 0) throw new IllegalArgumentException("image " + image.getTitle() +
				" has NaN or infinite pixels; the likelihood of unknown pixels is undefined.");
			final int classIndex = config.classIndex(request.label);
			final double[] terms = new VariationalBound(config.scheduler()).terms(Guidance.of(loaded, classIndex, 1,
				request.batch), input.tensors.batch(0, 1), new NoiseBatch(request.seed, 0, 1), request.batch, listener);
			return new Result(terms, VariationalBound.bitsPerDim(terms), config.className(classIndex), new Recipe(COMMAND,
				loaded).put("seed", request.seed).put("label", config.className(classIndex)).put("range", input.rangeText())
					.put("batch", request.batch).toString());
		}
	}
}
