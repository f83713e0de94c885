package org.diffusionj.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The input and output folders of a folder run compared as folders, not as text: real paths (links followed,
 * {@code ..} and {@code //} resolved, for an output that does not exist yet through its nearest existing parent),
 * so that {@code out=[in/../in]} or a link to the input cannot make a run write into its own input and then read
 * its results as new images.
 */
public final class FolderCheck {

	private FolderCheck() {}

	/** Throws one sentence when the output is the input, lies inside it, or holds it. */
	public static void check(final String input, final String output) {
		final Path in, out;
		try {
			in = Paths.get(input).toRealPath();
			out = real(Paths.get(output).toAbsolutePath().normalize());
		}
		catch (final IOException | java.nio.file.InvalidPathException e) {
			throw new IllegalArgumentException("The folders " + input + " and " + output + " cannot be compared (" + e
				.getMessage() + ").", e);
		}
		if (out.equals(in)) {
			throw new IllegalArgumentException("The output folder must differ from the input folder (" + input + " is " +
				output + ").");
		}
		if (out.startsWith(in)) {
			throw new IllegalArgumentException("The output folder must not lie inside the input folder (" + output +
				" is inside " + input + "): its results would be taken for new images.");
		}
		if (in.startsWith(out)) {
			throw new IllegalArgumentException("The input folder must not lie inside the output folder (" + input +
				" is inside " + output + ").");
		}
	}

	/** The real path of a path that may not exist yet: its nearest existing parent's real path, then the rest. */
	static Path real(final Path absolute) throws IOException {
		Path existing = absolute;
		while (existing != null && !Files.exists(existing)) existing = existing.getParent();
		if (existing == null) return absolute;
		return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
	}
}
