import java.util.*;
public class MB {
    static final int N = 50000, D = 20, SRC = 700, PER = 500; // events per step ~350K
    static char[] targets; static float[] weights; static int[] rowStart; // rows of the fired sources only
    static float[][] arr = new float[D + 1][];
    static long[] bins; static int[] fill; static int[] ikeys; static float[] wbins;
    static int shift, lanes, cap, stride, nb;
    public static void main(String[] a) {
        shift = Integer.parseInt(a[0]); int laneBits = Integer.parseInt(a[1]); cap = Integer.parseInt(a[2]); lanes = laneBits;
        int sources = Integer.parseInt(a[4]); // matrix of 50000 sources, pick 700 at random each step
        Random r = new Random(1);
        int per = PER; targets = new char[sources * per]; weights = new float[sources * per]; rowStart = new int[sources * D + 1];
        int j = 0;
        for (int s = 0; s < sources; s++) {
            for (int d = 0; d < D; d++) {
                rowStart[s * D + d] = j;
                int len = per / D;
                int[] t = new int[len]; for (int k = 0; k < len; k++) t[k] = r.nextInt(N); Arrays.sort(t);
                for (int k = 0; k < len; k++) { targets[j] = (char) t[k]; weights[j] = r.nextFloat(); j++; }
            }
        }
        rowStart[sources * D] = j;
        for (int d = 1; d <= D; d++) arr[d] = new float[100000];
        nb = (((N - 1) >>> shift) + 1) << laneBits; stride = cap + 24;
        bins = new long[nb * stride]; fill = new int[nb]; ikeys = new int[nb * stride]; wbins = new float[nb * stride];
        int[] fired = new int[SRC];
        String mode = a[3];
        for (int rep = 0; rep < 12; rep++) {
            long t0 = System.nanoTime(); long ev = 0;
            for (int step = 0; step < 50; step++) {
                for (int k = 0; k < SRC; k++) fired[k] = r.nextInt(sources);
                Arrays.sort(fired);
                switch (mode) {
                    case "direct": ev += direct(fired); break;
                    case "long": ev += binLong(fired); break;
                    case "two": ev += binTwo(fired); break;
                    case "span": ev += binSpan(fired); break;
                    case "copy": ev += copyOnly(fired); break;
                    case "read": ev += readOnly(fired); break;
                    case "append": noApply = true; ev += binLong(fired); noApply = false; break;
                }
            }
            long t = System.nanoTime() - t0;
            if (rep >= 4) System.out.printf("%s ns/event %.2f%n", mode, (double) t / ev);
        }
    }
    static long direct(int[] fired) {
        long ev = 0;
        for (int s : fired) {
            int fr = s * D; int j = rowStart[fr];
            for (int d = 1; d <= D; d++) { float[] sums = arr[d]; int e = rowStart[fr + d]; for (; j < e; j++) sums[1000 + targets[j]] += weights[j]; }
            ev += rowStart[fr + D] - rowStart[fr];
        }
        return ev;
    }
    static long binLong(int[] fired) {
        long ev = 0; final int laneMask = (1 << lanes) - 1; final int shift = MB.shift, laneBits = lanes, cap = MB.cap, stride = MB.stride;
        final long[] bins = MB.bins; final int[] fill = MB.fill; final char[] targets = MB.targets; final float[] weights = MB.weights;
        for (int s : fired) {
            int fr = s * D; int j = rowStart[fr];
            for (int d = 1; d <= D; d++) {
                long key = (long) d << 48; int e = rowStart[fr + d];
                for (; j < e; j++) {
                    int t = targets[j]; int b = (t >>> shift) << laneBits | (t & laneMask); int n = fill[b];
                    bins[b * stride + n] = key | (long) t << 32 | (Float.floatToRawIntBits(weights[j]) & 0xFFFFFFFFL);
                    fill[b] = n + 1; if (n + 1 == cap) applyLong();
                }
            }
            ev += rowStart[fr + D] - rowStart[fr];
        }
        applyLong();
        return ev;
    }
    static boolean noApply;
    static long binSpan(int[] fired) {
        long ev = 0; final int laneMask = (1 << lanes) - 1; final int shift = MB.shift, laneBits = lanes, cap = MB.cap, stride = MB.stride;
        final long[] bins = MB.bins; final int[] fill = MB.fill; final char[] targets = MB.targets; final float[] weights = MB.weights;
        int bound = 0; // an upper bound of every bin's fill
        for (int s : fired) {
            int fr = s * D; int j = rowStart[fr]; int len = rowStart[fr + D] - j;
            if (bound + len > cap) {
                int max = 0; for (int f : fill) max = Math.max(max, f);
                if (max + len > cap) { applyLong(); max = 0; }
                bound = max;
            }
            for (int d = 1; d <= D; d++) {
                long key = (long) d << 48; int e = rowStart[fr + d];
                for (; j < e; j++) {
                    int t = targets[j]; int b = (t >>> shift) << laneBits | (t & laneMask); int n = fill[b];
                    bins[b * stride + n] = key | (long) t << 32 | (Float.floatToRawIntBits(weights[j]) & 0xFFFFFFFFL);
                    fill[b] = n + 1;
                }
            }
            bound += len;
            ev += len;
        }
        applyLong();
        return ev;
    }
    static void applyLong() {
        if (noApply) { Arrays.fill(fill, 0); return; }
        for (int b = 0; b < fill.length; b++) {
            int first = b * stride, last = first + fill[b];
            for (int i = first; i < last; i++) { long e = bins[i]; arr[(int) (e >>> 48)][1000 + ((int) (e >>> 32) & 0xFFFF)] += Float.intBitsToFloat((int) e); }
            fill[b] = 0;
        }
    }
    static long binTwo(int[] fired) {
        long ev = 0; final int laneMask = (1 << lanes) - 1; final int shift = MB.shift, laneBits = lanes, cap = MB.cap, stride = MB.stride;
        final int[] keys = ikeys; final float[] wb = wbins; final int[] fill = MB.fill; final char[] targets = MB.targets; final float[] weights = MB.weights;
        for (int s : fired) {
            int fr = s * D; int j = rowStart[fr];
            for (int d = 1; d <= D; d++) {
                int key = d << 16; int e = rowStart[fr + d];
                for (; j < e; j++) {
                    int t = targets[j]; int b = (t >>> shift) << laneBits | (t & laneMask); int n = fill[b]; int p = b * stride + n;
                    keys[p] = key | t; wb[p] = weights[j];
                    fill[b] = n + 1; if (n + 1 == cap) applyTwo();
                }
            }
            ev += rowStart[fr + D] - rowStart[fr];
        }
        applyTwo();
        return ev;
    }
    static void applyTwo() {
        for (int b = 0; b < fill.length; b++) {
            int first = b * stride, last = first + fill[b];
            for (int i = first; i < last; i++) { int k = ikeys[i]; arr[k >>> 16][1000 + (k & 0xFFFF)] += wbins[i]; }
            fill[b] = 0;
        }
    }
    static long sink;
    static long readOnly(int[] fired) {
        long ev = 0; long acc = 0;
        for (int s : fired) {
            int fr = s * D; int j = rowStart[fr];
            for (int d = 1; d <= D; d++) { int e = rowStart[fr + d]; for (; j < e; j++) { acc += targets[j] + Float.floatToRawIntBits(weights[j]); } }
            ev += rowStart[fr + D] - rowStart[fr];
        }
        sink += acc;
        return ev;
    }
    static long copyOnly(int[] fired) {
        long ev = 0; final long[] bins = MB.bins; int n = 0;
        for (int s : fired) {
            int fr = s * D; int j = rowStart[fr];
            for (int d = 1; d <= D; d++) { long key = (long) d << 48; int e = rowStart[fr + d]; for (; j < e; j++) { bins[n] = key | (long) targets[j] << 32 | (Float.floatToRawIntBits(weights[j]) & 0xFFFFFFFFL); n = n + 1 == 65536 ? 0 : n + 1; } }
            ev += rowStart[fr + D] - rowStart[fr];
        }
        return ev;
    }
}
