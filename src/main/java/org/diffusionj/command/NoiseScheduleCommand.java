package org.diffusionj.command;

import ij.gui.Plot;
import ij.measure.ResultsTable;

import java.awt.Color;

import org.diffusionj.api.ModelPaths;
import org.diffusionj.api.ScheduleChoice;
import org.diffusionj.model.ModelLoadException;
import org.diffusionj.schedule.NoiseSchedule;
import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins › DiffusionJ › Noise Schedule...: beta_t, alphaBar_t and log SNR of a model's or a named
 * schedule, as a plot and a table.
 */
@Plugin(type = Command.class, headless = true, menu = { @Menu(label = "Plugins"), @Menu(label = "DiffusionJ"),
	@Menu(label = "Noise Schedule...", weight = 70) })
public final class NoiseScheduleCommand extends DiffusionCommand {

	@Parameter(label = "Model", description = "its schedule; none: use schedule and timesteps", persist = false)
	private String model = ModelPaths.DEFAULT_MODEL;

	@Parameter(label = "Schedule",
		description = "the noise schedule: the model's own, or one by name with Timesteps steps",
		choices = { ScheduleChoice.FROM_MODEL, "linear", "scaled_linear",
		"squaredcos_cap_v2", "sigmoid" }, persist = false)
	private String schedule = ScheduleChoice.FROM_MODEL;

	@Parameter(label = "Timesteps", description = "T of a schedule given by name", min = "2", persist = false)
	private int timesteps = 1000;

	@Override
	protected void execute() throws ModelLoadException {
		final ScheduleChoice choice = ScheduleChoice.of(model, schedule, timesteps, "image", name -> hold(ModelPaths.acquire(name, "cpu")));
		final NoiseSchedule s = choice.schedule();
		final int T = s.numTrainTimesteps();
		final double[] t = new double[T], beta = new double[T], alphaBar = new double[T], logSnr = new double[T];
		// the Results table, as Analyze › Measure uses it, so that macros read it with getResult()
		final ResultsTable table = ResultsTable.getResultsTable();
		table.reset();
		for (int i = 0; i < T; i++) {
			t[i] = i;
			beta[i] = s.beta(i);
			alphaBar[i] = s.alphaBar(i);
			logSnr[i] = Math.log(s.snr(i));
			table.incrementCounter();
			table.addValue("t", i);
			table.addValue("beta", beta[i]);
			table.addValue("alpha_bar", alphaBar[i]);
			table.addValue("snr", s.snr(i));
			table.addValue("log_snr", logSnr[i]);
		}
		final String title = "Noise schedule " + choice.config().name().replace("schedule ", "");
		final Plot plot = new Plot(title, "t", "value");
		plot.setColor(Color.BLUE);
		plot.addPoints(t, alphaBar, Plot.LINE);
		plot.setColor(Color.RED);
		plot.addPoints(t, beta, Plot.LINE);
		plot.setColor(Color.BLACK);
		plot.setLimits(0, T - 1, 0, 1);
		plot.setLegend("alphā_t\nbeta_t", Plot.AUTO_POSITION);
		plot.addLabel(0.02, 0.1, choice.recipe(label()).toString().split("\n")[3]);
		table.show("Results");
		show(RESULT, plot.getImagePlus());
	}
}
