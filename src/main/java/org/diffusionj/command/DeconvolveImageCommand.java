package org.diffusionj.command;

import ij.ImagePlus;

import java.util.List;

import org.diffusionj.api.Deconvolution;
import org.diffusionj.api.DeconvolveRequest;
import org.diffusionj.api.DeconvolveResult;
import org.diffusionj.api.ModelPaths;
import org.diffusionj.model.ModelLoadException;
import org.diffusionj.sampling.StepListener;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins › DiffusionJ › Deconvolve Image...: restores the active image without training pairs, from a prior of clean
 * fluorescence images, the microscope's PSF and the camera's noise (split Gibbs sampling: {@link Deconvolution}). A
 * thin shell: its keys make a {@link DeconvolveRequest}, whose builder holds the defaults and the checks.
 */
@Plugin(type = Command.class, headless = true, menu = { @Menu(label = "Plugins"), @Menu(label = "DiffusionJ"),
	@Menu(label = "Deconvolve Image...", weight = 32) })
public final class DeconvolveImageCommand extends DiffusionCommand implements FolderCommand {

	private static final DeconvolveRequest D = DeconvolveRequest.builder().build();

	@Parameter(required = false, persist = false)
	private ImagePlus image;

	@Parameter(label = "PSF", choices = { "gaussian", "airy", "image", "none" }, description = "gaussian: sigma; airy: " +
		"the widefield pattern of wavelength, na and pixel; image: a bead image (psf_file); none: denoise only",
		persist = false)
	private String psf = D.psf.key();

	@Parameter(label = "Sigma", description = "psf=gaussian: the PSF's standard deviation, pixels", persist = false)
	private double sigma = D.sigma;

	@Parameter(label = "Wavelength", description = "psf=airy: emission wavelength, nm", persist = false)
	private double wavelength = D.wavelength;

	@Parameter(label = "NA", description = "psf=airy: numerical aperture of the objective", persist = false)
	private double na = D.na;

	@Parameter(label = "Immersion", description = "psf=airy: refractive index of the immersion (the NA stays below it)",
		persist = false)
	private double immersion = D.immersion;

	@Parameter(label = "Pixel", description = "psf=airy: pixel size in the specimen, nm", persist = false)
	private double pixel = D.pixel;

	@Parameter(label = "PSF image", description = "psf=image: the path of a bead image (background removed, centred " +
		"by its centroid, normalised)", required = false, persist = false)
	private String psf_file = D.psfFile;

	@Parameter(label = "Noise", choices = { "poisson", "gaussian" }, description = "poisson: a camera of gain, offset " +
		"and read noise; gaussian: additive noise of noise_std", persist = false)
	private String noise = D.noise;

	@Parameter(label = "Gain", description = "noise=poisson: counts per photon", persist = false)
	private double gain = D.gain;

	@Parameter(label = "Offset", description = "noise=poisson: counts with no light", persist = false)
	private double offset = D.offset;

	@Parameter(label = "Read noise", description = "noise=poisson: read noise, counts (its std)", persist = false)
	private double read = D.read;

	@Parameter(label = "Noise sigma", description = "noise=gaussian: its standard deviation in the image's units; 0 " +
		"estimates it from the image", persist = false)
	private double noise_std = D.noiseStd;

	@Parameter(label = "Samples", description = "posterior samples per plane; their mean is the estimate, their " +
		"std its uncertainty", min = "1", persist = false)
	private int samples = D.samples;

	@Parameter(label = "Steps", description = "Gibbs sweeps: a data step, then a prior step (one model call while " +
		"rho >= 0.1, up to 3 below)", min = "1", persist = false)
	private int steps = D.steps;

	@Parameter(label = "Seed", description = KeyHelp.SEED, persist = false)
	private long seed = D.seed;

	@Parameter(label = "Keep samples", description = "also output every sample as a stack", persist = false)
	private boolean keep = D.keep;

	@Parameter(label = "Model", description = "a prior (unconditional): a name under models/ or a path", persist = false)
	private String model = ModelPaths.PRIOR_MODEL;

	@Parameter(label = "Tile", description = "the network's tile edge on large images", min = "32", persist = false)
	private int tile = D.tile;

	@Parameter(label = "Overlap", description = KeyHelp.OVERLAP, min = "0", persist = false)
	private int overlap = D.overlap;

	@Parameter(label = "Device", choices = { "auto", "cpu", "cuda" }, description = KeyHelp.DEVICE, persist = false)
	private String device = "auto";

	@Parameter(type = ItemIO.OUTPUT, label = "Denoised", description = "the deconvolved mean seen through the PSF")
	private ImagePlus denoised;

	@Override
	List<String> dialogOrder() {
		return DialogOrder.DECONVOLVE;
	}

	@Override
	public DeconvolveResult runOn(final ImagePlus input, final StepListener progress) throws ModelLoadException {
		return new Deconvolution(request()).run(input, progress);
	}

	@Override
	public void check() throws ModelLoadException {
		new Deconvolution(request()).check();
	}

	private DeconvolveRequest request() {
		return DeconvolveRequest.builder().model(model).psf(psf).sigma(sigma).wavelength(wavelength).na(na).immersion(
			immersion).pixel(pixel).psfFile(psf_file).noise(noise).gain(gain).offset(offset).read(read).noiseStd(noise_std)
			.samples(samples).steps(steps).seed(seed).keep(keep).tile(tile).overlap(overlap).device(device).build();
	}

	@Override
	protected void execute() throws ModelLoadException {
		runOn(image, progress(false)).images().forEach(this::show);
	}
}
