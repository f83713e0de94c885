package org.diffusionj.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.diffusionj.Fixtures;
import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.CommandService;
import org.scijava.module.Module;
import org.scijava.module.ModuleService;

/** In a SciJava dialog (Fiji's), label is a choice of the model's class names, set by the field's initializer. */
class LabelChoicesTest {

	private static List<?> labelChoices(final Class<? extends org.scijava.command.Command> command,
		final String model) throws Exception {
		final Context context = new Context();
		try {
			final Module module = context.service(ModuleService.class).createModule(context.service(
				CommandService.class).getCommand(command.getName()));
			module.setInput("model", model);
			module.initialize();
			return module.getInfo().getInput("label").getChoices();
		}
		finally {
			context.dispose();
		}
	}

	@Test
	void classNamesOfTheModelInTheField() throws Exception {
		final String classes = Fixtures.model("classes").toString();
		assertEquals(Arrays.asList("none", "low", "high"), labelChoices(GenerateImagesCommand.class, classes));
		assertEquals(Arrays.asList("none", "low", "high"), labelChoices(InpaintSelectionCommand.class, classes));
		assertEquals(Arrays.asList("none", "low", "high"), labelChoices(LikelihoodCommand.class, classes));
	}

	@Test
	void anUnconditionalOrBrokenModelLeavesFreeText() throws Exception {
		final List<?> none = labelChoices(NoiseAndDenoiseCommand.class, Fixtures.model("gaussian").toString());
		assertTrue(none == null || none.isEmpty(), String.valueOf(none));
		final List<?> broken = labelChoices(NoiseAndDenoiseCommand.class, "/no/such/model");
		assertTrue(broken == null || broken.isEmpty(), String.valueOf(broken));
	}

	/**
	 * A dialog opened for a model without classes leaves out label and guidance (resolved at their defaults before the
	 * harvester, which shows unresolved inputs only); one with classes shows them; a macro's label stays.
	 */
	@Test
	void aModelWithoutClassesHasNoLabelOrGuidanceInTheDialog() throws Exception {
		final Context context = new Context();
		try {
			for (final Class<?> command : Arrays.asList(RestoreImageCommand.class, NoiseAndDenoiseCommand.class,
				GenerateImagesCommand.class, LikelihoodCommand.class))
			{
				final Module plain = context.service(ModuleService.class).createModule(context.service(CommandService.class)
					.getCommand(command.getName()));
				plain.setInput("model", Fixtures.model("gaussian").toString());
				plain.initialize();
				assertTrue(plain.isInputResolved("label"), command.getSimpleName());
				assertEquals("none", plain.getInput("label"));
				assertEquals(org.scijava.ItemVisibility.INVISIBLE, plain.getInfo().getInput("label").getVisibility(),
					"Fiji's recorder leaves out invisible inputs");
				if (plain.getInfo().getInput("guidance") != null) {
					assertTrue(plain.isInputResolved("guidance"), command.getSimpleName());
					assertEquals(1.0, plain.getInput("guidance"));
				}
				final Module classes = context.service(ModuleService.class).createModule(context.service(
					CommandService.class).getCommand(command.getName()));
				classes.setInput("model", Fixtures.model("classes").toString());
				classes.initialize();
				assertTrue(!classes.isInputResolved("label"), command.getSimpleName());
			}
			final Module given = context.service(ModuleService.class).createModule(context.service(CommandService.class)
				.getCommand(GenerateImagesCommand.class.getName()));
			given.setInput("model", Fixtures.model("gaussian").toString());
			given.setInput("label", "2");
			given.resolveInput("label"); // as a macro's key is, before the initializers
			given.initialize();
			assertEquals("2", given.getInput("label"));
		}
		finally {
			context.dispose();
		}
	}

	/** Fiji's dialog calls the model's callback when the user picks another model: label follows it. */
	@Test
	void labelFollowsTheModelChosenInTheDialog() throws Exception {
		final Context context = new Context();
		try {
			final Module module = context.service(ModuleService.class).createModule(context.service(
				CommandService.class).getCommand(GenerateImagesCommand.class.getName()));
			module.setInput("model", Fixtures.model("classes").toString());
			module.initialize();
			module.setInput("label", "high");
			module.setInput("model", Fixtures.model("gaussian").toString());
			module.getInfo().getInput("model").callback(module);
			assertEquals(Arrays.asList("none"), module.getInfo().getInput("label").getChoices());
			assertEquals("none", module.getInput("label"), "a class the new model does not have");
			module.setInput("model", Fixtures.model("classes").toString());
			module.getInfo().getInput("model").callback(module);
			assertEquals(Arrays.asList("none", "low", "high"), module.getInfo().getInput("label").getChoices());
		}
		finally {
			context.dispose();
		}
	}
}
