package org.diffusionj.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** A folder on any Hadoop file system, as a folder run uses it: list, fetch, write whole or not at all. */
final class HadoopFiles {

	private final FileSystem fs;
	private final Path folder;

	HadoopFiles(final String folder, final Map<String, String> settings) throws IOException {
		final Configuration conf = new Configuration();
		for (final Map.Entry<String, String> e : settings.entrySet()) conf.set(e.getKey(), e.getValue());
		this.folder = new Path(folder);
		final URI uri = this.folder.toUri();
		this.fs = FileSystem.get(uri, conf);
		fs.setWriteChecksum(false); // NB: no .crc files beside the results on a local folder
	}

	/** The names of the plain files in the folder, sorted as a macro's getFileList sorts them. */
	List<String> names() throws IOException {
		final List<String> names = new ArrayList<>();
		for (final FileStatus status : fs.listStatus(folder)) {
			if (status.isFile()) names.add(status.getPath().getName());
		}
		names.sort(String::compareTo);
		return names;
	}

	boolean isFolder() throws IOException {
		return fs.exists(folder) && fs.getFileStatus(folder).isDirectory();
	}

	boolean makeFolder() throws IOException {
		return fs.mkdirs(folder);
	}

	boolean exists(final String name) throws IOException {
		return fs.exists(new Path(folder, name));
	}

	/** Copies a file of the folder to a local file. */
	void fetch(final String name, final java.nio.file.Path local) throws IOException {
		try (InputStream in = fs.open(new Path(folder, name))) {
			Files.copy(in, local);
		}
	}

	/** The bytes of a file of the folder (for the manifest). */
	byte[] read(final String name) throws IOException {
		try (InputStream in = fs.open(new Path(folder, name))) {
			return in.readAllBytes();
		}
	}

	/**
	 * Writes a local file into the folder under {@code name}: first as {@code .name.part} (replacing any that an
	 * earlier attempt left), then renamed, so that a reader never sees half a file.
	 *
	 * @param beforeRename called with the part's name once it is whole (tests fail a task there)
	 */
	void publish(final java.nio.file.Path local, final String name, final java.util.function.Consumer<String> beforeRename)
		throws IOException
	{
		final Path part = new Path(folder, "." + name + ".part");
		try {
			try (OutputStream out = fs.create(part, true)) {
				Files.copy(local, out);
			}
			final long written = fs.getFileStatus(part).getLen(), size = Files.size(local);
			if (written != size) throw new IOException("only " + written + " of its " + size + " bytes were written");
		}
		catch (final IOException | FSError e) { // NB: a full disk: no part left behind, the row says failed
			fs.delete(part, false);
			throw e instanceof FSError ? new IOException(e.getCause() == null ? e.toString() : e.getCause().getMessage(),
				e) : (IOException) e;
		}
		beforeRename.accept(part.getName());
		if (!fs.rename(part, new Path(folder, name))) throw new IOException("cannot rename " + part + " to " + name);
	}

	/** Moves a file of the folder aside under a new name (a result that is not whole), replacing what was there. */
	void moveAside(final String name, final String aside) throws IOException {
		fs.delete(new Path(folder, aside), false);
		if (!fs.rename(new Path(folder, name), new Path(folder, aside))) {
			throw new IOException("cannot move " + name + " aside");
		}
	}

	/**
	 * Writes bytes as a file of the folder, whole or not at all: a part of this writer's own (tasks may write the same
	 * file at once), then renamed; when another writer got there first, its file is kept (it has the same bytes).
	 */
	void publish(final byte[] bytes, final String name) throws IOException {
		final Path part = new Path(folder, "." + name + "." + java.util.UUID.randomUUID() + ".part");
		try (OutputStream out = fs.create(part, true)) {
			out.write(bytes);
		}
		final Path target = new Path(folder, name);
		if (!fs.rename(part, target) && !fs.exists(target)) throw new IOException("cannot rename " + part + " to " + name);
		fs.delete(part, false);
	}

	/** Deletes the folder and all it holds. */
	void deleteFolder() throws IOException {
		fs.delete(folder, true);
	}

	/** The local file of a name in this folder, when the folder is on the local file system; else null. */
	java.io.File localFile(final String name) {
		final String scheme = folder.toUri().getScheme();
		return scheme == null || scheme.equals("file") ? new java.io.File(new Path(folder, name).toUri().getPath()) : null;
	}

	/** The folder itself as a local folder, when it is on the local file system; else null. */
	java.io.File localFolder() {
		final String scheme = folder.toUri().getScheme();
		return scheme == null || scheme.equals("file") ? new java.io.File(folder.toUri().getPath()) : null;
	}

	/** Replaces a file of the folder with these bytes (part, then rename; the old file is gone only at the end). */
	void replace(final String name, final byte[] bytes) throws IOException {
		final Path part = new Path(folder, "." + name + ".part");
		try (OutputStream out = fs.create(part, true)) {
			out.write(bytes);
		}
		catch (final FSError e) { // NB: Hadoop's local file system says "disk full" with an Error
			fs.delete(part, false);
			throw new IOException(e.getCause() == null ? e.toString() : e.getCause().getMessage(), e);
		}
		final Path target = new Path(folder, name);
		if (fs.exists(target) && !fs.delete(target, false)) throw new IOException("cannot replace " + target);
		if (!fs.rename(part, target)) throw new IOException("cannot rename " + part + " to " + target);
	}
}
