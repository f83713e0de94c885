package org.diffusionj.app;

import ij.IJ;
import ij.ImageJ;
import ij.Menus;

import java.util.Map;
import java.util.LinkedHashMap;

import net.imagej.patcher.LegacyInjector;

import org.diffusionj.model.ModelCache;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;

/**
 * Outside Fiji, does what imagej-legacy does inside it: every SciJava command under
 * Plugins › DiffusionJ becomes an ImageJ 1.x command named by its menu leaf, whose macro keys are its
 * lower-cased parameter names. Owns the SciJava context; close it to dispose of the context.
 */
public final class Bridge implements AutoCloseable {

	static final String MENU = "Plugins>DiffusionJ";

	private final Context context;
	private final Map<String, CommandInfo> commands = new LinkedHashMap<>(); // in menu order

	private Bridge(final Context context) {
		this.context = context;
		commands.putAll(MenuCommands.of(context));
	}

	/**
	 * Creates the context, installs the hooks and registers the commands. ij1-patcher's
	 * {@code LegacyInjector.preinit()} must have run before any ImageJ 1.x class loaded.
	 */
	public static Bridge install() {
		final Bridge bridge = new Bridge(new Context());
		LegacyInjector.installHooks(Bridge.class.getClassLoader(), new BridgeHooks(bridge));
		bridge.register();
		return bridge;
	}

	/** The labels (macro command names) of the bridged commands. */
	public Map<String, CommandInfo> commands() {
		return commands;
	}

	public Context context() {
		return context;
	}

	@SuppressWarnings("unchecked")
	private void register() {
		if (Menus.getCommands() == null) initMenus();
		final Map<String, String> table = Menus.getCommands();
		for (final Map.Entry<String, CommandInfo> e : commands.entrySet()) {
			table.put(e.getKey(), BridgeHooks.PREFIX + e.getValue().getDelegateClassName());
		}
	}

	/** IJ.init() builds the command table; it is package-private, and IJ.run calls it on first use. */
	private static void initMenus() {
		try {
			final java.lang.reflect.Method init = IJ.class.getDeclaredMethod("init");
			init.setAccessible(true);
			init.invoke(null);
		}
		catch (final ReflectiveOperationException e) {
			throw new IllegalStateException("cannot initialise ImageJ 1.x menus", e);
		}
	}

	/** Adds Plugins › DiffusionJ › (each command) to the GUI's menu bar; an item runs its command as IJ.doCommand. */
	void addMenus(final ImageJ ij) {
		final java.awt.MenuBar bar = Menus.getMenuBar();
		java.awt.Menu plugins = null;
		for (int i = 0; i < bar.getMenuCount(); i++) {
			if ("Plugins".equals(bar.getMenu(i).getLabel())) plugins = bar.getMenu(i);
		}
		if (plugins == null) throw new IllegalStateException("ImageJ has no Plugins menu");
		final java.awt.Menu menu = new java.awt.Menu("DiffusionJ");
		for (final String label : commands.keySet()) {
			final java.awt.MenuItem item = new java.awt.MenuItem(label);
			item.addActionListener(e -> IJ.doCommand(label));
			menu.add(item);
		}
		plugins.addSeparator();
		plugins.add(menu);
		addPluginsFolderMacros(ij, plugins);
	}

	/**
	 * The macros of the ImageJ folder's plugins/ with an underscore in their name, as menu entries (underscores read
	 * as spaces), which ImageJ's Menus.installMacro makes. ij1-patcher switches that discovery off
	 * (LegacyExtensions.suppressIJ1ScriptDiscovery: validMacroName returns false) because in Fiji imagej-legacy's
	 * script service finds them instead; outside Fiji nothing would.
	 */
	private static void addPluginsFolderMacros(final ImageJ ij, final java.awt.Menu plugins) {
		final String dir = Menus.getPlugInsPath();
		final String[] names = dir == null ? null : new java.io.File(dir).list();
		if (names == null) return;
		java.util.Arrays.sort(names);
		for (final String name : names) {
			if (!name.endsWith(".ijm") || name.indexOf('_') < 0) continue;
			final String label = name.substring(0, name.length() - 4).replace('_', ' ').trim();
			if (Menus.getCommands().get(label) != null) continue;
			final java.awt.MenuItem item = new java.awt.MenuItem(label);
			item.addActionListener(ij); // ImageJ runs the table's entry for the label, as for its own macros
			plugins.add(item);
			Menus.getCommands().put(label, "ij.plugin.Macro_Runner(\"" + name + "\")");
		}
	}

	/** Runs one command for ImageJ 1.x: macro keys or a dialog in, the command's own output shown. */
	void run(final String className) {
		final CommandInfo info = context.service(CommandService.class).getCommand(className);
		if (info == null) throw new IllegalStateException("no command " + className);
		new CommandCall(context, info).run();
	}

	@Override
	public void close() {
		ModelCache.clear();
		context.dispose();
	}
}
