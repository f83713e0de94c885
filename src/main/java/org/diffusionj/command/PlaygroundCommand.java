package org.diffusionj.command;

import ij.ImagePlus;
import ij.measure.ResultsTable;

import java.util.Collections;
import java.util.Set;

import org.diffusionj.api.Playground;
import org.diffusionj.api.PlaygroundRequest;
import org.diffusionj.model.ModelLoadException;
import org.diffusionj.sampling.SamplerKind;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins › DiffusionJ › Diffusion Playground...: diffusion on 2D points. A point model (a swiss roll, two moons, a
 * ring of 8 Gaussians, a checkerboard) samples {@code points} points with any sampler; two stacks of scatter plots
 * show the forward process q(x_t | x_0) dissolving the training points into N(0, I) and the reverse process pulling
 * noise back onto the data, optionally with the predicted x0 cloud and the predicted-noise field as arrows. The
 * Results table holds the last frame of each. Its keys make a {@link PlaygroundRequest}, run by {@link Playground}.
 */
@Plugin(type = Command.class, headless = true, menu = { @Menu(label = "Plugins"), @Menu(label = "DiffusionJ"),
	@Menu(label = "Diffusion Playground...", weight = 75) })
public final class PlaygroundCommand extends DiffusionCommand {

	@Parameter(label = "Points", description = "points to sample", min = "1", persist = false)
	private int points = 2000;

	@Parameter(label = "Every", description = "record every k-th denoising step; 0: about 20 frames", min = "0",
		persist = false)
	private int every = 0;

	@Parameter(label = "Frames", description = "frames of the forward stack, from t = 0 to T - 1", min = "2",
		persist = false)
	private int frames = 11;

	@Parameter(label = "Predicted x0", description = "also draw the predicted clean points (orange)", persist = false)
	private boolean x0 = false;

	@Parameter(label = "Noise field", description = "also draw the predicted noise on a grid as arrows (red): " +
		"-0.15 sqrt(1 - alphaBar_t) eps-hat, 15 % of the way to where the model would take the point", persist = false)
	private boolean field = false;

	@Parameter(label = "Size", description = "edge of each plot in pixels", min = "64", persist = false)
	private int size = 512;

	@Parameter(type = ItemIO.OUTPUT, label = "Forward", description = "the forward process as a stack")
	private ImagePlus forward;

	@Parameter(label = "Label", description = KeyHelp.LABEL, initializer = "initLabelChoices", persist = false)
	private String label = "none";

	// the classic: ancestral steps, with steps=0 over every training step
	@Parameter(label = "Sampler", description = KeyHelp.SAMPLER, choices = { "DDIM", "DDPM", "DPM++2M", "DPM++2M-t0",
		"DPM++2M-Karras", "DPM++2M-Exp", "DPM++2M-SDE", "DPM++3M", "DPM++3M-SDE", "UniPC", "UniPC-Exp" }, persist = false)
	private String sampler = SamplerKind.DDPM.label();

	@Parameter(label = "Steps", description = KeyHelp.STEPS, min = "0", persist = false)
	private int steps = 0;

	@Parameter(label = "Eta", description = KeyHelp.ETA, min = "0", persist = false)
	private double eta = 0;

	@Parameter(label = "Epsilon scale", description = KeyHelp.EPSILON, min = "0", max = "2", stepSize = "0.001",
		persist = false)
	private double epsilon = 0;

	@Parameter(label = "Seed", description = KeyHelp.SEED, persist = false)
	private long seed = 42;

	@Parameter(label = "Guidance", description = KeyHelp.GUIDANCE, persist = false)
	private double guidance = 1;

	@Parameter(label = "Model", description = KeyHelp.MODEL, callback = "modelChanged", persist = false)
	private String model = PlaygroundRequest.DEFAULT_MODEL;

	@Parameter(label = "Device", choices = { "auto", "cpu", "cuda" }, description = KeyHelp.DEVICE, persist = false)
	private String device = "auto";

	/** Older recordings give it; a point cloud has no predicted clean image to preview (the stacks show every step). */
	@Parameter(label = "Preview", description = KeyHelp.PREVIEW, persist = false)
	private boolean preview = true;

	/** The dialog does not show preview, nor does the recorder write it (a macro that gives it is not refused). */
	@Override
	protected Set<String> unusedKeys() {
		return Collections.singleton("preview");
	}

	@Override
	protected void execute() throws ModelLoadException {
		final PlaygroundRequest request = PlaygroundRequest.builder().model(model).device(device).sampler(sampler).steps(
			steps).eta(eta).epsilon(epsilon).seed(seed).label(label).guidance(guidance).points(points).every(every).frames(
				frames).x0(x0).field(field).size(size).build();
		final Playground.PlaygroundResult r = new Playground(request).run(progress(false));
		r.images().forEach(this::show);
		final ResultsTable table = ResultsTable.getResultsTable(); // the samples and the forward process's last frame
		table.reset();
		for (int i = 0; i < points; i++) {
			table.incrementCounter();
			table.addValue("x", r.samples[2 * i]);
			table.addValue("y", r.samples[2 * i + 1]);
			table.addValue("forward_x", r.forwardLast[2 * i]);
			table.addValue("forward_y", r.forwardLast[2 * i + 1]);
		}
		table.show("Results");
	}
}
