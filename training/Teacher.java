import java.io.*;
import java.nio.*;
import java.nio.channels.FileChannel;
import java.nio.file.*;
import org.diffusionj.model.*;
import org.diffusionj.sampling.*;

/** Teacher samples: reads n conditions and n noises (float32 LE, n x s x s each), writes n samples. */
public class Teacher {
	public static void main(String[] a) throws Exception {
		Path model = Paths.get(a[0]); Path in = Paths.get(a[1]); Path out = Paths.get(a[2]);
		SamplerKind kind = SamplerKind.fromLabel(a[3]); int steps = Integer.parseInt(a[4]);
		int batch = Integer.parseInt(a[5]); int s = Integer.parseInt(a[6]);
		LoadedModel loaded = ModelCache.acquire(model);
		Sampler sampler = new Sampler(loaded.config().scheduler(), kind, 0);
		ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(in)).order(ByteOrder.LITTLE_ENDIAN);
		FloatBuffer fb = buf.asFloatBuffer();
		int per = s * s; int n = fb.capacity() / (2 * per);
		float[] cond = new float[n * per], z = new float[n * per];
		fb.get(cond); fb.get(z);
		float[] res = new float[n * per];
		long t0 = System.currentTimeMillis();
		for (int i = 0; i < n; i += batch) {
			int b = Math.min(batch, n - i);
			float[] c = new float[b * per], x = new float[b * per];
			System.arraycopy(cond, i * per, c, 0, b * per);
			System.arraycopy(z, i * per, x, 0, b * per);
			GuidedDenoiser g = GuidedDenoiser.unconditional(loaded.denoiser()).withCondition(new Tensor(c, b, 1, s, s));
			Tensor r = sampler.sample(g, new Tensor(x, b, 1, s, s), sampler.plan(steps), new NoiseBatch(1, i, b), StepListener.NONE);
			System.arraycopy(r.data(), 0, res, i * per, b * per);
			System.out.println((i + b) + "/" + n + " " + (System.currentTimeMillis() - t0) / 1000.0 + " s");
		}
		ByteBuffer ob = ByteBuffer.allocate(4 * res.length).order(ByteOrder.LITTLE_ENDIAN);
		ob.asFloatBuffer().put(res);
		Files.write(out, ob.array());
		loaded.close();
	}
}
