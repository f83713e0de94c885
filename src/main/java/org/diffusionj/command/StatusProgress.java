package org.diffusionj.command;

import ij.IJ;

import java.util.function.BooleanSupplier;

import org.diffusionj.sampling.Prediction;
import org.diffusionj.sampling.StepListener;
import org.diffusionj.sampling.Tensor;

/** Sampler progress in the ImageJ status bar, with the time left; Esc or the command's Cancel stops the run. */
final class StatusProgress implements StepListener {

	private final String label;
	private final BooleanSupplier canceled;
	private final long start = System.nanoTime();

	StatusProgress(final String label, final BooleanSupplier canceled) {
		this.label = label;
		this.canceled = canceled;
	}

	@Override
	public void stepDone(final int index, final int total, final int t, final Tensor x, final Prediction p) {
		final int done = index + 1;
		final double elapsed = (System.nanoTime() - start) / 1e9;
		final double left = elapsed / done * (total - done);
		IJ.showStatus(label + " step " + done + "/" + total + (elapsed > 2 && done < total ? ", " + Math.round(left) +
			" s left" : "") + " (Esc cancels)");
		IJ.showProgress(done, total);
	}

	@Override
	public boolean isCanceled() {
		return canceled.getAsBoolean() || IJ.escapePressed();
	}
}
