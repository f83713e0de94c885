package org.diffusionj.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

import org.diffusionj.Fixtures;
import org.diffusionj.model.ModelCache;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.ModuleRunner;
import org.scijava.module.ModuleService;
import org.scijava.module.process.AbstractPreprocessorPlugin;
import org.scijava.module.process.PostprocessorPlugin;
import org.scijava.module.process.PreprocessorPlugin;
import org.scijava.plugin.PluginInfo;
import org.scijava.plugin.PluginService;
import org.scijava.service.Service;
import org.scijava.widget.InputHarvester;

/**
 * A macro that names only some keys must not stop at a dialog in GUI Fiji. The command runs through SciJava's real
 * preprocessor chain with imagej-legacy's two macro steps in front (the macro's keys set and resolved, as its
 * MacroPreprocessor does) and, at the input harvester's priority, a harvester that records every input it would
 * have to show.
 */
class MacroDefaultsPreprocessorIT {

	private static Context context;
	private static final AtomicReference<ImagePlus> lastResult = new AtomicReference<>();
	private static final AtomicReference<Module> lastModule = new AtomicReference<>();

	@BeforeAll
	static void start() {
		context = new Context();
	}

	@AfterAll
	static void stop() {
		context.dispose();
		ModelCache.clear();
	}

	@Test
	void leftOutKeysTakeTheirDefaultsWithoutADialog() throws Exception {
		final String options = "model=[" + Fixtures.model("gaussian") + "] steps=3 count=2";
		final List<String> asked = run(GenerateImagesCommand.class, options, true);
		assertEquals(new ArrayList<String>(), asked, "inputs a dialog would have asked for");
		final ImagePlus result = lastResult.get();
		assertNotNull(result, "the command ran");
		assertEquals(2, result.getStackSize());
		assertEquals(64, result.getWidth(), "the default width: the model's sample_size");
		// the image is the command's output for scripts, resolved so that Fiji's DisplayPostprocessor (in this chain
		// too) does not show it a second time
		assertEquals(result, lastModule.get().getOutput("result"));
		assertTrue(lastModule.get().isOutputResolved("result"));
	}

	/** Without it, the harvester is asked for every key the macro left out: the check above can fail. */
	@Test
	void withoutItTheHarvesterWouldShowADialog() throws Exception {
		final List<String> asked = run(GenerateImagesCommand.class, "model=[" + Fixtures.model("gaussian") +
			"] steps=3 count=1", false);
		assertTrue(asked.contains("sampler") && asked.contains("seed") && !asked.contains("steps"), asked.toString());
	}

	/** A macro call with no options at all still gets the dialog, as in ImageJ 1.x. */
	@Test
	void aCallWithoutOptionsIsLeftToTheDialog() throws Exception {
		final Module module = context.service(ModuleService.class).createModule(info(GenerateImagesCommand.class));
		new MacroDefaultsPreprocessor().process(module);
		assertTrue(!module.isInputResolved("sampler"));
	}

	private static CommandInfo info(final Class<? extends org.scijava.command.Command> type) {
		return context.service(CommandService.class).getCommand(type);
	}

	/**
	 * Runs the command on a macro thread with the options; returns what the harvester would have shown.
	 * withPreprocessor: false leaves MacroDefaultsPreprocessor out of the chain.
	 */
	private static List<String> run(final Class<? extends org.scijava.command.Command> type, final String options,
		final boolean withPreprocessor) throws Exception
	{
		final RecordingHarvester harvester = new RecordingHarvester();
		final AtomicReference<Throwable> failure = new AtomicReference<>();
		final Thread macro = new Thread(() -> {
			try {
				Macro.setOptions(options);
				final Module module = context.service(ModuleService.class).createModule(info(type));
				setMacroKeys(module, options);
				final List<PreprocessorPlugin> chain = new ArrayList<>();
				final PluginService plugins = context.service(PluginService.class);
				for (final PluginInfo<PreprocessorPlugin> p : plugins.getPluginsOfType(PreprocessorPlugin.class)) {
					if (!withPreprocessor && p.getPluginClass() == MacroDefaultsPreprocessor.class) continue;
					if (p.getPriority() < InputHarvester.PRIORITY && !chain.contains(harvester)) chain.add(harvester);
					chain.add(plugins.createInstance(p));
				}
				if (!chain.contains(harvester)) chain.add(harvester);
				new ModuleRunner(context, module, chain, context.service(PluginService.class).createInstancesOfType(
					PostprocessorPlugin.class)).run();
				lastResult.set(WindowManager.getCurrentImage()); // NB: a temporary current image is the thread's own
				lastModule.set(module);
			}
			catch (final Throwable t) {
				failure.set(t);
			}
			finally {
				Macro.setOptions(null);
			}
		}, "Run$_preprocessor_test"); // ImageJ 1.x answers Macro.getOptions() on threads named Run$_
		macro.start();
		macro.join();
		if (failure.get() != null) throw new AssertionError(failure.get());
		return harvester.asked;
	}

	/** imagej-legacy's MacroPreprocessor: each key the options name is set and resolved (key = field name). */
	private static void setMacroKeys(final Module module, final String options) {
		final Map<String, String> values = new TreeMap<>();
		for (final ModuleItem<?> item : module.getInfo().inputs()) {
			final String value = Macro.getValue(options, item.getName().toLowerCase(java.util.Locale.US), null);
			if (value != null) values.put(item.getName(), value);
		}
		for (final Map.Entry<String, String> e : values.entrySet()) {
			final ModuleItem<?> item = module.getInfo().getInput(e.getKey());
			module.setInput(e.getKey(), convert(e.getValue(), item.getType()));
			module.resolveInput(e.getKey());
		}
	}

	private static Object convert(final String value, final Class<?> type) {
		if (type == int.class) return Integer.valueOf(value);
		if (type == long.class) return Long.valueOf(value);
		if (type == double.class) return Double.valueOf(value);
		if (type == boolean.class) return Boolean.valueOf(value);
		return value;
	}

	/** At the input harvester's place: what it would show, every unresolved input that is not a service. */
	private static final class RecordingHarvester extends AbstractPreprocessorPlugin {
		final List<String> asked = new ArrayList<>();

		@Override
		public void process(final Module module) {
			for (final ModuleItem<?> item : module.getInfo().inputs()) {
				if (module.isInputResolved(item.getName())) continue;
				if (Service.class.isAssignableFrom(item.getType()) || item.getType() == Context.class) continue;
				asked.add(item.getName());
			}
		}
	}
}
