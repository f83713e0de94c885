package org.diffusionj.api;

import ij.IJ;

import java.util.List;

import org.diffusionj.model.Calibrations;
import org.diffusionj.model.IntervalSettings;
import org.diffusionj.model.LoadedModel;
import org.diffusionj.model.ModelLoadException;

/** A model's calibrated interval (Calibrate Uncertainty...) for the settings of one run, as Restore and Deconvolve ask. */
final class IntervalLookup {

	private IntervalLookup() {}

	/**
	 * The entry of the model's calibration.json that holds for these settings, or null: then the std alone, and for a
	 * model calibrated for other settings one Log line (once per model and settings) saying so. Of several that hold
	 * (other α or δ), the newest, and one Log line says which.
	 */
	static Calibrations.Entry find(final LoadedModel model, final IntervalSettings settings) throws ModelLoadException {
		if (settings.samples < 2) return null;
		final List<Calibrations.Entry> entries = Calibrations.read(model.folder().dir());
		final List<Calibrations.Entry> holding = Calibrations.holding(entries, settings);
		final Calibrations.Entry entry = holding.isEmpty() ? null : holding.get(holding.size() - 1);
		if (holding.size() > 1 && model.firstNotice("calibrations " + settings.command + " " + settings)) {
			IJ.log("DiffusionJ: model " + model.config().name() + " has " + holding.size() + " calibrations for these " +
				"settings; the newest is used: " + entry.promise() + " (Model Info lists them all).");
		}
		if (entry == null && !entries.isEmpty() && model.firstNotice("calibration " + settings.command + " " + settings)) {
			IJ.log("DiffusionJ: model " + model.config().name() + " is not calibrated for these settings (" + settings +
				"): the std alone, no calibrated interval (Model Info lists the calibrated settings).");
		}
		return entry;
	}
}
