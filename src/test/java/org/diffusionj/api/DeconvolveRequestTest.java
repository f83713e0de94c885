package org.diffusionj.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The sampler's defaults and the calibration key that names them, and one sentence for a bad single-step ρ. */
class DeconvolveRequestTest {

	@Test
	void theDefaultSamplerIsNamedInThePhysicsKey() {
		final DeconvolveRequest r = DeconvolveRequest.builder().psf("gaussian").sigma(1.4).noise("poisson").gain(2)
			.offset(100).read(3).build();
		assertEquals(24, r.steps);
		assertEquals(3, r.priorSteps);
		assertEquals(0.1, r.singleStepRho);
		assertEquals("psf=gaussian sigma=1.4 noise=poisson gain=2.0 offset=100.0 read=3.0 prior_steps=3 " +
			"single_step_rho=0.1 rho=0.5-0.05", r.physicsKey());
	}

	@Test
	void aNegativeSingleStepRhoIsOneSentence() {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeconvolveRequest
			.builder().singleStepRho(-0.1).build());
		assertEquals("the single-step rho must be >= 0, not -0.1.", e.getMessage());
	}
}
