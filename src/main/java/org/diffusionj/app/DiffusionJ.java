package org.diffusionj.app;

import net.imagej.patcher.LegacyInjector;

/**
 * The standalone app: {@code java -jar diffusionj-app.jar} opens ImageJ with Plugins › DiffusionJ;
 * {@code -batch FILE.ijm [ARG]} runs a macro with no display and exits non-zero when it stops on an error.
 *
 * <p>NB: this class must not touch any {@code ij.*} class: ij1-patcher has to patch ImageJ 1.x (headless
 * menus, the runPlugIn hook) before the first of them loads.
 */
public final class DiffusionJ {

	private DiffusionJ() {}

	public static void main(final String[] args) {
		LegacyInjector.preinit();
		System.exit(Launcher.launch(args));
	}
}
