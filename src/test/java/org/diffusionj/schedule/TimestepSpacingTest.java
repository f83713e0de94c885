package org.diffusionj.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The reference vectors of reference/diffusers-schedulers.md (T = 1000, checked with numpy there). */
class TimestepSpacingTest {

	@Test
	void tenSteps() {
		assertArrayEquals(new int[] { 999, 888, 777, 666, 555, 444, 333, 222, 111, 0 }, TimestepSpacing.LINSPACE
			.select(1000, 10, 0));
		assertArrayEquals(new int[] { 900, 800, 700, 600, 500, 400, 300, 200, 100, 0 }, TimestepSpacing.LEADING
			.select(1000, 10, 0));
		assertArrayEquals(new int[] { 901, 801, 701, 601, 501, 401, 301, 201, 101, 1 }, TimestepSpacing.LEADING
			.select(1000, 10, 1));
		assertArrayEquals(new int[] { 999, 899, 799, 699, 599, 499, 399, 299, 199, 99 }, TimestepSpacing.TRAILING
			.select(1000, 10, 0));
	}

	@Test
	void sevenStepsRoundHalfToEven() {
		assertArrayEquals(new int[] { 999, 832, 666, 500, 333, 166, 0 }, TimestepSpacing.LINSPACE.select(1000, 7, 0));
		assertArrayEquals(new int[] { 852, 710, 568, 426, 284, 142, 0 }, TimestepSpacing.LEADING.select(1000, 7, 0));
		assertArrayEquals(new int[] { 999, 856, 713, 570, 428, 285, 142 }, TimestepSpacing.TRAILING.select(1000, 7, 0));
	}

	@Test
	void trailing400() {
		final int[] t = TimestepSpacing.TRAILING.select(1000, 400, 0);
		assertArrayEquals(new int[] { 999, 997, 994, 991, 989, 987, 984, 981 }, java.util.Arrays.copyOf(t, 8));
		assertEquals(400, t.length);
	}

	@Test
	void stepsOutOfRangeNameTheKey() {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TimestepSpacing.LEADING
			.select(1000, 1001, 0));
		assertEquals(true, e.getMessage().startsWith("steps=1001"));
		assertThrows(IllegalArgumentException.class, () -> TimestepSpacing.LEADING.select(1000, 0, 0));
	}

	@Test
	void planPairsAreStoredNotDerived() {
		final TimestepPlan plan = TimestepPlan.of(SchedulerConfig.builder().timestepSpacing(TimestepSpacing.LINSPACE)
			.build(), 7);
		assertEquals(832, plan.tPrev(0));
		assertEquals(-1, plan.tPrev(6));
		assertArrayEquals(new int[] { 333, 166, 0 }, plan.lastFraction(0.5).timesteps());
	}

	/** DPMSolverMultistepScheduler's own set_timesteps: reference vectors of diffusers-schedulers.md section 3. */
	@Test
	void multistepPlans() {
		assertArrayEquals(new int[] { 999, 899, 799, 699, 599, 500, 400, 300, 200, 100 }, TimestepPlan.multistep(
			SchedulerConfig.defaults(), 10).timesteps(), "class default: linspace");
		assertArrayEquals(new int[] { 900, 810, 720, 630, 540, 450, 360, 270, 180, 90 }, TimestepPlan.multistep(
			SchedulerConfig.builder().timestepSpacing(TimestepSpacing.LEADING).build(), 10).timesteps());
		assertArrayEquals(new int[] { 999, 899, 799, 699, 599, 499, 399, 299, 199, 99 }, TimestepPlan.multistep(
			SchedulerConfig.builder().timestepSpacing(TimestepSpacing.TRAILING).build(), 10).timesteps());
		assertEquals(-1, TimestepPlan.multistep(SchedulerConfig.defaults(), 10).tPrev(9), "then sigma = 0");
		assertThrows(IllegalArgumentException.class, () -> TimestepPlan.multistep(SchedulerConfig.defaults(), 1000));
	}

	/** DDIMScheduler.step ends each step at t - T // S, whatever the spacing. */
	@Test
	void ddimEndsStepsAtTMinusRatio() {
		final TimestepPlan linspace = TimestepPlan.ddim(SchedulerConfig.builder().timestepSpacing(
			TimestepSpacing.LINSPACE).build(), 10);
		assertEquals(888, linspace.t(1));
		assertEquals(899, linspace.tPrev(0));
		assertEquals(-1, linspace.tPrev(9));
		final TimestepPlan trailing = TimestepPlan.ddim(SchedulerConfig.builder().timestepSpacing(
			TimestepSpacing.TRAILING).build(), 7);
		assertEquals(857, trailing.tPrev(0));
		assertEquals(0, trailing.tPrev(6), "the last step ends at t = 0, not after it");
		assertEquals(0, trailing.lastFraction(0.5).tPrev(2));
	}

	@Test
	void stepsOffsetBeyondTheScheduleIsOneSentence() {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TimestepSpacing.LEADING
			.select(1000, 1000, 1));
		assertEquals("steps=1000 with steps_offset=1 would start at t=1000, beyond the model's last timestep 999: " +
			"use fewer steps, or timestep_spacing trailing", e.getMessage());
	}

	@Test
	void leadingStartsFarBelowTheTopWarns() {
		assertEquals(null, TimestepSpacing.LEADING.startWarning(1000, 50));
		assertEquals(null, TimestepSpacing.LEADING.startWarning(1000, 4));
		assertEquals(null, TimestepSpacing.LEADING.startWarning(1000, 500));
		assertEquals(null, TimestepSpacing.TRAILING.startWarning(1000, 501));
		assertEquals("steps=501 with the model's leading timestep spacing starts at t=500 of 999, not from pure " +
			"noise: use steps=500 or 1000, or \"timestep_spacing\": \"trailing\" in the model's diffusion.json",
			TimestepSpacing.LEADING.startWarning(1000, 501));
	}
}
