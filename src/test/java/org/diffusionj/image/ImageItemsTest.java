package org.diffusionj.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.Calibration;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Round trips through items keep pixels, depth, size, dimensions, calibration and labels; inputs stay untouched. */
class ImageItemsTest {

	static ImagePlus image(final String type, final int c, final int z, final int t) {
		final ImagePlus imp = IJ.createImage("sample.tif", type + " ramp", 37, 53, c, z, t);
		for (int s = 1; s <= imp.getStackSize(); s++) {
			imp.getStack().getProcessor(s).add(s * 3);
			imp.getStack().setSliceLabel("plane" + s, s);
		}
		final Calibration cal = imp.getCalibration();
		cal.pixelWidth = 0.25;
		cal.pixelHeight = 0.5;
		cal.setUnit("um");
		return imp;
	}

	private static Object[] pixels(final ImagePlus imp) {
		final Object[] p = new Object[imp.getStackSize()];
		for (int s = 1; s <= p.length; s++) p[s - 1] = imp.getStack().getProcessor(s).duplicate().getPixels();
		return p;
	}

	@ParameterizedTest(name = "{0} c={1} z={2} t={3}")
	@CsvSource({ "8-bit, 1, 1, 1", "16-bit, 1, 4, 1", "32-bit, 2, 3, 2", "RGB, 1, 2, 1", "8-bit, 3, 1, 2" })
	void roundTripIsExact(final String type, final int c, final int z, final int t) {
		final ImagePlus in = image(type, c, z, t);
		final Object[] before = pixels(in);
		final ImageItems items = ImageItems.of(in, 1);
		assertEquals(in.getStackSize() * (in.getType() == ImagePlus.COLOR_RGB ? 3 : 1), items.size());
		final List<float[][]> same = new ArrayList<>();
		for (int i = 0; i < items.size(); i++) same.add(new float[][] { items.item(i)[0].clone() });
		final ImagePlus out = items.rebuild(same, null, "out");
		assertNotSame(in, out);
		assertEquals(in.getBitDepth(), out.getBitDepth());
		assertEquals(in.getWidth(), out.getWidth());
		assertArrayEquals(in.getDimensions(), out.getDimensions());
		assertEquals(0.25, out.getCalibration().pixelWidth);
		assertEquals("µm", out.getCalibration().getUnit());
		assertEquals(in.getStack().getSliceLabel(in.getStackSize()), out.getStack().getSliceLabel(out.getStackSize()));
		final Object[] after = pixels(out);
		for (int s = 0; s < before.length; s++) {
			if (before[s] instanceof byte[]) assertArrayEquals((byte[]) before[s], (byte[]) after[s]);
			else if (before[s] instanceof short[]) assertArrayEquals((short[]) before[s], (short[]) after[s]);
			else if (before[s] instanceof float[]) assertArrayEquals((float[]) before[s], (float[]) after[s]);
			else assertArrayEquals((int[]) before[s], (int[]) after[s]);
		}
		final Object[] inputAfter = pixels(in);
		for (int s = 0; s < before.length; s++) {
			assertTrue(java.util.Objects.deepEquals(before[s], inputAfter[s]), "input untouched");
		}
	}

	@Test
	void threeChannelModelTakesRgbAsOneItem() {
		final ImagePlus rgb = image("RGB", 1, 2, 1);
		assertEquals(2, ImageItems.of(rgb, 3).size());
		assertEquals(3, ImageItems.of(rgb, 3).item(0).length);
	}

	@Test
	void channelMismatchIsOneSentence() {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageItems.of(image(
			"8-bit", 2, 1, 1), 3));
		assertEquals("model takes 3 channel(s) but image sample.tif has 2.", e.getMessage());
	}

	@Test
	void eightBitResultsAreRoundedAndClamped() {
		final ImagePlus in = image("8-bit", 1, 1, 1);
		final float[] v = new float[37 * 53];
		v[0] = -7;
		v[1] = 300;
		v[2] = 10.5f;
		v[3] = 11.5f;
		final List<float[][]> r = new ArrayList<>();
		r.add(new float[][] { v });
		final ImagePlus out = ImageItems.of(in, 1).rebuild(r, null, "out");
		assertEquals(0, out.getProcessor().get(0));
		assertEquals(255, out.getProcessor().get(1));
		assertEquals(10, out.getProcessor().get(2)); // half to even
		assertEquals(12, out.getProcessor().get(3));
	}
}
