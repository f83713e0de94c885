package org.diffusionj.command;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.scijava.module.ModuleItem;
import org.scijava.module.MutableModuleInfo;

/**
 * The order in which a dialog (Fiji's or the app's) and the macro recorder list a command's keys: those a user
 * changes most first, tiling, batching and the device last. SciJava lists a superclass's fields before a class's
 * own, which would put model and device first and a command's own keys (count, strength) after the sampler's.
 */
final class DialogOrder {

	/** Keys by rank; a key not named here keeps its place after them (services, which no dialog shows). */
	static final List<String> RANK = Arrays.asList("image", "count", "points", "strength", "samples", "start", "label",
		"sampler", "steps", "range", "eta", "epsilon", "seed", "guidance", "width", "height", "every", "jump", "resample",
		"keep", "residual", "frames", "x0", "field", "size", "schedule", "timesteps", "model", "type", "preview", "tile",
		"overlap", "noise", "batch", "device");

	private DialogOrder() {}

	/** Deconvolve Image...'s keys: the microscope first (PSF, then camera), the sampler after. */
	static final List<String> DECONVOLVE = Arrays.asList("image", "psf", "sigma", "wavelength", "na", "immersion",
		"pixel", "psf_file", "noise", "gain", "offset", "read", "noise_std", "samples", "steps", "seed", "keep", "model",
		"tile", "overlap", "device");

	/** Puts the inputs of a module's own (mutable) info in dialog order. */
	static void apply(final MutableModuleInfo info) {
		apply(info, RANK);
	}

	/** Puts the inputs in the order of rank (keys not in it after those that are). */
	static void apply(final MutableModuleInfo info, final List<String> rank) {
		final List<ModuleItem<?>> inputs = new ArrayList<>();
		for (final ModuleItem<?> item : info.inputs()) inputs.add(item);
		final List<ModuleItem<?>> sorted = new ArrayList<>(inputs);
		sorted.sort(Comparator.comparingInt(item -> rank(rank, item))); // stable: unranked items keep their order
		for (final ModuleItem<?> item : inputs) info.removeInput(item);
		for (final ModuleItem<?> item : sorted) info.addInput(item);
	}

	private static int rank(final List<String> rank, final ModuleItem<?> item) {
		final int r = rank.indexOf(item.getName());
		return r < 0 ? rank.size() : r;
	}
}
