package org.diffusionj.model;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.diffusionj.schedule.SchedulerConfig;

/**
 * What {@code diffusion.json} says of a model: size, channels, intensity range, classes, scheduler and
 * the ONNX input/output names. Immutable; validated by {@link ModelFolder} when read.
 */
public final class ModelConfig {

	/** The ONNX names a diffusers UNet2DModel export gets. */
	public static final String SAMPLE = "sample", TIMESTEP = "timestep", CLASS_LABELS = "class_labels",
		CONDITION = "condition", OUT_SAMPLE = "out_sample";

	private final String name;
	private final String description;
	private final int sampleHeight, sampleWidth;
	private final int inChannels;
	private final int sizeMultiple;
	private final double pixelLow, pixelHigh;
	private final int numClasses; // 0: unconditional
	private final List<String> classNames;
	private final int nullClassLabel;
	private final SchedulerConfig scheduler;
	private final String sampleInput, timestepInput, classLabelsInput, conditionInput, output;
	private final ModelMemory memory;
	private final ImageCondition condition;
	private final double[] percentiles; // the normalisation the model was trained with, or null
	private final EpsilonScales epsilonScales;
	private final DistilledSampling distilled; // null: the model samples with any sampler

	ModelConfig(final String name, final String description, final int sampleHeight, final int sampleWidth,
		final int inChannels, final int sizeMultiple, final double pixelLow, final double pixelHigh, final int numClasses,
		final String[] classNames, final int nullClassLabel, final SchedulerConfig scheduler,
		final String[] ioNames, final ModelMemory memory, final ImageCondition condition, final double[] percentiles,
		final EpsilonScales epsilonScales, final DistilledSampling distilled)
	{
		this.name = name;
		this.description = description;
		this.sampleHeight = sampleHeight;
		this.sampleWidth = sampleWidth;
		this.inChannels = inChannels;
		this.sizeMultiple = sizeMultiple;
		this.pixelLow = pixelLow;
		this.pixelHigh = pixelHigh;
		this.numClasses = numClasses;
		this.classNames = Collections.unmodifiableList(Arrays.asList(classNames.clone()));
		this.nullClassLabel = nullClassLabel;
		this.scheduler = scheduler;
		this.sampleInput = ioNames[0];
		this.timestepInput = ioNames[1];
		this.classLabelsInput = ioNames[2];
		this.conditionInput = ioNames[3];
		this.output = ioNames[4];
		this.memory = memory;
		this.condition = condition;
		this.percentiles = percentiles == null ? null : percentiles.clone();
		this.epsilonScales = epsilonScales;
		this.distilled = distilled;
	}

	/**
	 * A stand-in for commands that use only a schedule: one grey channel, any size, the default
	 * scheduler, pixel_range [-1, 1].
	 */
	public static ModelConfig grey(final String name) {
		return new ModelConfig(name, "", 1, 1, 1, 1, -1, 1, 0, new String[0], 0, SchedulerConfig.defaults(),
			new String[] { SAMPLE, TIMESTEP, CLASS_LABELS, CONDITION, OUT_SAMPLE }, ModelMemory.DEFAULT,
			ImageCondition.NONE, null, EpsilonScales.NONE, null);
	}

	public String name() { return name; }
	public String description() { return description; }
	public int sampleHeight() { return sampleHeight; }
	public int sampleWidth() { return sampleWidth; }
	public int inChannels() { return inChannels; }
	/** Image sizes the network takes are multiples of this (its down-sampling factor); others are padded. */
	public int sizeMultiple() { return sizeMultiple; }
	/** The image intensity that model value -1 maps to. */
	public double pixelLow() { return pixelLow; }
	/** The image intensity that model value +1 maps to. */
	public double pixelHigh() { return pixelHigh; }
	public boolean isConditional() { return numClasses > 0; }
	public int numClasses() { return numClasses; }
	public List<String> classNames() { return classNames; }
	public int nullClassLabel() { return nullClassLabel; }
	public SchedulerConfig scheduler() { return scheduler; }
	/** The Epsilon Scaling lambda the model samples best with, by sampler (1 for those it does not name). */
	public EpsilonScales epsilonScales() { return epsilonScales; }
	/** The one sampling of a distilled network; null when any sampler applies. */
	public DistilledSampling distilled() { return distilled; }
	public String sampleInput() { return sampleInput; }
	public String timestepInput() { return timestepInput; }
	public String classLabelsInput() { return classLabelsInput; }
	public String conditionInput() { return conditionInput; }
	public String output() { return output; }
	/** The working memory of a forward pass, for choosing how many images go through at once. */
	public ModelMemory memory() { return memory; }
	/** The image a restoration model is conditioned on; {@link ImageCondition#NONE} for other models. */
	public ImageCondition condition() { return condition; }
	/** Channels of the ONNX sample input: C, or k + C when the condition is concatenated into it. */
	public int sampleInputChannels() { return inChannels + (condition.concat() ? condition.channels() : 0); }

	/**
	 * The low and high percentiles each image was mapped by in training ({@code "normalize": {"percentiles":
	 * [lo, hi]}}), so that range=model maps a user's image the same way; null when the model was trained on
	 * a fixed pixel_range.
	 */
	public double[] normalizePercentiles() { return percentiles == null ? null : percentiles.clone(); }

	/**
	 * The class index for a user's {@code label} value: a class name (any case), an index, or
	 * {@code none}, which is the null class of a conditional model and -1 for an unconditional one.
	 */
	public int classIndex(final String label) {
		final String l = label == null ? "none" : label.trim();
		if (l.isEmpty() || l.equalsIgnoreCase("none")) return isConditional() ? nullClassLabel : -1;
		if (!isConditional()) {
			throw new IllegalArgumentException("label=" + l + " cannot be used: model " + name + " is unconditional");
		}
		for (int i = 0; i < classNames.size(); i++) {
			if (classNames.get(i).equalsIgnoreCase(l)) return i;
		}
		try {
			final int index = Integer.parseInt(l);
			if (index >= 0 && index < numClasses) return index;
			throw new IllegalArgumentException("label=" + l + " is out of range: model " + name + " has classes 0 to " +
				(numClasses - 1));
		}
		catch (final NumberFormatException e) {
			throw new IllegalArgumentException("label=" + l + " is not a class of model " + name + " (classes: " +
				String.join(", ", classNames) + ")");
		}
	}

	/** The readable name of a class index (the null class reads "none"). */
	public String className(final int index) {
		if (index < 0 || index == nullClassLabel) return "none";
		return index < classNames.size() ? classNames.get(index) : Integer.toString(index);
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "%s: %dx%d, %d channel(s), %s", name, sampleWidth, sampleHeight, inChannels,
			isConditional() ? numClasses + " classes" : "unconditional");
	}
}
