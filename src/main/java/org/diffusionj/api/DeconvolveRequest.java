package org.diffusionj.api;

import java.util.Locale;

import org.diffusionj.deconvolution.NoiseModel;

/**
 * What Deconvolve Image... does, as one immutable value: the prior model, the microscope's PSF and camera, and the
 * sampler. Built by {@link Builder}, which holds every default and checks every value once, in {@link Builder#build()};
 * the keys are the macro's.
 */
public final class DeconvolveRequest {

	/** Where the PSF comes from. */
	public enum PsfKind {
		GAUSSIAN, AIRY, IMAGE, NONE;

		static PsfKind of(final String key) {
			for (final PsfKind k : values()) if (k.key().equals(key.trim().toLowerCase(Locale.ROOT))) return k;
			throw new IllegalArgumentException("psf=" + key + " is not one of gaussian, airy, image or none.");
		}

		public String key() {
			return name().toLowerCase(Locale.ROOT);
		}
	}

	public final String model, noise, device, psfFile;
	public final PsfKind psf;
	public final double sigma, wavelength, na, immersion, pixel, gain, offset, read, noiseStd, rhoMax, rhoMin,
		singleStepRho;
	public final int samples, steps, priorSteps, tile, overlap;
	public final long seed;
	public final boolean keep;

	private DeconvolveRequest(final Builder b) {
		model = b.model;
		psf = b.psf;
		sigma = b.sigma;
		wavelength = b.wavelength;
		na = b.na;
		immersion = b.immersion;
		pixel = b.pixel;
		psfFile = b.psfFile;
		noise = b.noise;
		gain = b.gain;
		offset = b.offset;
		read = b.read;
		noiseStd = b.noiseStd;
		samples = b.samples;
		steps = b.steps;
		priorSteps = b.priorSteps;
		rhoMax = b.rhoMax;
		rhoMin = b.rhoMin;
		singleStepRho = b.singleStepRho;
		seed = b.seed;
		keep = b.keep;
		device = b.device;
		tile = b.tile;
		overlap = b.overlap;
	}

	public static Builder builder() {
		return new Builder();
	}

	/** The camera's noise; for noise=gaussian with noise_std=0, the sigma estimated from the image. */
	public NoiseModel noiseModel(final double estimatedSigma) {
		if ("poisson".equals(noise)) return NoiseModel.poisson(gain, offset, read);
		return NoiseModel.gaussian(noiseStd > 0 ? noiseStd : estimatedSigma);
	}

	/** The settings, every one, for the result's recipe. */
	void describe(final Recipe r) {
		physics().forEach(r::put);
		r.put("samples", samples).put("steps", steps).put("prior_steps", priorSteps).put("single_step_rho",
			singleStepRho).put("rho", rhoMax + " to " + rhoMin)
			.put("seed", seed).put("tile", tile).put("overlap", overlap);
	}

	/**
	 * What a calibrated interval of the prior holds for besides its samples and steps: the PSF, the camera and the
	 * prior's share of each sweep, as {@code key=value} words in the recipe's order (calibration.json's "physics").
	 */
	public String physicsKey() {
		final StringBuilder key = new StringBuilder();
		physics().forEach((k, v) -> key.append(key.length() == 0 ? "" : " ").append(k).append('=').append(v));
		return key.append(" prior_steps=").append(priorSteps).append(" single_step_rho=").append(singleStepRho).append(
			" rho=").append(rhoMax).append('-').append(rhoMin).toString();
	}

	/** The PSF's and the camera's keys and values. */
	private java.util.Map<String, Object> physics() {
		final java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
		m.put("psf", psf.key());
		switch (psf) {
			case GAUSSIAN: m.put("sigma", sigma); break;
			case AIRY: m.put("wavelength", wavelength); m.put("na", na); m.put("immersion", immersion); m.put("pixel", pixel); break;
			case IMAGE: m.put("psf_file", psfFile); break;
			default: break;
		}
		m.put("noise", noise);
		if ("poisson".equals(noise)) {
			m.put("gain", gain);
			m.put("offset", offset);
			m.put("read", read);
		}
		else m.put("noise_std", noiseStd > 0 ? noiseStd : "estimated");
		return m;
	}

	/** Every key with its default; {@link #build()} checks them all. */
	public static final class Builder {

		private String model = ModelPaths.PRIOR_MODEL, noise = "poisson", device = "auto", psfFile = "";
		private PsfKind psf = PsfKind.GAUSSIAN;
		private double sigma = 1.5, wavelength = 520, na = 1.2, immersion = 1.518, pixel = 100, gain = 1, offset = 0,
			read = 1, noiseStd = 0, rhoMax = 0.5, rhoMin = 0.05, singleStepRho = 0.1;
		private int samples = 8, steps = 24, priorSteps = 3, tile = 256, overlap = 32;
		private long seed = 42;
		private boolean keep;

		public Builder model(final String v) { model = v == null || v.trim().isEmpty() ? ModelPaths.PRIOR_MODEL : v.trim(); return this; }
		public Builder psf(final String v) { psf = PsfKind.of(v); return this; }
		public Builder sigma(final double v) { sigma = v; return this; }
		public Builder wavelength(final double v) { wavelength = v; return this; }
		public Builder na(final double v) { na = v; return this; }
		public Builder immersion(final double v) { immersion = v; return this; }
		public Builder pixel(final double v) { pixel = v; return this; }
		public Builder psfFile(final String v) { psfFile = v == null ? "" : v.trim(); return this; }
		public Builder noise(final String v) { noise = v == null ? "" : v.trim().toLowerCase(Locale.ROOT); return this; }
		public Builder gain(final double v) { gain = v; return this; }
		public Builder offset(final double v) { offset = v; return this; }
		public Builder read(final double v) { read = v; return this; }
		public Builder noiseStd(final double v) { noiseStd = v; return this; }
		public Builder samples(final int v) { samples = v; return this; }
		public Builder steps(final int v) { steps = v; return this; }
		public Builder priorSteps(final int v) { priorSteps = v; return this; }
		public Builder rho(final double max, final double min) { rhoMax = max; rhoMin = min; return this; }
		/** Sweeps whose ρ is at or above v take one model call each (above ρ_max: none do). */
		public Builder singleStepRho(final double v) { singleStepRho = v; return this; }
		public Builder seed(final long v) { seed = v; return this; }
		public Builder keep(final boolean v) { keep = v; return this; }
		public Builder device(final String v) { device = v == null ? "auto" : v.trim(); return this; }
		public Builder tile(final int v) { tile = v; return this; }
		public Builder overlap(final int v) { overlap = v; return this; }

		/** The request, or an IllegalArgumentException whose message is one sentence naming the bad value. */
		public DeconvolveRequest build() {
			if (psf == PsfKind.GAUSSIAN && !(sigma > 0 && sigma <= 50)) {
				throw new IllegalArgumentException("sigma must lie in (0, 50] pixels, not " + sigma + ".");
			}
			if (psf == PsfKind.AIRY) {
				if (!(wavelength > 0)) throw new IllegalArgumentException("wavelength must be > 0 nm, not " + wavelength + ".");
				if (!(pixel > 0)) throw new IllegalArgumentException("pixel must be > 0 nm, not " + pixel + ".");
				if (!(na > 0 && na < immersion)) {
					throw new IllegalArgumentException("na must lie between 0 and the immersion's refractive index " +
						immersion + ", not " + na + ".");
				}
			}
			if (psf == PsfKind.IMAGE && psfFile.isEmpty()) {
				throw new IllegalArgumentException("psf=image needs psf_file=[path of the bead image].");
			}
			if (!"poisson".equals(noise) && !"gaussian".equals(noise)) {
				throw new IllegalArgumentException("noise=" + noise + " is not one of poisson or gaussian.");
			}
			if ("poisson".equals(noise)) NoiseModel.poisson(gain, offset, read); // its own sentences
			if (!(noiseStd >= 0) || Double.isInfinite(noiseStd)) {
				throw new IllegalArgumentException("noise_std must be >= 0 (0: estimated from the image), not " +
					noiseStd + ".");
			}
			if (samples < 1) throw new IllegalArgumentException("samples must be 1 or more, not " + samples + ".");
			if (steps < 1) throw new IllegalArgumentException("steps must be 1 or more, not " + steps + ".");
			if (priorSteps < 1) throw new IllegalArgumentException("prior steps must be 1 or more, not " + priorSteps + ".");
			if (!(rhoMax >= rhoMin && rhoMin > 0)) {
				throw new IllegalArgumentException("rho must fall from rho_max to rho_min > 0, not " + rhoMax + " to " +
					rhoMin + ".");
			}
			if (!(singleStepRho >= 0)) {
				throw new IllegalArgumentException("the single-step rho must be >= 0, not " + singleStepRho + ".");
			}
			if (tile < 32) throw new IllegalArgumentException("tile must be 32 or more, not " + tile + ".");
			if (overlap < 0 || overlap >= tile) {
				throw new IllegalArgumentException("overlap must lie in [0, tile), not " + overlap + ".");
			}
			return new DeconvolveRequest(this);
		}
	}
}
