package org.diffusionj.api;

import ij.ImagePlus;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

import java.util.Collections;
import java.util.Locale;

import org.diffusionj.image.BoundPlot;
import org.diffusionj.image.RaiImages;
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

	/**
	 * The bound's terms in nats per dimension (L_0 … L_{T−2}, then the prior term), their total in bits per dimension,
	 * a one-line summary, and (output {@link Outputs#RESULT}) the terms as a plot.
	 */
	public static final class Result extends RunResult {

		public final double[] terms;
		public final double bitsPerDim;
		public final String className, summary;

		Result(final double[] terms, final double bitsPerDim, final String className, final String summary,
			final ImagePlus plot, final String recipe, final double seconds)
		{
			super(Collections.singletonMap(Outputs.RESULT, plot), recipe, seconds);
			this.terms = terms;
			this.bitsPerDim = bitsPerDim;
			this.className = className;
			this.summary = summary;
		}
	}

	private final LikelihoodRequest request;

	public Likelihood(final LikelihoodRequest request) {
		this.request = request;
	}

	/** Runs the request on an ImgLib2 image (x, y; {@link RaiImages}), titled title. */
	public Result run(final RandomAccessibleInterval<? extends RealType<?>> image, final String title,
		final StepListener listener) throws ModelLoadException
	{
		return run(RaiImages.toImagePlus(image, title), listener);
	}

	/** Runs the request on image's current plane (only read); listener hears progress and may cancel. */
	public Result run(final ImagePlus image, final StepListener listener) throws ModelLoadException {
		final long start = System.nanoTime();
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
			final double bits = VariationalBound.bitsPerDim(terms);
			final String className = config.className(classIndex), summary = String.format(Locale.ROOT, "%s: %.4f bits/dim " +
				"(label %s, %d terms + prior)", image.getTitle(), bits, className, terms.length - 1);
			return new Result(terms, bits, className, summary, BoundPlot.of(terms, "Likelihood of " + image.getShortTitle(),
				summary), new Recipe(COMMAND, loaded).put("seed", request.seed).put("label", className).put("range", input
					.rangeText()).put("batch", request.batch).toString(), (System.nanoTime() - start) / 1e9);
		}
	}
}
