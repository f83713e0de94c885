package org.diffusionj.image;

import ij.ImagePlus;
import ij.gui.Plot;

import java.awt.Color;

/** The terms of a variational bound as a plot: bits per dimension against t, on a log scale, with a summary line. */
public final class BoundPlot {

	private BoundPlot() {}

	/** @param terms nats per dimension, L_0 … L_{T−2} and the prior term last (which the plot leaves out) */
	public static ImagePlus of(final double[] terms, final String title, final String summary) {
		final int T = terms.length - 1;
		final double[] t = new double[T], perStep = new double[T];
		for (int i = 0; i < T; i++) {
			t[i] = i;
			perStep[i] = terms[i] / Math.log(2);
		}
		final Plot plot = new Plot(title, "t", "bits/dim");
		plot.setColor(Color.BLUE);
		plot.addPoints(t, perStep, Plot.LINE);
		plot.setLogScaleY();
		plot.addLabel(0.02, 0.08, summary);
		return plot.getImagePlus();
	}
}
