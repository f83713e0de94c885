package org.diffusionj.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;

import ij.IJ;
import ij.ImagePlus;

import org.diffusionj.Fixtures;
import org.diffusionj.model.ModelCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Model Info and Noise Schedule through the macro interpreter. */
class InfoCommandsMacroIT {

	@RegisterExtension
	static final MacroHarness ij = new MacroHarness();



	@Test
	void modelInfoLogsWhatTheFolderHolds() throws Exception {
		final String dir = Fixtures.model("classes").toString();
		assertTrue(ij.run("run(\"Model Info...\", \"model=[" + dir + "]\");"), ij.output());
		final String sha;
		try (org.diffusionj.model.LoadedModel m = ModelCache.acquire(Fixtures.model("classes"))) {
			sha = m.sha256();
		}
		assertTrue(ij.output().contains("sha-256:            " + sha), ij.output());
		assertTrue(ij.output().contains("classes:            2: low, high (null class 2)"), ij.output());
		assertTrue(ij.output().contains("execution provider: CPU"), ij.output());
		// the shipped U-Net's figures (no "memory" key): 1024 * 65536 + 0.044 * 65536^2 bytes = 256 MB
		assertTrue(ij.output().contains("memory:             about 256 MB per 256 x 256 tile in a forward pass"), ij
			.output());
	}

	@Test
	void likelihoodTableAndTotal() throws Exception {
		final double expected = Fixtures.reference().getAsJsonObject("vlb").get("bits_per_dim").getAsDouble();
		assertTrue(ij.run("newImage(\"flat\", \"32-bit black\", 64, 64, 1); run(\"Set...\", \"value=-0.5\");\n" +
			"run(\"Likelihood...\", \"model=[" + Fixtures.model("gaussian") + "] seed=2\");\n" +
			"print(\"rows=\" + nResults + \" first=\" + getResultString(\"term\", 0));"), ij.output());
		assertTrue(ij.output().contains("rows=1001 first=L_0 (decoder)"), ij.output());
		final String printed = ij.output().replaceAll("(?s).*likelihood of flat: ([0-9.]+) bits/dim.*", "$1");
		assertEquals(expected, Double.parseDouble(printed), 0.01 * expected);
		// from Java: the same terms, and the total the Log printed
		final ImagePlus flat = IJ.createImage("flat", "32-bit black", 64, 64, 1);
		flat.getProcessor().set(-0.5);
		final org.diffusionj.api.Likelihood.Result r = new org.diffusionj.api.Likelihood(org.diffusionj.api
			.LikelihoodRequest.builder().model(Fixtures.model("gaussian").toString()).seed(2).build()).run(flat,
				org.diffusionj.sampling.StepListener.NONE);
		assertEquals(1001, r.terms.length);
		assertEquals(printed, String.format(java.util.Locale.ROOT, "%.4f", r.bitsPerDim));
		final org.diffusionj.api.Likelihood.Result fromImg = new org.diffusionj.api.Likelihood(org.diffusionj.api
			.LikelihoodRequest.builder().model(Fixtures.model("gaussian").toString()).seed(2).build()).run(net.imglib2.img
				.array.ArrayImgs.floats((float[]) flat.getProcessor().getPixels(), 64, 64), "flat", org.diffusionj.sampling
					.StepListener.NONE);
		assertArrayEquals(r.terms, fromImg.terms, 0);
		assertEquals(r.summary, fromImg.summary);
		assertEquals("Likelihood of flat", fromImg.image("result").getTitle());
	}

	@Test
	void noiseScheduleTableMatchesTorch() {
		final JsonObject golden = Fixtures.reference().getAsJsonObject("schedules").getAsJsonObject("scaled_linear");
		assertTrue(ij.run("run(\"Noise Schedule...\", \"model=none schedule=scaled_linear\");\n" +
			"print(\"rows=\" + nResults + \" ab=\" + d2s(getResult(\"alpha_bar\", 500), 9) + \" title=\" + getTitle());"),
			ij.output());
		final double ab500 = golden.getAsJsonArray("alpha_bar").get(5).getAsDouble(); // index list: ..., 500, ...
		assertEquals(500, golden.getAsJsonArray("index").get(5).getAsInt());
		assertTrue(ij.output().contains("rows=1000 "), ij.output());
		final String printed = ij.output().replaceAll("(?s).*ab=([0-9.]+).*", "$1");
		assertEquals(ab500, Double.parseDouble(printed), 1e-6);
		assertTrue(ij.output().contains("title=Noise schedule scaled_linear"), ij.output());
	}
}
