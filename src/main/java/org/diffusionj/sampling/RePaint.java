package org.diffusionj.sampling;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.diffusionj.schedule.NoiseSchedule;
import org.diffusionj.schedule.SchedulerConfig;

/**
 * RePaint inpainting (Lugmayr et al. 2022) as diffusers' RePaintScheduler: at every step the known
 * pixels are the original noised to tPrev, the unknown ones a reverse step; every {@code jumpLength}
 * steps the sample goes back up {@code jumpLength} steps by forward noising, {@code jumpSamples} - 1
 * times, so that the filled area harmonises with its surroundings.
 *
 * <p>Mask convention: 1 = known pixel (kept), 0 = to inpaint. With eta = 0 the unknown update is DDIM's,
 * with eta = 1 it has DDPM's variance. One noise draw per step is shared by both parts, as diffusers.
 */
public final class RePaint {

	private final NoiseSchedule schedule;
	private final SchedulerConfig config;
	private final int[] timesteps; // the walk, with its jumps back
	private final int ratio; // T / steps
	private final double eta;

	public RePaint(final SchedulerConfig config, final int steps, final int jumpLength, final int jumpSamples,
		final double eta)
	{
		final int T = config.numTrainTimesteps();
		if (steps < 1 || steps > T) {
			throw new IllegalArgumentException("steps=" + steps + " is out of range: it must be between 1 and " + T);
		}
		if (jumpLength < 1) throw new IllegalArgumentException("jump=" + jumpLength + " is out of range: it must be 1 or more");
		if (jumpSamples < 1) {
			throw new IllegalArgumentException("resample=" + jumpSamples + " is out of range: it must be 1 or more");
		}
		if (!(eta >= 0) || Double.isInfinite(eta)) throw new IllegalArgumentException("eta=" + eta + " is out of range");
		this.schedule = NoiseSchedule.of(config);
		this.config = config;
		this.ratio = T / steps;
		this.timesteps = timesteps(steps, jumpLength, jumpSamples, ratio);
		this.eta = eta;
	}

	/** diffusers' RePaintScheduler.set_timesteps: the walk down with its jumps, times T / steps. */
	static int[] timesteps(final int steps, final int jumpLength, final int jumpSamples, final int ratio) {
		final int[] jumps = new int[steps];
		for (int j = 0; j < steps - jumpLength; j += jumpLength) jumps[j] = jumpSamples - 1;
		final List<Integer> ts = new ArrayList<>();
		int t = steps;
		while (t >= 1) {
			t--;
			ts.add(t);
			if (jumps[t] > 0) {
				jumps[t]--;
				for (int i = 0; i < jumpLength; i++) ts.add(++t);
			}
		}
		final int[] out = new int[ts.size()];
		for (int i = 0; i < out.length; i++) out[i] = ts.get(i) * ratio;
		return out;
	}

	/** Model evaluations of one run. */
	public int modelCalls() {
		int calls = 0;
		int last = timesteps[0] + 1;
		for (final int t : timesteps) {
			if (t < last) calls++;
			last = t;
		}
		return calls;
	}

	/**
	 * @param known the image in model space, (n, c, h, w); not modified
	 * @param mask (h * w): 1 where the pixel is known, 0 where it is to be filled
	 * @return the inpainted batch; known pixels equal {@code known} exactly at the end
	 */
	public Tensor run(final GuidedDenoiser model, final Tensor known, final float[] mask, final NoiseBatch noise,
		final StepListener listener)
	{
		Tensor x = noise.draw(known.c(), known.h(), known.w());
		int last = timesteps[0] + 1;
		final int calls = modelCalls();
		int done = 0;
		for (final int t : timesteps) {
			if (listener.isCanceled()) throw new CancellationException("canceled");
			if (t < last) {
				final Prediction p = Prediction.of(model.predict(x, t), x, schedule.alphaBar(t), config);
				x = step(x, p, t, known, mask, noise);
				listener.stepDone(done++, calls, t, x, p);
			}
			else x = undo(x, last, noise);
			last = t;
		}
		return x;
	}

	/** diffusers' RePaintScheduler.step: known part forward-noised to tPrev, unknown part a reverse step. */
	private Tensor step(final Tensor x, final Prediction p, final int t, final Tensor known, final float[] mask,
		final NoiseBatch noise)
	{
		final int tPrev = t - ratio;
		final double alphaBar = schedule.alphaBar(t);
		final double alphaBarPrev = tPrev >= 0 ? schedule.alphaBar(tPrev) : 1.0;
		final double variance = (1 - alphaBarPrev) / (1 - alphaBar) * (1 - alphaBar / alphaBarPrev);
		final double std = eta * Math.sqrt(variance);
		final double coefEps = Math.sqrt(Math.max(0, 1 - alphaBarPrev - std * std));
		final float[] z = noise.draw(x.c(), x.h(), x.w()).data();
		final Tensor out = x.zerosLike();
		final float[] o = out.data(), x0 = p.x0Pred().data(), e = p.eps().data(), k = known.data();
		final int plane = x.h() * x.w();
		final boolean noisy = t > 0 && eta > 0;
		for (int i = 0; i < o.length; i++) {
			final double unknown = Math.sqrt(alphaBarPrev) * x0[i] + coefEps * e[i] + (noisy ? std * z[i] : 0);
			final double knownPart = Math.sqrt(alphaBarPrev) * k[i] + Math.sqrt(1 - alphaBarPrev) * z[i];
			final float m = mask[i % plane];
			o[i] = (float) (m * knownPart + (1 - m) * unknown);
		}
		return out;
	}

	/** Forward noising from tLast up by T / steps single steps: x = sqrt(1 - beta) x + sqrt(beta) z. */
	private Tensor undo(Tensor x, final int tLast, final NoiseBatch noise) {
		for (int i = 0; i < ratio; i++) {
			final double beta = schedule.beta(tLast + i);
			final float[] z = noise.draw(x.c(), x.h(), x.w()).data();
			final Tensor next = x.zerosLike();
			for (int j = 0; j < z.length; j++) next.data()[j] = (float) (Math.sqrt(1 - beta) * x.data()[j] + Math.sqrt(
				beta) * z[j]);
			x = next;
		}
		return x;
	}
}
