package org.diffusionj.app;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;

import java.awt.GraphicsEnvironment;
import java.util.Locale;

import org.diffusionj.command.DiffusionCommand;
import org.scijava.Cancelable;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.convert.ConvertService;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.ModuleRunner;
import org.scijava.module.ModuleService;
import org.scijava.module.process.PostprocessorPlugin;
import org.scijava.module.process.PreprocessorPlugin;
import org.scijava.plugin.PluginService;
import org.scijava.service.Service;

/**
 * One call of a command from ImageJ 1.x, in imagej-legacy's order: macro values (key = lower-cased
 * field name) or a dialog, then the active image for a single ImagePlus input, then the SciJava
 * pre-processors, the command and the post-processors, all on the calling (macro) thread so that
 * {@code Macro.getOptions()} answers inside the command.
 */
final class CommandCall {

	private final Context context;
	private final CommandInfo info;

	CommandCall(final Context context, final CommandInfo info) {
		this.context = context;
		this.info = info;
	}

	void run() {
		final Module module = context.service(ModuleService.class).createModule(info);
		final String options = IJ.isMacro() ? Macro.getOptions() : null;
		if (options != null) {
			if (!fillFromMacro(module, options)) return;
		}
		else if (!GraphicsEnvironment.isHeadless()) {
			if (!new DialogHarvester(info, module).harvest()) return; // the user canceled the dialog
		}
		fillActiveImage(module);
		final PluginService plugins = context.service(PluginService.class);
		new ModuleRunner(context, module, plugins.createInstancesOfType(PreprocessorPlugin.class), plugins
			.createInstancesOfType(PostprocessorPlugin.class)).run();
		// NB: a module SciJava refuses (an invalid command) is canceled with a reason and would vanish without a word
		if (module instanceof Cancelable && ((Cancelable) module).isCanceled()) {
			final String reason = ((Cancelable) module).getCancelReason();
			if (reason != null && !reason.isEmpty()) IJ.error(DiffusionCommand.TITLE, reason);
		}
	}

	/** Sets every input named in the options; false (after an error that stops the macro) on a bad value. */
	private boolean fillFromMacro(final Module module, final String options) {
		try {
			fillFromOptions(context, module, options);
			return true;
		}
		catch (final IllegalArgumentException e) {
			IJ.error(DiffusionCommand.TITLE, e.getMessage());
			return false;
		}
	}

	/** Sets and resolves every input named in macro options; throws with one sentence on a value of the wrong kind. */
	static void fillFromOptions(final Context context, final Module module, final String options) {
		final ConvertService convert = context.service(ConvertService.class);
		for (final ModuleItem<?> item : module.getInfo().inputs()) {
			if (isService(item)) continue;
			final String key = item.getName().toLowerCase(Locale.US);
			final String value = Macro.getValue(options, key, null);
			if (value == null) continue;
			final Object converted = MacroValues.convert(convert, value, item.getType());
			if (converted == null) {
				throw new IllegalArgumentException(key + "=" + value + " is not a valid value for '" + key + "' (" +
					typeName(item.getType()) + " expected).");
			}
			module.setInput(item.getName(), converted);
			module.resolveInput(item.getName());
		}
	}

	private static String typeName(final Class<?> type) {
		if (type == int.class || type == Integer.class || type == long.class || type == Long.class) return "a whole number";
		if (type == double.class || type == Double.class || type == float.class) return "a number";
		if (type == ImagePlus.class) return "an image title or ID";
		return type.getSimpleName();
	}

	static boolean isService(final ModuleItem<?> item) {
		return Service.class.isAssignableFrom(item.getType()) || item.getType() == Context.class;
	}

	/** imagej-legacy's ActiveImagePlusPreprocessor: one unresolved ImagePlus input takes the current image. */
	private void fillActiveImage(final Module module) {
		ModuleItem<?> single = null;
		for (final ModuleItem<?> item : info.inputs()) {
			if (item.getType() != ImagePlus.class || module.isInputResolved(item.getName())) continue;
			if (single != null) return;
			single = item;
		}
		final ImagePlus current = WindowManager.getCurrentImage();
		if (single != null && current != null) {
			module.setInput(single.getName(), current);
			module.resolveInput(single.getName());
		}
	}
}
