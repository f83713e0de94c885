package org.diffusionj.deconvolution;

/**
 * How the camera's numbers relate to the object, in object units (photons for Poisson data, the image's own units
 * for Gaussian data). Poisson–Gaussian data v = offset + gain · Poisson(μ) + N(0, read²) is modelled by its first
 * two moments, a Gaussian of mean μ and variance μ + (read / gain)² photons² (Foi et al. 2008, IEEE TIP 17:1737):
 * the data step then weighs every pixel by its own variance, computed from the current estimate of μ, so that a
 * bright structure, whose counts scatter more, is trusted less than a dim one. Below one photon the Gaussian
 * describes Poisson counts poorly; the variance is kept at 1 photon² or more there.
 */
public final class NoiseModel {

	/** The least variance of a pixel, photons²: Poisson counts below one photon are 0 or 1, not a narrow Gaussian. */
	static final double LEAST_VARIANCE = 1;

	private final boolean poisson;
	private final double gain, offset, readPhotons2, variance;

	private NoiseModel(final boolean poisson, final double gain, final double offset, final double readPhotons2,
		final double variance)
	{
		this.poisson = poisson;
		this.gain = gain;
		this.offset = offset;
		this.readPhotons2 = readPhotons2;
		this.variance = variance;
	}

	/** Counts = offset + gain · photons + read noise (counts, standard deviation). */
	public static NoiseModel poisson(final double gain, final double offset, final double read) {
		if (!(gain > 0)) throw new IllegalArgumentException("gain must be > 0 counts per photon, not " + number(gain) + ".");
		if (!(read >= 0)) throw new IllegalArgumentException("read must be >= 0 counts, not " + number(read) + ".");
		if (!Double.isFinite(offset)) throw new IllegalArgumentException("offset must be a number, not " + number(offset) + ".");
		return new NoiseModel(true, gain, offset, (read / gain) * (read / gain), 0);
	}

	/** Additive Gaussian noise of standard deviation sigma, in the image's units. */
	public static NoiseModel gaussian(final double sigma) {
		if (!(sigma > 0) || Double.isInfinite(sigma)) {
			throw new IllegalArgumentException("noise_std must be > 0 (image units), not " + number(sigma) + ".");
		}
		return new NoiseModel(false, 1, 0, 0, sigma * sigma);
	}

	/** A value as a sentence of a refusal writes it: 0, not 0.0. */
	static String number(final double v) {
		return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
	}

	public boolean isPoisson() {
		return poisson;
	}

	/** An image value in object units: (v − offset) / gain. */
	public double toObject(final double v) {
		return (v - offset) / gain;
	}

	/** An object value in the image's units: offset + gain · u. */
	public double toImage(final double u) {
		return offset + gain * u;
	}

	/** Object units per image unit (1 / gain): a std in object units times gain is one in image units. */
	public double gain() {
		return gain;
	}

	/** The variance of a pixel whose expected value is mu (object units). */
	public double variance(final double mu) {
		return poisson ? Math.max(Math.max(mu, 0) + readPhotons2, LEAST_VARIANCE) : variance;
	}

	@Override
	public String toString() {
		return poisson ? "poisson (gain " + gain + ", offset " + offset + ", read " + Math.sqrt(readPhotons2) * gain +
			" counts; Gaussian of variance mu + read^2 per pixel)" : "gaussian (sigma " + Math.sqrt(variance) + ")";
	}
}
