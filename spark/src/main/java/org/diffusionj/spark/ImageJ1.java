package org.diffusionj.spark;

import net.imagej.patcher.LegacyInjector;

/**
 * ImageJ 1.x in a Spark JVM as the standalone app has it: patched for a JVM with no display before the first
 * {@code ij.*} class loads, then with ImageJ's preferences loaded as {@code IJ.init()} loads them (they decide,
 * for one, the byte order of the TIFFs ImageJ writes: without them a bare JVM writes little-endian TIFFs, ImageJ
 * big-endian unless Edit › Options › Input/Output says otherwise). On the driver in main, on an executor in its
 * first task.
 */
final class ImageJ1 {

	private ImageJ1() {}

	private static final class Once {
		static {
			System.setProperty("java.awt.headless", "true");
			try {
				LegacyInjector.preinit();
			}
			catch (final RuntimeException e) {
				// NB: code of the job's own loaded ImageJ before us; the commands run headless without the patch too
			}
			ij.Prefs.load(null, null); // NB: only now may an ij class load
		}

		static void touch() {
			// NB: the static initialiser has run
		}
	}

	static void init() {
		Once.touch();
	}
}
