package org.diffusionj.api;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.FloatProcessor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.diffusionj.calibration.ResidualTest;
import org.diffusionj.calibration.ResidualVerdict;
import org.diffusionj.deconvolution.NoiseModel;
import org.diffusionj.deconvolution.PlaneDeconvolver;
import org.diffusionj.deconvolution.Psf;
import org.diffusionj.deconvolution.SplitGibbs;
import org.diffusionj.image.RaiImages;
import org.diffusionj.model.Calibrations;
import org.diffusionj.model.IntervalSettings;
import org.diffusionj.model.LoadedModel;
import org.diffusionj.model.ModelConfig;
import org.diffusionj.model.ModelLoadException;
import org.diffusionj.model.OnnxDenoiser;
import org.diffusionj.sampling.GuidedDenoiser;
import org.diffusionj.sampling.NoiseBatch;
import org.diffusionj.sampling.StepListener;
import org.diffusionj.sampling.TiledDenoiser;

/**
 * Deconvolve Image... from Java: a {@link DeconvolveRequest} run on an ImagePlus, plane by plane (every C, Z and T of
 * a hyperstack), giving new images in the input's units; the input is only read. Thread-safe: it holds nothing but
 * its request.
 *
 * <pre>
 * DeconvolveResult r = new Deconvolution(DeconvolveRequest.builder().psf("airy").na(1.2).wavelength(520).pixel(100)
 * 	.noise("poisson").gain(2).offset(100).read(3).build()).run(imp, StepListener.NONE);
 * r.mean().show();
 * </pre>
 */
public final class Deconvolution {

	public static final String COMMAND = "Deconvolve Image...";

	/** The sampler's name in calibration.json: split Gibbs sampling with the prior's DDPM steps. */
	public static final String SAMPLER = "split-Gibbs";

	private final DeconvolveRequest request;

	public Deconvolution(final DeconvolveRequest request) {
		this.request = request;
	}

	/** Runs the request on an ImgLib2 image (x, y and at most one axis of planes; {@link RaiImages}), titled title. */
	public DeconvolveResult run(final RandomAccessibleInterval<? extends RealType<?>> image, final String title,
		final StepListener listener) throws ModelLoadException
	{
		return run(RaiImages.toImagePlus(image, title), listener);
	}

	/**
	 * Checks the request with no image, as a run checks it before its first image (a folder run asks this before any
	 * file): the model folder is a prior of one channel, and a measured PSF's file is there. No network is loaded.
	 *
	 * @throws IllegalArgumentException or ModelLoadException, one sentence
	 */
	public void check() throws ModelLoadException {
		prior(ModelPaths.config(request.model));
		if (request.psf == DeconvolveRequest.PsfKind.IMAGE) measured();
	}

	/** The config of a prior of one channel, or one sentence why the model is none. */
	private static ModelConfig prior(final ModelConfig config) {
		if (config.condition().present() || config.inChannels() != 1) {
			throw new IllegalArgumentException("Model " + config.name() + " is " + (config.condition().present() ?
				"a restoration model (conditioned on an image)" : "a model of " + config.inChannels() + " channels") + ": " +
				COMMAND + " needs an unconditional prior of one channel, such as " + ModelPaths.PRIOR_MODEL + ".");
		}
		return config;
	}

	/** Runs the request on image; listener hears progress and may cancel (a CancellationException). */
	public DeconvolveResult run(final ImagePlus image, final StepListener listener) throws ModelLoadException {
		if (image == null) throw new IllegalArgumentException(COMMAND + " needs an open image.");
		if (image.getType() == ImagePlus.COLOR_RGB) {
			throw new IllegalArgumentException(image.getTitle() + " is an RGB image: deconvolve each channel " +
				"(Image > Color > Split Channels) with its own PSF.");
		}
		for (int p = 0; p < image.getStackSize(); p++) finite(image, p);
		lit(image);
		final long start = System.nanoTime();
		final Psf psf = psf(image);
		try (LoadedModel prior = ModelPaths.acquire(request.model, request.device)) {
			final ModelConfig config = prior(prior.config());
			final SplitGibbs gibbs = new SplitGibbs(config.scheduler(), request.steps, request.rhoMax, request.rhoMin,
				request.priorSteps, request.singleStepRho, OnnxDenoiser.threads());
			final ImageStack in = image.getStack();
			final int w = image.getWidth(), h = image.getHeight(), planes = in.getSize();
			final ImageStack mean = new ImageStack(w, h), std = new ImageStack(w, h), denoised = new ImageStack(w, h);
			final ImageStack[] kept = request.keep ? new ImageStack[request.samples] : null; // per sample, its planes
			final Recipe recipe = new Recipe(COMMAND, prior);
			request.describe(recipe);
			final StringBuilder scales = new StringBuilder();
			final List<ResidualTest.Result> tests = new ArrayList<>(); // each plane's samples seen through the PSF
			final GuidedDenoiser network = prior(prior);
			for (int p = 0; p < planes; p++) {
				final float[] pixels = (float[]) in.getProcessor(p + 1).convertToFloatProcessor().getPixels();
				final NoiseModel noise = request.noiseModel(request.noiseStd > 0 ? 0 : NoiseEstimate.sigma(pixels, w));
				final PlaneDeconvolver plane = new PlaneDeconvolver(gibbs, psf, noise, config.sizeMultiple());
				final PlaneDeconvolver.Result r = plane.run(network, pixels, w, h, new NoiseBatch(request.seed,
					(long) p * request.samples, request.samples), StepListener.forBatch(listener, p, 1, planes));
				final String label = in.getSliceLabel(p + 1);
				mean.addSlice(label, new FloatProcessor(w, h, r.mean));
				std.addSlice(label, new FloatProcessor(w, h, r.std));
				denoised.addSlice(label, new FloatProcessor(w, h, r.denoised));
				for (int s = 0; kept != null && s < r.samples.length; s++) {
					if (kept[s] == null) kept[s] = new ImageStack(w, h);
					kept[s].addSlice("plane " + (p + 1) + " sample " + (s + 1), new FloatProcessor(w, h, r.samples[s]));
				}
				tests.add(ResidualTest.of(pixels, Arrays.asList(r.seen), w, h));
				scales.append(p == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%.4g", r.scale));
				if (!noise.isPoisson() && request.noiseStd == 0 && planes == 1) recipe.put("noise_std", noise);
			}
			recipe.put("object_scale", scales + " (object units = scale (x + 1) / 2; x the prior's [-1, 1])");
			recipe.put("physics", request.physicsKey());
			final IntervalSettings measured = new IntervalSettings(COMMAND, SAMPLER, request.steps, 0, request.samples,
				request.physicsKey()); // NB: split Gibbs has no eta
			final Calibrations.Entry interval = IntervalLookup.find(prior, measured);
			final ResidualVerdict verdict = ResidualVerdict.ofPlanes(tests).at(interval == null ? Double.NaN : interval
				.residualMax());
			final String check = verdict.describe(ResidualVerdict.PRIOR_WARNING);
			recipe.put("residual test", check);
			if (interval != null) recipe.put("interval", interval.promise());
			final String stem = image.getShortTitle();
			IJ.log("DiffusionJ: " + stem + "-deconvolved: residual test " + check);
			final Map<String, ImagePlus> images = new LinkedHashMap<>(); // in the order a command shows them
			images.put(Outputs.RESULT, like(image, mean, stem + "-deconvolved", recipe, true));
			images.put(Outputs.STD, like(image, std, stem + "-deconvolved-std", recipe, true));
			images.put(DeconvolveResult.DENOISED, like(image, denoised, stem + "-denoised", recipe, true));
			if (kept != null) images.put(Outputs.SAMPLES, samples(image, kept, stem + "-deconvolved-samples", recipe));
			if (interval != null) {
				images.put(Outputs.LOWER, like(image, bound(mean, std, -interval.lambda), stem + "-deconvolved-lower", recipe,
					true));
				images.put(Outputs.UPPER, like(image, bound(mean, std, interval.lambda), stem + "-deconvolved-upper", recipe,
					true));
			}
			return new DeconvolveResult(images, recipe.toString(), check, verdict.score(), measured, (System.nanoTime() -
				start) / 1e9);
		}
	}

	/** mean + k·std, per pixel of every plane (k = ∓λ̂ for the calibrated interval's bounds). */
	private static ImageStack bound(final ImageStack mean, final ImageStack std, final double k) {
		final ImageStack out = new ImageStack(mean.getWidth(), mean.getHeight());
		for (int p = 1; p <= mean.getSize(); p++) {
			final float[] m = (float[]) mean.getPixels(p), s = (float[]) std.getPixels(p), b = new float[m.length];
			for (int i = 0; i < m.length; i++) b[i] = (float) (m[i] + k * s[i]);
			out.addSlice(mean.getSliceLabel(p), new FloatProcessor(mean.getWidth(), mean.getHeight(), b));
		}
		return out;
	}

	/** Refuses a plane with a NaN or infinite pixel, before any work. */
	private static void finite(final ImagePlus image, final int p) {
		final ij.process.ImageProcessor ip = image.getStack().getProcessor(p + 1);
		for (int i = 0; i < ip.getPixelCount(); i++) {
			if (!Float.isFinite(ip.getf(i))) {
				throw new IllegalArgumentException(image.getTitle() + " holds NaN or infinite pixels" + (image
					.getStackSize() > 1 ? " (plane " + (p + 1) + ")" : "") + ": " + COMMAND + " needs a number in every pixel.");
			}
		}
	}

	/**
	 * Camera data hold light somewhere: an offset at or above every value (a wrong offset, or an image already
	 * background-subtracted) would make the whole image darker than no light, and the estimate a flat nothing.
	 */
	private void lit(final ImagePlus image) {
		if (!"poisson".equals(request.noise)) return;
		double max = Double.NEGATIVE_INFINITY;
		for (int p = 1; p <= image.getStackSize(); p++) {
			final ij.process.ImageProcessor ip = image.getStack().getProcessor(p);
			for (int i = 0; i < ip.getPixelCount(); i++) max = Math.max(max, ip.getf(i));
		}
		if (max <= request.offset) {
			throw new IllegalArgumentException("offset=" + ImageInput.fmt(request.offset) + " is at or above every value of " +
				image.getTitle() + " (its largest is " + ImageInput.fmt(max) + "): the offset is what the camera reads " +
				"without light (a dark frame's mean), so give this camera's offset.");
		}
	}

	/** The prior with no label (a class-conditional model's null class), its network tiled on large images. */
	private GuidedDenoiser prior(final LoadedModel prior) {
		final TiledDenoiser tiled = new TiledDenoiser(prior.denoiser(), request.tile, request.overlap, request.tile +
			request.tile / 2);
		final int classes = prior.config().numClasses();
		if (classes == 0) return GuidedDenoiser.unconditional(tiled);
		final long[] labels = new long[request.samples];
		Arrays.fill(labels, classes);
		return GuidedDenoiser.conditional(tiled, labels, classes, 1);
	}

	private Psf psf(final ImagePlus image) {
		switch (request.psf) {
			case GAUSSIAN: return Psf.gaussian(request.sigma);
			case AIRY: return Psf.airy(request.wavelength, request.na, request.pixel);
			case NONE: return Psf.none();
			default: break;
		}
		final Psf psf = measured(); // NB: a computed PSF may outgrow a small image (the margin holds it), a bead image not
		if (psf.size > image.getWidth() || psf.size > image.getHeight()) {
			throw new IllegalArgumentException("The PSF (" + psf.size + "x" + psf.size + " px) is larger than " + image
				.getTitle() + " (" + image.getWidth() + "x" + image.getHeight() + ").");
		}
		return psf;
	}

	private Psf measured() {
		if (!new java.io.File(request.psfFile).isFile()) {
			throw new IllegalArgumentException("psf_file=" + request.psfFile + " is not a file.");
		}
		final ImagePlus bead = IJ.openImage(request.psfFile);
		if (bead == null) throw new IllegalArgumentException("psf_file=" + request.psfFile + " is not an image ImageJ opens.");
		if (bead.getType() == ImagePlus.COLOR_RGB) {
			throw new IllegalArgumentException("psf_file=" + request.psfFile + " is an RGB image: a PSF is one channel.");
		}
		final FloatProcessor fp = bead.getProcessor().convertToFloatProcessor(); // a stack: its current (first) plane
		return Psf.measured((float[]) fp.getPixels(), fp.getWidth(), fp.getHeight());
	}

	/**
	 * Every sample of every plane: plane after plane, its samples in order; of a hyperstack, a hyperstack of its channels
	 * and slices whose frames are the input's frames of the first sample, then of the second, and so on.
	 */
	private static ImagePlus samples(final ImagePlus source, final ImageStack[] perSample, final String title,
		final Recipe recipe)
	{
		final boolean hyper = source.isHyperStack();
		final ImageStack all = new ImageStack(source.getWidth(), source.getHeight());
		final int planes = perSample[0].getSize();
		for (int outer = 0; outer < (hyper ? perSample.length : planes); outer++) {
			for (int inner = 0; inner < (hyper ? planes : perSample.length); inner++) {
				final ImageStack one = perSample[hyper ? outer : inner];
				final int plane = 1 + (hyper ? inner : outer);
				all.addSlice(one.getSliceLabel(plane), one.getProcessor(plane));
			}
		}
		final ImagePlus out = like(source, all, title, recipe, false);
		if (hyper) {
			out.setDimensions(source.getNChannels(), source.getNSlices(), source.getNFrames() * perSample.length);
			out.setOpenAsHyperStack(true);
		}
		return out;
	}

	/** A result image with the source's calibration and, when sameShape, its channels, slices and frames. */
	private static ImagePlus like(final ImagePlus source, final ImageStack stack, final String title, final Recipe recipe,
		final boolean sameShape)
	{
		final ImagePlus out = new ImagePlus(title, stack);
		if (sameShape) {
			out.setDimensions(source.getNChannels(), source.getNSlices(), source.getNFrames());
			if (source.isHyperStack()) out.setOpenAsHyperStack(true);
		}
		out.setCalibration(source.getCalibration().copy());
		out.getCalibration().disableDensityCalibration(); // NB: results are 32-bit values in the input's units
		out.setProperty("Info", recipe.toString());
		out.resetDisplayRange();
		return out;
	}
}
