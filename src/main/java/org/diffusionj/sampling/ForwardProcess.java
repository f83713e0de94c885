package org.diffusionj.sampling;

/** The forward process q(x_t | x_0) = N(sqrt(alphaBar_t) x_0, (1 - alphaBar_t) I) (DDPM eq. 4). */
public final class ForwardProcess {

	private ForwardProcess() {}

	/** x_t = sqrt(alphaBar) x0 + sqrt(1 - alphaBar) eps, a new tensor. */
	public static Tensor noise(final Tensor x0, final Tensor eps, final double alphaBar) {
		final Tensor out = x0.zerosLike();
		final double a = Math.sqrt(alphaBar), b = Math.sqrt(1 - alphaBar);
		final float[] o = out.data(), x = x0.data(), e = eps.data();
		for (int i = 0; i < o.length; i++) o[i] = (float) (a * x[i] + b * e[i]);
		return out;
	}
}
