package org.diffusionj.app;

import net.imagej.patcher.EssentialLegacyHooks;

/** ij1-patcher hooks that send {@code command:<class>} table entries to the bridge, as imagej-legacy does. */
final class BridgeHooks extends EssentialLegacyHooks {

	static final String PREFIX = "command:";

	private final Bridge bridge;

	BridgeHooks(final Bridge bridge) {
		this.bridge = bridge;
	}

	@Override
	public Object interceptRunPlugIn(final String className, final String arg) {
		if (className.startsWith(PREFIX)) {
			bridge.run(className.substring(PREFIX.length()));
			return className; // non-null: handled
		}
		return super.interceptRunPlugIn(className, arg);
	}
}
