package org.diffusionj.app;

import ij.ImagePlus;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.diffusionj.api.RunResult;
import org.diffusionj.command.DiffusionCommand;
import org.diffusionj.command.ImageCommand;
import org.diffusionj.command.MacroKeys;
import org.scijava.Context;
import org.scijava.InstantiableException;
import org.scijava.command.CommandInfo;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.ModuleService;

/**
 * Runs a DiffusionJ command on an image from Java, on the calling thread, with no macro, window or dialog: what Batch
 * Folder..., Calibrate Uncertainty... and a Spark task need. The options are the user's, as a macro gives them
 * ("strength=0.3 seed=7"): {@link Call#of} reads them, once, into the values of the command's keys (the same keys,
 * values and defaults as {@code run(label, options)} in a macro); {@link Call#run} sets those values on the command,
 * whose request of the Java API runs ({@link DiffusionCommand#runFor}) and gives the same pixels as the macro. No
 * pre-processor runs, so an outer macro's options never reach the inner command. Calls on several threads at once
 * share the JVM's one context and its model sessions.
 */
public final class HeadlessCommands {

	/** Every sampling command's seed key, which the caller gives as a number (a file's own seed). */
	private static final String SEED = "seed";

	private HeadlessCommands() {}

	/**
	 * A command with its keys read once from a user's options: the value of every key (the options', else the
	 * command's default), serializable, so that a Spark driver reads the text and its tasks get values. Running it
	 * makes the command, sets those values and runs the command's request ({@link DiffusionCommand#runFor}).
	 */
	public static final class Call implements Serializable {

		private static final long serialVersionUID = 1L;

		/** The seed of a command that has no seed key (every command that takes files has one). */
		private static final long DEFAULT_SEED = 42;

		public final String label;
		private final LinkedHashMap<String, Object> keys = new LinkedHashMap<>();

		private Call(final String label) {
			this.label = label;
		}

		/** The command of this label with these options (the bridge reads them); one sentence when they are bad. */
		public static Call of(final String label, final String options) {
			return of(SharedContext.get(), label, options);
		}

		/** As {@link #of(String, String)}, in a given context. */
		public static Call of(final Context context, final String label, final String options) {
			final CommandInfo info = command(context, label);
			check(info, label, options); // the sentence a macro gets
			return withPluginLoader(() -> {
				final Call call = new Call(label);
				final Module module = context.service(ModuleService.class).createModule(info);
				CommandCall.fillFromOptions(context, module, options);
				for (final ModuleItem<?> item : info.inputs()) {
					if (CommandCall.isService(item) || item.getType() == ImagePlus.class) continue;
					call.keys.put(item.getName(), module.getInput(item.getName()));
				}
				return call;
			});
		}

		/** The value of a key (the option's, else the default), or null when the command has no such key (or it is null). */
		public Object value(final String key) {
			return keys.get(key);
		}

		/** The run's seed: the seed key's value, else 42. */
		public long seed() {
			final Object seed = keys.get(SEED);
			return seed instanceof Number ? ((Number) seed).longValue() : DEFAULT_SEED;
		}

		/**
		 * Checks the keys as a run of the command checks them, with no image (a folder run, before any file).
		 *
		 * @throws IllegalArgumentException with the one sentence a user would have been shown
		 */
		public void checkRun(final Context context) {
			withPluginLoader(() -> {
				final Module module = context.service(ModuleService.class).createModule(command(context, label));
				keys.forEach(module::setInput);
				((DiffusionCommand) module.getDelegateObject()).checkFor();
				return null;
			});
		}

		/** As {@link #checkRun(Context)}, in the JVM's one context. */
		public void checkRun() {
			checkRun(SharedContext.get());
		}

		/**
		 * Runs the command on {@code input}, which it does not modify, with this seed (a file's own) and some keys set
		 * over the options' (a Spark block: one range for all blocks, noise by position, 32-bit results).
		 *
		 * @throws IllegalArgumentException with the one sentence a user would have been shown
		 */
		public RunResult run(final ImagePlus input, final long seed, final Map<String, ?> inputs) {
			return run(SharedContext.get(), input, seed, inputs);
		}

		/** As {@link #run(ImagePlus, long, Map)}, in a given context. */
		public RunResult run(final Context context, final ImagePlus input, final long seed, final Map<String, ?> inputs) {
			return withPluginLoader(() -> {
				final Module module = context.service(ModuleService.class).createModule(command(context, label));
				keys.forEach(module::setInput);
				if (keys.containsKey(SEED)) module.setInput(SEED, seed); // a number, never text again
				inputs.forEach((key, value) -> {
					if (keys.containsKey(key)) module.setInput(key, value);
				});
				final RunResult result = ((DiffusionCommand) module.getDelegateObject()).runFor(input);
				if (result.images().isEmpty()) throw new IllegalArgumentException(label + " made no image.");
				return result;
			});
		}
	}

	/** Runs {@code work} with this plugin's class loader as the thread's (a Spark executor's thread may have another). */
	private static <T> T withPluginLoader(final Supplier<T> work) {
		final Thread thread = Thread.currentThread();
		final ClassLoader loader = thread.getContextClassLoader();
		thread.setContextClassLoader(HeadlessCommands.class.getClassLoader());
		try {
			return work.get();
		}
		finally {
			thread.setContextClassLoader(loader);
		}
	}

	private static CommandInfo command(final Context context, final String label) {
		final Map<String, CommandInfo> commands = MenuCommands.of(context);
		final CommandInfo info = commands.get(label);
		if (info == null) {
			throw new IllegalArgumentException("DiffusionJ has no command " + label + " (its commands are " + String.join(
				", ", commands.keySet()) + ").");
		}
		return info;
	}

	/** The macro's sentence for an unknown key, or that this command takes no image. */
	private static void check(final CommandInfo info, final String label, final String options) {
		final Class<?> type;
		try {
			type = info.loadClass();
		}
		catch (final InstantiableException e) {
			throw new IllegalArgumentException(label + " cannot be loaded: " + e.getMessage(), e);
		}
		MacroKeys.check(type, label, options);
		if (!ImageCommand.class.isAssignableFrom(type)) {
			throw new IllegalArgumentException(label + " takes no image, so it cannot process files.");
		}
	}
}
