package org.diffusionj.sampling;

import org.diffusionj.schedule.SchedulerConfig;
import org.diffusionj.schedule.TimestepPlan;

/**
 * Generates images from pure noise, in batches: image i of a run always gets noise stream (seed, i),
 * so the pixels do not depend on the batch size.
 */
public final class Generator {

	private final Sampler sampler;
	private final TimestepPlan plan;
	private final SamplerSettings settings;

	public Generator(final SchedulerConfig config, final SamplerSettings settings) {
		this.sampler = new Sampler(config, settings.kind(), settings.eta());
		this.plan = TimestepPlan.of(config, settings.steps());
		this.settings = settings;
	}

	public TimestepPlan plan() {
		return plan;
	}

	/**
	 * @param model the guided model for all {@code count} images (labels per image)
	 * @param batch images per forward pass (twice that many with guidance)
	 * @return (count, c, h, w) in model space
	 */
	public Tensor generate(final GuidedDenoiser model, final int count, final int c, final int h, final int w,
		final int batch, final StepListener listener)
	{
		if (count < 1) throw new IllegalArgumentException("count=" + count + " is out of range: it must be 1 or more");
		if (batch < 1) throw new IllegalArgumentException("batch=" + batch + " is out of range: it must be 1 or more");
		final Tensor out = new Tensor(count, c, h, w);
		final int batches = (count + batch - 1) / batch;
		for (int b = 0; b < batches; b++) {
			final int first = b * batch, n = Math.min(batch, count - first);
			final NoiseBatch noise = new NoiseBatch(settings.seed(), first, n);
			final Tensor xT = Sampler.initialNoise(noise, c, h, w);
			final Tensor x0 = sampler.sample(model.items(first, n), xT, plan, noise, offset(listener, b, batches));
			System.arraycopy(x0.data(), 0, out.data(), first * out.itemSize(), x0.data().length);
		}
		return out;
	}

	/** Reports batch b's steps as part of the whole run's. */
	private StepListener offset(final StepListener listener, final int b, final int batches) {
		return new StepListener() {
			@Override
			public void stepDone(final int index, final int total, final int t, final Tensor x, final Prediction p) {
				listener.stepDone(b * total + index, batches * total, t, x, p);
			}

			@Override
			public boolean isCanceled() {
				return listener.isCanceled();
			}
		};
	}
}
