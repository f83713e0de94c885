package org.diffusionj.app;

import ij.IJ;
import ij.ImageJ;
import ij.Menus;

import java.awt.Menu;
import java.awt.MenuBar;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a plain ImageJ 1.x window over an ImageJ folder (the argument) and prints the items of
 * Plugins › DiffusionJ; for {@link PlainImageJIT}, in a JVM of its own with only ij.jar and this class on the
 * class path, as ImageJ runs when started from its own jar.
 */
public final class PlainMenuCheck {

	private PlainMenuCheck() {}

	public static void main(final String[] args) {
		System.setProperty("plugins.dir", args[0]);
		final ImageJ ij = new ImageJ(ImageJ.NO_SHOW);
		final MenuBar bar = Menus.getMenuBar();
		final List<String> items = new ArrayList<>();
		for (int i = 0; i < bar.getMenuCount(); i++) {
			if (!"Plugins".equals(bar.getMenu(i).getLabel())) continue;
			final Menu plugins = bar.getMenu(i);
			for (int k = 0; k < plugins.getItemCount(); k++) {
				if (!"DiffusionJ".equals(plugins.getItem(k).getLabel())) continue;
				final Menu ours = (Menu) plugins.getItem(k);
				for (int j = 0; j < ours.getItemCount(); j++) {
					if (!"-".equals(ours.getItem(j).getLabel())) items.add(ours.getItem(j).getLabel());
				}
			}
		}
		System.out.println("Plugins>DiffusionJ: " + String.join(", ", items));
		ij.exitWhenQuitting(true);
		IJ.getInstance().quit();
		System.exit(0);
	}
}
