import java.util.*;
// sparse1m-like: 8 blocks of 62,500 targets per worker, D=20, 62 synapses per (source, block), 7000 fired per step
public class MB3 {
    static final int D = 20; static final int B = Integer.getInteger("b", 8), SRC = Integer.getInteger("src", 7000), PER = Integer.getInteger("per", 62); static final int N = Integer.getInteger("n", 62500); static int SOURCES = Integer.getInteger("sources", 100000);
    static char[][] targets = new char[B][]; static float[][] weights = new float[B][]; static int[][] rowStart = new int[B][];
    static float[][] arr = new float[D + 1][]; static byte[][] del = new byte[B][]; static float[] ring; static int[] slotBase = new int[D + 1];
    static int[] bgn = new int[SRC], endA = new int[SRC];
    public static void main(String[] a) {
        String mode = a[0]; int G = a.length > 1 ? Integer.parseInt(a[1]) : 16;
        Random r = new Random(1);
        for (int b = 0; b < B; b++) {
            targets[b] = new char[SOURCES * PER]; del[b] = new byte[SOURCES * PER]; weights[b] = new float[SOURCES * PER]; rowStart[b] = new int[SOURCES * D + 1];
            int j = 0;
            for (int s = 0; s < SOURCES; s++) {
                int[] t = new int[PER]; int[] dl = new int[PER];
                for (int k = 0; k < PER; k++) { t[k] = r.nextInt(N); dl[k] = r.nextInt(D); }
                for (int d = 0; d < D; d++) {
                    rowStart[b][s * D + d] = j;
                    int[] row = new int[PER]; int len = 0; for (int k = 0; k < PER; k++) if (dl[k] == d) row[len++] = t[k];
                    Arrays.sort(row, 0, len);
                    for (int k = 0; k < len; k++) { targets[b][j] = (char) row[k]; del[b][j] = (byte) (d + 1); weights[b][j] = r.nextFloat(); j++; }
                }
            }
            rowStart[b][SOURCES * D] = j;
        }
        for (int d = 1; d <= D; d++) arr[d] = new float[B * N]; ring = new float[D * B * N];
        int[] fired = new int[SRC];
        double[] res = new double[12];
        for (int rep = 0; rep < 12; rep++) {
            long t0 = System.nanoTime(); long ev = 0;
            for (int step = 0; step < 10; step++) {
                for (int k = 0; k < SRC; k++) fired[k] = r.nextInt(SOURCES);
                Arrays.sort(fired);
                for (int b = 0; b < B; b++) ev += switch (mode) { case "direct" -> direct(b, fired); case "read" -> read(b, fired); case "batch" -> batch(b, fired, G, false); case "batchread" -> batch(b, fired, G, true); case "idx" -> idx(b, fired, G); case "flat" -> flat(b, fired, step, 0); case "flatbatch" -> flat(b, fired, step, G); default -> throw new IllegalArgumentException(mode); };
            }
            res[rep] = (double) (System.nanoTime() - t0) / ev;
        }
        double[] s = Arrays.copyOfRange(res, 3, 12); Arrays.sort(s);
        System.out.printf("%s G=%d ns/event min %.2f median %.2f%n", mode, G, s[0], s[s.length / 2]);
    }
    static long direct(int b, int[] fired) {
        long ev = 0; final char[] targets = MB3.targets[b]; final float[] weights = MB3.weights[b]; final int[] rowStart = MB3.rowStart[b]; final int base = b * N;
        for (int s : fired) {
            int fr = s * D; int j = rowStart[fr];
            for (int d = 1; d <= D; d++) { float[] sums = arr[d]; int e = rowStart[fr + d]; for (; j < e; j++) sums[base + targets[j]] += weights[j]; }
            ev += rowStart[fr + D] - rowStart[fr];
        }
        return ev;
    }
    static long flat(int b, int[] fired, int step, int G) {
        long ev = 0, acc = 0; final char[] targets = MB3.targets[b]; final float[] weights = MB3.weights[b]; final byte[] del = MB3.del[b]; final int[] rowStart = MB3.rowStart[b];
        final float[] ring = MB3.ring; final int[] slotBase = MB3.slotBase; final int nAll = B * N;
        for (int d = 1; d <= D; d++) slotBase[d] = ((step + d) % D) * nAll + b * N;
        final int[] bgn = MB3.bgn, endA = MB3.endA;
        for (int k = 0; k < fired.length; k++) { int fr = fired[k] * D; bgn[k] = rowStart[fr]; endA[k] = rowStart[fr + D]; }
        final int g0 = Math.max(G, 1);
        for (int g = 0; g < fired.length; g += g0) {
            int gEnd = Math.min(fired.length, g + g0);
            if (G > 0) for (int k = g + G; k < Math.min(fired.length, g + 2 * G); k++) {
                int e = endA[k] - 1;
                for (int j = bgn[k]; j < e; j += 32) acc += targets[j];
                if (e >= bgn[k]) acc += targets[e];
                for (int j = bgn[k]; j < e; j += 16) acc += Float.floatToRawIntBits(weights[j]);
                if (e >= bgn[k]) acc += Float.floatToRawIntBits(weights[e]);
                for (int j = bgn[k]; j < e; j += 64) acc += del[j];
                if (e >= bgn[k]) acc += del[e];
            }
            for (int k = g; k < gEnd; k++) {
                int e = endA[k];
                for (int j = bgn[k]; j < e; j++) ring[slotBase[del[j]] + targets[j]] += weights[j];
                ev += e - bgn[k];
            }
        }
        sink += acc; return ev;
    }
    static long sink;
    static long read(int b, int[] fired) {
        long ev = 0, acc = 0; final char[] targets = MB3.targets[b]; final float[] weights = MB3.weights[b]; final int[] rowStart = MB3.rowStart[b];
        for (int s : fired) {
            int fr = s * D; int j = rowStart[fr];
            for (int d = 1; d <= D; d++) { int e = rowStart[fr + d]; for (; j < e; j++) acc += targets[j] + Float.floatToRawIntBits(weights[j]); }
            ev += rowStart[fr + D] - rowStart[fr];
        }
        sink += acc; return ev;
    }
    // only the index loads, batched: how much of 'read' is the index
    static long idx(int b, int[] fired, int G) {
        long ev = 0; final int[] rowStart = MB3.rowStart[b];
        for (int k = 0; k < fired.length; k++) { int fr = fired[k] * D; bgn[k] = rowStart[fr]; endA[k] = rowStart[fr + D]; }
        for (int k = 0; k < fired.length; k++) ev += endA[k] - bgn[k];
        return ev;
    }
    static long batch(int b, int[] fired, int G, boolean readOnly) {
        long ev = 0, acc = 0; final char[] targets = MB3.targets[b]; final float[] weights = MB3.weights[b]; final int[] rowStart = MB3.rowStart[b]; final int base = b * N;
        final int[] bgn = MB3.bgn, endA = MB3.endA;
        for (int k = 0; k < fired.length; k++) { int fr = fired[k] * D; bgn[k] = rowStart[fr]; endA[k] = rowStart[fr + D]; }
        for (int g = 0; g < fired.length; g += G) {
            int gEnd = Math.min(fired.length, g + G);
            // touch every line of the group's spans (independent loads)
            for (int k = g + G; k < Math.min(fired.length, g + 2 * G); k++) {
                int e = endA[k] - 1;
                for (int j = bgn[k]; j < e; j += 32) acc += targets[j];
                if (e >= bgn[k]) acc += targets[e];
                for (int j = bgn[k]; j < e; j += 16) acc += Float.floatToRawIntBits(weights[j]);
                if (e >= bgn[k]) acc += Float.floatToRawIntBits(weights[e]);
                acc += rowStart[fired[k] * D + D / 2];
            }
            for (int k = g; k < gEnd; k++) {
                int fr = fired[k] * D; int j = bgn[k];
                if (readOnly) { int e = endA[k]; for (; j < e; j++) acc += targets[j] + Float.floatToRawIntBits(weights[j]); }
                else for (int d = 1; d <= D; d++) { float[] sums = arr[d]; int e = rowStart[fr + d]; for (; j < e; j++) sums[base + targets[j]] += weights[j]; }
                ev += endA[k] - bgn[k];
            }
        }
        sink += acc; return ev;
    }
}
