package org.diffusionj.api;

import ij.IJ;

import java.nio.file.Files;
import java.nio.file.Path;

import org.diffusionj.image.OutputType;
import org.diffusionj.image.RangeMode;
import org.diffusionj.model.DistilledSampling;
import org.diffusionj.model.LoadedModel;
import org.diffusionj.model.ModelFolder;
import org.diffusionj.model.ModelLoadException;
import org.diffusionj.sampling.SamplerKind;

/**
 * The keys every request that samples shares (model, device, sampler, steps, eta, epsilon, seed, label, guidance,
 * range, batch, type, tile, overlap, noise; a request says which do not apply to it): one immutable value, its
 * defaults and model-free checks in {@link Builder}, so that Generate, Noise and Denoise, Restore, Denoising Steps and
 * the Playground resolve and check them alike. {@code steps} 0 is the sampler's default and {@code epsilon} 0 the
 * model's own ({@link org.diffusionj.sampling.SamplerSettings#resolved}).
 */
public final class SamplingKeys {

	public final String model, device, label, range, type;
	public final SamplerKind sampler;
	public final int steps, batch, tile, overlap;
	public final double eta, epsilon, guidance;
	public final long seed;
	public final NoiseChoice noise;

	private SamplingKeys(final Builder<?> b) {
		model = b.model;
		device = b.device;
		label = b.label;
		range = b.range;
		type = b.type;
		sampler = SamplerKind.fromLabel(b.sampler);
		steps = b.steps;
		batch = b.batch;
		tile = b.tile;
		overlap = b.overlap;
		eta = b.eta;
		epsilon = b.epsilon;
		guidance = b.guidance;
		seed = b.seed;
		noise = NoiseChoice.of(b.noise);
	}

	/** The model of the model and device keys, to be closed by the caller (as {@link #acquire(boolean)} of a sampler). */
	public LoadedModel acquire() throws ModelLoadException {
		return acquire(false);
	}

	/**
	 * The model of the model and device keys, to be closed by the caller; a CPU fallback is said once per JVM. A
	 * distilled model that names its teacher runs only with sampler, steps, eta and epsilon left out (or at the
	 * dialog's defaults); a run that names any of them, or asks for the posterior mean (Restore's samples=0: the
	 * student's call gives a sample, not the mean), is the teacher's, the model it learned from, and the Log says so
	 * once per model and request.
	 *
	 * @param posteriorMean whether the run asks for x̂0 at t = T − 1 as the posterior mean
	 */
	public LoadedModel acquire(final boolean posteriorMean) throws ModelLoadException {
		final Path dir = ModelPaths.resolve(model), runs = folder(posteriorMean);
		if (runs.equals(dir)) return ModelPaths.acquire(model, device);
		final org.diffusionj.model.ModelConfig student = ModelFolder.open(dir).config();
		final LoadedModel loaded = ModelPaths.acquire(runs.toString(), device);
		final String asked = asked(posteriorMean);
		if (loaded.firstNotice("teacher of " + dir + ": " + asked)) IJ.log("DiffusionJ: model " + student.name() +
			" samples only with " + student.distilled() + " and the keys left out; " + asked + " runs its teacher, " +
			student.distilled().teacher() + ".");
		return loaded;
	}

	/**
	 * The folder whose network a run of these keys uses ({@link #acquire(boolean)}), read from diffusion.json alone:
	 * the model key's, or its teacher's; one sentence when that teacher is not there.
	 */
	public Path folder(final boolean posteriorMean) throws ModelLoadException {
		final Path dir = ModelPaths.resolve(model);
		final ModelFolder folder = Files.isDirectory(dir) ? ModelFolder.open(dir) : null; // reads diffusion.json only
		final DistilledSampling distilled = folder == null ? null : folder.config().distilled();
		final boolean leftOut = sampler == SamplerKind.DEFAULT && steps == 0 && eta == 0 && epsilon == 0;
		if (distilled == null || distilled.teacher() == null || leftOut && !posteriorMean) return dir;
		final Path teacher = dir.resolveSibling(distilled.teacher());
		if (!Files.isDirectory(teacher)) {
			throw new ModelLoadException("Model " + folder.config().name() + " is distilled to sample with " + distilled +
				" only, and its teacher " + distilled.teacher() + ", which would run " + asked(posteriorMean) +
				", is not beside it (" + teacher + "): leave " +
				(posteriorMean ? "samples" : "sampler, steps, eta and epsilon") + " out, or install the teacher.");
		}
		return teacher;
	}

	/** What a run asks that hands it to a teacher: the posterior mean, or the sampling keys it names. */
	private String asked(final boolean posteriorMean) {
		return posteriorMean ? "samples=0 (the posterior mean)" : named();
	}

	/** The sampling keys a run names, as a macro writes them. */
	private String named() {
		final StringBuilder b = new StringBuilder("sampler=" + sampler.label());
		if (steps != 0) b.append(" steps=").append(steps);
		if (eta != 0) b.append(" eta=").append(eta);
		if (epsilon != 0) b.append(" epsilon=").append(epsilon);
		return b.toString();
	}

	/**
	 * The shared keys of a request's builder, each setter returning the request's own builder ({@code B}); a request
	 * gives its default model and sampler.
	 */
	public abstract static class Builder<B extends Builder<B>> {

		private final String defaultModel;
		private String model, device = "auto", sampler, label = "none", range = "auto", type = OutputType.AUTO,
			noise = "image";
		private int steps = 0, batch = 8, tile = 0, overlap = Tiling.DEFAULT_OVERLAP;
		private double eta = 0, epsilon = 0, guidance = 1;
		private long seed = 42;

		protected Builder(final String defaultModel, final SamplerKind defaultSampler) {
			this.defaultModel = defaultModel;
			model = defaultModel;
			sampler = defaultSampler.label();
		}

		protected abstract B self();

		/**
		 * A folder name under models/ or a model folder's path (blank: {@link ModelPaths#DEFAULT_MODEL}, as for every
		 * command); null keeps the request's default.
		 */
		public B model(final String v) { model = v == null ? defaultModel : v; return self(); }
		public B device(final String v) { device = v; return self(); }
		/** A sampler's label, as the macro's {@code sampler} key ({@link SamplerKind#label()}). */
		public B sampler(final String v) { sampler = v; return self(); }
		public B sampler(final SamplerKind v) { sampler = v.label(); return self(); }
		public B steps(final int v) { steps = v; return self(); }
		public B eta(final double v) { eta = v; return self(); }
		public B epsilon(final double v) { epsilon = v; return self(); }
		public B seed(final long v) { seed = v; return self(); }
		public B label(final String v) { label = v; return self(); }
		public B guidance(final double v) { guidance = v; return self(); }
		public B range(final String v) { range = v; return self(); }
		public B batch(final int v) { batch = v; return self(); }
		public B type(final String v) { type = v; return self(); }
		public B tile(final int v) { tile = v; return self(); }
		public B overlap(final int v) { overlap = v; return self(); }
		public B noise(final String v) { noise = v; return self(); }

		/** The shared keys, or an IllegalArgumentException whose message is one sentence naming the bad value. */
		protected final SamplingKeys keys() {
			RangeMode.fromKey(range); // their own sentences
			OutputType.ofOrNull(type);
			return new SamplingKeys(this);
		}
	}
}
