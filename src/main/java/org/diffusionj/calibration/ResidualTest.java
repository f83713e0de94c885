package org.diffusionj.calibration;

import java.util.List;
import java.util.Locale;

/**
 * Whether a restoration's samples explain the image they were drawn for: a posterior predictive check (Rubin 1984;
 * Gelman, Meng &amp; Stern 1996) on the residuals y − x_k.
 * <p>
 * If x_k is drawn from the true posterior p(x | y), the pair (x_k, y) has the law of (x, y), so y − x_k has the law of
 * the camera's noise: white, of variance a + b·x (Poisson–Gaussian: b the gain, a the read-noise variance less gain ×
 * offset). A model off its training data paints structure the image does not hold or misses structure it holds; then
 * the residuals carry that structure. The test fits a and b to all samples' residuals by least squares (the camera
 * need not be known), normalises z = (y − x_k) / √(a + b·x_k), and cuts it into tiles of about {@link #TILE} px
 * (the size the threshold was set on: a score grows with the pixels a deviation spans, so a whole large image would
 * flag what a tile forgives). In each tile it centres z (an offset is not structure, and one of a twentieth of the
 * noise would dominate the coarse scales) and asks at each scale whether z is white:
 * <ul>
 * <li>pixel scale: the mean correlation of horizontal and of vertical neighbours, scored in units of 1/√N (its error
 * for white noise is 1/√(2N), so this scale is scored √2 more leniently than the others; the threshold was set so);</li>
 * <li>scale w (2, 4, 8, 16 px): T_w = w² · mean over w×w blocks of (block mean of z)² / mean(z²), which is 1 ±
 * √(2/blocks) for white noise (a block mean of w² unit variables has variance 1/w²).</li>
 * </ul>
 * Each deviation is standardised by its error under white noise and averaged over the samples; a tile's score is the
 * largest, and a tile whose score passes {@link #THRESHOLD} fails. A plane is "inconsistent" when more than a quarter
 * of its tiles fail (its only tile, for an image up to 191 px). Scales with fewer than {@link #MIN_BLOCKS} blocks in a
 * tile are not tested.
 */
public final class ResidualTest {

	/**
	 * Scores above this mean structure in the residuals. Set on 40 simulated pairs disjoint from training and from the
	 * test set (docs/models.md, training/evaluate_residual_test.py): their largest score at 8 samples, 4.1, and a
	 * fifth more, rounded up.
	 */
	public static final double THRESHOLD = 5.0;

	static final int[] SCALES = { 2, 4, 8, 16 };
	static final int MIN_BLOCKS = 16;
	/** Images narrower or lower than this are not tested: too few neighbours for any scale. */
	static final int MIN_SIDE = 8;
	/** The test's tile size, px: the size of the images the threshold was set on. */
	static final int TILE = 128;

	private ResidualTest() {}

	/** The verdict on one plane. */
	public static final class Result {

		/** The largest standardised deviation from white noise of any tile, and the scale (px; 1 = neighbours). */
		public final double score;
		public final int scale;
		/** Tiles whose score passes the threshold, of all tiles. */
		public final int failed, tiles;
		/** The noise model the residuals gave: variance = readVariance + gain · intensity (image units). */
		public final double gain, readVariance;
		/** The threshold a tile's score must pass to fail. */
		public final double threshold;
		private final double[] tileScores; // each tested tile's score

		Result(final double score, final int scale, final int failed, final int tiles, final double gain,
			final double readVariance)
		{
			this(score, scale, failed, tiles, gain, readVariance, THRESHOLD, new double[0]);
		}

		private Result(final double score, final int scale, final int failed, final int tiles, final double gain,
			final double readVariance, final double threshold, final double[] tileScores)
		{
			this.threshold = threshold;
			this.tileScores = tileScores;
			this.score = score;
			this.scale = scale;
			this.failed = failed;
			this.tiles = tiles;
			this.gain = gain;
			this.readVariance = readVariance;
		}

		/**
		 * The same test with another threshold (a calibration's: the largest score its images reached, when that is
		 * above {@link #THRESHOLD}); an image returned unchanged stays inconsistent.
		 */
		public Result at(final double otherThreshold) {
			if (tileScores.length != tiles) return this; // NB: untested, or the image returned unchanged
			int over = 0;
			for (final double t : tileScores) if (t > otherThreshold) over++;
			return new Result(score, scale, over, tiles, gain, readVariance, otherThreshold, tileScores);
		}

		/** At most a quarter of the tiles fail (none of one, two or three); an untested image is not called inconsistent. */
		public boolean consistent() {
			return 4 * failed <= tiles;
		}

		@Override
		public String toString() {
			if (tiles == 0) return "not tested: no tile of at least " + MIN_SIDE + " × " + MIN_SIDE + " pixels with a residual";
			return String.format(Locale.US, "%sscore %.1f at %d px, threshold %.1f", tiles == 1 ? "" : failed + " of " +
				tiles + " tiles over the threshold, highest ", score, scale, threshold);
		}
	}

	/**
	 * @param y the image, width × height, row by row
	 * @param samples the restoration's samples of it, in the image's units
	 */
	public static Result of(final float[] y, final List<float[]> samples, final int width, final int height) {
		final double[] noise = noiseModel(y, samples);
		if (width < MIN_SIDE || height < MIN_SIDE) return new Result(Double.NaN, 1, 0, 0, noise[1], noise[0]);
		final int[] rows = tiles(height), columns = tiles(width);
		final int count = (rows.length - 1) * (columns.length - 1);
		if (noise[2] == 0) return new Result(Double.POSITIVE_INFINITY, 1, count, count, 0, 0); // the image returned
		final double floor = 1e-3 * noise[2];
		final double[][] deviation = new double[count][SCALES.length + 1];
		final int[] tested = new int[deviation.length]; // samples whose residual in the tile is not constant
		for (final float[] x : samples) {
			final double[] z = new double[y.length];
			for (int i = 0; i < y.length; i++) {
				z[i] = ((double) y[i] - x[i]) / Math.sqrt(Math.max(noise[0] + noise[1] * x[i], floor));
			}
			for (int r = 0; r + 1 < rows.length; r++) {
				for (int c = 0; c + 1 < columns.length; c++) {
					final double[] d = deviation[r * (columns.length - 1) + c];
					final double[] tile = tile(z, width, rows[r], rows[r + 1], columns[c], columns[c + 1]);
					final int w = columns[c + 1] - columns[c], h = rows[r + 1] - rows[r];
					final double zz = meanSquare(tile);
					if (!(zz > 0)) continue; // a constant residual (a clipped region, say) says nothing
					tested[r * (columns.length - 1) + c]++;
					d[0] += neighbourCorrelation(tile, w, h, zz) * Math.sqrt(tile.length);
					for (int s = 0; s < SCALES.length; s++) {
						final int blocks = (w / SCALES[s]) * (h / SCALES[s]);
						if (blocks >= MIN_BLOCKS) d[s + 1] += (blockPower(tile, w, h, SCALES[s]) / zz - 1) / Math.sqrt(2.0 /
							blocks);
					}
				}
			}
		}
		double score = 0;
		int scale = 1, failed = 0, tiles = 0;
		final double[] tileScores = new double[deviation.length];
		for (int t = 0; t < deviation.length; t++) {
			if (tested[t] == 0) continue;
			tiles++;
			final double[] d = deviation[t];
			double tileScore = 0;
			for (int s = 0; s < d.length; s++) {
				final double v = Math.abs(d[s] / tested[t]);
				tileScore = Math.max(tileScore, v);
				if (v > score) {
					score = v;
					scale = s == 0 ? 1 : SCALES[s - 1];
				}
			}
			if (tileScore > THRESHOLD) failed++;
			tileScores[tiles - 1] = tileScore;
		}
		return new Result(score, scale, failed, tiles, noise[1], noise[0], THRESHOLD, java.util.Arrays.copyOf(tileScores,
			tiles));
	}

	/** Tile edges along an axis of {@code length} px: round(length / TILE) tiles (at least one) of near-equal size. */
	static int[] tiles(final int length) {
		final int n = Math.max(1, (int) Math.floor(length / (double) TILE + 0.5));
		final int[] edges = new int[n + 1];
		for (int k = 0; k <= n; k++) edges[k] = (int) ((long) k * length / n);
		return edges;
	}

	/** The tile [y0, y1) × [x0, x1) of z, row by row, less its mean (an offset of a tile is not structure). */
	private static double[] tile(final double[] z, final int width, final int y0, final int y1, final int x0,
		final int x1)
	{
		final double[] t = new double[(y1 - y0) * (x1 - x0)];
		double mean = 0;
		for (int r = y0, i = 0; r < y1; r++) {
			for (int c = x0; c < x1; c++, i++) {
				t[i] = z[r * width + c];
				mean += t[i];
			}
		}
		mean /= t.length;
		for (int i = 0; i < t.length; i++) t[i] -= mean;
		return t;
	}

	/**
	 * {a, b, m}: the least-squares fit (y − x_k)² ≈ a + b·x_k over every pixel of every sample, and m the mean of
	 * (y − x_k)².
	 */
	static double[] noiseModel(final float[] y, final List<float[]> samples) {
		double n = 0, sx = 0, sxx = 0, sr = 0, sxr = 0;
		for (final float[] x : samples) {
			for (int i = 0; i < y.length; i++) {
				final double r2 = sq((double) y[i] - x[i]);
				n++;
				sx += x[i];
				sxx += (double) x[i] * x[i];
				sr += r2;
				sxr += x[i] * r2;
			}
		}
		final double det = n * sxx - sx * sx;
		if (det <= 1e-12 * n * sxx) return new double[] { sr / n, 0, sr / n }; // a flat result: one variance
		final double b = (n * sxr - sx * sr) / det;
		return new double[] { (sr - b * sx) / n, b, sr / n };
	}

	/** Mean of z², the normaliser of both statistics. */
	private static double meanSquare(final double[] z) {
		double s = 0;
		for (final double v : z) s += v * v;
		return s / z.length;
	}

	/** The correlation of horizontal and vertical neighbours of z (their mean), with z's mean square zz. */
	static double neighbourCorrelation(final double[] z, final int width, final int height, final double zz) {
		double h = 0, v = 0;
		for (int r = 0; r < height; r++) {
			for (int c = 0; c < width; c++) {
				final int i = r * width + c;
				if (c + 1 < width) h += z[i] * z[i + 1];
				if (r + 1 < height) v += z[i] * z[i + width];
			}
		}
		final double hc = width > 1 ? h / ((double) (width - 1) * height) : 0;
		final double vc = height > 1 ? v / ((double) width * (height - 1)) : 0;
		return (hc + vc) / 2 / zz;
	}

	/** w² × the mean over whole w×w blocks (from the top left) of the block mean of z, squared. */
	static double blockPower(final double[] z, final int width, final int height, final int w) {
		final int by = height / w, bx = width / w;
		double sum = 0;
		for (int j = 0; j < by; j++) {
			for (int k = 0; k < bx; k++) {
				double block = 0;
				for (int r = j * w; r < (j + 1) * w; r++) {
					for (int c = k * w; c < (k + 1) * w; c++) block += z[r * width + c];
				}
				sum += sq(block / (w * w));
			}
		}
		return sum / (by * bx) * w * w;
	}

	private static double sq(final double v) {
		return v * v;
	}
}
