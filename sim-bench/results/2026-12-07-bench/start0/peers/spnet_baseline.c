/*
 * Plain-C baseline of the spnet2006 rule: the step loop of Izhikevich's poly_spnet.cpp (2006; GitHub
 * INM-6/reproducing-polychronization, code/original_model/poly_spnet.cpp, main() lines 784-935), written here
 * from its description, run on the network izhsim built.
 *
 * What it shares with izhsim's run: the bench writes one binary file (SpnetPeer.java) with the neurons'
 * parameters and initial state, every synapse (source, target, delay, initial weight), the rule's constants,
 * and the neurons the random thalamic input picks in each step. So connectivity, initial weights and input
 * sequence are the same; the loop is poly_spnet's, in float storage as izhsim's engine keeps it, so that the
 * spikes can be compared one for one.
 *
 * Order within step t (poly_spnet's, whose step t detects the spikes of the integration of step t - 1; here the
 * detection closes step t, which is the same sequence of operations shifted by one):
 *   input = thalamic pick (line 788);
 *   delivery of the spikes emitted d = 1..D ms ago, most recent first, each source's delay-d synapses, with
 *   depression sd -= LTD[post] at arrival (lines 828-846);
 *   integration in two 0.5 ms halves, u with the new v (lines 858-862);
 *   trace decay LTP(t+1) = 0.95 LTP(t), LTD *= 0.95 (lines 865, 868);
 *   once per period: sd *= 0.9, w += 0.01 + sd, w clipped to [w_min, w_max] (lines 931-934);
 *   detection v >= 30: reset, LTP(t+1) = 0.1, LTD = 0.12, and each plastic synapse into the neuron gains its
 *   source's LTP d ms back (lines 793-812).
 * Floats for v, u, input, weights and traces; the decays and the weight update computed in double and rounded
 * to float (as izhsim does); compile with -ffp-contract=off so that no multiply-add is fused.
 * Single-threaded. Construction (reading the file, building rows and the index of incoming synapses) is timed
 * apart from the loop.
 *
 * usage: spnet_baseline NETWORK.bin [SPIKES_OUT [WEIGHTS_OUT]]
 *   SPIKES_OUT: int32 pairs (step, neuron) of every spike; WEIGHTS_OUT: the final weights, float32, in the
 *   file's synapse order.
 * prints one line of key=value pairs.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <pthread.h>
#include <unistd.h>

#include "peer_watch.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* CPU time of the calling thread (the loop's): over the loop, how much of a core it was given. */
static double cpu_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void *must_alloc(size_t bytes)
{
    void *p = calloc(1, bytes > 0 ? bytes : 1);
    if (!p) { fprintf(stderr, "spnet_baseline: out of memory (%zu bytes)\n", bytes); exit(1); }
    return p;
}

static void must_read(FILE *f, void *into, size_t size, size_t count, const char *what)
{
    if (count > 0 && fread(into, size, count, f) != count) {
        fprintf(stderr, "spnet_baseline: truncated input file (%s)\n", what);
        exit(1);
    }
}

int main(int argc, char **argv)
{
    end_with_the_bench();
    if (argc < 2) {
        fprintf(stderr, "usage: %s NETWORK.bin [SPIKES_OUT [WEIGHTS_OUT]]\n", argv[0]);
        return 2;
    }
    const double build_start = now_s();
    FILE *f = fopen(argv[1], "rb");
    if (!f) { fprintf(stderr, "spnet_baseline: cannot open %s\n", argv[1]); return 1; }
    char magic[8];
    must_read(f, magic, 1, 8, "magic");
    if (memcmp(magic, "IZHSPNET", 8) != 0) { fprintf(stderr, "spnet_baseline: not a network file\n"); return 1; }
    int32_t header[7];
    must_read(f, header, 4, 7, "header");
    const int version = header[0], n = header[1], dmax = header[2], steps = header[3], period = header[4];
    const int picks = header[5], pops = header[6];
    if (version != 1 || n < 1 || dmax < 1 || steps < 0 || period < 1 || picks < 0 || pops < 1) {
        fprintf(stderr, "spnet_baseline: unsupported header\n");
        return 1;
    }
    int64_t synapses;
    must_read(f, &synapses, 8, 1, "synapse count");
    double rule[8];
    must_read(f, rule, 8, 8, "rule");
    const float a_plus = (float)rule[0], a_minus = (float)rule[1];
    const double decay_plus = rule[2], decay_minus = rule[3], sd_decay = rule[4], drift = rule[5];
    const float w_min = (float)rule[6], w_max = (float)rule[7];
    int32_t nearest;
    must_read(f, &nearest, 4, 1, "pairing");

    float *a = must_alloc(n * sizeof(float)), *b = must_alloc(n * sizeof(float));
    float *c = must_alloc(n * sizeof(float)), *d = must_alloc(n * sizeof(float));
    float *v = must_alloc(n * sizeof(float)), *u = must_alloc(n * sizeof(float));
    uint8_t *plastic = must_alloc(n);
    int32_t *pop_end = must_alloc(pops * sizeof(int32_t));
    must_read(f, a, 4, n, "a"); must_read(f, b, 4, n, "b"); must_read(f, c, 4, n, "c"); must_read(f, d, 4, n, "d");
    must_read(f, v, 4, n, "v"); must_read(f, u, 4, n, "u");
    must_read(f, plastic, 1, n, "plastic sources");
    must_read(f, pop_end, 4, pops, "populations");

    int32_t *src = must_alloc(synapses * sizeof(int32_t)), *tgt = must_alloc(synapses * sizeof(int32_t));
    int32_t *del = must_alloc(synapses * sizeof(int32_t));
    float *w0 = must_alloc(synapses * sizeof(float));
    must_read(f, src, 4, synapses, "sources"); must_read(f, tgt, 4, synapses, "targets");
    must_read(f, del, 4, synapses, "delays"); must_read(f, w0, 4, synapses, "weights");
    float *pick_amplitude = must_alloc(picks * sizeof(float));
    int32_t *pick = must_alloc((size_t)steps * picks * sizeof(int32_t));
    must_read(f, pick_amplitude, 4, picks, "input amplitudes");
    must_read(f, pick, 4, (size_t)steps * picks, "input sequence");
    fclose(f);

    /* Rows (source, delay) as poly_spnet's delays[i][d][] lists: synapse j of row r is at row_start[r] + j. */
    int64_t *row_start = must_alloc(((size_t)n * dmax + 1) * sizeof(int64_t));
    for (int64_t k = 0; k < synapses; k++) {
        if (src[k] < 0 || src[k] >= n || tgt[k] < 0 || tgt[k] >= n || del[k] < 1 || del[k] > dmax) {
            fprintf(stderr, "spnet_baseline: synapse %lld out of range\n", (long long)k);
            return 1;
        }
        row_start[(size_t)src[k] * dmax + del[k]]++;
    }
    for (size_t r = 0; r < (size_t)n * dmax; r++) row_start[r + 1] += row_start[r];
    int64_t *cursor = must_alloc((size_t)n * dmax * sizeof(int64_t));
    memcpy(cursor, row_start, (size_t)n * dmax * sizeof(int64_t));
    int32_t *post = must_alloc(synapses * sizeof(int32_t));
    float *s = must_alloc(synapses * sizeof(float)), *sd = must_alloc(synapses * sizeof(float));
    int64_t *file_index = must_alloc(synapses * sizeof(int64_t)); /* position -> order in the file */
    for (int64_t k = 0; k < synapses; k++) {
        const int64_t at = cursor[(size_t)src[k] * dmax + del[k] - 1]++;
        post[at] = tgt[k];
        s[at] = w0[k];
        file_index[at] = k;
    }
    /* poly_spnet's pre lists (I_pre, D_pre, sd_pre): per neuron the plastic synapses that end in it. */
    int64_t *pre_start = must_alloc(((size_t)n + 1) * sizeof(int64_t));
    int64_t plastic_count = 0;
    for (int64_t k = 0; k < synapses; k++) {
        if (plastic[src[k]]) { pre_start[tgt[k] + 1]++; plastic_count++; }
    }
    for (int i = 0; i < n; i++) pre_start[i + 1] += pre_start[i];
    int64_t *pre_cursor = must_alloc((size_t)n * sizeof(int64_t));
    memcpy(pre_cursor, pre_start, (size_t)n * sizeof(int64_t));
    int64_t *pre_syn = must_alloc(plastic_count * sizeof(int64_t));
    int32_t *pre_src = must_alloc(plastic_count * sizeof(int32_t)), *pre_del = must_alloc(plastic_count * sizeof(int32_t));
    for (int r = 0; r < n * dmax; r++) {
        const int source = r / dmax;
        if (!plastic[source]) continue;
        for (int64_t j = row_start[r]; j < row_start[r + 1]; j++) {
            const int64_t e = pre_cursor[post[j]]++;
            pre_syn[e] = j;
            pre_src[e] = source;
            pre_del[e] = r % dmax + 1;
        }
    }
    free(src); free(tgt); free(del); free(w0); free(cursor); free(pre_cursor);

    const int slots = dmax + 1;
    float *ltp = must_alloc((size_t)slots * n * sizeof(float)); /* LTP at time t in row t mod (D + 1) */
    float *ltd = must_alloc(n * sizeof(float));
    float *input = must_alloc(n * sizeof(float));
    int32_t *fired = must_alloc((size_t)slots * n * sizeof(int32_t)); /* neurons fired in step t, row t mod (D + 1) */
    int *fired_count = must_alloc(slots * sizeof(int));
    int64_t *pop_spikes = must_alloc(pops * sizeof(int64_t));
    FILE *spikes_out = argc > 2 ? fopen(argv[2], "wb") : NULL;
    if (argc > 2 && !spikes_out) { fprintf(stderr, "spnet_baseline: cannot write %s\n", argv[2]); return 1; }
    /* populations are contiguous ranges ending at pop_end[p] */
    int32_t *pop_of = must_alloc(n * sizeof(int32_t));
    for (int i = 0, p = 0; i < n; i++) {
        while (p < pops - 1 && i >= pop_end[p]) p++;
        pop_of[i] = p;
    }
    int64_t spikes = 0, events = 0;
    const double build_s = now_s() - build_start;

    const double run_start = now_s(), cpu_start = cpu_s();
    for (int t = 0; t < steps; t++) {
        memset(input, 0, n * sizeof(float));
        const int32_t *picked = pick + (size_t)t * picks;
        for (int k = 0; k < picks; k++)
            if (picked[k] >= 0) input[picked[k]] += pick_amplitude[k];

        for (int dl = 1; dl <= dmax && dl <= t; dl++) {
            const int slot = (t - dl) % slots;
            const int32_t *list = fired + (size_t)slot * n;
            for (int k = 0; k < fired_count[slot]; k++) {
                const int pre = list[k];
                const size_t r = (size_t)pre * dmax + dl - 1;
                const int64_t lo = row_start[r], hi = row_start[r + 1];
                for (int64_t j = lo; j < hi; j++) input[post[j]] += s[j];
                if (plastic[pre])
                    for (int64_t j = lo; j < hi; j++) sd[j] -= ltd[post[j]];
                events += hi - lo;
            }
        }

        float *ltp_now = ltp + (size_t)(t % slots) * n, *ltp_next = ltp + (size_t)((t + 1) % slots) * n;
        for (int i = 0; i < n; i++) {
            const float ui = u[i];
            const float drive = 140.0f - ui + input[i];
            float vi = v[i];
            vi += 0.5f * (0.04f * vi * vi + 5.0f * vi + drive);
            vi += 0.5f * (0.04f * vi * vi + 5.0f * vi + drive);
            v[i] = vi;
            u[i] = ui + a[i] * (b[i] * vi - ui);
            ltp_next[i] = (float)(decay_plus * ltp_now[i]);
            ltd[i] = (float)(ltd[i] * decay_minus);
        }

        if ((t + 1) % period == 0) {
            for (int i = 0; i < n; i++) {
                if (!plastic[i]) continue;
                for (int64_t j = row_start[(size_t)i * dmax]; j < row_start[(size_t)(i + 1) * dmax]; j++) {
                    const float x = (float)(sd[j] * sd_decay);
                    sd[j] = x;
                    float w = (float)(s[j] + (drift + x));
                    if (w > w_max) w = w_max;
                    if (w < w_min) w = w_min;
                    s[j] = w;
                }
            }
        }

        const int slot = t % slots;
        int32_t *list = fired + (size_t)slot * n;
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (v[i] >= 30.0f) {
                list[count++] = i;
                pop_spikes[pop_of[i]]++;
                v[i] = c[i];
                u[i] += d[i];
                if (nearest) { ltp_next[i] = a_plus; ltd[i] = a_minus; }
                else { ltp_next[i] += a_plus; ltd[i] += a_minus; }
                for (int64_t e = pre_start[i]; e < pre_start[i + 1]; e++)
                    sd[pre_syn[e]] += ltp[(size_t)((t + 1 + slots - pre_del[e]) % slots) * n + pre_src[e]];
                if (spikes_out) { const int32_t pair[2] = {t, i}; fwrite(pair, 4, 2, spikes_out); }
            }
        }
        fired_count[slot] = count;
        spikes += count;
    }
    const double run_s = now_s() - run_start, run_cpu_s = cpu_s() - cpu_start;
    if (spikes_out) fclose(spikes_out);

    double w_sum = 0;
    int64_t hist[10] = {0};
    float *final_w = argc > 3 ? must_alloc(synapses * sizeof(float)) : NULL;
    for (int i = 0; i < n; i++) {
        for (int64_t j = row_start[(size_t)i * dmax]; j < row_start[(size_t)(i + 1) * dmax]; j++) {
            if (final_w) final_w[file_index[j]] = s[j];
            if (!plastic[i]) continue;
            w_sum += s[j];
            int bin = (int)(10 * (s[j] - w_min) / (w_max - w_min));
            hist[bin < 0 ? 0 : bin > 9 ? 9 : bin]++;
        }
    }
    if (final_w) {
        FILE *wf = fopen(argv[3], "wb");
        if (!wf || fwrite(final_w, 4, synapses, wf) != (size_t)synapses) {
            fprintf(stderr, "spnet_baseline: cannot write %s\n", argv[3]);
            return 1;
        }
        fclose(wf);
    }
    printf("network=spnet neurons=%d synapses=%lld plastic=%lld steps=%d build_s=%.6f run_s=%.9f cpu_s=%.9f rtf=%.5f "
           "spikes=%lld events=%lld w_mean=%.6f w_hist=",
           n, (long long)synapses, (long long)plastic_count, steps, build_s, run_s, run_cpu_s, run_s / (steps * 1e-3),
           (long long)spikes, (long long)events, plastic_count ? w_sum / plastic_count : 0.0);
    for (int k = 0; k < 10; k++) printf(k ? ",%lld" : "%lld", (long long)hist[k]);
    printf(" pop_spikes=");
    for (int p = 0; p < pops; p++) printf(p ? ",%lld" : "%lld", (long long)pop_spikes[p]);
    printf("\n");
    return 0;
}
