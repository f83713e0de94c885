package org.diffusionj.app;

import ij.ImagePlus;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.diffusionj.model.PartFile;

/**
 * Writes a result so that it either is on disk whole or not there at all: the TIFF's bytes go to a temporary file
 * of the same folder (a name no other writer uses), are forced to the disk, checked (size, and the TIFF read back
 * against its header: {@link TiffIntegrity}), and only then renamed to the result's name, which is never
 * overwritten (when another writer of the folder got there first with a whole file, that file stays). Any failure (a full disk, a folder that stopped being writable) removes the temporary file and
 * throws, so that a folder run records the file as failed and a re-run does it again.
 */
public final class VerifiedWrite {

	private VerifiedWrite() {}

	/** Writes {@code imp} as the TIFF {@code target}; throws with the reason when it is not on disk whole. */
	public static void tiff(final ImagePlus imp, final Path target) throws IOException {
		bytes(TiffBytes.of(imp), target);
	}

	/** Writes TIFF bytes as {@code target}, whole or not at all. */
	public static void bytes(final byte[] bytes, final Path target) throws IOException {
		final Path folder = target.toAbsolutePath().getParent();
		final Path part = PartFile.create(folder, target.getFileName().toString());
		try {
			try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE)) {
				final ByteBuffer buffer = ByteBuffer.wrap(bytes);
				while (buffer.hasRemaining()) channel.write(buffer);
				channel.force(true);
			}
			final long size = Files.size(part);
			if (size != bytes.length) {
				throw new IOException("only " + size + " of its " + bytes.length + " bytes reached the disk");
			}
			final String problem = TiffIntegrity.problem(part.toFile());
			if (problem != null) throw new IOException("it does not read back: " + problem);
			try {
				Files.move(part, target); // NB: no REPLACE_EXISTING: a result that exists is never overwritten
			}
			catch (final FileAlreadyExistsException e) { // another writer of the folder was first: its file is kept
				final String other = TiffIntegrity.problem(target.toFile());
				if (other != null) throw new IOException(target.getFileName() + " appeared meanwhile, and " + other, e);
			}
		}
		finally {
			Files.deleteIfExists(part);
		}
	}
}
