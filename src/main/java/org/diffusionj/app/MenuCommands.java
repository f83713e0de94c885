package org.diffusionj.app;

import java.util.Map;
import java.util.TreeMap;

import org.scijava.Context;
import org.scijava.MenuPath;
import org.scijava.command.Command;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;

/**
 * The commands under Plugins › DiffusionJ that a SciJava context knows, by label (menu leaf), as imagej-legacy
 * names them. Apart from {@link Bridge} because a plain ImageJ 1.x ({@link LegacyEntry}) has no ij1-patcher.
 */
final class MenuCommands {

	private MenuCommands() {}

	static Map<String, CommandInfo> of(final Context context) {
		final Map<String, CommandInfo> found = new TreeMap<>();
		for (final CommandInfo info : context.service(CommandService.class).getCommandsOfType(Command.class)) {
			final MenuPath path = info.getMenuPath();
			if (path != null && path.size() == 3 && path.get(0).getName().equals("Plugins") && path.get(1).getName()
				.equals("DiffusionJ")) found.put(path.getLeaf().getName(), info);
		}
		return found;
	}
}
