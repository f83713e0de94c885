package org.diffusionj.sampling;

import org.diffusionj.schedule.SchedulerConfig;
import org.diffusionj.schedule.TimestepPlan;

/**
 * SDEdit (Meng et al. 2022): noise an image to t0 with q(x_t0 | x_0), then denoise from t0. The
 * timesteps follow diffusers' img2img: of the S selected timesteps keep the last int(S strength) and
 * noise the image to the first of them.
 */
public final class SdEdit {

	private final Sampler sampler;
	private final TimestepPlan plan;

	public SdEdit(final SchedulerConfig config, final SamplerSettings settings, final double strength) {
		this.sampler = new Sampler(config, settings.kind(), settings.eta(), settings.epsilonScale());
		this.plan = sampler.plan(settings.steps()).lastFraction(strength);
	}

	public TimestepPlan plan() {
		return plan;
	}

	/**
	 * @param x0 the images in model space, (n, c, h, w); not modified
	 * @param noise one stream per item: the first draw noises the image, later draws feed the sampler
	 */
	public Tensor run(final GuidedDenoiser model, final Tensor x0, final NoiseBatch noise, final StepListener listener) {
		// the first planned noise level: alphaBar(t0), or a Karras plan's own sigma (diffusers' add_noise for DPM)
		final Tensor xt = ForwardProcess.noise(x0, noise.draw(x0.c(), x0.h(), x0.w()), plan.alphaBarAt(0, sampler
			.schedule()));
		return sampler.sample(model, xt, plan, noise, listener);
	}
}
