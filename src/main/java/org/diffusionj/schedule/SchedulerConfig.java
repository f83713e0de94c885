package org.diffusionj.schedule;

/**
 * The immutable scheduler settings of a model, with diffusers' keys and defaults.
 *
 * <p>Built once from {@code diffusion.json} (or a diffusers {@code scheduler_config.json}) and
 * validated in {@link Builder#build()}; every message names the key at fault.
 */
public final class SchedulerConfig {

	private final int numTrainTimesteps;
	private final double betaStart;
	private final double betaEnd;
	private final BetaSchedule betaSchedule;
	private final float[] trainedBetas; // null unless the schedule is an explicit table
	private final PredictionType predictionType;
	private final VarianceType varianceType;
	private final boolean clipSample;
	private final double clipSampleRange;
	private final boolean thresholding;
	private final double dynamicThresholdingRatio;
	private final double sampleMaxValue;
	private final TimestepSpacing timestepSpacing; // null when the config names none
	private final int stepsOffset;
	private final boolean setAlphaToOne;
	private final boolean rescaleBetasZeroSnr;
	private final boolean useClippedModelOutput;

	private SchedulerConfig(final Builder b) {
		numTrainTimesteps = b.numTrainTimesteps;
		betaStart = b.betaStart;
		betaEnd = b.betaEnd;
		betaSchedule = b.betaSchedule;
		trainedBetas = b.trainedBetas == null ? null : b.trainedBetas.clone();
		predictionType = b.predictionType;
		varianceType = b.varianceType;
		clipSample = b.clipSample;
		clipSampleRange = b.clipSampleRange;
		thresholding = b.thresholding;
		dynamicThresholdingRatio = b.dynamicThresholdingRatio;
		sampleMaxValue = b.sampleMaxValue;
		timestepSpacing = b.timestepSpacing;
		stepsOffset = b.stepsOffset;
		setAlphaToOne = b.setAlphaToOne;
		rescaleBetasZeroSnr = b.rescaleBetasZeroSnr;
		useClippedModelOutput = b.useClippedModelOutput;
	}

	/** This config with another variance type (a learned one stays the model's to give). */
	public SchedulerConfig withVarianceType(final VarianceType v) {
		return toBuilder().varianceType(v).build();
	}

	/** This config with another timestep spacing. */
	public SchedulerConfig withTimestepSpacing(final TimestepSpacing spacing) {
		return toBuilder().timestepSpacing(spacing).build();
	}

	private Builder toBuilder() {
		return new Builder().numTrainTimesteps(numTrainTimesteps).betaStart(betaStart).betaEnd(betaEnd).betaSchedule(
			betaSchedule).trainedBetas(trainedBetas).predictionType(predictionType).varianceType(varianceType).clipSample(
				clipSample).clipSampleRange(clipSampleRange).thresholding(thresholding).dynamicThresholdingRatio(
					dynamicThresholdingRatio).sampleMaxValue(sampleMaxValue).timestepSpacing(timestepSpacing).stepsOffset(
						stepsOffset).setAlphaToOne(setAlphaToOne).rescaleBetasZeroSnr(rescaleBetasZeroSnr)
			.useClippedModelOutput(useClippedModelOutput);
	}

	public static Builder builder() {
		return new Builder();
	}

	/** The DDPM defaults: linear 1e-4..0.02 over 1000 steps, epsilon, fixed_small, clip to [-1, 1]. */
	public static SchedulerConfig defaults() {
		return builder().build();
	}

	public int numTrainTimesteps() { return numTrainTimesteps; }
	public double betaStart() { return betaStart; }
	public double betaEnd() { return betaEnd; }
	public BetaSchedule betaSchedule() { return betaSchedule; }
	public float[] trainedBetas() { return trainedBetas == null ? null : trainedBetas.clone(); }
	public PredictionType predictionType() { return predictionType; }
	public VarianceType varianceType() { return varianceType; }
	public boolean clipSample() { return clipSample; }
	public double clipSampleRange() { return clipSampleRange; }
	public boolean thresholding() { return thresholding; }
	public double dynamicThresholdingRatio() { return dynamicThresholdingRatio; }
	public double sampleMaxValue() { return sampleMaxValue; }
	/** The spacing the config names, or DDPMScheduler's and DDIMScheduler's class default, leading. */
	public TimestepSpacing timestepSpacing() {
		return timestepSpacing != null ? timestepSpacing : TimestepSpacing.LEADING;
	}

	/**
	 * The spacing the config names, or DPMSolverMultistepScheduler's class default, linspace: diffusers fills the
	 * keys a config leaves out with each scheduler class's own defaults.
	 */
	public TimestepSpacing multistepTimestepSpacing() {
		return timestepSpacing != null ? timestepSpacing : TimestepSpacing.LINSPACE;
	}

	public int stepsOffset() { return stepsOffset; }
	public boolean setAlphaToOne() { return setAlphaToOne; }
	public boolean rescaleBetasZeroSnr() { return rescaleBetasZeroSnr; }
	/**
	 * DDIM steps with the noise recomputed from the clipped x0 (diffusers' {@code DDIMScheduler.step} argument
	 * {@code use_clipped_model_output}, which its pipeline leaves False); a DiffusionJ key in diffusion.json.
	 */
	public boolean useClippedModelOutput() { return useClippedModelOutput; }

	@Override
	public String toString() {
		return (trainedBetas != null ? "trained_betas" : betaSchedule.key() + " " + betaStart + ".." + betaEnd) +
			", T=" + numTrainTimesteps + ", " + predictionType.key() + ", " + varianceType.key() +
			(clipSample ? ", clip ±" + clipSampleRange : "") + (thresholding ? ", dynamic thresholding" : "") +
			(timestepSpacing != null ? ", " + timestepSpacing.key() : "") + (stepsOffset != 0 ? "+" + stepsOffset : "") +
			(rescaleBetasZeroSnr ? ", zero terminal SNR" : "") + (useClippedModelOutput ? ", DDIM eps from clipped x0" : "");
	}

	/** Mutable collector of settings; {@link #build()} validates. Defaults are diffusers' DDPMScheduler's. */
	public static final class Builder {
		private int numTrainTimesteps = 1000;
		private double betaStart = 0.0001;
		private double betaEnd = 0.02;
		private BetaSchedule betaSchedule = BetaSchedule.LINEAR;
		private float[] trainedBetas;
		private PredictionType predictionType = PredictionType.EPSILON;
		private VarianceType varianceType = VarianceType.FIXED_SMALL;
		private boolean clipSample = true;
		private double clipSampleRange = 1.0;
		private boolean thresholding;
		private double dynamicThresholdingRatio = 0.995;
		private double sampleMaxValue = 1.0;
		private TimestepSpacing timestepSpacing; // each scheduler class's own default
		private int stepsOffset;
		private boolean setAlphaToOne = true;
		private boolean rescaleBetasZeroSnr;
		private boolean useClippedModelOutput;

		public Builder numTrainTimesteps(final int v) { numTrainTimesteps = v; return this; }
		public Builder betaStart(final double v) { betaStart = v; return this; }
		public Builder betaEnd(final double v) { betaEnd = v; return this; }
		public Builder betaSchedule(final BetaSchedule v) { betaSchedule = v; return this; }
		public Builder trainedBetas(final float[] v) { trainedBetas = v == null ? null : v.clone(); return this; }
		public Builder predictionType(final PredictionType v) { predictionType = v; return this; }
		public Builder varianceType(final VarianceType v) { varianceType = v; return this; }
		public Builder clipSample(final boolean v) { clipSample = v; return this; }
		public Builder clipSampleRange(final double v) { clipSampleRange = v; return this; }
		public Builder thresholding(final boolean v) { thresholding = v; return this; }
		public Builder dynamicThresholdingRatio(final double v) { dynamicThresholdingRatio = v; return this; }
		public Builder sampleMaxValue(final double v) { sampleMaxValue = v; return this; }
		public Builder timestepSpacing(final TimestepSpacing v) { timestepSpacing = v; return this; }
		public Builder stepsOffset(final int v) { stepsOffset = v; return this; }
		public Builder setAlphaToOne(final boolean v) { setAlphaToOne = v; return this; }
		public Builder rescaleBetasZeroSnr(final boolean v) { rescaleBetasZeroSnr = v; return this; }
		public Builder useClippedModelOutput(final boolean v) { useClippedModelOutput = v; return this; }

		public SchedulerConfig build() {
			if (trainedBetas != null) numTrainTimesteps = trainedBetas.length;
			require(numTrainTimesteps >= 2, "num_train_timesteps must be at least 2, got " + numTrainTimesteps);
			if (trainedBetas == null) {
				require(betaStart > 0 && betaStart < 1, "beta_start must lie in (0, 1), got " + betaStart);
				require(betaEnd > 0 && betaEnd < 1, "beta_end must lie in (0, 1), got " + betaEnd);
				require(betaStart <= betaEnd, "beta_start (" + betaStart + ") exceeds beta_end (" + betaEnd + ")");
			} else {
				for (int i = 0; i < trainedBetas.length; i++) {
					final float b = trainedBetas[i];
					require(b > 0 && b <= 1, "trained_betas[" + i + "] must lie in (0, 1], got " + b);
				}
			}
			require(clipSampleRange > 0, "clip_sample_range must be positive, got " + clipSampleRange);
			require(dynamicThresholdingRatio > 0 && dynamicThresholdingRatio <= 1,
				"dynamic_thresholding_ratio must lie in (0, 1], got " + dynamicThresholdingRatio);
			require(sampleMaxValue >= 1, "sample_max_value must be at least 1, got " + sampleMaxValue);
			require(stepsOffset >= 0 && stepsOffset < numTrainTimesteps, "steps_offset must lie in [0, " +
				numTrainTimesteps + "), got " + stepsOffset);
			require(!(rescaleBetasZeroSnr && predictionType == PredictionType.EPSILON),
				"rescale_betas_zero_snr needs prediction_type v_prediction or sample: eps is undefined at SNR 0");
			return new SchedulerConfig(this);
		}

		private static void require(final boolean ok, final String message) {
			if (!ok) throw new IllegalArgumentException(message);
		}
	}
}
