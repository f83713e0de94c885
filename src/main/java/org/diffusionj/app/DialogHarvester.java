package org.diffusionj.app;

import ij.ImagePlus;
import ij.gui.GenericDialog;
import ij.plugin.frame.Recorder;

import java.awt.Choice;
import java.awt.TextField;

import java.util.ArrayList;
import java.util.List;

import org.diffusionj.api.ModelPaths;
import org.diffusionj.command.DiffusionCommand;
import org.diffusionj.model.ModelConfig;
import org.diffusionj.model.ModelFolder;
import org.diffusionj.model.ModelLoadException;
import org.diffusionj.sampling.SamplerKind;
import org.scijava.command.CommandInfo;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;

/**
 * The GUI dialog of a command outside Fiji: one ImageJ 1.x dialog field per parameter, labelled with
 * the parameter name so that the macro recorder writes the same keys Fiji does.
 */
final class DialogHarvester {

	private final CommandInfo info;
	private final Module module;
	private String[] classNames; // of the model the dialog opened with
	private Choice sampler; // the dialog's sampler choice and eta field, when it has both
	private TextField eta;

	DialogHarvester(final CommandInfo info, final Module module) {
		this.info = info;
		this.module = module;
	}

	/** "none" and the class names of the command's current model, or null when it has none (or cannot be read). */
	private String[] classNames() {
		return classNames;
	}

	private String[] readClassNames() {
		final Object model = module.getInput("model");
		if (!(model instanceof String)) return null;
		try {
			final ModelConfig config = ModelFolder.open(ModelPaths.resolve((String) model)).config();
			if (!config.isConditional()) return null;
			final List<String> names = new ArrayList<>();
			names.add("none");
			names.addAll(config.classNames());
			return names.toArray(new String[0]);
		}
		catch (final ModelLoadException e) {
			return null; // NB: the command reports a broken model folder itself, with its one sentence
		}
	}

	/** @return false when the user canceled */
	boolean harvest() {
		classNames = readClassNames();
		final GenericDialog gd = new GenericDialog(info.getMenuPath().getLeaf().getName().replace("...", ""));
		final List<ModuleItem<?>> items = new ArrayList<>();
		final StringBuilder help = new StringBuilder("<html>");
		for (final ModuleItem<?> item : module.getInfo().inputs()) { // the module's own order (DialogOrder)
			if (CommandCall.isService(item) || item.getType() == ImagePlus.class) continue;
			if (classNames() == null && DiffusionCommand.CLASS_KEYS.contains(item.getName())) continue; // no classes
			items.add(item);
			addField(gd, item);
			if (item.getName().equals("sampler") && gd.getChoices() != null) sampler = (Choice) gd.getChoices().lastElement();
			if (item.getName().equals("eta") && gd.getNumericFields() != null) {
				eta = (TextField) gd.getNumericFields().lastElement();
			}
			if (item.getDescription() != null) {
				help.append("<b>").append(item.getName()).append("</b>: ").append(item.getDescription()).append("<br>");
			}
		}
		gd.addHelp(help.toString());
		etaFollowsSampler();
		gd.showDialog();
		if (gd.wasCanceled()) {
			Recorder.setCommand(null); // a canceled dialog records nothing, as in ImageJ
			return false;
		}
		for (final ModuleItem<?> item : items) read(gd, item);
		return true;
	}

	/**
	 * eta applies to DDIM only: its field is greyed out while another sampler is chosen (its value still goes to the
	 * command, which ignores it, and to the recorder).
	 */
	private void etaFollowsSampler() {
		if (sampler == null || eta == null) return;
		final Runnable follow = () -> eta.setEnabled(SamplerKind.DDIM.label().equals(sampler.getSelectedItem()));
		follow.run();
		sampler.addItemListener(e -> follow.run());
	}

	private void addField(final GenericDialog gd, final ModuleItem<?> item) {
		final String name = item.getName();
		final Object value = item.getValue(module);
		final Class<?> type = item.getType();
		if (name.equals("model") && type == String.class) gd.addDirectoryField(name, String.valueOf(value), 25);
		else if (name.equals("label") && type == String.class && classNames() != null) {
			gd.addChoice(name, classNames(), String.valueOf(value));
		}
		else if (item.getChoices() != null && !item.getChoices().isEmpty()) {
			final String[] choices = item.getChoices().stream().map(Object::toString).toArray(String[]::new);
			gd.addChoice(name, choices, String.valueOf(value));
		}
		else if (type == boolean.class || type == Boolean.class) gd.addCheckbox(name, Boolean.TRUE.equals(value));
		else if (isInteger(type)) gd.addNumericField(name, ((Number) value).doubleValue(), 0);
		else if (Number.class.isAssignableFrom(box(type))) gd.addNumericField(name, ((Number) value).doubleValue(), 3);
		else gd.addStringField(name, value == null ? "" : value.toString(), 30);
	}

	private void read(final GenericDialog gd, final ModuleItem<?> item) {
		final Class<?> type = item.getType();
		final Object value;
		if (item.getName().equals("label") && type == String.class && classNames() != null) value = gd.getNextChoice();
		else if (item.getChoices() != null && !item.getChoices().isEmpty()) value = gd.getNextChoice();
		else if (type == boolean.class || type == Boolean.class) value = gd.getNextBoolean();
		else if (type == int.class || type == Integer.class) value = (int) gd.getNextNumber();
		else if (type == long.class || type == Long.class) value = (long) gd.getNextNumber();
		else if (type == float.class || type == Float.class) value = (float) gd.getNextNumber();
		else if (type == double.class || type == Double.class) value = gd.getNextNumber();
		else value = gd.getNextString();
		module.setInput(item.getName(), value);
		module.resolveInput(item.getName());
	}

	private static boolean isInteger(final Class<?> type) {
		return type == int.class || type == Integer.class || type == long.class || type == Long.class;
	}

	private static Class<?> box(final Class<?> type) {
		if (type == double.class) return Double.class;
		if (type == float.class) return Float.class;
		return type;
	}
}
