package org.diffusionj.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.ResultsTable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Diffusion Playground from a macro, with the shipped point models: reverse samples land on the data, the forward
 * process ends in N(0, I), the ring of 8 Gaussians comes back with its known density, and the stacks save as GIF and
 * AVI with ImageJ's own writers.
 */
class PlaygroundMacroIT {

	@RegisterExtension
	static final MacroHarness ij = new MacroHarness();

	@TempDir
	static Path tmp;

	private static final Path MODELS = Paths.get(System.getProperty("diffusionj.root", ".")).resolve("models");

	/** x, y of every row of the Results table the last run left, as two arrays. */
	private static double[][] results(final String x, final String y) {
		final ResultsTable table = ResultsTable.getResultsTable();
		final double[][] out = new double[2][table.size()];
		for (int i = 0; i < table.size(); i++) {
			out[0][i] = table.getValue(x, i);
			out[1][i] = table.getValue(y, i);
		}
		return out;
	}

	private static double[][] trainingPoints(final String model) throws IOException {
		final List<String> lines = Files.readAllLines(MODELS.resolve(model).resolve("points.csv"));
		final double[][] p = new double[2][lines.size() - 1];
		for (int i = 1; i < lines.size(); i++) {
			final String[] f = lines.get(i).split(",");
			p[0][i - 1] = Double.parseDouble(f[0]);
			p[1][i - 1] = Double.parseDouble(f[1]);
		}
		return p;
	}

	/** Mean distance from each point to the nearest reference point. */
	private static double meanNearest(final double[][] points, final double[][] reference) {
		double sum = 0;
		for (int i = 0; i < points[0].length; i++) {
			double best = Double.MAX_VALUE;
			for (int j = 0; j < reference[0].length; j++) {
				best = Math.min(best, Math.hypot(points[0][i] - reference[0][j], points[1][i] - reference[1][j]));
			}
			sum += best;
		}
		return sum / points[0].length;
	}

	@Test
	void reverseSamplesLandOnTheRollAndTheForwardProcessEndsInNoise() throws IOException {
		assertTrue(ij.run("run(\"Diffusion Playground...\", \"points=1000 steps=100 sampler=DDPM seed=1 size=128\");"),
			ij.output());
		final double[][] samples = results("x", "y"), forward = results("forward_x", "forward_y");
		final double[][] roll = trainingPoints("playground-swiss-roll");
		final Random random = new Random(3);
		final double[][] noise = new double[2][1000];
		for (int i = 0; i < 1000; i++) {
			noise[0][i] = random.nextGaussian();
			noise[1][i] = random.nextGaussian();
		}
		final double onRoll = meanNearest(samples, roll), fromNoise = meanNearest(noise, roll);
		assertTrue(onRoll < 0.08 && onRoll < 0.25 * fromNoise, "mean distance to the roll " + onRoll + " (N(0, I): " +
			fromNoise + ")");
		// t = T - 1: alphaBar 4e-5, so x_T is N(0, I) to within 1e-4 of the data's variance
		for (final double[] axis : forward) {
			double m = 0, s = 0;
			for (final double v : axis) m += v / axis.length;
			for (final double v : axis) s += (v - m) * (v - m) / (axis.length - 1);
			assertEquals(0, m, 4 / Math.sqrt(axis.length), "mean of the forward process's last frame");
			assertEquals(1, Math.sqrt(s), 4 / Math.sqrt(2.0 * axis.length), "std of its last frame");
		}
	}

	/** 8 Gaussians of std 0.08 on a circle of radius 1.5, equal weights: the known density the model was trained on. */
	private static double logDensity(final double x, final double y) {
		final double s2 = 0.08 * 0.08;
		double p = 0;
		for (int k = 0; k < 8; k++) {
			final double cx = 1.5 * Math.cos(2 * Math.PI * k / 8), cy = 1.5 * Math.sin(2 * Math.PI * k / 8);
			p += Math.exp(-((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (2 * s2)) / (2 * Math.PI * s2) / 8;
		}
		return Math.log(p);
	}

	@Test
	void theRingOfGaussiansComesBackWithItsWeightsAndDensity() throws Exception {
		assertTrue(ij.run("run(\"Diffusion Playground...\", \"model=playground-ring8 points=2000 sampler=DDPM steps=100 " +
			"seed=2 size=128\");"), ij.output());
		final double[][] s = results("x", "y");
		final int n = s[0].length;
		final int[] counts = new int[8];
		double logP = 0, distance = 0;
		for (int i = 0; i < n; i++) {
			final int k = (int) Math.floorMod(Math.round(Math.atan2(s[1][i], s[0][i]) / (2 * Math.PI / 8)), 8);
			counts[k]++;
			logP += logDensity(s[0][i], s[1][i]) / n;
			distance += Math.hypot(s[0][i] - 1.5 * Math.cos(2 * Math.PI * k / 8), s[1][i] - 1.5 * Math.sin(2 * Math.PI * k /
				8)) / n;
		}
		// the distance to a component's centre is Rayleigh(0.08): its mean is 0.08 sqrt(pi / 2) = 0.100
		assertEquals(0.08 * Math.sqrt(Math.PI / 2), distance, 0.02, "mean distance to the nearest centre");
		for (int k = 0; k < 8; k++) {
			assertEquals(1 / 8.0, counts[k] / (double) n, 0.04, "weight of component " + k + " (" + java.util.Arrays
				.toString(counts) + ")");
		}
		// E[log p(x)] of the true mixture, by sampling it: the model's samples must score about as well
		final Random random = new Random(4);
		double truth = 0;
		for (int i = 0; i < 20000; i++) {
			final int k = random.nextInt(8);
			truth += logDensity(1.5 * Math.cos(2 * Math.PI * k / 8) + 0.08 * random.nextGaussian(), 1.5 * Math.sin(2 *
				Math.PI * k / 8) + 0.08 * random.nextGaussian()) / 20000;
		}
		assertEquals(truth, logP, 0.3, "mean log-density of the samples under the true mixture");
		// from Java: the same samples
		final org.diffusionj.api.Playground.PlaygroundResult r = new org.diffusionj.api.Playground(org.diffusionj.api
			.PlaygroundRequest.builder().model("playground-ring8").points(2000).sampler("DDPM").steps(100).seed(2).size(128)
			.build()).run(org.diffusionj.sampling.StepListener.NONE);
		for (int i = 0; i < n; i++) {
			assertEquals(s[0][i], r.samples[2 * i], 1e-6, "x " + i);
			assertEquals(s[1][i], r.samples[2 * i + 1], 1e-6, "y " + i);
		}
		assertEquals(2, r.images().size());
	}

	/** Also: a recording from before the dialog lost its Preview box (the word "preview") still runs. */
	@Test
	void theStacksScrollAndSaveAsGifAndAvi() {
		final Path gif = tmp.resolve("reverse.gif"), avi = tmp.resolve("forward.avi");
		assertTrue(ij.run("run(\"Diffusion Playground...\", \"model=playground-moons points=300 steps=20 sampler=DDIM " +
			"x0=true field=true size=96 preview\");\n" + "selectImage(\"playground-moons-reverse\"); n = nSlices; label = " +
			"getInfo(\"slice.label\");\n" + "saveAs(\"Gif\", \"" + gif + "\");\n" + "selectImage(\"playground-moons-forward\");" +
			" run(\"AVI... \", \"compression=JPEG frame=4 save=[" + avi + "]\");\n" + "print(\"frames \" + n + \" \" + label);"),
			ij.output());
		assertTrue(ij.output().contains("frames 21 "), ij.output()); // x_T and every step of 20
		final ImagePlus reopened = IJ.openImage(gif.toString());
		assertEquals(21, reopened.getStackSize());
		assertTrue(avi.toFile().length() > 1000, "the AVI was written");
	}

	@Test
	void anImageModelIsOneSentence() {
		assertFalse(ij.run("run(\"Diffusion Playground...\", \"model=fashion-mnist-32 points=10\");"));
		assertTrue(ij.output().contains("Model fashion-mnist-32 is not a 2D point model"), ij.output());
	}

	/** A point model's points file must lie inside its folder: a diffusion.json cannot make it read other files. */
	@Test
	void aPointsFileOutsideTheModelFolderIsRefused() throws IOException {
		final Path dir = Files.createDirectories(tmp.resolve("escaping"));
		for (final String f : new String[] { "model.onnx", "points.csv" }) {
			Files.copy(Paths.get("models/playground-moons").resolve(f), dir.resolve(f));
		}
		final String json = new String(Files.readAllBytes(Paths.get("models/playground-moons/diffusion.json")),
			java.nio.charset.StandardCharsets.UTF_8).replace("\"file\": \"points.csv\"", "\"file\": \"../../etc/passwd\"");
		Files.write(dir.resolve("diffusion.json"), json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		assertFalse(ij.run("run(\"Diffusion Playground...\", \"model=[" + dir + "] points=10\");"));
		assertTrue(ij.output().contains("\"file\" must name a file inside the model folder, not ../../etc/passwd."), ij
			.output());
	}
}
