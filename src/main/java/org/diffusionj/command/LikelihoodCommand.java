package org.diffusionj.command;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Plot;
import ij.measure.ResultsTable;

import java.awt.Color;
import java.util.Locale;

import org.diffusionj.api.Guidance;
import org.diffusionj.api.ImageInput;
import org.diffusionj.model.LoadedModel;
import org.diffusionj.model.ModelConfig;
import org.diffusionj.model.ModelLoadException;
import org.diffusionj.sampling.NoiseBatch;
import org.diffusionj.sampling.VariationalBound;
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
public final class LikelihoodCommand extends ModelCommand {

	@Parameter(required = false, persist = false)
	private ImagePlus image;

	@Parameter(label = "Seed", description = "the noise of the one-sample estimate of each term", persist = false)
	private long seed = 42;

	@Parameter(label = "Label", description = "class of a conditional model; none: the null class", initializer = "initLabelChoices", persist = false)
	private String label = "none";

	@Parameter(label = "Range", choices = { "auto", "model", "image", "percentile" },
		description = ImageInput.RANGE_HELP, persist = false)
	private String range = "auto";

	@Parameter(label = "Batch", description = "timesteps per forward pass", min = "1", persist = false)
	private int batch = 50;

	@Override
	protected void execute() throws ModelLoadException {
		final LoadedModel loaded = loadModel();
		final ModelConfig config = loaded.config();
		if (image == null) throw new IllegalArgumentException(label() + " needs an open image.");
		final ImagePlus plane = new ImagePlus(image.getTitle(), image.getProcessor().duplicate());
		final ImageInput input = ImageInput.of(plane, label(), config, loaded.denoiser().fixedSize(), range,
			false); // NB: bits/dim over the image's own pixels, not mirrored ones
		if (input.items.size() != 1) throw new IllegalArgumentException(label() + " needs a grey plane (not RGB) for a " +
			config.inChannels() + "-channel model.");
		if (input.items.nonFiniteCount() > 0) throw new IllegalArgumentException("image " + image.getTitle() +
			" has NaN or infinite pixels; the likelihood of unknown pixels is undefined.");
		final int classIndex = config.classIndex(label);
		final VariationalBound bound = new VariationalBound(config.scheduler());
		final double[] terms = bound.terms(Guidance.of(loaded, classIndex, 1, batch), input.tensors.batch(0, 1),
			new NoiseBatch(seed, 0, 1), batch, progress(false));
		final double bits = VariationalBound.bitsPerDim(terms);
		report(terms, bits, config.className(classIndex));
	}

	private void report(final double[] terms, final double bits, final String className) {
		final int T = terms.length - 1;
		final ResultsTable table = ResultsTable.getResultsTable();
		table.reset();
		final double[] t = new double[T], perStep = new double[T];
		for (int i = 0; i <= T; i++) {
			table.incrementCounter();
			table.addValue("term", i == T ? "prior" : i == 0 ? "L_0 (decoder)" : "L_" + (i - 1));
			table.addValue("t", i == T ? T - 1 : i);
			table.addValue("nats_per_dim", terms[i]);
			table.addValue("bits_per_dim", terms[i] / Math.log(2));
			if (i < T) {
				t[i] = i;
				perStep[i] = terms[i] / Math.log(2);
			}
		}
		table.show("Results");
		final String summary = String.format(Locale.ROOT, "%s: %.4f bits/dim (label %s, %d terms + prior)", image
			.getTitle(), bits, className, T);
		IJ.log("DiffusionJ likelihood of " + summary);
		final Plot plot = new Plot("Likelihood of " + image.getShortTitle(), "t", "bits/dim");
		plot.setColor(Color.BLUE);
		plot.addPoints(t, perStep, Plot.LINE);
		plot.setLogScaleY();
		plot.addLabel(0.02, 0.08, summary);
		show(RESULT, plot.getImagePlus());
	}
}
