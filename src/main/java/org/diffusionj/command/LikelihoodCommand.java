package org.diffusionj.command;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.ResultsTable;

import org.diffusionj.api.ImageInput;
import org.diffusionj.api.Likelihood;
import org.diffusionj.api.LikelihoodRequest;
import org.diffusionj.api.ModelPaths;
import org.diffusionj.model.ModelLoadException;
import org.diffusionj.sampling.StepListener;
import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins › DiffusionJ › Likelihood...: the variational bound of the current plane under the model, per
 * timestep and in total (bits per dimension), as a Results table, a plot and a Log line.
 */
@Plugin(type = Command.class, headless = true, menu = { @Menu(label = "Plugins"), @Menu(label = "DiffusionJ"),
	@Menu(label = "Likelihood...", weight = 80) })
public final class LikelihoodCommand extends DiffusionCommand implements ImageCommand {

	@Parameter(required = false, persist = false)
	private ImagePlus image;

	@Parameter(label = "Seed", description = "the noise of the one-sample estimate of each term", persist = false)
	private long seed = 42;

	@Parameter(label = "Label", description = "class of a conditional model; none: the null class",
		initializer = "initLabelChoices", persist = false)
	private String label = "none";

	@Parameter(label = "Range", choices = { "auto", "model", "image", "percentile" },
		description = ImageInput.RANGE_HELP, persist = false)
	private String range = "auto";

	@Parameter(label = "Batch", description = "timesteps per forward pass", min = "1", persist = false)
	private int batch = 50;

	@Parameter(label = "Model", description = KeyHelp.MODEL, callback = "modelChanged", persist = false)
	private String model = ModelPaths.DEFAULT_MODEL;

	@Parameter(label = "Device", choices = { "auto", "cpu", "cuda" }, description = KeyHelp.DEVICE, persist = false)
	private String device = "auto";

	@Override
	public Likelihood.Result runOn(final ImagePlus input, final StepListener progress) throws ModelLoadException {
		return new Likelihood(LikelihoodRequest.builder().model(model).device(device).seed(seed).label(label).range(range)
			.batch(batch).build()).run(input, progress);
	}

	@Override
	protected void execute() throws ModelLoadException {
		final Likelihood.Result r = runOn(image, progress(false));
		final int T = r.terms.length - 1;
		final ResultsTable table = ResultsTable.getResultsTable();
		table.reset();
		for (int i = 0; i <= T; i++) {
			table.incrementCounter();
			table.addValue("term", i == T ? "prior" : i == 0 ? "L_0 (decoder)" : "L_" + (i - 1));
			table.addValue("t", i == T ? T - 1 : i);
			table.addValue("nats_per_dim", r.terms[i]);
			table.addValue("bits_per_dim", r.terms[i] / Math.log(2));
		}
		table.show("Results");
		IJ.log("DiffusionJ likelihood of " + r.summary);
		r.images().forEach(this::show);
	}
}
