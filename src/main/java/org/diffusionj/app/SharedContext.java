package org.diffusionj.app;

import org.scijava.Context;

/**
 * The JVM's one SciJava context for commands called from ImageJ 1.x ({@link LegacyEntry}) or from Java
 * ({@link HeadlessCommands}), made on first use and kept for the JVM's life: the first context costs 0.6 s, each
 * later one 30-40 ms, which a macro calling a command a thousand times would pay every call.
 */
final class SharedContext {

	private SharedContext() {}

	private static final class Holder {
		static final Context CONTEXT = make();
	}

	/** NB: SciJava finds this jar's plugin index only through the class loader that loaded it. */
	private static Context make() {
		final Thread thread = Thread.currentThread();
		final ClassLoader before = thread.getContextClassLoader();
		thread.setContextClassLoader(SharedContext.class.getClassLoader());
		try {
			return new Context();
		}
		finally {
			thread.setContextClassLoader(before);
		}
	}

	static Context get() {
		return Holder.CONTEXT;
	}
}
