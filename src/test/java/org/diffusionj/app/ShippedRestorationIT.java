package org.diffusionj.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;

import java.nio.file.Path;

import org.diffusionj.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped restoration models, as README's lines run them (the default, fluo-restore-1step, and fluo-restore; a
 * 16-bit camera image): they must restore a simulated fluorescence image they never saw (make_fixtures.py, a seed set
 * outside training), their std must be larger where their error is, and their calibrated bounds must hold it.
 */
class ShippedRestorationIT {

	@RegisterExtension
	static final MacroHarness ij = new MacroHarness();

	@TempDir
	static Path tmp;

	private static float[] open(final Path file) {
		return (float[]) IJ.openImage(file.toString()).getProcessor().convertToFloat().getPixels();
	}

	/** PSNR with the truth's own range as the peak (evaluate_restoration.py's definition). */
	static double psnr(final float[] truth, final float[] estimate) {
		double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE, se = 0;
		for (final float t : truth) {
			lo = Math.min(lo, t);
			hi = Math.max(hi, t);
		}
		for (int i = 0; i < truth.length; i++) se += (truth[i] - estimate[i]) * (truth[i] - estimate[i]);
		return 10 * Math.log10((hi - lo) * (hi - lo) / (se / truth.length));
	}

	/**
	 * The default (no keys: the one-step student) and fluo-restore (here: a sampler named, which runs it) each raise
	 * PSNR by 8 dB on an unseen image, and their std points at their errors.
	 */
	@Test
	void restoresAnUnseenImageWithAnInformativeStd() {
		final Path pair = Fixtures.model("fluo_pair");
		for (final String keys : new String[] { "samples=8", "samples=4 sampler=DPM++2M steps=10" }) {
			assertTrue(ij.run("open(\"" + pair.resolve("noisy.tif") + "\");\nrun(\"Restore Image...\", \"" + keys +
				" seed=1\");\nselectImage(\"noisy-restored\"); saveAs(\"Tiff\", \"" + tmp.resolve("mean.tif") + "\");\n" +
				"selectImage(\"noisy-restored-std\"); saveAs(\"Tiff\", \"" + tmp.resolve("std.tif") + "\");"), ij.output());
			final float[] truth = open(pair.resolve("truth.tif")), noisy = open(pair.resolve("noisy.tif"));
			final float[] mean = open(tmp.resolve("mean.tif")), std = open(tmp.resolve("std.tif"));
			final double before = psnr(truth, noisy), after = psnr(truth, mean);
			assertTrue(after > before + 8, keys + ": PSNR " + before + " -> " + after + " dB");
			// pixels in the top quarter of std have a larger mean error than those in the bottom quarter
			final Integer[] order = new Integer[std.length];
			for (int i = 0; i < order.length; i++) order[i] = i;
			java.util.Arrays.sort(order, (a, b) -> Float.compare(std[a], std[b]));
			double low = 0, high = 0;
			final int q = order.length / 4;
			for (int i = 0; i < q; i++) {
				low += Math.abs(truth[order[i]] - mean[order[i]]) / q;
				high += Math.abs(truth[order[order.length - 1 - i]] - mean[order[order.length - 1 - i]]) / q;
			}
			assertTrue(high > 1.5 * low, keys + ": mean |error| where std is lowest " + low + ", highest " + high);
			final String info = String.valueOf(IJ.openImage(tmp.resolve("mean.tif").toString()).getProperty("Info"));
			assertTrue(keys.contains("sampler") ? info.contains("model: fluo-restore\n") && info.contains(
				"sampler: DPM++2M\n") : info.contains("model: fluo-restore-1step\n"), keys + ": " + info);
		}
	}

	/**
	 * The default (no model named: the one-step student fluo-restore-1step, 8 calls), the previous default
	 * (model=fluo-restore, 160 calls) and the fewer-call settings fluo-restore is calibrated for (docs/speed.md: 4x and
	 * 11x fewer seconds than it) give the calibrated bounds, and they hold the truth of an unseen image.
	 */
	@Test
	void theFewerCallSettingsAreCalibrated() {
		final Path pair = Fixtures.model("fluo_pair");
		final float[] truth = open(pair.resolve("truth.tif")), noisy = open(pair.resolve("noisy.tif"));
		for (final String fewer : new String[] { "sampler=DPM++2M-Karras steps=5", "sampler=DPM++2M-Karras steps=2",
			"sampler=DPM++2M-SDE steps=2", "model=fluo-restore", "" })
		{
			assertTrue(ij.run("open(\"" + pair.resolve("noisy.tif") + "\");\nrun(\"Restore Image...\", \"samples=8 " +
				fewer + " seed=1\");\nselectImage(\"noisy-restored\"); saveAs(\"Tiff\", \"" + tmp.resolve("m.tif") +
				"\");\nselectImage(\"noisy-restored-lower\"); saveAs(\"Tiff\", \"" + tmp.resolve("lo.tif") + "\");\n" +
				"selectImage(\"noisy-restored-upper\"); saveAs(\"Tiff\", \"" + tmp.resolve("hi.tif") + "\");"), fewer + ": " +
				ij.output());
			final float[] mean = open(tmp.resolve("m.tif")), lower = open(tmp.resolve("lo.tif")), upper = open(tmp
				.resolve("hi.tif"));
			int inside = 0;
			for (int i = 0; i < truth.length; i++) if (truth[i] >= lower[i] && truth[i] <= upper[i]) inside++;
			assertTrue(inside > 0.85 * truth.length, fewer + ": " + inside + " of " + truth.length + " inside");
			assertTrue(psnr(truth, mean) > psnr(truth, noisy) + 8, fewer + ": PSNR " + psnr(truth, mean));
			final String info = String.valueOf(IJ.openImage(tmp.resolve("m.tif").toString()).getProperty("Info"));
			assertTrue(info.contains("interval: mean ± "), fewer);
			assertTrue(fewer.isEmpty() ? info.contains("model: fluo-restore-1step\n") && info.contains("sampler: DDIM\n" +
				"steps: 1\n") : info.contains("model: fluo-restore\n"), fewer + ": " + info);
		}
	}

	/** The broad restoration model and the fluorescence prior, shipped beside it, on the same unseen camera image. */
	@Test
	void theBroadModelAndThePriorRestoreItToo() {
		final Path pair = Fixtures.model("fluo_pair");
		assertTrue(ij.run("open(\"" + pair.resolve("noisy.tif") + "\");\nrun(\"Restore Image...\", \"model=" +
			"fluo-restore-broad samples=4 seed=1\");\nselectImage(\"noisy-restored\"); saveAs(\"Tiff\", \"" + tmp
				.resolve("broad.tif") + "\");\nselectImage(\"noisy.tif\"); run(\"Deconvolve Image...\", \"psf=gaussian " +
				"sigma=0.91 noise=poisson gain=2 offset=100 read=3 samples=4 seed=1\");\nselectImage(\"noisy-denoised\"); " +
				"saveAs(\"Tiff\", \"" + tmp.resolve("denoised.tif") + "\");"), ij.output());
		final float[] truth = open(pair.resolve("truth.tif")), noisy = open(pair.resolve("noisy.tif"));
		final double before = psnr(truth, noisy), broad = psnr(truth, open(tmp.resolve("broad.tif"))), denoised = psnr(
			truth, open(tmp.resolve("denoised.tif")));
		System.out.printf("fluo_pair: input %.2f dB, fluo-restore-broad %.2f dB, Deconvolve's -denoised %.2f dB%n",
			before, broad, denoised);
		assertTrue(broad > before + 8, "PSNR " + before + " -> " + broad + " dB");
		assertTrue(denoised > before + 7, "PSNR " + before + " -> " + denoised + " dB");
	}
}
