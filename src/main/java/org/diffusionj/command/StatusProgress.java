package org.diffusionj.command;

import ij.IJ;
import ij.ImagePlus;
import ij.plugin.Zoom;
import ij.process.FloatProcessor;

import java.util.function.BooleanSupplier;

import org.diffusionj.sampling.Prediction;
import org.diffusionj.sampling.StepListener;
import org.diffusionj.sampling.Tensor;

/**
 * Sampler progress in the ImageJ status bar, with the time left; Esc or the command's Cancel stops the
 * run. With a preview, a window shows the current predicted clean image (first item, first channel)
 * about twenty times per run, updated in place and closed at the end.
 */
final class StatusProgress implements StepListener, AutoCloseable {

	private final String label;
	private final BooleanSupplier canceled;
	private final boolean preview;
	private final long start = System.nanoTime();
	private ImagePlus window;

	StatusProgress(final String label, final BooleanSupplier canceled, final boolean preview) {
		this.label = label;
		this.canceled = canceled;
		this.preview = preview;
	}

	private void showPreview(final Tensor x0Pred, final String title) {
		final FloatProcessor fp = new FloatProcessor(x0Pred.w(), x0Pred.h(), java.util.Arrays.copyOf(x0Pred.data(), x0Pred
			.w() * x0Pred.h()));
		fp.setMinAndMax(-1, 1);
		if (window == null) {
			window = new ImagePlus(title, fp);
			window.show();
			if (window.getWindow() != null && x0Pred.w() < 256) Zoom.set(window, Math.floor(256.0 / x0Pred.w()));
		}
		else {
			window.setProcessor(fp);
			window.setTitle(title);
		}
	}

	@Override
	public void close() {
		if (window != null) {
			window.changes = false;
			window.close();
			window = null;
		}
	}

	@Override
	public void stepDone(final int index, final int total, final int t, final Tensor x, final Prediction p) {
		final int done = index + 1;
		final double elapsed = (System.nanoTime() - start) / 1e9;
		final double left = elapsed / done * (total - done);
		IJ.showStatus(label + " step " + done + "/" + total + (elapsed > 2 && done < total ? ", " + Math.round(left) +
			" s left" : "") + " (Esc cancels)");
		IJ.showProgress(done, total);
		if (preview && (done % Math.max(1, total / 20) == 0 || done == total)) {
			showPreview(p.x0Pred(), label.replace("...", "") + " preview: predicted x0 at t=" + t);
		}
	}

	@Override
	public boolean isCanceled() {
		return canceled.getAsBoolean() || IJ.escapePressed();
	}

	@Override
	public void note(final String message) {
		IJ.log("DiffusionJ " + label + ": " + message);
	}
}
