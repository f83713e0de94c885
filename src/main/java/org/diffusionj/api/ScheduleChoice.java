package org.diffusionj.api;

import org.diffusionj.model.LoadedModel;
import org.diffusionj.model.ModelConfig;
import org.diffusionj.model.ModelLoadException;
import org.diffusionj.schedule.BetaSchedule;
import org.diffusionj.schedule.NoiseSchedule;
import org.diffusionj.schedule.SchedulerConfig;

/**
 * The noise schedule a command was asked for: the model's, or one named by the {@code schedule} and
 * {@code timesteps} keys (with {@code model=none} no model is loaded at all).
 */
public final class ScheduleChoice {

	public static final String FROM_MODEL = "model", NO_MODEL = "none";

	private final LoadedModel model; // null without a model
	private final SchedulerConfig scheduler;
	private final ModelConfig config; // for image conversion: the model's, or a stand-in
	private final String range;

	private ScheduleChoice(final LoadedModel model, final SchedulerConfig scheduler, final ModelConfig config,
		final String range)
	{
		this.model = model;
		this.scheduler = scheduler;
		this.config = config;
		this.range = range;
	}

	/** How a caller loads the model of a name; the caller closes it when its run ends ({@link #model()}). */
	public interface Loader {
		LoadedModel load(String model) throws ModelLoadException;
	}

	public static ScheduleChoice of(final String model, final String schedule, final int timesteps, final String range,
		final Loader loader) throws ModelLoadException
	{
		final boolean named = !FROM_MODEL.equalsIgnoreCase(schedule.trim());
		final SchedulerConfig namedConfig = named ? SchedulerConfig.builder().betaSchedule(BetaSchedule.fromKey(schedule))
			.numTrainTimesteps(timesteps).build() : null;
		if (model == null || model.trim().isEmpty() || NO_MODEL.equalsIgnoreCase(model.trim())) {
			if (!named) {
				throw new IllegalArgumentException("model=none needs a schedule (linear, scaled_linear, squaredcos_cap_v2 " +
					"or sigmoid).");
			}
			// without a model there is no pixel_range: map by the image's own range
			final String r = "model".equalsIgnoreCase(range.trim()) || "auto".equalsIgnoreCase(range.trim()) ? "image"
				: range;
			return new ScheduleChoice(null, namedConfig, ModelConfig.grey("schedule " + schedule), r);
		}
		final LoadedModel loaded = loader.load(model);
		return new ScheduleChoice(loaded, named ? namedConfig : loaded.config().scheduler(), loaded.config(), range);
	}

	/** The loaded model, or null for a schedule alone. */
	public LoadedModel model() {
		return model;
	}

	public SchedulerConfig scheduler() {
		return scheduler;
	}

	public NoiseSchedule schedule() {
		return NoiseSchedule.of(scheduler);
	}

	public ModelConfig config() {
		return config;
	}

	public String range() {
		return range;
	}

	public Recipe recipe(final String command) {
		final Recipe r = model != null ? new Recipe(command, model) : new Recipe(command);
		return r.put("schedule", scheduler.toString());
	}
}
