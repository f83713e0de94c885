package org.diffusionj.image;

import ij.process.ColorProcessor;

import java.awt.Color;
import java.awt.Font;

/**
 * One frame of the Diffusion Playground: points of the plane drawn into a square RGB image that shows [low, high] on
 * both axes (y up), with axes, a title and, on request, other point clouds and arrows in their own colours.
 */
public final class ScatterPlot {

	public static final Color SAMPLES = new Color(31, 90, 200), PREDICTED = new Color(240, 140, 20),
		DATA = new Color(205, 205, 205), ARROWS = new Color(200, 40, 40);

	private final ColorProcessor ip;
	private final double low, high;

	public ScatterPlot(final int size, final double low, final double high) {
		this.ip = new ColorProcessor(size, size);
		this.low = low;
		this.high = high;
		ip.setColor(Color.WHITE);
		ip.fill();
		ip.setColor(new Color(225, 225, 225));
		ip.drawLine(column(0), 0, column(0), size - 1);
		ip.drawLine(0, row(0), size - 1, row(0));
	}

	private int column(final double x) {
		return (int) Math.round((x - low) / (high - low) * (ip.getWidth() - 1));
	}

	private int row(final double y) {
		return (int) Math.round((high - y) / (high - low) * (ip.getHeight() - 1));
	}

	/** Points (x0, y0, x1, y1, ...) as dots of {@code dot} pixels; points outside the square are left out. */
	public ScatterPlot points(final float[] xy, final Color color, final int dot) {
		ip.setColor(color);
		for (int i = 0; i + 1 < xy.length; i += 2) {
			final int c = column(xy[i]) - dot / 2, r = row(xy[i + 1]) - dot / 2;
			if (c < 0 || r < 0 || c + dot > ip.getWidth() || r + dot > ip.getHeight()) continue;
			ip.setRoi(c, r, dot, dot);
			ip.fill();
		}
		ip.resetRoi();
		return this;
	}

	/** An arrow from each point (x, y) to (x + dx, y + dy), its head a dot. */
	public ScatterPlot arrows(final float[] from, final float[] delta, final Color color) {
		ip.setColor(color);
		for (int i = 0; i + 1 < from.length; i += 2) {
			final int c0 = column(from[i]), r0 = row(from[i + 1]);
			final int c1 = column(from[i] + delta[i]), r1 = row(from[i + 1] + delta[i + 1]);
			ip.drawLine(c0, r0, c1, r1);
			ip.drawDot(c1, r1);
			ip.drawDot(c1 + 1, r1);
			ip.drawDot(c1, r1 + 1);
		}
		return this;
	}

	public ScatterPlot title(final String text) {
		ip.setColor(Color.BLACK);
		ip.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(10, ip.getWidth() / 32)));
		ip.setAntialiasedText(false);
		ip.drawString(text, 6, 6 + ip.getFontMetrics().getHeight());
		return this;
	}

	public ColorProcessor processor() {
		return ip;
	}
}
