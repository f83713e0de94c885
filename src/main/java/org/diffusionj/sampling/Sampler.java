package org.diffusionj.sampling;

import java.util.concurrent.CancellationException;
import java.util.function.Function;

import org.diffusionj.schedule.NoiseSchedule;
import org.diffusionj.schedule.SchedulerConfig;
import org.diffusionj.schedule.TimestepPlan;

/**
 * The reverse process: walks the (t, tPrev) pairs of a plan, asking the model at each t and taking one
 * {@link ReverseStep}. Stateless between runs; one instance serves any number of batches.
 */
public final class Sampler {

	private final NoiseSchedule schedule;
	private final SchedulerConfig config;
	private final boolean clipSample; // diffusers' multistep classes threshold x0 but have no clip_sample
	private final SamplerKind kind;
	private final double epsilonScale; // Epsilon Scaling's lambda; 1 is off
	private final Function<TimestepPlan, ReverseStep> steps; // a fresh step per run: the multistep ones keep history

	public Sampler(final SchedulerConfig config, final SamplerKind kind, final double eta) {
		this(config, kind, eta, 1);
	}

	/** @param epsilonScale the predicted noise is divided by it at every step (see {@link Prediction}); 1 is off */
	public Sampler(final SchedulerConfig config, final SamplerKind kind, final double eta, final double epsilonScale) {
		this.epsilonScale = epsilonScale;
		this.schedule = NoiseSchedule.of(config);
		this.config = config;
		this.clipSample = config.clipSample() && kind.clipsSample();
		this.kind = kind;
		switch (kind.solver()) {
			case DDPM: {
				final ReverseStep ddpm = new DdpmStep(schedule, config.varianceType());
				this.steps = plan -> ddpm;
				break;
			}
			case DDIM: {
				final ReverseStep ddim = new DdimStep(schedule, eta, config.setAlphaToOne(), config.useClippedModelOutput());
				this.steps = plan -> ddim;
				break;
			}
			case DPM_SOLVER:
				this.steps = plan -> new DpmSolverStep(schedule, plan, kind.order(), kind.isSde());
				break;
			case UNI_PC:
				this.steps = plan -> new UniPcStep(schedule, plan);
				break;
			default:
				throw new AssertionError(kind);
		}
	}

	public NoiseSchedule schedule() {
		return schedule;
	}

	/** The (t, tPrev) pairs of {@code steps} steps as this sampler's diffusers scheduler makes them. */
	public TimestepPlan plan(final int steps) {
		switch (kind.spacing()) {
			case SELECTED:
				return TimestepPlan.of(config, steps);
			case DDIM:
				return TimestepPlan.ddim(config, steps);
			case MULTISTEP:
				return TimestepPlan.multistep(config, steps);
			case KARRAS:
				return TimestepPlan.karras(schedule, steps);
			case EXPONENTIAL:
				return TimestepPlan.exponential(schedule, steps);
			default:
				throw new AssertionError(kind);
		}
	}

	/** Pure noise x_T for the batch, from each image's own stream. */
	public static Tensor initialNoise(final NoiseBatch noise, final int c, final int h, final int w) {
		return noise.draw(c, h, w);
	}

	/**
	 * Denoises x from plan.t(0) down to the end of the plan.
	 *
	 * @param x x_t at the plan's first timestep, (n, c, h, w); not modified
	 * @return x at the end of the plan (x_0 for a full plan), a new tensor
	 * @throws CancellationException when the listener asks to stop; no partial result is returned
	 */
	public Tensor sample(final GuidedDenoiser model, final Tensor x, final TimestepPlan plan, final NoiseBatch noise,
		final StepListener listener)
	{
		final ReverseStep step = steps.apply(plan);
		Tensor current = x;
		for (int i = 0; i < plan.size(); i++) {
			if (listener.isCanceled()) throw new CancellationException("canceled at step " + (i + 1));
			final int t = plan.t(i);
			final Prediction p = Prediction.of(model.predict(current, t), current, plan.alphaBarAt(i, schedule), config,
				clipSample, epsilonScale);
			current = step.step(current, p, t, plan.tPrev(i), noise);
			listener.stepDone(i, plan.size(), t, current, p);
		}
		return current;
	}
}
