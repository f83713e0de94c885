package org.diffusionj.model;

import java.util.Locale;

/** Where ONNX Runtime runs a model ({@code device} key): CUDA when it can (auto), the CPU, or CUDA only. */
public enum ExecutionDevice {
	AUTO("auto"), CPU("cpu"), CUDA("cuda");

	private final String key;

	ExecutionDevice(final String key) {
		this.key = key;
	}

	public String key() {
		return key;
	}

	public static ExecutionDevice fromKey(final String key) {
		for (final ExecutionDevice d : values()) {
			if (d.key.equals(key.trim().toLowerCase(Locale.ROOT))) return d;
		}
		throw new IllegalArgumentException("device=" + key + " is not a device (known: auto, cpu, cuda)");
	}
}
