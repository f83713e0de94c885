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
		int size = batch;
		for (int first = 0; first < count;) {
			final int n = Math.min(size, count - first);
			try {
				final Tensor x0 = generateBatch(model, first, n, c, h, w, StepListener.forBatch(listener, first, n, count));
				System.arraycopy(x0.data(), 0, out.data(), first * out.itemSize(), x0.data().length);
				first += n;
			}
			catch (final OutOfMemoryError e) {
				if (n == 1) throw e;
				size = Math.max(1, n / 2); // the same pixels: every image has its own noise stream
				listener.note("Out of memory with " + n + " images per pass; retrying with " + size + ".");
			}
		}
		return out;
	}

	private Tensor generateBatch(final GuidedDenoiser model, final int first, final int n, final int c, final int h,
		final int w, final StepListener listener)
	{
		final NoiseBatch noise = new NoiseBatch(settings.seed(), first, n);
		final Tensor xT = Sampler.initialNoise(noise, c, h, w);
		return sampler.sample(model.items(first, n), xT, plan, noise, listener);
	}
}
