import java.util.*;
// sparse1m-like: 8 blocks of 62,500 targets per worker, D=20, 3.1 synapses per row, 7000 fired sources per step
public class MB2 {
    static final int B = 8, N = 62500, D = 20, SRC = 7000, PER = 62, SOURCES = 100000;
    static char[][] targets = new char[B][]; static float[][] weights = new float[B][]; static int[][] rowStart = new int[B][];
    static float[][] arr = new float[D + 1][];
    static long[] bins; static int[] fill; static int shift, laneBits, cap, stride;
    public static void main(String[] a) {
        shift = Integer.parseInt(a[0]); laneBits = Integer.parseInt(a[1]); cap = Integer.parseInt(a[2]); String mode = a[3];
        Random r = new Random(1);
        for (int b = 0; b < B; b++) {
            targets[b] = new char[SOURCES * PER]; weights[b] = new float[SOURCES * PER]; rowStart[b] = new int[SOURCES * D + 1];
            int j = 0;
            for (int s = 0; s < SOURCES; s++) {
                int[] t = new int[PER]; int[] dl = new int[PER];
                for (int k = 0; k < PER; k++) { t[k] = r.nextInt(N); dl[k] = r.nextInt(D); }
                for (int d = 0; d < D; d++) {
                    rowStart[b][s * D + d] = j;
                    int[] row = new int[PER]; int len = 0; for (int k = 0; k < PER; k++) if (dl[k] == d) row[len++] = t[k];
                    Arrays.sort(row, 0, len);
                    for (int k = 0; k < len; k++) { targets[b][j] = (char) row[k]; weights[b][j] = r.nextFloat(); j++; }
                }
            }
            rowStart[b][SOURCES * D] = j;
        }
        for (int d = 1; d <= D; d++) arr[d] = new float[B * N];
        int nb = (((N - 1) >>> shift) + 1) << laneBits; stride = cap + 24; bins = new long[nb * stride]; fill = new int[nb];
        int[] fired = new int[SRC];
        for (int rep = 0; rep < 10; rep++) {
            long t0 = System.nanoTime(); long ev = 0;
            for (int step = 0; step < 10; step++) {
                for (int k = 0; k < SRC; k++) fired[k] = r.nextInt(SOURCES);
                Arrays.sort(fired);
                for (int b = 0; b < B; b++) ev += mode.equals("direct") ? direct(b, fired) : mode.equals("read") ? read(b, fired) : mode.startsWith("touch") ? touch(b, fired, Integer.parseInt(mode.substring(5))) : binLong(b, fired);
            }
            long t = System.nanoTime() - t0;
            if (rep >= 3) System.out.printf("%s ns/event %.2f%n", mode, (double) t / ev);
        }
    }
    static long direct(int b, int[] fired) {
        long ev = 0; final char[] targets = MB2.targets[b]; final float[] weights = MB2.weights[b]; final int[] rowStart = MB2.rowStart[b]; final int base = b * N;
        for (int s : fired) {
            int fr = s * D; int j = rowStart[fr];
            for (int d = 1; d <= D; d++) { float[] sums = arr[d]; int e = rowStart[fr + d]; for (; j < e; j++) sums[base + targets[j]] += weights[j]; }
            ev += rowStart[fr + D] - rowStart[fr];
        }
        return ev;
    }
    static long sink;
    static long touch(int b, int[] fired, int ahead) {
        long ev = 0, acc = 0; final char[] targets = MB2.targets[b]; final float[] weights = MB2.weights[b]; final int[] rowStart = MB2.rowStart[b]; final int base = b * N;
        for (int k = 0; k < Math.min(ahead, fired.length); k++) { int fr = fired[k] * D; int e = rowStart[fr + D] - 1; for (int j = rowStart[fr]; j < e; j += 16) acc += targets[j] + Float.floatToRawIntBits(weights[j]); if (e >= rowStart[fr]) acc += targets[e] + Float.floatToRawIntBits(weights[e]); }
        for (int k = 0; k < fired.length; k++) {
            if (k + ahead < fired.length) { int fr = fired[k + ahead] * D; int e = rowStart[fr + D] - 1; for (int j = rowStart[fr]; j < e; j += 16) acc += targets[j] + Float.floatToRawIntBits(weights[j]); if (e >= rowStart[fr]) acc += targets[e] + Float.floatToRawIntBits(weights[e]); }
            int fr = fired[k] * D; int j = rowStart[fr];
            for (int d = 1; d <= D; d++) { float[] sums = arr[d]; int e = rowStart[fr + d]; for (; j < e; j++) sums[base + targets[j]] += weights[j]; }
            ev += rowStart[fr + D] - rowStart[fr];
        }
        sink += acc; return ev;
    }
    static long read(int b, int[] fired) {
        long ev = 0, acc = 0; final char[] targets = MB2.targets[b]; final float[] weights = MB2.weights[b]; final int[] rowStart = MB2.rowStart[b];
        for (int s : fired) {
            int fr = s * D; int j = rowStart[fr];
            for (int d = 1; d <= D; d++) { int e = rowStart[fr + d]; for (; j < e; j++) acc += targets[j] + Float.floatToRawIntBits(weights[j]); }
            ev += rowStart[fr + D] - rowStart[fr];
        }
        sink += acc; return ev;
    }
    static long binLong(int blk, int[] fired) {
        long ev = 0; final int laneMask = (1 << laneBits) - 1; final int shift = MB2.shift, laneBits = MB2.laneBits, cap = MB2.cap, stride = MB2.stride;
        final long[] bins = MB2.bins; final int[] fill = MB2.fill; final char[] targets = MB2.targets[blk]; final float[] weights = MB2.weights[blk]; final int[] rowStart = MB2.rowStart[blk]; final int base = blk * N;
        for (int s : fired) {
            int fr = s * D; int j = rowStart[fr];
            for (int d = 1; d <= D; d++) {
                long key = (long) d << 48; int e = rowStart[fr + d];
                for (; j < e; j++) {
                    int t = targets[j]; int b = (t >>> shift) << laneBits | (t & laneMask); int n = fill[b];
                    bins[b * stride + n] = key | (long) t << 32 | (Float.floatToRawIntBits(weights[j]) & 0xFFFFFFFFL);
                    fill[b] = n + 1; if (n + 1 == cap) apply(base);
                }
            }
            ev += rowStart[fr + D] - rowStart[fr];
        }
        apply(base);
        return ev;
    }
    static void apply(int base) {
        for (int b = 0; b < fill.length; b++) {
            int first = b * stride, last = first + fill[b];
            for (int i = first; i < last; i++) { long e = bins[i]; arr[(int) (e >>> 48)][base + ((int) (e >>> 32) & 0xFFFF)] += Float.intBitsToFloat((int) e); }
            fill[b] = 0;
        }
    }
}
