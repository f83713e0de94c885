package org.diffusionj.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class MacroKeysTest {

	@Test
	void keysOfAnOptionsString() {
		assertEquals(Arrays.asList("a", "range", "b", "flag", "c"), MacroKeys.keysIn("a=1  range=[0 10] b=[x [y]] flag " +
			"C='q r'"));
	}

	@Test
	void oneKeySetBracketsAndAllKept() {
		assertEquals("a=1 range=[0 10] b=[x y] noise=position", MacroKeys.with("a=1 noise=image range=[0 10] b=[x y]",
			"noise", "position"));
		assertEquals("a=1 b=[x y] range=[1 2]", MacroKeys.with("a=1 range=[0 10] b=[x y]", "range", "1 2"));
	}
}
