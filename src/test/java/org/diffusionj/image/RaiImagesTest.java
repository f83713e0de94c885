package org.diffusionj.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ij.ImagePlus;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

import org.junit.jupiter.api.Test;

/** ImgLib2 images to ImageJ 1.x ones and back: x fastest, then y, then planes; depths kept where ImageJ has them. */
class RaiImagesTest {

	@Test
	void aStackOfShortsKeepsItsDepthAndComesBackAsFloats() {
		final short[] values = new short[3 * 2 * 2];
		for (int i = 0; i < values.length; i++) values[i] = (short) (1000 + 7 * i);
		final ImagePlus imp = RaiImages.toImagePlus(ArrayImgs.unsignedShorts(values, 3, 2, 2), "t");
		assertEquals(16, imp.getBitDepth());
		assertEquals(2, imp.getStackSize());
		assertEquals(1000 + 7 * (3 * 2 + 1 * 3 + 2), imp.getStack().getProcessor(2).get(2, 1)); // x 2, y 1, plane 1
		final ArrayImg<FloatType, FloatArray> back = RaiImages.toImg(imp);
		assertEquals(3, back.numDimensions());
		final float[] expected = new float[values.length];
		for (int i = 0; i < values.length; i++) expected[i] = values[i];
		assertArrayEquals(expected, back.update(null).getCurrentStorageArray());
	}

	@Test
	void otherTypesAreFloatsAndFourDimensionsAreRefused() {
		final ImagePlus imp = RaiImages.toImagePlus(ArrayImgs.doubles(new double[] { 0.5, -2 }, 2, 1), "d");
		assertEquals(32, imp.getBitDepth());
		assertEquals(-2f, imp.getProcessor().getf(1, 0));
		assertEquals(2, RaiImages.toImg(imp).numDimensions());
		assertThrows(IllegalArgumentException.class, () -> RaiImages.toImagePlus(ArrayImgs.floats(2, 2, 2, 2), "4d"));
	}
}
