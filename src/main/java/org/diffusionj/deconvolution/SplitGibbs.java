package org.diffusionj.deconvolution;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

import org.diffusionj.sampling.GuidedDenoiser;
import org.diffusionj.sampling.NoiseBatch;
import org.diffusionj.sampling.Sampler;
import org.diffusionj.sampling.SamplerKind;
import org.diffusionj.sampling.StepListener;
import org.diffusionj.sampling.Tensor;
import org.diffusionj.schedule.NoiseSchedule;
import org.diffusionj.schedule.SchedulerConfig;
import org.diffusionj.schedule.TimestepPlan;
import org.diffusionj.schedule.VarianceType;

/**
 * Posterior samples of an object seen through a PSF, with a diffusion model as the prior and no gradient through
 * it: split Gibbs sampling (plug-and-play Monte Carlo; Wu et al., NeurIPS 2024; Xu and Chi 2024). With a relaxation
 * ρ, alternate
 * <ol>
 * <li>the likelihood step z ~ p(z | y, x) ∝ p(y | z) N(z; x, ρ² I), closed form by FFT ({@link GaussianPosterior}) or
 * by conjugate gradients for per-pixel weights ({@link WeightedPosterior}): a {@link LikelihoodStep};</li>
 * <li>the prior step x ~ p(x | z), for which z is x seen with noise ρ: the diffusion model's reverse process (DDPM,
 * ancestral, with the variance β_t of each step) started from x_t* = √ᾱ_t* z at the timestep t* where
 * σ̄_t* = √((1 − ᾱ_t*) / ᾱ_t*) is nearest ρ;</li>
 * </ol>
 * with ρ annealed geometrically from ρ_max to ρ_min over the iterations. The result is the last prior step's x.
 * While ρ is large (at or above the single-step ρ) a prior step is one DDPM step from t* (Tweedie's E[x | z] plus
 * noise of about ρ): it costs one model call, so more sweeps fit the same calls, and at a few photons per pixel the
 * chain needs the sweeps to move; below it, the full reverse process keeps the fine structure the last sweeps add.
 * Everything runs in model units on a periodic grid (pad the image first).
 */
public final class SplitGibbs {

	private final Sampler ddpm;
	private final NoiseSchedule schedule;
	private final double[] rhos;
	private final int priorSteps;
	private final double singleStepRho;
	private final int threads;

	/**
	 * @param iterations Gibbs sweeps, each one likelihood step and one prior step
	 * @param priorSteps the most DDPM steps a prior step takes below the single-step ρ (fewer when t* is small)
	 * @param singleStepRho the ρ at and above which a prior step is a single DDPM step (above ρ_max: never)
	 * @param threads the threads the chains' data steps share
	 */
	public SplitGibbs(final SchedulerConfig config, final int iterations, final double rhoMax, final double rhoMin,
		final int priorSteps, final double singleStepRho, final int threads)
	{
		if (iterations < 1 || priorSteps < 1) throw new IllegalArgumentException("iterations and prior steps must be >= 1.");
		if (!(rhoMax >= rhoMin && rhoMin > 0)) {
			throw new IllegalArgumentException("rho must fall from rho_max to rho_min > 0, not " + rhoMax + " to " + rhoMin);
		}
		if (!(singleStepRho >= 0)) {
			throw new IllegalArgumentException("the single-step rho must be >= 0, not " + singleStepRho);
		}
		if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, not " + threads);
		// NB: fixed_large (beta_t): DDPM's fixed_small variance leaves out the spread of x0 given x_t, and a Gibbs chain
		// compounds the loss (spread 0.89 to 0.96 of the posterior's on the exact test, 1.00 with beta_t)
		this.ddpm = new Sampler(config.varianceType().isLearned() ? config : config.withVarianceType(
			VarianceType.FIXED_LARGE), SamplerKind.DDPM, 0);
		this.schedule = ddpm.schedule();
		this.priorSteps = priorSteps;
		this.singleStepRho = singleStepRho;
		this.threads = threads;
		this.rhos = new double[iterations];
		for (int k = 0; k < iterations; k++) {
			rhos[k] = iterations == 1 ? rhoMin : rhoMax * Math.pow(rhoMin / rhoMax, (double) k / (iterations - 1));
		}
	}

	/** Network calls of one chain: the prior steps of all sweeps. */
	public int calls() {
		int sum = 0;
		for (final double rho : rhos) sum += plan(rho).size();
		return sum;
	}

	/** The ρ of each sweep. */
	public double[] rhos() {
		return rhos.clone();
	}

	/** The timestep whose σ̄_t = √((1 − ᾱ_t) / ᾱ_t) is nearest ρ. */
	public int timestepFor(final double rho) {
		int best = 0;
		for (int t = 1; t < schedule.numTrainTimesteps(); t++) {
			if (Math.abs(sigmaBar(t) - rho) < Math.abs(sigmaBar(best) - rho)) best = t;
		}
		return best;
	}

	private double sigmaBar(final int t) {
		final double ab = schedule.alphaBar(t);
		return Math.sqrt((1 - ab) / ab);
	}

	/**
	 * The DDPM timesteps of the prior step at ρ: t* alone at or above the single-step ρ, else up to priorSteps of them,
	 * evenly from t* down to 0.
	 */
	public TimestepPlan plan(final double rho) {
		final int tStar = timestepFor(rho);
		final int n = Math.min(rho >= singleStepRho ? 1 : priorSteps, tStar + 1);
		final int[] ts = new int[n];
		for (int i = 0; i < n; i++) ts[i] = n == 1 ? tStar : (int) Math.round(tStar * (1 - (double) i / (n - 1)));
		return TimestepPlan.ofTimesteps(ts);
	}

	/**
	 * One posterior sample per item of the noise batch.
	 *
	 * @param likelihood the likelihood step on the h × w grid
	 * @param start the object the chain starts from (e.g. the observation, padded), h × w
	 * @return the samples, (n, 1, h, w)
	 */
	public Tensor sample(final GuidedDenoiser prior, final LikelihoodStep likelihood, final double[] start, final int h,
		final int w, final NoiseBatch noise, final StepListener listener)
	{
		final int n = noise.size(), size = h * w;
		final float[] x = new float[n * size];
		for (int i = 0; i < n; i++) for (int p = 0; p < size; p++) x[i * size + p] = (float) start[p];
		final ForkJoinPool pool = new ForkJoinPool(threads); // the data steps' threads (a stream's tasks stay in its pool)
		try {
			return chain(prior, likelihood, new Tensor(x, n, 1, h, w), h, w, noise, listener, pool);
		}
		finally {
			pool.shutdown();
		}
	}

	private Tensor chain(final GuidedDenoiser prior, final LikelihoodStep likelihood, final Tensor first, final int h,
		final int w, final NoiseBatch noise, final StepListener listener, final ForkJoinPool pool)
	{
		final int n = noise.size(), size = h * w;
		Tensor current = first;
		final int total = calls();
		int done = 0;
		for (final double rho : rhos) {
			final TimestepPlan plan = plan(rho);
			final int tStar = plan.t(0);
			final double scale = Math.sqrt(schedule.alphaBar(tStar));
			final float[] white = noise.draw(2, h, w).data(); // per item: the data's draws, then the prior point's
			final float[] zt = new float[n * size];
			final float[] xs = current.data();
			// the likelihood step, the items in parallel (each its own draws, so the result is the same on any cores)
			pool.submit(() -> IntStream.range(0, n).parallel().forEach(i -> {
				if (listener.isCanceled()) throw new CancellationException();
				final double[] xi = new double[size], w1 = new double[size], w2 = new double[size];
				for (int p = 0; p < size; p++) {
					xi[p] = xs[i * size + p];
					w1[p] = white[2 * i * size + p];
					w2[p] = white[(2 * i + 1) * size + p];
				}
				final double[] z = likelihood.sample(xi, rho * rho, w1, w2);
				for (int p = 0; p < size; p++) zt[i * size + p] = (float) (scale * z[p]);
			})).join();
			// the prior step: x ~ p(x | z) by the reverse process from x_t* = sqrt(alphaBar_t*) z
			final int before = done;
			current = ddpm.sample(prior, new Tensor(zt, n, 1, h, w), plan, noise, new StepListener() {
				@Override
				public void stepDone(final int index, final int steps, final int t, final Tensor xt,
					final org.diffusionj.sampling.Prediction p)
				{
					listener.stepDone(before + index, total, t, xt, p);
				}

				@Override
				public boolean isCanceled() {
					return listener.isCanceled();
				}

				@Override
				public void note(final String message) {
					listener.note(message);
				}
			});
			done += plan.size();
		}
		return current;
	}
}
