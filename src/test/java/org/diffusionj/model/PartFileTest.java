package org.diffusionj.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A result's temporary file gets the permissions of any new file of its folder, not the owner's alone. */
public class PartFileTest {

	/** The permissions a plain new file of {@code folder} gets (the umask's). */
	public static Set<PosixFilePermission> plain(final Path folder) throws IOException {
		final Path p = Files.createFile(folder.resolve("plain-" + System.nanoTime()));
		try {
			return Files.getPosixFilePermissions(p);
		}
		finally {
			Files.delete(p);
		}
	}

	@Test
	void aPartFileIsMadeAsAnyNewFile(@TempDir final Path folder) throws IOException {
		final Path a = PartFile.create(folder, "x.tif"), b = PartFile.create(folder, "x.tif");
		assertNotEquals(a, b);
		assertTrue(a.getFileName().toString().startsWith(".x.tif.") && a.toString().endsWith(".part"), a.toString());
		assertEquals(0, Files.size(a));
		assertEquals(plain(folder), Files.getPosixFilePermissions(a));
		assertEquals(plain(folder), Files.getPosixFilePermissions(b));
		assumeTrue(plain(folder).contains(PosixFilePermission.GROUP_READ), "under umask 077 every new file is the " +
			"owner's alone, and so was createTempFile's");
		assertTrue(Files.getPosixFilePermissions(a).contains(PosixFilePermission.GROUP_READ), "not the owner's alone");
	}
}
