package org.diffusionj.app;

import ij.ImagePlus;
import ij.Macro;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.diffusionj.command.DeconvolveImageCommand;
import org.diffusionj.command.DiffusionCommand;
import org.diffusionj.command.MacroKeys;
import org.scijava.Cancelable;
import org.scijava.Context;
import org.scijava.InstantiableException;
import org.scijava.command.CommandInfo;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.ModuleRunner;
import org.scijava.module.ModuleService;
import org.scijava.module.process.PostprocessorPlugin;
import org.scijava.module.process.PreprocessorPlugin;
import org.scijava.plugin.PluginService;

/**
 * Runs a DiffusionJ command on an image from Java, on the calling thread, with no macro, window or dialog: what an
 * engine that calls Java (a Spark task) needs. The options are a macro's ("strength=0.3 seed=7"): the same keys,
 * values and defaults as {@code run(label, options)} in a macro, and the same pixels. Read here, once, into the
 * command's inputs (no macro is faked: the calling thread keeps its name, and an outer macro's options are hidden
 * from the inner run). Calls on several
 * threads at once share the JVM's one context and its model sessions.
 */
public final class HeadlessCommands {

	/** The sampling commands' key for a live window, which a call from Java never opens (as a macro never does). */
	private static final String PREVIEW = "preview";

	/** Every sampling command's seed key, which the caller gives as a number (a file's own seed). */
	private static final String SEED = "seed";

	private HeadlessCommands() {}

	/**
	 * Runs the command of this label (a menu leaf, e.g. "Restore Image...") on {@code input}, which it does not modify.
	 *
	 * @param seed the run's seed (a file's own, {@link BatchShard#fileSeed}), in place of any in the options
	 * @return the images it made by output name ({@link DiffusionCommand#RESULT}, {@code MEAN}, {@code STD},
	 *         {@code SAMPLES}, {@code LOWER}, {@code UPPER}, Deconvolve's {@code DENOISED}, {@code RESIDUAL}, in that
	 *         order)
	 * @throws IllegalArgumentException with the one sentence a user would have been shown
	 */
	public static Map<String, ImagePlus> run(final String label, final ImagePlus input, final String options,
		final long seed)
	{
		return run(SharedContext.get(), label, input, options, seed, Collections.emptyMap());
	}

	/**
	 * As {@link #run(String, ImagePlus, String, long)}, with some inputs set by the caller as values, over the user's
	 * options (a Spark block: one range for all blocks, noise by position, 32-bit results).
	 */
	public static Map<String, ImagePlus> run(final String label, final ImagePlus input, final String options,
		final long seed, final Map<String, ?> inputs)
	{
		return run(SharedContext.get(), label, input, options, seed, inputs);
	}

	/**
	 * As {@link #run(String, ImagePlus, String, long)}, in a given context: a command that runs other commands (Batch
	 * Folder...) passes its own, so that in Fiji they run in Fiji's context and not in a second one.
	 */
	public static Map<String, ImagePlus> run(final Context context, final String label, final ImagePlus input,
		final String options, final long seed)
	{
		return run(context, label, input, options, seed, Collections.emptyMap());
	}

	private static Map<String, ImagePlus> run(final Context context, final String label, final ImagePlus input,
		final String options, final long seed, final Map<String, ?> inputs)
	{
		final CommandInfo info = command(context, label);
		check(info, label, options); // the sentence a macro gets
		final Module module = context.service(ModuleService.class).createModule(info);
		CommandCall.fillFromOptions(context, module, options);
		final ModuleItem<?> image = imageInput(info, label);
		module.setInput(image.getName(), input);
		module.resolveInput(image.getName());
		if (module.getInfo().getInput(PREVIEW) != null) module.setInput(PREVIEW, false); // no window, as in a macro
		if (module.getInfo().getInput(SEED) != null) module.setInput(SEED, seed); // a number, never text again
		inputs.forEach((key, value) -> {
			if (module.getInfo().getInput(key) != null) module.setInput(key, value);
		});
		for (final ModuleItem<?> item : module.getInfo().inputs()) module.resolveInput(item.getName()); // the defaults
		final DiffusionCommand command = (DiffusionCommand) module.getDelegateObject();
		command.reportToCaller(); // NB: an IJ.error inside a macro's run(...) would abort the macro, not this file
		runWithoutMacroOptions(context, module);
		if (command.problem() != null) throw new IllegalArgumentException(command.problem());
		if (module instanceof Cancelable && ((Cancelable) module).isCanceled()) {
			throw new IllegalArgumentException(label + " did not run: " + ((Cancelable) module).getCancelReason());
		}
		final Map<String, ImagePlus> outputs = new LinkedHashMap<>();
		for (final String name : new String[] { DiffusionCommand.RESULT, DiffusionCommand.MEAN, DiffusionCommand.STD,
			DiffusionCommand.SAMPLES, DiffusionCommand.LOWER, DiffusionCommand.UPPER, DeconvolveImageCommand.DENOISED,
			DiffusionCommand.RESIDUAL })
		{
			final Object value = module.getOutput(name);
			if (value instanceof ImagePlus) outputs.put(name, (ImagePlus) value);
		}
		if (outputs.isEmpty()) throw new IllegalArgumentException(label + " made no image.");
		return outputs;
	}

	/** Throws unless this label names a DiffusionJ command that takes an image and these options are its keys. */
	public static void check(final String label, final String options) {
		check(SharedContext.get(), label, options);
	}

	/** As {@link #check(String, String)}, in a given context. */
	public static void check(final Context context, final String label, final String options) {
		final CommandInfo info = command(context, label);
		check(info, label, options);
		imageInput(info, label);
	}

	private static CommandInfo command(final Context context, final String label) {
		final Map<String, CommandInfo> commands = MenuCommands.of(context);
		final CommandInfo info = commands.get(label);
		if (info == null) {
			throw new IllegalArgumentException("DiffusionJ has no command " + label + " (its commands are " + String.join(
				", ", commands.keySet()) + ").");
		}
		return info;
	}

	private static void check(final CommandInfo info, final String label, final String options) {
		try {
			MacroKeys.check(info.loadClass(), label, options);
		}
		catch (final InstantiableException e) {
			throw new IllegalArgumentException(label + " cannot be loaded: " + e.getMessage(), e);
		}
	}

	private static ModuleItem<?> imageInput(final CommandInfo info, final String label) {
		for (final ModuleItem<?> item : info.inputs()) {
			if (item.getType() == ImagePlus.class) return item;
		}
		throw new IllegalArgumentException(label + " takes no image, so it cannot process files.");
	}

	/**
	 * Runs the module's pre-processors, the command and its post-processors on this thread, with no macro options
	 * answering {@code Macro.getOptions()}: on the thread of a macro that runs Batch Folder... or Calibrate
	 * Uncertainty..., imagej-legacy's MacroPreprocessor would otherwise set every input named in the <em>outer</em>
	 * macro's options (its seed over the file's own). The class loader is this plugin's (a Spark executor's thread may
	 * have another). Both are as they were afterwards.
	 */
	private static void runWithoutMacroOptions(final Context context, final Module module) {
		final Thread thread = Thread.currentThread();
		final ClassLoader loader = thread.getContextClassLoader();
		final String outer = Macro.getOptions(); // NB: ImageJ 1.x answers with a space appended
		thread.setContextClassLoader(HeadlessCommands.class.getClassLoader());
		if (outer != null) Macro.setOptions(thread, null);
		try {
			final PluginService plugins = context.service(PluginService.class);
			new ModuleRunner(context, module, plugins.createInstancesOfType(PreprocessorPlugin.class), plugins
				.createInstancesOfType(PostprocessorPlugin.class)).run();
		}
		finally {
			if (outer != null) Macro.setOptions(thread, outer.endsWith(" ") ? outer.substring(0, outer.length() - 1) : outer);
			thread.setContextClassLoader(loader);
		}
	}
}
