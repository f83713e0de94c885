package org.diffusionj.model;

import org.diffusionj.schedule.BetaSchedule;
import org.diffusionj.schedule.PredictionType;
import org.diffusionj.schedule.SchedulerConfig;
import org.diffusionj.schedule.TimestepSpacing;
import org.diffusionj.schedule.VarianceType;

/**
 * Reads diffusers' scheduler keys into a {@link SchedulerConfig}; keys it does not know (such as
 * {@code _class_name} or another scheduler's settings) are ignored, as diffusers does.
 */
final class SchedulerJson {

	private SchedulerJson() {}

	static SchedulerConfig read(final JsonFields j) throws ModelLoadException {
		final SchedulerConfig.Builder b = SchedulerConfig.builder();
		final SchedulerConfig d = SchedulerConfig.defaults();
		try {
			b.numTrainTimesteps(j.integer("num_train_timesteps", d.numTrainTimesteps()));
			b.betaStart(j.number("beta_start", d.betaStart()));
			b.betaEnd(j.number("beta_end", d.betaEnd()));
			b.betaSchedule(BetaSchedule.fromKey(j.string("beta_schedule", d.betaSchedule().key())));
			final double[] trained = j.numbers("trained_betas");
			if (trained != null) {
				final float[] f = new float[trained.length];
				for (int i = 0; i < f.length; i++) f[i] = (float) trained[i];
				b.trainedBetas(f);
			}
			b.predictionType(PredictionType.fromKey(j.string("prediction_type", d.predictionType().key())));
			b.varianceType(VarianceType.fromKey(j.string("variance_type", d.varianceType().key())));
			b.clipSample(j.bool("clip_sample", d.clipSample()));
			b.clipSampleRange(j.number("clip_sample_range", d.clipSampleRange()));
			b.thresholding(j.bool("thresholding", d.thresholding()));
			b.dynamicThresholdingRatio(j.number("dynamic_thresholding_ratio", d.dynamicThresholdingRatio()));
			b.sampleMaxValue(j.number("sample_max_value", d.sampleMaxValue()));
			final String spacing = j.string("timestep_spacing", null);
			if (spacing != null) b.timestepSpacing(TimestepSpacing.fromKey(spacing));
			b.stepsOffset(j.integer("steps_offset", d.stepsOffset()));
			b.setAlphaToOne(j.bool("set_alpha_to_one", d.setAlphaToOne()));
			b.rescaleBetasZeroSnr(j.bool("rescale_betas_zero_snr", d.rescaleBetasZeroSnr()));
			b.useClippedModelOutput(j.bool("use_clipped_model_output", d.useClippedModelOutput()));
			return b.build();
		}
		catch (final IllegalArgumentException e) {
			throw j.error("scheduler", "is not valid: " + e.getMessage());
		}
	}
}
