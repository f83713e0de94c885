package org.diffusionj.command;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.plugin.Zoom;

import java.awt.GraphicsEnvironment;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;

import org.diffusionj.api.Outputs;
import org.diffusionj.api.RunResult;
import org.diffusionj.model.LoadedModel;
import org.diffusionj.model.ModelCache;
import org.diffusionj.model.ModelLoadException;
import org.scijava.ItemIO;
import org.scijava.ItemVisibility;
import org.scijava.command.DynamicCommand;
import org.scijava.command.DynamicCommandInfo;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * The shell every DiffusionJ command runs in (a macro's keys were checked before, by MacroDefaultsPreprocessor or
 * the ImageJ 1.x bridge): runs {@link #execute()}, and turns a problem into one sentence for the user. In a macro, that sentence stops the macro (IJ.error does; a
 * thrown exception would not in Fiji); a Cancel or Esc leaves no half result. A {@link DynamicCommand}, so that
 * an initializer can give a field choices that depend on the model (the class names of {@code label}).
 */
public abstract class DiffusionCommand extends DynamicCommand {

	/** Title of messages and the prefix of the status bar. */
	public static final String TITLE = "DiffusionJ";

	/** The start of the sentence for a library that is not installed (a jar left out of Fiji's or ImageJ's jars/). */
	public static final String NEEDS = Failure.NEEDS;

	/** Names of the output images, which scripts get back ({@code ModuleService.run(...).get().getOutput("result")}). */
	public static final String RESULT = Outputs.RESULT, MEAN = Outputs.MEAN, STD = Outputs.STD, SAMPLES =
		Outputs.SAMPLES, LOWER = Outputs.LOWER, UPPER = Outputs.UPPER, RESIDUAL = Outputs.RESIDUAL;

	@Parameter(type = ItemIO.OUTPUT, label = "Result", description = "the command's image (Restore: the mean of the " +
		"samples; Noise and Denoise with several samples: the stack of samples)")
	private ImagePlus result;

	@Parameter(type = ItemIO.OUTPUT, label = "Mean", description = "Noise and Denoise with several samples: their mean")
	private ImagePlus mean;

	@Parameter(type = ItemIO.OUTPUT, label = "Std", description = "the per-pixel standard deviation of the samples (n - 1)")
	private ImagePlus std;

	@Parameter(type = ItemIO.OUTPUT, label = "Samples", description = "Restore with keep=true: every sample")
	private ImagePlus allSamples;

	@Parameter(type = ItemIO.OUTPUT, label = "Lower", description = "Restore or Deconvolve with a calibrated " +
		"model: mean - lambda std")
	private ImagePlus lower;

	@Parameter(type = ItemIO.OUTPUT, label = "Upper", description = "Restore or Deconvolve with a calibrated " +
		"model: mean + lambda std")
	private ImagePlus upper;

	@Parameter(type = ItemIO.OUTPUT, label = "Residual", description = "Restore with residual=true: the image less the " +
		"mean, what the residual test examined")
	private ImagePlus residualImage;

	private StatusProgress progress;
	private boolean ordered; // the inputs of this module's info are in DialogOrder
	private final java.util.List<LoadedModel> held = new java.util.ArrayList<>(); // given back when the run ends

	/** This module's own info, its inputs in {@link DialogOrder} (what a dialog and the recorder list). */
	@Override
	public DynamicCommandInfo getInfo() {
		final DynamicCommandInfo info = super.getInfo();
		if (!ordered) {
			ordered = true;
			DialogOrder.apply(info, dialogOrder());
			for (final String key : unusedKeys()) info.removeInput(info.getInput(key));
		}
		return info;
	}

	/** The order of this command's keys in its dialog and recording. */
	List<String> dialogOrder() {
		return DialogOrder.RANK;
	}

	/**
	 * Keys this command still accepts but no longer uses: its dialog does not show them and the recorder does not
	 * write them (a macro that gives one, as an older recording may, is not refused).
	 */
	protected Set<String> unusedKeys() {
		return Collections.emptySet();
	}

	@Override
	public final void run() {
		IJ.resetEscape();
		try {
			execute(); // NB: a macro's keys were checked before (MacroDefaultsPreprocessor, the ImageJ 1.x bridge)
		}
		catch (final CancellationException e) {
			final String canceled = canceled();
			if (IJ.isMacro()) error(canceled);
		}
		catch (final ModelLoadException e) {
			error(e.getMessage());
		}
		catch (final RuntimeException | Error e) {
			if (Macro.MACRO_CANCELED.equals(e.getMessage())) throw e;
			error(Failure.sentence(label(), e));
		}
		finally {
			ended();
		}
	}

	/**
	 * For a Java caller that filled this command's keys (Batch Folder..., Calibrate Uncertainty..., a Spark task), on
	 * its thread: the API run of the keys on {@code image} ({@link ImageCommand#runOn}), with progress in the status
	 * bar and no window, dialog or {@code IJ.error} (which, inside a macro's {@code run}, would abort the whole macro,
	 * not the one file).
	 *
	 * @throws IllegalArgumentException with the one sentence a user would have been shown
	 */
	public final RunResult runFor(final ImagePlus image) {
		if (!(this instanceof ImageCommand)) {
			throw new IllegalArgumentException(label() + " takes no image, so it cannot process files.");
		}
		try {
			return ((ImageCommand) this).runOn(image, progress(false));
		}
		catch (final CancellationException e) {
			throw new IllegalArgumentException(canceled(), e);
		}
		catch (final ModelLoadException e) {
			throw new IllegalArgumentException(e.getMessage(), e);
		}
		catch (final RuntimeException | Error e) {
			throw new IllegalArgumentException(Failure.sentence(label(), e), e);
		}
		finally {
			ended();
		}
	}

	/**
	 * For a Java caller that filled this command's keys and is about to run them over a folder: the keys checked as a
	 * run checks them, with no image ({@link FolderCommand#check}).
	 *
	 * @throws IllegalArgumentException with the one sentence a user would have been shown
	 */
	public final void checkFor() {
		if (!(this instanceof FolderCommand)) {
			throw new IllegalArgumentException(label() + " cannot run over a folder.");
		}
		try {
			((FolderCommand) this).check();
		}
		catch (final ModelLoadException e) {
			throw new IllegalArgumentException(e.getMessage(), e);
		}
		catch (final RuntimeException e) {
			throw new IllegalArgumentException(Failure.sentence(label(), e), e);
		}
	}

	/** What a canceled run says; a user who cancels gets the model's native memory back, once no run still uses it. */
	private String canceled() {
		ModelCache.clear();
		IJ.showProgress(1.0);
		IJ.showStatus(label() + " canceled");
		return "Canceled: " + label() + " made no image.";
	}

	/** The end of a run, however it ended: the preview window closes, held models are given back. */
	private void ended() {
		if (progress != null) progress.close();
		for (final LoadedModel m : held) m.close();
		held.clear();
	}

	/**
	 * Progress for this run in the status bar; with {@code preview} (honoured only in the GUI, never in
	 * a macro) also a live window of the predicted clean image.
	 */
	protected final StatusProgress progress(final boolean preview) {
		if (progress != null) progress.close();
		progress = new StatusProgress(label(), this::isCanceled, preview && !IJ.isMacro() && !GraphicsEnvironment
			.isHeadless());
		return progress;
	}

	/**
	 * The keys that only a model with classes uses. A dialog opened for a model without classes leaves them out (and
	 * Fiji's recorder, as plain ImageJ's, does not write them): they are resolved at their defaults before the dialog (SciJava's dialog shows unresolved inputs only, and cannot
	 * show or hide an input later, when the user picks another model: scijava-common issues 42 and 52); a macro that
	 * gives them still sets them.
	 */
	public static final List<String> CLASS_KEYS = Collections.unmodifiableList(java.util.Arrays.asList("label",
		"guidance"));

	/**
	 * Initializer of a {@code label} field: in a SciJava dialog it becomes a choice of the {@code model}'s class names
	 * (a macro may still give an index or any case); for a model without classes the dialog leaves out
	 * {@link #CLASS_KEYS}.
	 */
	protected final void initLabelChoices() {
		final List<String> choices = LabelChoices.set(getInfo().getMutableInput("label", String.class), modelKey());
		if (choices == null || choices.size() == 1) { // a model without classes (or one that cannot be read)
			for (final String key : CLASS_KEYS) {
				if (getInfo().getInput(key) == null || isInputResolved(key)) continue;
				resolveInput(key);
				invisible(getInfo().getInput(key)); // not recorded either
			}
		}
	}

	/**
	 * Callback of {@code model} in a SciJava dialog: {@code label} offers the new model's class names (SciJava's
	 * dialog rebuilds a choice list on refresh), and a label the new model does not have goes back to none.
	 */
	protected final void modelChanged() {
		final org.scijava.module.MutableModuleItem<String> item = getInfo().getMutableInput("label", String.class);
		if (item == null) return;
		final List<String> choices = LabelChoices.set(item, modelKey());
		final String current = item.getValue(this);
		if (choices != null && current != null && !choices.contains(current)) item.setValue(this, LabelChoices.NONE);
	}

	private void invisible(final org.scijava.module.ModuleItem<?> item) {
		getInfo().getMutableInput(item.getName(), org.scijava.util.Types.box(item.getType())).setVisibility(
			ItemVisibility.INVISIBLE);
	}

	/** The value of this command's {@code model} key, or null when it has none. */
	private String modelKey() {
		final org.scijava.module.ModuleItem<String> item = getInfo().getMutableInput("model", String.class);
		return item == null ? null : item.getValue(this);
	}

	/** Stops this run before it starts with one sentence, as a problem while running is said (a macro's unknown key). */
	final void refuse(final String message) {
		error(message);
	}

	/** Does the work; throws IllegalArgumentException or ModelLoadException with a user-facing sentence. */
	protected abstract void execute() throws ModelLoadException;

	/** The menu leaf label, which is also the macro command name. */
	protected final String label() {
		final Plugin p = getClass().getAnnotation(Plugin.class);
		if (p != null && p.menu().length > 0) return p.menu()[p.menu().length - 1].label();
		final String path = p == null ? getClass().getSimpleName() : p.menuPath();
		return path.substring(path.lastIndexOf('>') + 1).trim();
	}

	/**
	 * Reports a problem. In a macro, IJ.error aborts the interpreter (it stops before the next statement)
	 * and throws "Macro canceled"; that exception is caught here, so that no module runner logs it with
	 * a stack trace.
	 */
	private void error(final String message) {
		IJ.showProgress(1.0);
		IJ.showStatus("");
		try {
			IJ.error(TITLE, message);
		}
		catch (final RuntimeException e) {
			if (!Macro.MACRO_CANCELED.equals(e.getMessage())) throw e;
		}
	}

	/** Keeps an acquired model's session open until this run ends, however it ends; then gives it back. */
	protected final LoadedModel hold(final LoadedModel model) {
		held.add(model);
		return model;
	}

	/** Below this edge a result window opens zoomed in, so that a 32 x 32 sample is not a speck. */
	private static final int SMALL = 128;

	/**
	 * Shows an image once and hands it to scripts as the output of that name. The output is marked resolved, so that
	 * Fiji's DisplayPostprocessor (which shows every unresolved output) does not show it a second time.
	 */
	protected final void show(final String output, final ImagePlus imp) {
		display(imp);
		setOutput(output, imp);
		resolveOutput(output);
	}

	/** Shows a result: a window in the GUI (small images zoomed in), the current (batch-mode) image in a macro. */
	private static void display(final ImagePlus imp) {
		if (GraphicsEnvironment.isHeadless() && !IJ.isMacro()) {
			WindowManager.setTempCurrentImage(imp);
			return;
		}
		imp.show();
		final int edge = Math.max(imp.getWidth(), imp.getHeight());
		if (imp.getWindow() != null && edge < SMALL) Zoom.set(imp, Math.floor(2.0 * SMALL / edge));
	}
}
