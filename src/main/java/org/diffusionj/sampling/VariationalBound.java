package org.diffusionj.sampling;

import org.diffusionj.schedule.NoiseSchedule;
import org.diffusionj.schedule.SchedulerConfig;
import org.diffusionj.schedule.VarianceType;

/**
 * The variational bound of an image under the model (DDPM eq. 5; Improved DDPM section 2), term by term,
 * in nats per dimension: L_prior = KL(q(x_T-1 | x_0) || N(0, I)), L_t = KL(q(x_t-1 | x_t, x_0) || p(x_t-1 | x_t))
 * for t &gt;= 1 with one noise draw each, and L_0 = -log p(x_0 | x_1) with a discretised Gaussian over 256 bins.
 *
 * <p>Model variance: fixed_small (betaTilde_t) or fixed_large (beta_t); at t = 0 both use betaTilde_1, as
 * Improved DDPM clips it. The normal CDF is Improved DDPM's tanh approximation.
 */
public final class VariationalBound {

	private final NoiseSchedule schedule;
	private final SchedulerConfig config;

	public VariationalBound(final SchedulerConfig config) {
		if (config.varianceType() != VarianceType.FIXED_SMALL && config.varianceType() != VarianceType.FIXED_LARGE) {
			throw new IllegalArgumentException("the likelihood needs variance_type fixed_small or fixed_large, not " + config
				.varianceType().key());
		}
		this.schedule = NoiseSchedule.of(config);
		this.config = config;
	}

	/**
	 * @param x0 one image in model space, (1, c, h, w)
	 * @param model guided for {@code batch} items of that image's class
	 * @return terms[t] for t = 0..T-1 (L_0 at 0), and the prior at index T; nats per dimension
	 */
	public double[] terms(final GuidedDenoiser model, final Tensor x0, final NoiseBatch noise, final int batch,
		final StepListener listener)
	{
		if (batch < 1) throw new IllegalArgumentException("batch=" + batch + " is out of range: it must be 1 or more");
		final int T = schedule.numTrainTimesteps();
		final double[] terms = new double[T + 1];
		terms[T] = prior(x0);
		for (int first = 0; first < T; first += batch) {
			if (listener.isCanceled()) throw new java.util.concurrent.CancellationException("canceled");
			final int n = Math.min(batch, T - first);
			Tensor xt = null;
			final long[] ts = new long[n];
			for (int i = 0; i < n; i++) {
				ts[i] = first + i;
				final Tensor one = ForwardProcess.noise(x0, noise.draw(x0.c(), x0.h(), x0.w()), schedule.alphaBar(first + i));
				xt = xt == null ? one : xt.concat(one);
			}
			final Tensor out = model.items(0, n).predict(xt, ts);
			for (int i = 0; i < n; i++) {
				final int t = first + i;
				final Tensor x = xt.items(i, 1);
				final Prediction p = Prediction.of(out.items(i, 1), x, schedule.alphaBar(t), config);
				terms[t] = t == 0 ? decoderNll(x0, p.x0Pred()) : kl(x0, x, p.x0Pred(), t);
				listener.stepDone(t, T, t, x, p);
			}
		}
		return terms;
	}

	/** Sum of all terms, in bits per dimension. */
	public static double bitsPerDim(final double[] terms) {
		double sum = 0;
		for (final double v : terms) sum += v;
		return sum / Math.log(2);
	}

	/** KL(N(sqrt(ab) x0, 1 - ab) || N(0, 1)) per dimension, at the last timestep. */
	private double prior(final Tensor x0) {
		final double ab = schedule.alphaBar(schedule.numTrainTimesteps() - 1), v = 1 - ab;
		double sum = 0;
		for (final float x : x0.data()) sum += 0.5 * (-1 - Math.log(v) + v + ab * x * x);
		return sum / x0.data().length;
	}

	/** KL of two Gaussians: the posterior around mu~(x0, x_t) and the model around mu(x0Pred, x_t) (DDPM eq. 7). */
	private double kl(final Tensor x0, final Tensor xt, final Tensor x0Pred, final int t) {
		final double ab = schedule.alphaBar(t), abPrev = schedule.alphaBar(t - 1);
		final double beta = 1 - ab / abPrev;
		final double posterior = (1 - abPrev) / (1 - ab) * beta;
		final double model = config.varianceType() == VarianceType.FIXED_LARGE ? beta : posterior;
		final double c0 = Math.sqrt(abPrev) * beta / (1 - ab);
		double sum = 0;
		final float[] a = x0.data(), b = x0Pred.data();
		for (int i = 0; i < a.length; i++) {
			final double diff = c0 * (a[i] - b[i]); // the x_t parts of both means cancel
			sum += 0.5 * (Math.log(model / posterior) + posterior / model - 1 + diff * diff / model);
		}
		return sum / a.length;
	}

	/** -log p(x0 | x1): a Gaussian around x0Pred with variance betaTilde_1, integrated over x0's 8-bit bin. */
	private double decoderNll(final Tensor x0, final Tensor x0Pred) {
		final double ab1 = schedule.alphaBar(1), ab0 = schedule.alphaBar(0);
		final double variance = (1 - ab0) / (1 - ab1) * (1 - ab1 / ab0);
		final double invStd = 1 / Math.sqrt(variance);
		double sum = 0;
		final float[] x = x0.data(), mu = x0Pred.data();
		for (int i = 0; i < x.length; i++) {
			final double centered = x[i] - mu[i];
			final double cdfPlus = cdf(invStd * (centered + 1 / 255.0));
			final double cdfMin = cdf(invStd * (centered - 1 / 255.0));
			final double p = x[i] < -0.999 ? cdfPlus : x[i] > 0.999 ? 1 - cdfMin : cdfPlus - cdfMin;
			sum -= Math.log(Math.max(p, 1e-12));
		}
		return sum / x.length;
	}

	/** Improved DDPM's approximate standard normal CDF. */
	static double cdf(final double x) {
		return 0.5 * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
	}
}
