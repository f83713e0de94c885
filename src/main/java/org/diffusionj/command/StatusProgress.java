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

	/**
	 * This progress for one batch of {@code n} items starting at item {@code first} of {@code total}: the
	 * bar moves through the whole run.
	 */
	StepListener part(final long first, final int n, final int total) {
		final StatusProgress whole = this;
		return new StepListener() {
			@Override
			public void stepDone(final int index, final int steps, final int t, final Tensor x, final Prediction p) {
				final long doneSteps = first * steps + (long) (index + 1) * n;
				whole.stepDone((int) (doneSteps - 1), total * steps, t, x, p);
			}

			@Override
			public boolean isCanceled() {
				return whole.isCanceled();
			}
		};
	}

	@Override
	public boolean isCanceled() {
		return canceled.getAsBoolean() || IJ.escapePressed();
	}
}
