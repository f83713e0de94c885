package org.diffusionj.app;

import java.nio.charset.StandardCharsets;

import org.diffusionj.sampling.SplitMix64;

/**
 * For folder macros run in pieces (SLURM job arrays, several machines, a resumed run): which files a shard takes,
 * and each file's seed. Called from a macro, e.g. {@code call("org.diffusionj.app.BatchShard.takes", "" + k, "2/3")};
 * in Fiji too (this class is in the plugin jar).
 */
public final class BatchShard {

	private BatchShard() {}

	/**
	 * Checks a shard key: "" when {@code i/n} names one of n parts (1 &lt;= i &lt;= n), else one sentence.
	 */
	public static String check(final String spec) {
		try {
			parse(spec);
			return "";
		}
		catch (final IllegalArgumentException e) {
			return e.getMessage();
		}
	}

	/**
	 * Whether the k-th image file (0-based, in the folder's sorted order of relative paths) belongs to shard
	 * {@code i/n}: files go round-robin, so the n parts are disjoint, cover the folder and differ by one file at most.
	 *
	 * @return "true" or "false"
	 */
	public static String takes(final String k, final String spec) {
		final int[] shard = parse(spec);
		return String.valueOf(Integer.parseInt(k.trim()) % shard[1] == shard[0] - 1);
	}

	/**
	 * A file's seed: a 64-bit mix of the run's seed and the file's relative path (SplitMix64 of the seed xor the
	 * path's FNV-1a hash), so that a file's pixels depend neither on the shard, nor on the order, nor on how many
	 * machines share the folder.
	 */
	public static long fileSeed(final long seed, final String relativePath) {
		long h = 0xcbf29ce484222325L; // FNV-1a, 64 bit
		for (final byte b : relativePath.replace('\\', '/').getBytes(StandardCharsets.UTF_8)) {
			h ^= b & 0xff;
			h *= 0x100000001b3L;
		}
		return SplitMix64.mix(seed ^ h) & Long.MAX_VALUE;
	}

	private static int[] parse(final String spec) {
		final String[] parts = spec.trim().split("/");
		try {
			if (parts.length == 2) {
				final int i = Integer.parseInt(parts[0].trim()), n = Integer.parseInt(parts[1].trim());
				if (n >= 1 && i >= 1 && i <= n) return new int[] { i, n };
			}
		}
		catch (final NumberFormatException e) {
			// NB: said below
		}
		throw new IllegalArgumentException("shard=" + spec + " is not a shard: write i/n, the i-th of n parts " +
			"(1 <= i <= n), e.g. shard=2/3");
	}
}
