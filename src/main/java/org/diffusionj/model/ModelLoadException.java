package org.diffusionj.model;

/** A model folder that cannot be used; the message is one sentence naming the file and the problem. */
public final class ModelLoadException extends Exception {

	private static final long serialVersionUID = 1L;

	public ModelLoadException(final String message) {
		super(message);
	}

	public ModelLoadException(final String message, final Throwable cause) {
		super(message, cause);
	}
}
