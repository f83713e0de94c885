package org.diffusionj.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MirrorPadTest {

	@Test
	void reflectIsNumpysReflect() {
		// numpy.pad(arange(4), 5, 'reflect') = [1 2 3 2 1 | 0 1 2 3 | 2 1 0 1 2]
		final float[] expected = { 1, 2, 3, 2, 1, 0, 1, 2, 3, 2, 1, 0, 1, 2 };
		final float[] row = MirrorPad.around(4, 1, 14, 1).pad(new float[] { 0, 1, 2, 3 });
		assertArrayEquals(expected, row);
		// numpy.pad([[0, 1], [2, 3]], ((3, 3), (0, 0)), 'reflect')[:, 0] = [2 0 2 | 0 2 | 0 2 0]: repeats down a column
		final float[] column = MirrorPad.around(2, 2, 2, 8).pad(new float[] { 0, 1, 2, 3 });
		for (int y = 0; y < 8; y++) assertEquals(new float[] { 2, 0, 2, 0, 2, 0, 2, 0 }[y], column[y * 2], "row " + y);
		// an edge of one pixel mirrors to itself: numpy.pad([[5], [7]], ((1, 1), (2, 2)), 'reflect')
		assertArrayEquals(new float[] { 7, 7, 7, 7, 7, 5, 5, 5, 5, 5, 7, 7, 7, 7, 7, 5, 5, 5, 5, 5 }, MirrorPad.around(1,
			2, 5, 4).pad(new float[] { 5, 7 }));
	}

	@ParameterizedTest
	@CsvSource({ "37, 53, 4", "1, 1, 8", "32, 32, 8", "5, 3, 16" })
	void padThenCropIsIdentity(final int w, final int h, final int multiple) {
		final float[] plane = new float[w * h];
		for (int i = 0; i < plane.length; i++) plane[i] = i * 0.5f - 3;
		final MirrorPad pad = new MirrorPad(w, h, multiple);
		assertEquals(0, pad.paddedWidth() % multiple);
		assertEquals(0, pad.paddedHeight() % multiple);
		final float[] padded = pad.pad(plane);
		assertEquals(pad.paddedWidth() * pad.paddedHeight(), padded.length);
		assertArrayEquals(plane, pad.crop(padded));
	}

	@Test
	void mirrorsAboutTheEdgePixel() {
		final MirrorPad pad = new MirrorPad(3, 1, 5); // 3 x 1 -> 5 x 5: one column each side
		final float[] padded = pad.pad(new float[] { 1, 2, 3 });
		for (int row = 0; row < 5; row++) {
			assertArrayEquals(new float[] { 2, 1, 2, 3, 2 }, java.util.Arrays.copyOfRange(padded, row * 5, row * 5 + 5));
		}
	}

	@Test
	void aPadWiderThanOneMirrorMeansTooSmall() {
		assertEquals(true, new MirrorPad(1, 40, 4).repeats()); // 1 -> 4: three made-up columns of one
		assertEquals(false, new MirrorPad(2, 40, 4).repeats()); // 2 -> 4: one on each side
		assertEquals(true, new MirrorPad(3, 5, 8).repeats()); // 5 -> 8 is fine, 3 -> 8 is not
		assertEquals(2, MirrorPad.smallestEdge(4, 0));
		assertEquals(4, MirrorPad.smallestEdge(8, 0));
		assertEquals(12, MirrorPad.smallestEdge(1, 32)); // 12 + 10 + 10 = 32
		assertEquals(MirrorPad.of(20, 30, 1, 32).paddedWidth(), 32);
		assertEquals(MirrorPad.of(20, 40, 4, 32).paddedHeight(), 40);
	}

	/** A margin of context beyond every edge (8 pixels, an eighth of a small edge), shrinking so as never to repeat. */
	@Test
	void marginBeyondTheEdges() {
		final MirrorPad p = MirrorPad.withMargin(100, 60, 8, 0);
		org.junit.jupiter.api.Assertions.assertEquals(120, p.paddedWidth()); // 100 + 2 * 8, rounded up to 8
		org.junit.jupiter.api.Assertions.assertEquals(80, p.paddedHeight()); // 60 + 2 * 8
		org.junit.jupiter.api.Assertions.assertEquals(40, MirrorPad.withMargin(32, 32, 4, 0).paddedWidth());
		final MirrorPad tiny = MirrorPad.withMargin(3, 3, 4, 0);
		org.junit.jupiter.api.Assertions.assertEquals(4, tiny.paddedWidth());
		org.junit.jupiter.api.Assertions.assertFalse(tiny.repeats());
		final float[] plane = { 1, 2, 3, 4, 5, 6 };
		final MirrorPad small = MirrorPad.withMargin(3, 2, 1, 0);
		org.junit.jupiter.api.Assertions.assertArrayEquals(plane, small.crop(small.pad(plane)));
		// a graph fixed at 32 x 32: a 32-pixel image keeps 32 (no room for a margin), a 20-pixel one gets one within it
		org.junit.jupiter.api.Assertions.assertEquals(32, MirrorPad.withMargin(32, 32, 4, 32).paddedWidth());
		org.junit.jupiter.api.Assertions.assertEquals(32, MirrorPad.withMargin(20, 20, 4, 32).paddedWidth());
		org.junit.jupiter.api.Assertions.assertEquals(112, MirrorPad.withMargin(96, 96, 4, 32).paddedWidth());
	}
}
