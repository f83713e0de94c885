package org.diffusionj.app;

import ij.ImagePlus;
import ij.process.ImageProcessor;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A folder of held-out pairs in the layout {@code training/train.py --pairs} reads: {@code source/} (what the
 * microscope gave) and {@code target/} (the truth), the same file names in both. Checked whole before anything
 * runs, one sentence for the first problem: missing folders, names that do not pair, too few pairs, sizes that
 * differ, a target with NaN.
 */
final class PairsFolder {

	/** Fewer images give a Hoeffding–Bentkus bound that stays near α's side whatever the model does. */
	static final int MIN_PAIRS = 10;

	final File source, target;
	final List<String> names;

	private PairsFolder(final File source, final File target, final List<String> names) {
		this.source = source;
		this.target = target;
		this.names = names;
	}

	static PairsFolder check(final String folder) {
		final File dir = new File(folder), source = new File(dir, "source"), target = new File(dir, "target");
		if (!source.isDirectory() || !target.isDirectory()) {
			throw new IllegalArgumentException("pairs=[" + folder + "] needs the folders source/ and target/ (the layout " +
				"of training/train.py --pairs: the same file names in both).");
		}
		final Set<String> s = images(source), t = images(target);
		if (!s.equals(t)) {
			final Set<String> alone = new TreeSet<>(s);
			alone.removeAll(t);
			final Set<String> alone2 = new TreeSet<>(t);
			alone2.removeAll(s);
			throw new IllegalArgumentException("The names in " + source + " and " + target + " do not pair: " + (alone
				.isEmpty() ? alone2.iterator().next() + " is only in target/" : alone.iterator().next() +
					" is only in source/") + ".");
		}
		if (s.size() < MIN_PAIRS) {
			throw new IllegalArgumentException("pairs=[" + folder + "] holds " + s.size() + " pair(s); a calibration " +
				"needs at least " + MIN_PAIRS + ": its bound holds with probability 1 - delta over the images, and with " +
				"fewer it stays too loose to promise anything.");
		}
		final PairsFolder pairs = new PairsFolder(source, target, new ArrayList<>(s));
		for (final String name : pairs.names) pairs.checkPair(name);
		return pairs;
	}

	private static Set<String> images(final File dir) {
		final String[] list = dir.list();
		final Set<String> names = new TreeSet<>();
		for (final String name : list == null ? new String[0] : list) {
			if (BatchFiles.isImage(name).equals("true")) names.add(name);
		}
		return names;
	}

	private void checkPair(final String name) {
		final ImagePlus s = open(source, name), t = open(target, name);
		if (s.getWidth() != t.getWidth() || s.getHeight() != t.getHeight() || s.getStackSize() != t.getStackSize()) {
			throw new IllegalArgumentException("Pair " + name + " differs in size: source " + size(s) + ", target " + size(
				t) + ".");
		}
		for (int z = 1; z <= t.getStackSize(); z++) {
			final ImageProcessor ip = t.getStack().getProcessor(z);
			for (int i = 0; i < ip.getPixelCount(); i++) {
				if (!Float.isFinite(ip.getf(i))) {
					throw new IllegalArgumentException("Target " + name + " has a NaN or infinite pixel (plane " + z + "): a " +
						"truth must be a number everywhere.");
				}
			}
		}
	}

	ImagePlus source(final String name) {
		return open(source, name);
	}

	ImagePlus target(final String name) {
		return open(target, name);
	}

	private static ImagePlus open(final File dir, final String name) {
		final File file = new File(dir, name);
		final Object read = BatchFiles.readWhole(file);
		if (read instanceof String) throw new IllegalArgumentException(file + " cannot be read: " + read + ".");
		return (ImagePlus) read;
	}

	private static String size(final ImagePlus imp) {
		return imp.getWidth() + "x" + imp.getHeight() + "x" + imp.getStackSize();
	}

	@Override
	public String toString() {
		return source.getParentFile().getName();
	}
}
