package org.diffusionj.app;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.scijava.Context;
import org.scijava.MenuPath;
import org.scijava.command.Command;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;

/**
 * The commands under Plugins › DiffusionJ that a SciJava context knows, by label (menu leaf), as imagej-legacy
 * names them, in its menu order: by menu weight, then by name ({@code IJ1Helper.addMenuItems}). Apart from
 * {@link Bridge} because a plain ImageJ 1.x ({@link LegacyEntry}) has no ij1-patcher.
 */
final class MenuCommands {

	private MenuCommands() {}

	static Map<String, CommandInfo> of(final Context context) {
		final List<CommandInfo> found = new ArrayList<>();
		for (final CommandInfo info : context.service(CommandService.class).getCommandsOfType(Command.class)) {
			final MenuPath path = info.getMenuPath();
			if (path != null && path.size() == 3 && path.get(0).getName().equals("Plugins") && path.get(1).getName()
				.equals("DiffusionJ")) found.add(info);
		}
		found.sort(Comparator.comparingDouble((CommandInfo i) -> i.getMenuPath().getLeaf().getWeight()).thenComparing(
			i -> i.getMenuPath().getLeaf().getName()));
		final Map<String, CommandInfo> ordered = new LinkedHashMap<>();
		for (final CommandInfo info : found) ordered.put(info.getMenuPath().getLeaf().getName(), info);
		return ordered;
	}
}
