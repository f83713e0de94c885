package org.diffusionj.sampling;

/** One image's N(0, 1) noise: each call draws the next c × h × w tensor of it. */
interface ImageNoise {

	void fill(float[] data, int offset, int c, int h, int w);
}
