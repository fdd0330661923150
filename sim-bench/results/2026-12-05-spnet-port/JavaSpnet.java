package org.izhsim.bench;

import java.io.*;
import java.nio.*;
import java.nio.channels.FileChannel;
import java.nio.file.*;
import org.izhsim.config.*;

public class JavaSpnet {
  public static void main(String[] args) throws Exception {
    int steps = Integer.parseInt(args[1]);
    Path file = Path.of(System.getProperty("net", "net.bin"));
    SpnetPeer.write(ExperimentLoader.load(Path.of(args[0])), steps, file);
    ByteBuffer bb;
    try (FileChannel ch = FileChannel.open(file)) { bb = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()); }
    bb.order(ByteOrder.LITTLE_ENDIAN);
    bb.position(8);
    int version = bb.getInt(); n = bb.getInt(); dmax = bb.getInt(); steps = bb.getInt(); period = bb.getInt(); picks = bb.getInt(); int pops = bb.getInt();
    long synapses = bb.getLong();
    double[] rule = new double[8]; for (int i = 0; i < 8; i++) rule[i] = bb.getDouble();
    aPlus = (float) rule[0]; aMinus = (float) rule[1];
    decayPlus = rule[2]; decayMinus = rule[3]; sdDecay = rule[4]; drift = rule[5];
    wMin = (float) rule[6]; wMax = (float) rule[7];
    nearest = bb.getInt();
    a = f(bb, n); b = f(bb, n); c = f(bb, n); d = f(bb, n); v = f(bb, n); u = f(bb, n);
    plastic = new byte[n]; bb.get(plastic);
    int[] popEnd = i(bb, pops);
    int S = (int) synapses;
    int[] src = i(bb, S), tgt = i(bb, S), del = i(bb, S); float[] w0 = f(bb, S);
    pickAmp = f(bb, picks); pick = i(bb, steps * picks);
    rowStart = new int[n * dmax + 1];
    for (int k = 0; k < S; k++) rowStart[src[k] * dmax + del[k]]++;
    for (int r = 0; r < n * dmax; r++) rowStart[r + 1] += rowStart[r];
    int[] cursor = java.util.Arrays.copyOf(rowStart, n * dmax);
    post = new int[S]; s = new float[S]; sd = new float[S];
    for (int k = 0; k < S; k++) { int at = cursor[src[k] * dmax + del[k] - 1]++; post[at] = tgt[k]; s[at] = w0[k]; }
    preStart = new int[n + 1]; int pc = 0;
    for (int k = 0; k < S; k++) if (plastic[src[k]] != 0) { preStart[tgt[k] + 1]++; pc++; }
    for (int x = 0; x < n; x++) preStart[x + 1] += preStart[x];
    int[] pcur = java.util.Arrays.copyOf(preStart, n);
    preSyn = new int[pc]; preSrc = new int[pc]; preDel = new int[pc];
    for (int r = 0; r < n * dmax; r++) { int source = r / dmax; if (plastic[source] == 0) continue;
      for (int j = rowStart[r]; j < rowStart[r + 1]; j++) { int e = pcur[post[j]]++; preSyn[e] = j; preSrc[e] = source; preDel[e] = r % dmax + 1; } }
    slots = dmax + 1;
    ltp = new float[slots * n]; ltd = new float[n]; input = new float[n];
    fired = new int[slots * n]; firedCount = new int[slots];
    long spikes = 0; long t0 = System.nanoTime();
    for (int t = 0; t < steps; t++) { if (t == 3000) t0 = System.nanoTime(); spikes += step(t); }
    long t1 = System.nanoTime();
    System.out.printf("phases us/step deliver %.3f integ %.3f update %.3f detect %.3f%n", ph[0]/1e3/(steps-3000), ph[1]/1e3/(steps-3000), ph[2]/1e3/(steps-3000), ph[3]/1e3/(steps-3000));
    System.out.printf("java port: spikes=%d us/step(after 3000)=%.3f%n", spikes, (t1 - t0) / 1e3 / (steps - 3000));
  }
  static int n, dmax, period, picks, slots, nearest; static float aPlus, aMinus, wMin, wMax; static double decayPlus, decayMinus, sdDecay, drift;
  static float[] a,b,c,d,v,u,s,sd,ltp,ltd,input,pickAmp; static byte[] plastic; static int[] rowStart, post, preStart, preSyn, preSrc, preDel, fired, firedCount, pick;
  static long[] ph = new long[4];
  static int step(int t) {
      java.util.Arrays.fill(input, 0f);
      int pb = t * picks;
      for (int k = 0; k < picks; k++) if (pick[pb + k] >= 0) input[pick[pb + k]] += pickAmp[k];
      long q0 = System.nanoTime(); deliver(t); long q1 = System.nanoTime();
      integ(t); long q2 = System.nanoTime();
      if ((t + 1) % period == 0) update(); long q3 = System.nanoTime();
      int r = detect(t); long q4 = System.nanoTime();
      if (t >= 3000) { ph[0] += q1 - q0; ph[1] += q2 - q1; ph[2] += q3 - q2; ph[3] += q4 - q3; }
      return r;
  }
  static void deliver(int t) {
      for (int dl = 1; dl <= dmax && dl <= t; dl++) {
        int slot = (t - dl) % slots; int lb = slot * n;
        for (int k = 0; k < firedCount[slot]; k++) {
          int pre = fired[lb + k]; int r = pre * dmax + dl - 1; int lo = rowStart[r], hi = rowStart[r + 1];
          for (int j = lo; j < hi; j++) input[post[j]] += s[j];
          if (plastic[pre] != 0) for (int j = lo; j < hi; j++) sd[j] -= ltd[post[j]];
        }
      }
  }
  static void integ(int t) {
      int now = (t % slots) * n, next = ((t + 1) % slots) * n;
      for (int x = 0; x < n; x++) {
        float ui = u[x]; float drive = 140.0f - ui + input[x]; float vi = v[x];
        vi += 0.5f * (0.04f * vi * vi + 5.0f * vi + drive);
        vi += 0.5f * (0.04f * vi * vi + 5.0f * vi + drive);
        v[x] = vi; u[x] = ui + a[x] * (b[x] * vi - ui);
        ltp[next + x] = (float) (decayPlus * ltp[now + x]);
        ltd[x] = (float) (ltd[x] * decayMinus);
      }
  }
  static void update() {
      {
        for (int x = 0; x < n; x++) { if (plastic[x] == 0) continue;
          for (int j = rowStart[x * dmax]; j < rowStart[(x + 1) * dmax]; j++) {
            float y = (float) (sd[j] * sdDecay); sd[j] = y; float w = (float) (s[j] + (drift + y));
            if (w > wMax) w = wMax; if (w < wMin) w = wMin; s[j] = w; } }
      }
  }
  static int detect(int t) {
      int next = ((t + 1) % slots) * n;
      int slot = t % slots; int lb = slot * n; int count = 0;
      for (int x = 0; x < n; x++) {
        if (v[x] >= 30.0f) {
          fired[lb + count++] = x; v[x] = c[x]; u[x] += d[x];
          if (nearest != 0) { ltp[next + x] = aPlus; ltd[x] = aMinus; } else { ltp[next + x] += aPlus; ltd[x] += aMinus; }
          for (int e = preStart[x]; e < preStart[x + 1]; e++)
            sd[preSyn[e]] += ltp[((t + 1 + slots - preDel[e]) % slots) * n + preSrc[e]];
        }
      }
      firedCount[slot] = count; return count;
  }
  static float[] f(ByteBuffer bb, int k) { float[] x = new float[k]; bb.asFloatBuffer().get(x); bb.position(bb.position() + 4 * k); return x; }
  static int[] i(ByteBuffer bb, int k) { int[] x = new int[k]; bb.asIntBuffer().get(x); bb.position(bb.position() + 4 * k); return x; }
}
