package org.diffusionj.model;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The temporary file a result is written to before it is renamed to its name (whole or not at all), beside it in its
 * folder. It is made with the permissions every new file of the folder gets (the user's umask, as ImageJ's own saves
 * get), which it keeps when renamed: {@code Files.createTempFile} would make it readable by its owner only, so that a
 * batch's results, its manifest or a model's calibration could not be read by the lab's other accounts.
 */
public final class PartFile {

	private PartFile() {}

	/** A new, empty file {@code .NAME.RANDOM.part} in {@code folder}, a name no other writer holds. */
	public static Path create(final Path folder, final String name) throws IOException {
		while (true) {
			final Path part = folder.resolve("." + name + "." + Long.toUnsignedString(ThreadLocalRandom.current()
				.nextLong(), 36) + ".part");
			try {
				return Files.createFile(part);
			}
			catch (final FileAlreadyExistsException e) { // NB: another writer's; draw another name
			}
		}
	}
}
