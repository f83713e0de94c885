package org.diffusionj.sampling;

import java.util.Arrays;

/**
 * A denoiser with its class labels and classifier-free guidance applied.
 *
 * <p>With guidance scale s != 1 the conditional and the null-class passes go in one batch
 * [cond, null] and combine as eps = eps_u + s (eps_c - eps_u) (Ho &amp; Salimans 2022); s = 1 is the
 * plain conditional pass, s = 0 the unconditional one. Learned-variance channels are taken from the
 * conditional pass.
 */
public final class GuidedDenoiser {

	private final Denoiser denoiser;
	private final long[] labels; // (n) or null for an unconditional model
	private final long nullLabel;
	private final double scale;
	private final Tensor condition; // (n, cc, h, w) or null

	private GuidedDenoiser(final Denoiser denoiser, final long[] labels, final long nullLabel, final double scale,
		final Tensor condition)
	{
		if (!Double.isFinite(scale)) throw new IllegalArgumentException("guidance=" + scale + " is not a finite number");
		this.denoiser = denoiser;
		this.labels = labels;
		this.nullLabel = nullLabel;
		this.scale = scale;
		this.condition = condition;
	}

	/** An unconditional model. */
	public static GuidedDenoiser unconditional(final Denoiser denoiser) {
		return new GuidedDenoiser(denoiser, null, -1, 1, null);
	}

	/** A class-conditional model: one label per batch item (the null label for "no class"). */
	public static GuidedDenoiser conditional(final Denoiser denoiser, final long[] labels, final long nullLabel,
		final double scale)
	{
		return new GuidedDenoiser(denoiser, labels.clone(), nullLabel, scale, null);
	}

	/**
	 * The same model and guidance, conditioned on an image (restoration models): item i of every batch is
	 * denoised given item i of {@code condition}, (n, k, h, w) in model space.
	 */
	public GuidedDenoiser withCondition(final Tensor condition) {
		return new GuidedDenoiser(denoiser, labels, nullLabel, scale, condition);
	}

	/** The same guidance, for items [from, from + count) of the batch. */
	public GuidedDenoiser items(final int from, final int count) {
		return new GuidedDenoiser(denoiser, labels == null ? null : Arrays.copyOfRange(labels, from, from + count),
			nullLabel, scale, condition == null ? null : condition.items(from, count));
	}

	/** Images the model sees per image of a batch: 2 when guidance runs a conditional and a null pass. */
	public int modelImagesPerImage() {
		return labels == null || scale == 1 || allNull() ? 1 : 2;
	}

	/** The guided prediction for a batch that shares one timestep t. */
	public Tensor predict(final Tensor x, final int t) {
		final long[] ts = new long[x.n()];
		Arrays.fill(ts, t);
		return predict(x, ts);
	}

	/** The guided prediction, item i at timestep ts[i]. */
	public Tensor predict(final Tensor x, final long[] ts) {
		if (labels == null || scale == 1 || allNull()) return denoiser.predict(x, ts, labels, condition);
		final long[] both = Arrays.copyOf(labels, 2 * x.n());
		Arrays.fill(both, x.n(), both.length, nullLabel);
		final long[] ts2 = Arrays.copyOf(ts, 2 * x.n());
		System.arraycopy(ts, 0, ts2, x.n(), x.n());
		final Tensor out = denoiser.predict(x.concat(x), ts2, both,
			condition == null ? null : condition.concat(condition));
		return combine(out, x.n(), x.c());
	}

	private boolean allNull() {
		for (final long l : labels) if (l != nullLabel) return false;
		return true;
	}

	/** eps = eps_u + s (eps_c - eps_u) on the first c channels; items [0, n) are cond, [n, 2n) null. */
	private Tensor combine(final Tensor out, final int n, final int c) {
		final Tensor cond = out.items(0, n);
		final float[] u = out.data(), r = cond.data();
		final int size = cond.itemSize(), plane = out.h() * out.w();
		for (int i = 0; i < n; i++) {
			for (int k = 0; k < c * plane; k++) {
				final int ci = i * size + k;
				final float epsU = u[(n + i) * size + k];
				r[ci] = (float) (epsU + scale * (r[ci] - epsU));
			}
		}
		return cond;
	}
}
