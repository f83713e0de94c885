package org.diffusionj.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** ONNX Runtime's allocation failures are recognised (they become OutOfMemoryError, which callers retry). */
class AllocationFailureTest {

	@Test
	void recognisesOnnxRuntimeWording() {
		assertTrue(OnnxDenoiser.isAllocationFailure(
			"Error code - ORT_RUNTIME_EXCEPTION - message: Failed to allocate memory for requested buffer of size 4294967296"));
		assertTrue(OnnxDenoiser.isAllocationFailure("std::bad_alloc"));
		assertTrue(OnnxDenoiser.isAllocationFailure("CUDA failure 2: out of memory"));
		assertFalse(OnnxDenoiser.isAllocationFailure("Invalid rank for input: sample Got: 3 Expected: 4"));
		assertFalse(OnnxDenoiser.isAllocationFailure(null));
	}
}
