package org.diffusionj.app;

import ij.ImagePlus;
import ij.gui.Plot;
import ij.io.FileInfo;
import ij.io.FileSaver;
import ij.io.RoiEncoder;
import ij.io.TiffEncoder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * The bytes ImageJ's {@code FileSaver.saveAsTiff} writes for an image, made in memory: the same header, info,
 * labels, calibration and overlay (ij 1.54p's saveAsTiff and saveAsTiffStack, field by field), so results keep
 * their bytes. Writing them is the caller's, which is the point: FileSaver answers a failed write with an
 * {@code IJ.error}, which ends a whole macro, where a folder run must record the one file and go on.
 */
public final class TiffBytes {

	private TiffBytes() {}

	public static byte[] of(final ImagePlus imp) throws IOException {
		final FileSaver saver = new FileSaver(imp);
		final FileInfo fi = imp.getFileInfo();
		fi.info = imp.getInfoProperty();
		if (fi.nImages > 1) {
			fi.sliceLabels = imp.getStack().getSliceLabels();
		}
		else {
			final String label = imp.hasImageStack() ? imp.getStack().getSliceLabel(1) : null;
			if (label != null) fi.sliceLabels = new String[] { label };
		}
		fi.description = saver.getDescriptionString();
		if (fi.nImages == 1 && imp.getProperty(Plot.PROPERTY_KEY) != null) {
			fi.plot = ((Plot) imp.getProperty(Plot.PROPERTY_KEY)).toByteArray();
		}
		fi.roi = RoiEncoder.saveAsByteArray(imp.getRoi());
		fi.overlay = FileSaver.getOverlay(imp);
		fi.properties = imp.getPropertiesAsArray();
		if (fi.nImages > 1 && imp.isComposite()) saver.saveDisplayRangesAndLuts(imp, fi);
		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		new TiffEncoder(fi).write(out);
		return out.toByteArray();
	}
}
