package org.diffusionj.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import ij.IJ;
import ij.ImagePlus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.diffusionj.Fixtures;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Noise and Denoise, Forward Diffusion and Denoising Steps through the macro interpreter, with the exact
 * Gaussian denoiser: the statistics must be numpy's (make_fixtures.py).
 */
class ImageCommandsMacroIT {

	@RegisterExtension
	static final MacroHarness ij = new MacroHarness();
	private static final String GAUSSIAN = Fixtures.model("gaussian").toString();

	@TempDir
	static Path tmp;



	/** A 64 x 64 32-bit image of constant -0.5 (model units: the fixture's pixel_range is [-1, 1]). */
	private static final String CONSTANT = "newImage(\"flat\", \"32-bit black\", 64, 64, 1); run(\"Set...\", " +
		"\"value=-0.5\");\n";

	private ImagePlus runAndOpen(final String macro, final String name) {
		final Path file = tmp.resolve(name + ".tif");
		assertTrue(ij.run(macro + "\nsaveAs(\"Tiff\", \"" + file + "\");"), ij.output());
		return IJ.openImage(file.toString());
	}

	private static double[] meanStd(final ImagePlus imp, final int slice) {
		return Fixtures.meanStd((float[]) imp.getStack().getProcessor(slice).convertToFloat().getPixels());
	}

	/**
	 * noise=position: a crop gets the whole image's noise where it lies, so with a per-pixel model (the Gaussian
	 * fixture) the crop's result is the whole result's crop, for Noise and Denoise (a stochastic sampler, so every
	 * step's noise counts) and for an image whose origin is not 0 (ImageJ's Duplicate moves it by the crop's corner).
	 */
	@Test
	void aCropWithNoiseAtPositionsIsTheWholeImagesCrop() {
		final String make = "newImage(\"ramp\", \"32-bit ramp\", 64, 48, 1); run(\"Subtract...\", \"value=0.7\");\n" +
			"run(\"Properties...\", \"origin=3,2\");\n";
		final String options = "model=[" + GAUSSIAN + "] sampler=DDPM steps=20 strength=0.6 range=model noise=position seed=4";
		final ImagePlus whole = runAndOpen(make + "run(\"Noise and Denoise...\", \"" + options + "\");", "whole");
		final ImagePlus crop = runAndOpen(make + "makeRectangle(13, 9, 30, 25); run(\"Duplicate...\", \"title=part\");\n" +
			"run(\"Noise and Denoise...\", \"" + options + "\");", "part");
		assertEquals(30, crop.getWidth());
		final float[] w = (float[]) whole.getProcessor().getPixels(), c = (float[]) crop.getProcessor().getPixels();
		double worst = 0;
		for (int y = 0; y < 25; y++) {
			for (int x = 0; x < 30; x++) worst = Math.max(worst, Math.abs(c[y * 30 + x] - w[(y + 9) * 64 + x + 13]));
		}
		assertEquals(0, worst, 1e-5, "largest difference between the crop's result and the whole's");
		final ImagePlus streams = runAndOpen(make + "makeRectangle(13, 9, 30, 25); run(\"Duplicate...\", \"title=part\");\n" +
			"run(\"Noise and Denoise...\", \"" + options.replace("noise=position", "noise=image") + "\");", "streams");
		final float[] s = (float[]) streams.getProcessor().getPixels();
		assertTrue(Math.abs(s[0] - w[9 * 64 + 13]) > 1e-3, "with a stream per image the crop's noise differs");
	}

	/**
	 * range=[low high] maps low to -1 and high to +1 whatever the image holds: a 16-bit image of 1000 with range
	 * [0 4000] is -0.5 in model units, so its result is, pixel for pixel, that of a 32-bit image of -0.5 with
	 * range=model, mapped back by v = 2000 (m + 1).
	 */
	@Test
	void aFixedRangeMapsTwoIntensities() {
		final String options = "model=[" + GAUSSIAN + "] sampler=DDIM steps=10 strength=0.5 seed=2 type=32-bit";
		final ImagePlus counts = runAndOpen("newImage(\"c\", \"16-bit black\", 64, 64, 1); run(\"Set...\", \"value=1000\");\n" +
			"run(\"Noise and Denoise...\", \"" + options + " range=[0 4000]\");", "fixed");
		final ImagePlus units = runAndOpen(CONSTANT + "run(\"Noise and Denoise...\", \"" + options + " range=model\");",
			"units");
		final float[] a = (float[]) counts.getProcessor().getPixels(), b = (float[]) units.getProcessor().getPixels();
		for (int i = 0; i < a.length; i++) assertEquals(2000 * (b[i] + 1), a[i], 2e-3, "pixel " + i);
		assertTrue(String.valueOf(counts.getProperty("Info")).contains("range: [0 4000]"), String.valueOf(counts
			.getProperty("Info")));
		assertFalse(ij.run("newImage(\"c\", \"16-bit black\", 8, 8, 1); run(\"Noise and Denoise...\", \"model=[" + GAUSSIAN +
			"] range=[4000 0]\");"));
		assertTrue(ij.output().contains("range=[4000 0] is not a range: give two finite intensities, the lower first"),
			ij.output());
	}

	@TestFactory
	List<DynamicTest> sdeditMatchesNumpy() {
		final List<DynamicTest> tests = new ArrayList<>();
		for (final JsonElement e : Fixtures.reference().getAsJsonObject("sdedit").getAsJsonArray("runs")) {
			final JsonObject r = e.getAsJsonObject();
			final String options = "model=[" + GAUSSIAN + "] sampler=" + r.get("sampler").getAsString() + " steps=" + r
				.get("steps").getAsInt() + " eta=" + r.get("eta").getAsDouble() + " strength=" + r.get("strength")
					.getAsDouble();
			tests.add(DynamicTest.dynamicTest(options.substring(options.indexOf("sampler")), () -> {
				final ImagePlus out = runAndOpen(CONSTANT + "run(\"Noise and Denoise...\", \"" + options + "\");", "sd");
				final double[] ms = meanStd(out, 1);
				Fixtures.assertMoments(r.get("mean").getAsDouble(), r.get("std").getAsDouble(), ms, 64 * 64, 1e-3, "");
			}));
		}
		return tests;
	}

	@TestFactory
	List<DynamicTest> inpaintingMatchesNumpy() {
		final List<DynamicTest> tests = new ArrayList<>();
		for (final JsonElement e : Fixtures.reference().getAsJsonObject("repaint").getAsJsonArray("runs")) {
			final JsonObject r = e.getAsJsonObject();
			final String options = "model=[" + GAUSSIAN + "] steps=" + r.get("steps").getAsInt() + " jump=" + r.get(
				"jump").getAsInt() + " resample=" + r.get("resample").getAsInt() + " eta=" + r.get("eta").getAsDouble();
			tests.add(DynamicTest.dynamicTest(options.substring(options.indexOf("steps")), () -> {
				final ImagePlus out = runAndOpen(CONSTANT + "makeRectangle(16, 16, 32, 32);\nrun(\"Inpaint Selection...\", \"" +
					options + "\");", "inpaint");
				final float[] px = (float[]) out.getProcessor().getPixels();
				final float[] inside = new float[32 * 32];
				for (int y = 0; y < 64; y++) {
					for (int x = 0; x < 64; x++) {
						final boolean in = x >= 16 && x < 48 && y >= 16 && y < 48;
						if (in) inside[(y - 16) * 32 + x - 16] = px[y * 64 + x];
						else assertEquals(-0.5f, px[y * 64 + x], 0f, "kept at " + x + "," + y);
					}
				}
				final double[] ms = Fixtures.meanStd(inside);
				Fixtures.assertMoments(r.get("mean").getAsDouble(), r.get("std").getAsDouble(), ms, 32 * 32, 2e-3,
					" of the filled area");
			}));
		}
		return tests;
	}

	@Test
	void inpaintingNeedsAnAreaSelection() {
		assertFalse(ij.run(CONSTANT + "makeLine(1, 1, 20, 20);\nrun(\"Inpaint Selection...\", \"model=[" + GAUSSIAN +
			"]\");"));
		assertTrue(ij.output().contains("Inpaint Selection... needs an area selection on image flat."), ij.output());
		// an oval whose box touches pixel (0, 0) but that holds no pixel centre: nothing to fill is one sentence
		assertFalse(ij.run(CONSTANT + "makeOval(-8, -8, 9, 9);\nrun(\"Inpaint Selection...\", \"model=[" + GAUSSIAN +
			"]\");"));
		assertTrue(ij.output().contains("The selection on image flat covers none of its pixels"), ij.output());
	}

	@Test
	void forwardStackMatchesQ() {
		final JsonObject ref = Fixtures.reference().getAsJsonObject("forward");
		final ImagePlus out = runAndOpen(CONSTANT + "run(\"Forward Diffusion...\", \"model=[" + GAUSSIAN +
			"] frames=11 seed=3\");", "forward");
		assertEquals(11, out.getStackSize());
		final JsonArray t = ref.getAsJsonArray("t");
		for (int f = 0; f < 11; f++) {
			final double[] ms = meanStd(out, f + 1);
			Fixtures.assertMoments(ref.getAsJsonArray("mean").get(f).getAsDouble(), ref.getAsJsonArray("std").get(f)
				.getAsDouble(), ms, 64 * 64, 1e-6, ", frame " + f);
			assertTrue(out.getStack().getSliceLabel(f + 1).startsWith("t=" + t.get(f).getAsInt() + " ᾱ="), out
				.getStack().getSliceLabel(f + 1));
		}
	}

	@Test
	void forwardWithScheduleOnly() throws Exception {
		final ImagePlus out = runAndOpen("newImage(\"ramp\", \"16-bit ramp\", 30, 20, 1);\n" +
			"run(\"Forward Diffusion...\", \"model=none schedule=squaredcos_cap_v2 timesteps=500 frames=3\");", "cos");
		assertEquals(3, out.getStackSize());
		assertTrue(out.getStack().getSliceLabel(3).startsWith("t=499 "), out.getStack().getSliceLabel(3));
		assertEquals(32, out.getBitDepth());
		// from Java: the same frames and recipe
		final org.diffusionj.api.RunResult r = new org.diffusionj.api.ForwardDiffusion(org.diffusionj.api.ForwardRequest
			.builder().model("none").schedule("squaredcos_cap_v2").timesteps(500).frames(3).build()).run(IJ.createImage(
				"ramp", "16-bit ramp", 30, 20, 1));
		// and on the same pixels as an ImgLib2 image
		final ImagePlus ramp = IJ.createImage("ramp", "16-bit ramp", 30, 20, 1);
		final org.diffusionj.api.RunResult fromImg = new org.diffusionj.api.ForwardDiffusion(org.diffusionj.api
			.ForwardRequest.builder().model("none").schedule("squaredcos_cap_v2").timesteps(500).frames(3).build()).run(
				net.imglib2.img.array.ArrayImgs.unsignedShorts((short[]) ramp.getProcessor().getPixels(), 30, 20), "ramp");
		for (int f = 1; f <= 3; f++) {
			assertArrayEquals((float[]) out.getStack().getPixels(f), (float[]) r.image("result").getStack().getPixels(f));
			assertArrayEquals((float[]) out.getStack().getPixels(f), (float[]) fromImg.image("result").getStack()
				.getPixels(f));
		}
		assertEquals(out.getProperty("Info"), r.recipe);
		assertEquals(out.getProperty("Info"), fromImg.recipe);
	}

	@Test
	void lastDenoisingStepIsTheGeneratedImage() {
		final ImagePlus steps = runAndOpen("run(\"Denoising Steps...\", \"model=[" + GAUSSIAN +
			"] steps=10 every=3 seed=7\");", "steps");
		final ImagePlus generated = runAndOpen("run(\"Generate Images...\", \"model=[" + GAUSSIAN +
			"] steps=10 seed=7 count=1\");", "gen");
		assertEquals(3, steps.getNChannels());
		assertEquals(4, steps.getNFrames()); // steps 3, 6, 9 and the last
		final float[] last = (float[]) steps.getStack().getProcessor(steps.getStackIndex(1, 1, 4)).getPixels();
		assertArrayEquals((float[]) generated.getProcessor().getPixels(), last, 1e-6f);
	}

	/** Issue 16: start=noise takes width and height as Generate does, and makes the same pixels. */
	@Test
	void denoisingStepsFromNoiseTakeASize() {
		final String size = " width=30 height=21 steps=6 seed=3";
		final ImagePlus steps = runAndOpen("run(\"Denoising Steps...\", \"model=[" + GAUSSIAN + "]" + size + "\");",
			"steps-size");
		final ImagePlus generated = runAndOpen("run(\"Generate Images...\", \"model=[" + GAUSSIAN + "] count=1" + size +
			"\");", "gen-size");
		assertEquals(30, steps.getWidth());
		assertEquals(21, steps.getHeight());
		final float[] last = (float[]) steps.getStack().getProcessor(steps.getStackIndex(1, 1, steps.getNFrames()))
			.getPixels();
		assertArrayEquals((float[]) generated.getProcessor().getPixels(), last, 1e-6f);
	}

	@Test
	void lastDenoisingStepFromImageIsNoiseAndDenoise() {
		final String model = "model=[" + GAUSSIAN + "] sampler=DDIM steps=20 strength=0.6 seed=11";
		final ImagePlus steps = runAndOpen(CONSTANT + "run(\"Denoising Steps...\", \"start=image " + model + "\");",
			"steps-image");
		final ImagePlus sd = runAndOpen(CONSTANT + "run(\"Noise and Denoise...\", \"" + model + "\");", "sd-image");
		final float[] last = (float[]) steps.getStack().getProcessor(steps.getStackIndex(1, 1, steps.getNFrames()))
			.getPixels();
		assertArrayEquals((float[]) sd.getProcessor().getPixels(), last, 1e-6f);
	}

	/** Issue 17: Denoising Steps from the image kept 1 pixel where the image had 0.25 µm. */
	@Test
	void denoisingStepsFromTheImageKeepItsCalibration() {
		assertTrue(ij.run(CONSTANT + "run(\"Properties...\", \"pixel_width=0.25 pixel_height=0.25 unit=um\");\n" +
			"run(\"Denoising Steps...\", \"start=image model=[" + GAUSSIAN + "] steps=4\");\ngetPixelSize(unit, pw, ph);\n" +
			"print(\"pixel:\" + pw + \"x\" + ph);"), ij.output());
		assertTrue(ij.output().contains("pixel:0.25x0.25"), ij.output());
	}

	@Test
	void samplesGiveStackMeanAndStd() {
		assertTrue(ij.run(CONSTANT + "run(\"Noise and Denoise...\", \"model=[" + GAUSSIAN +
			"] steps=10 samples=5\");\n" + "list = getList(\"image.titles\"); s = \"\";" +
			"for (i = 0; i < list.length; i++) s = s + list[i] + \",\"; print(\"titles:\" + s);" +
			"selectImage(\"flat-sdedit-samples\"); print(\"n=\" + nSlices);" +
			"selectImage(\"flat-sdedit-std\"); getStatistics(a, mean); print(\"std=\" + mean);"), ij.output());
		assertTrue(ij.output().contains("titles:flat,flat-sdedit-samples,flat-sdedit-mean,flat-sdedit-std,"), ij
			.output());
		assertTrue(ij.output().contains("n=5"), ij.output());
		assertFalse(ij.output().contains("std=0\n"), ij.output());
	}

	/** Denoising Steps from the image: the macro's hyperstack is the one DenoisingSteps makes of the same pixels as an Img. */
	@Test
	void denoisingStepsFromJavaOnAnImgIsTheMacros() throws Exception {
		final ImagePlus macro = runAndOpen(CONSTANT + "run(\"Denoising Steps...\", \"model=[" + GAUSSIAN +
			"] start=image strength=0.5 steps=10 every=3 seed=7\");", "steps-from-image");
		final float[] flat = new float[64 * 64];
		java.util.Arrays.fill(flat, -0.5f);
		final org.diffusionj.api.RunResult r = new org.diffusionj.api.DenoisingSteps(org.diffusionj.api.StepsRequest
			.builder().model(GAUSSIAN).start("image").strength(0.5).steps(10).every(3).seed(7).build()).run(net.imglib2.img
				.array.ArrayImgs.floats(flat, 64, 64), "flat", org.diffusionj.sampling.StepListener.NONE);
		final ImagePlus java = r.image("result");
		assertEquals(macro.getStackSize(), java.getStackSize());
		for (int i = 1; i <= macro.getStackSize(); i++) {
			assertArrayEquals((float[]) macro.getStack().getPixels(i), (float[]) java.getStack().getPixels(i), "plane " + i);
		}
		assertEquals(macro.getProperty("Info"), r.recipe);
	}

	/** The command is a shell over the Java API: the macro line and a NoiseAndDenoise on the same image, same bytes. */
	@Test
	void theMacroAndTheJavaApiGiveTheSamePixels() throws Exception {
		final ImagePlus macro = runAndOpen(CONSTANT + "run(\"Noise and Denoise...\", \"model=[" + GAUSSIAN +
			"] steps=10 samples=3 seed=4\");\nselectImage(\"flat-sdedit-std\");", "api-std");
		assertTrue(ij.run(CONSTANT + "saveAs(\"Tiff\", \"" + tmp.resolve("flat.tif") + "\");"), ij.output());
		final org.diffusionj.api.RunResult r = new org.diffusionj.api.NoiseAndDenoise(org.diffusionj.api
			.NoiseAndDenoiseRequest.builder().model(GAUSSIAN).steps(10).samples(3).seed(4).build()).run(IJ.openImage(tmp
				.resolve("flat.tif").toString()), org.diffusionj.sampling.StepListener.NONE);
		assertEquals(java.util.Arrays.asList("result", "mean", "std"), new java.util.ArrayList<>(r.images().keySet()));
		assertArrayEquals((float[]) macro.getProcessor().getPixels(), (float[]) r.image("std").getProcessor().getPixels());
		assertEquals(macro.getProperty("Info"), r.recipe);
	}

	/** Inpainting from Java: the same bytes and recipe as the macro line, the selection given as a Roi. */
	@Test
	void inpaintingFromJavaIsTheMacros() throws Exception {
		final ImagePlus macro = runAndOpen(CONSTANT + "makeOval(10, 12, 30, 20);\nrun(\"Inpaint Selection...\", \"model=[" +
			GAUSSIAN + "] steps=20 jump=4 resample=2 seed=3\");", "inpaint-macro");
		assertTrue(ij.run(CONSTANT + "saveAs(\"Tiff\", \"" + tmp.resolve("flat.tif") + "\");"), ij.output());
		final org.diffusionj.api.RunResult r = new org.diffusionj.api.Inpainting(org.diffusionj.api.InpaintRequest
			.builder().model(GAUSSIAN).steps(20).jump(4).resample(2).seed(3).build()).run(IJ.openImage(tmp.resolve(
				"flat.tif").toString()), new ij.gui.OvalRoi(10, 12, 30, 20), org.diffusionj.sampling.StepListener.NONE);
		assertArrayEquals((float[]) macro.getProcessor().getPixels(), (float[]) r.image("result").getProcessor()
			.getPixels());
		assertEquals(macro.getProperty("Info"), r.recipe);
		final ImagePlus flat = IJ.openImage(tmp.resolve("flat.tif").toString());
		final org.diffusionj.api.RunResult fromImg = new org.diffusionj.api.Inpainting(org.diffusionj.api.InpaintRequest
			.builder().model(GAUSSIAN).steps(20).jump(4).resample(2).seed(3).build()).run(net.imglib2.img.array.ArrayImgs
				.floats((float[]) flat.getProcessor().getPixels(), flat.getWidth(), flat.getHeight()), "flat",
				new ij.gui.OvalRoi(10, 12, 30, 20), org.diffusionj.sampling.StepListener.NONE);
		assertArrayEquals((float[]) macro.getProcessor().getPixels(), (float[]) fromImg.image("result").getProcessor()
			.getPixels());
	}

	@Test
	void inputIsNeverModified() {
		assertTrue(ij.run("newImage(\"in\", \"16-bit ramp\", 40, 24, 2);\ngetStatistics(a, m0, min0, max0, s0);\n" +
			"run(\"Noise and Denoise...\", \"model=[" + GAUSSIAN + "] steps=5 range=image\");\n" +
			"t16 = bitDepth(); w = getWidth(); selectImage(\"in\"); getStatistics(a, m1, min1, max1, s1);\n" +
			"print(\"same=\" + (m0 == m1 && s0 == s1) + \" depth=\" + t16 + \" w=\" + w);"), ij.output());
		assertTrue(ij.output().contains("same=1 depth=16 w=40"), ij.output());
	}

	private static final String WITH_NAN = CONSTANT + "setPixel(3, 4, NaN); setPixel(10, 10, 1/0); setPixel(40, 2, NaN);\n";

	private static boolean allFinite(final ImagePlus imp) {
		for (int s = 1; s <= imp.getStackSize(); s++) {
			for (final float v : (float[]) imp.getStack().getProcessor(s).convertToFloat().getPixels()) {
				if (!Float.isFinite(v)) return false;
			}
		}
		return true;
	}

	@Test
	void nanPixelsAreInpaintedAndSaidInTheLog() {
		final ImagePlus sd = runAndOpen(WITH_NAN + "run(\"Noise and Denoise...\", \"model=[" + GAUSSIAN +
			"] steps=10 strength=0.2\");", "nan-sd");
		assertTrue(allFinite(sd), "no NaN in the result");
		assertTrue(ij.output().contains("has 3 NaN or infinite pixel(s); Noise and Denoise... treats them as unknown"),
			ij.output());
		final ImagePlus forward = runAndOpen(WITH_NAN + "run(\"Forward Diffusion...\", \"model=[" + GAUSSIAN +
			"] frames=3\");", "nan-forward");
		assertTrue(allFinite(forward), "no NaN in the forward stack");
		final ImagePlus inpainted = runAndOpen(WITH_NAN + "makeRectangle(20, 20, 8, 8);\nrun(\"Inpaint Selection...\", " +
			"\"model=[" + GAUSSIAN + "] steps=10 jump=5 resample=1\");", "nan-inpaint");
		assertTrue(allFinite(inpainted), "no NaN after inpainting");
		assertEquals(-0.5f, inpainted.getProcessor().getf(0, 0), 0f, "known pixels kept");
	}

	@Test
	void noImageIsOneSentence() {
		assertFalse(ij.run("close(\"*\"); run(\"Noise and Denoise...\", \"model=[" + GAUSSIAN + "]\");"));
		assertTrue(ij.output().contains("Noise and Denoise... needs an open image."), ij.output());
	}

	@Test
	void strengthOutOfRangeNamesTheKey() {
		assertFalse(ij.run(CONSTANT + "run(\"Noise and Denoise...\", \"model=[" + GAUSSIAN + "] strength=1.5\");"));
		assertTrue(ij.output().contains("strength=1.5 is out of range"), ij.output());
	}

	@Test
	void anImageTooSmallForTheModelIsOneSentence() {
		// the shipped model (the default), whose U-Net takes multiples of 4
		assertFalse(ij.run("newImage(\"tiny\", \"8-bit ramp\", 1, 40, 1);\nrun(\"Noise and Denoise...\", " +
			"\"steps=2\");"));
		assertTrue(ij.output().contains("Image tiny is 1x40 pixels, too small for the model: it needs at least 2 " +
			"pixels in width and height."), ij.output());
	}

	@Test
	void aModelOfOneFixedSizeIsPaddedUpToItAndTiled() {
		final String fixed = Fixtures.model("gaussian_fixed").toString();
		// 20 x 20: padded up to the model's 32 x 32 and cut back
		final ImagePlus small = runAndOpen("newImage(\"small\", \"32-bit black\", 20, 20, 1);\nrun(\"Noise and " +
			"Denoise...\", \"model=[" + fixed + "] steps=5 strength=0.5\");", "fixed-small");
		assertEquals(20, small.getWidth());
		// 80 x 48: tiles of 32 with a default overlap of 8; per pixel the same as the model that takes any size
		final String big = CONSTANT.replace("64, 64", "80, 48") + "run(\"Noise and Denoise...\", \"model=[%s] steps=5 " +
			"strength=0.5 seed=3 %s\");";
		final ImagePlus tiled = runAndOpen(String.format(big, fixed, ""), "fixed-tiled");
		final ImagePlus whole = runAndOpen(String.format(big, GAUSSIAN, ""), "any-size");
		assertArrayEquals((float[]) whole.getProcessor().getPixels(), (float[]) tiled.getProcessor().getPixels(), 1e-5f);
		// 10 x 10 would need more than one mirror to reach 32
		assertFalse(ij.run("newImage(\"ten\", \"32-bit black\", 10, 10, 1);\nrun(\"Noise and Denoise...\", " +
			"\"model=[" + fixed + "] steps=5\");"));
		assertTrue(ij.output().contains("Image ten is 10x10 pixels, too small for the model: it needs at least 12 " +
			"pixels in width and height."), ij.output());
		assertFalse(ij.run(String.format(big, fixed, "tile=64")));
		assertTrue(ij.output().contains("tile=64 cannot be used: model gaussian_fixed takes only 32x32 samples (fixed " +
			"in its ONNX graph); leave tile at 0."), ij.output());
	}

	@Test
	void denoisingStepsOfAnRgbImageWithAGreyModelIsOneSentence() {
		assertFalse(ij.run("newImage(\"colour\", \"RGB ramp\", 32, 32, 1);\nrun(\"Denoising Steps...\", \"model=[" +
			GAUSSIAN + "] start=image steps=5\");"));
		assertTrue(ij.output().contains("Denoising Steps... follows one grey plane, and colour is RGB: make it grey " +
			"(Image > Type > 8-bit) or split its channels first."), ij.output());
	}
}
