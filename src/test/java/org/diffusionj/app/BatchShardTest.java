package org.diffusionj.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The shard arithmetic a SLURM array or several machines rely on. */
class BatchShardTest {

	@Test
	void shardsAreDisjointAndCoverTheFolder() {
		for (int n = 1; n <= 5; n++) {
			for (int k = 0; k < 17; k++) {
				int owners = 0;
				for (int i = 1; i <= n; i++) if (BatchShard.takes("" + k, i + "/" + n).equals("true")) owners++;
				assertEquals(1, owners, "file " + k + " of shards of " + n);
			}
		}
	}

	@Test
	void aBadShardIsOneSentence() {
		assertEquals("", BatchShard.check("2/3"));
		assertTrue(BatchShard.check("4/3").startsWith("shard=4/3 is not a shard: write i/n"));
		assertTrue(BatchShard.check("0/3").startsWith("shard=0/3 is not a shard"));
		assertTrue(BatchShard.check("two").startsWith("shard=two is not a shard"));
		assertThrows(IllegalArgumentException.class, () -> BatchShard.takes("1", "1/0"));
	}

	@Test
	void aFileSeedDependsOnTheSeedAndThePathOnly() {
		assertEquals(BatchShard.fileSeed(42, "sub/a.tif"), BatchShard.fileSeed(42, "sub\\a.tif"));
		assertNotEquals(BatchShard.fileSeed(42, "a.tif"), BatchShard.fileSeed(42, "b.tif"));
		assertNotEquals(BatchShard.fileSeed(42, "a.tif"), BatchShard.fileSeed(43, "a.tif"));
		assertTrue(BatchShard.fileSeed(-7, "a.tif") >= 0);
	}

	/** The run's seed is read once from the user's options, a number from then on (the file's own seed too). */
	@Test
	void theRunsSeedIsTheOptionsOr42() {
		assertEquals(5, HeadlessCommands.Call.of("Noise and Denoise...", "strength=0.3 seed=5 steps=20").seed());
		assertEquals(42, HeadlessCommands.Call.of("Restore Image...", "samples=8").seed());
		assertEquals("seed=abc is not a valid value for 'seed' (a whole number expected).", assertThrows(
			IllegalArgumentException.class, () -> HeadlessCommands.Call.of("Restore Image...", "seed=abc")).getMessage());
	}
}
