package org.diffusionj;

import net.imagej.patcher.LegacyInjector;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Patches ImageJ 1.x (headless menus, the runPlugIn hook) before any test class loads an {@code ij.*}
 * class, as the app's main does. Registered in META-INF/services.
 */
public final class PatchImageJ implements LauncherSessionListener {

	@Override
	public void launcherSessionOpened(final LauncherSession session) {
		LegacyInjector.preinit();
	}
}
