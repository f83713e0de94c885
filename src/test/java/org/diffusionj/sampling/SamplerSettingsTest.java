package org.diffusionj.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The keys' defaults are decided in one place, whoever asks (a macro, a dialog, a Java caller). */
class SamplerSettingsTest {

	@Test
	void stepsZeroIsTheSamplersDefaultForTheModelsT() {
		assertEquals(1000, SamplerSettings.resolved(SamplerKind.DDPM, 0, 0, 1, 0, 1, 1000).steps());
		assertEquals(20, SamplerSettings.resolved(SamplerKind.DPM_SOLVER_2M_T0, 0, 0, 1, 0, 1, 1000).steps());
		assertEquals(50, SamplerSettings.resolved(SamplerKind.DDIM, 0, 0, 1, 0, 1, 1000).steps());
		assertEquals(10, SamplerSettings.resolved(SamplerKind.DDIM, 0, 0, 1, 0, 1, 10).steps(), "at most T");
		assertEquals(7, SamplerSettings.resolved(SamplerKind.DDIM, 7, 0, 1, 0, 1, 1000).steps());
	}

	@Test
	void epsilonZeroIsTheModelsOwn() {
		assertEquals(1.004, SamplerSettings.resolved(SamplerKind.DDIM, 0, 0, 1, 0, 1.004, 1000).epsilonScale());
		assertEquals(1.0, SamplerSettings.resolved(SamplerKind.DDIM, 0, 0, 1, 1, 1.004, 1000).epsilonScale());
	}

	@Test
	void outOfRangeIsOneSentence() {
		assertTrue(assertThrows(IllegalArgumentException.class, () -> SamplerSettings.resolved(SamplerKind.DDIM, -1, 0,
			1, 0, 1, 1000)).getMessage().startsWith("steps=-1 is out of range: it must be 0 (the sampler's default)"));
		assertThrows(IllegalArgumentException.class, () -> SamplerSettings.resolved(SamplerKind.DDIM, 1001, 0, 1, 0, 1,
			1000));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> SamplerSettings.resolved(SamplerKind.DDIM, 0, 0, 1,
			0.2, 1, 1000)).getMessage().startsWith("epsilon=0.2 is out of range: it must be 0 (the model's own"));
	}
}
