package org.diffusionj.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleItem;
import org.scijava.module.ModuleService;
import org.scijava.service.Service;

/** Dialogs list the keys a user changes most first and tiling, batching and the device last (issue 17). */
class DialogOrderTest {

	private static List<String> keys(final Class<? extends DiffusionCommand> command) {
		final Context context = new Context();
		try {
			final List<String> keys = new ArrayList<>();
			for (final ModuleItem<?> item : context.service(ModuleService.class).createModule(context.service(
				CommandService.class).getCommand(command)).getInfo().inputs())
			{
				if (!Service.class.isAssignableFrom(item.getType()) && item.getType() != Context.class) keys.add(item
					.getName());
			}
			return keys;
		}
		finally {
			context.dispose();
		}
	}

	@Test
	void generateStartsWithCountAndEndsWithTilesBatchAndDevice() {
		assertEquals(java.util.Arrays.asList("count", "label", "sampler", "steps", "eta", "epsilon", "seed", "guidance", "width",
			"height", "model", "type", "preview", "tile", "overlap", "noise", "batch", "device"), keys(GenerateImagesCommand.class));
	}

	@Test
	void imageCommandsStartWithStrengthSamplesAndRange() {
		final List<String> keys = keys(NoiseAndDenoiseCommand.class);
		assertEquals(java.util.Arrays.asList("image", "strength", "samples", "label", "sampler", "steps", "range"), keys.subList(0, 7));
		assertEquals(java.util.Arrays.asList("tile", "overlap", "noise", "batch", "device"), keys.subList(keys.size() - 5, keys
			.size()));
		assertEquals(java.util.Arrays.asList("image", "samples", "label", "sampler", "steps", "range"), keys(RestoreImageCommand.class)
			.subList(0, 6));
	}

	/** The playground's points have no clean image to preview, so its dialog has no Preview box that does nothing. */
	@Test
	void thePlaygroundShowsNoPreviewBox() {
		final List<String> keys = keys(PlaygroundCommand.class);
		assertEquals(false, keys.contains("preview"), keys.toString());
		assertEquals(true, keys.containsAll(java.util.Arrays.asList("points", "sampler", "steps", "epsilon", "field")), keys
			.toString());
		assertEquals(true, keys(GenerateImagesCommand.class).contains("preview"));
	}

	/** Every key a dialog shows has Help text (the dialog's Help button lists them). */
	@Test
	void everyKeyHasHelp() {
		final Context context = new Context();
		try {
			for (final org.scijava.command.CommandInfo info : context.service(CommandService.class).getCommandsOfType(
				DiffusionCommand.class))
			{
				for (final ModuleItem<?> item : info.inputs()) {
					if (Service.class.isAssignableFrom(item.getType()) || item.getType() == Context.class || item
						.getType() == ij.ImagePlus.class) continue;
					final String help = item.getDescription();
					assertEquals(true, help != null && help.length() > 10, info.getTitle() + " " + item.getName() + ": " + help);
				}
			}
		}
		finally {
			context.dispose();
		}
	}
}
