package org.diffusionj.sampling;

import org.diffusionj.schedule.SchedulerConfig;
import org.diffusionj.schedule.TimestepPlan;

/**
 * Generates images from pure noise: image i of a run always gets noise stream (seed, i), so the pixels do
 * not depend on how the run is cut into passes.
 */
public final class Generator {

	private final Sampler sampler;
	private final TimestepPlan plan;
	private final SamplerSettings settings;

	public Generator(final SchedulerConfig config, final SamplerSettings settings) {
		this.sampler = new Sampler(config, settings.kind(), settings.eta(), settings.epsilonScale());
		this.plan = sampler.plan(settings.steps());
		this.settings = settings;
	}

	/**
	 * The posterior mean in one model call: x̂0 predicted at the last timestep, T − 1, one DDIM step of the trailing
	 * plan (to t = −1: x̂0 itself, with ᾱ = 1). For a conditional model x_T carries almost nothing of x0 (√ᾱ_T ≈
	 * 0.006 for the linear schedule), so the model's MMSE prediction x̂0 = E[x0 | x_T, y] is close to E[x0 | y], the
	 * regression answer (issue 34, lever 3).
	 */
	public static Generator posteriorMean(final SchedulerConfig config, final long seed) {
		return new Generator(config.withTimestepSpacing(org.diffusionj.schedule.TimestepSpacing.TRAILING),
			new SamplerSettings(SamplerKind.DDIM, 1, 0, seed, config.numTrainTimesteps()));
	}

	public TimestepPlan plan() {
		return plan;
	}

	public SamplerSettings settings() {
		return settings;
	}

	/**
	 * Images [first, first + n) of a run, in one pass.
	 *
	 * @param model the guided model for these n images (labels per image)
	 * @return (n, c, h, w) in model space
	 */
	public Tensor generate(final GuidedDenoiser model, final int first, final int n, final int c, final int h,
		final int w, final StepListener listener)
	{
		if (n < 1) throw new IllegalArgumentException("count=" + n + " is out of range: it must be 1 or more");
		return generate(model, new NoiseBatch(settings.seed(), first, n), c, h, w, listener);
	}

	/** The same with the batch's noise given (one item per image). */
	public Tensor generate(final GuidedDenoiser model, final NoiseBatch noise, final int c, final int h, final int w,
		final StepListener listener)
	{
		final Tensor xT = Sampler.initialNoise(noise, c, h, w);
		return sampler.sample(model, xT, plan, noise, listener);
	}
}
