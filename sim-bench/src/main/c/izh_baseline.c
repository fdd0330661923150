/*
 * Plain-C baseline: "what a competent native loop reaches here" for the shipped networks.
 *
 * The same networks as configs/ (Izhikevich 2003, net.m heterogeneity and thalamic noise sd 5/2,
 * weights exc 0.5*rand, inh -rand), stored as a CSR matrix grouped by (source, delay), delivered from
 * a ring of fired-id lists, integrated with net.m's half-step scheme in float SoA arrays.
 * gcc -O3 -march=native: single-threaded. With -fopenmp as well, the step loop runs on OMP_NUM_THREADS
 * threads, each owning a contiguous range of neurons (noise, integration, detection) and of targets (delivery:
 * in each row, sorted by target, a thread adds only the span of its own targets, found by binary search),
 * one barrier per step, and the fired lists kept as one segment per thread, read in thread order. Every
 * neuron's input is thus summed in the same order as single-threaded, so both builds fire the same spikes.
 * Network construction is timed separately and excluded from the reported real-time factor, as for our engine.
 * SKIP_MS unmeasured steps (default 0) run before the T_MS measured ones, as sim bench runs its own (--warmup): the
 * timing, the CPU time (cpu_s: the sum of each thread's own CPU clock, which unlike getrusage's sum is exact for a
 * running thread) and the counts (spikes, events, hash) are of the measured steps only, so that they cover the same
 * steps as ours.
 *
 * usage: izh_baseline dense  N_EXC N_INH T_MS SEED [SKIP_MS]          (cortex2003: all-to-all, delay 1)
 *        izh_baseline sparse N_EXC N_INH T_MS SEED K DMAX [SKIP_MS]   (fixed out-degree K, exc delays 1..DMAX)
 * prints one line of key=value pairs.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <pthread.h>
#include <unistd.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "peer_watch.h"

/* First index x in [begin, end) of a row sorted by target with targets[x] >= bound. */
static long long lower_bound(const int32_t *targets, long long begin, long long end, int32_t bound)
{
    while (begin < end) {
        const long long mid = begin + (end - begin) / 2;
        if (targets[mid] < bound) begin = mid + 1; else end = mid;
    }
    return begin;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* CPU time of the calling thread. */
static double thread_cpu_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* SplitMix64: counter-based, so every (stream, index) draw is independent of the order of use. */
static inline uint64_t mix64(uint64_t z)
{
    z += 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static inline double uniform01(uint64_t seed, uint64_t stream, uint64_t index)
{
    return (mix64(seed ^ mix64(stream * 0x632BE59BD9B4E019ULL + index)) >> 11) * 0x1.0p-53;
}

#define QUANTILE_BITS 16
static float normal_quantile[1 << QUANTILE_BITS];

/* Acklam's rational approximation of the inverse normal CDF, used once to fill the table. */
static double inverse_normal(double p)
{
    static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                               1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
    static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                               6.680131188771972e+01, -1.328068155288572e+01};
    static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                               -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
    static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                               3.754408661907416e+00};
    const double lo = 0.02425, hi = 1 - lo;
    if (p < lo) {
        double q = sqrt(-2 * log(p));
        return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
               ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    if (p > hi) {
        double q = sqrt(-2 * log(1 - p));
        return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
               ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    double q = p - 0.5, r = q * q;
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
           (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

int main(int argc, char **argv)
{
    end_with_the_bench();
    if (argc < 6) {
        fprintf(stderr, "usage: %s dense N_EXC N_INH T_MS SEED [SKIP_MS] | sparse N_EXC N_INH T_MS SEED K DMAX "
                "[SKIP_MS]\n", argv[0]);
        return 2;
    }
    const int dense = strcmp(argv[1], "dense") == 0;
    const int ne = atoi(argv[2]), ni = atoi(argv[3]), n = ne + ni;
    const int steps = atoi(argv[4]);
    const uint64_t seed = strtoull(argv[5], NULL, 10);
    const int k = dense ? n : (argc > 6 ? atoi(argv[6]) : 1000);
    const int dmax = dense ? 1 : (argc > 7 ? atoi(argv[7]) : 20);
    const int skip_arg = dense ? 6 : 8;
    const int skip = argc > skip_arg ? atoi(argv[skip_arg]) : 0;

    for (int i = 0; i < (1 << QUANTILE_BITS); i++)
        normal_quantile[i] = (float)inverse_normal((i + 0.5) / (1 << QUANTILE_BITS));

    const double build_start = now_s();
    float *v = malloc(n * sizeof(float)), *u = malloc(n * sizeof(float));
    float *a = malloc(n * sizeof(float)), *b = malloc(n * sizeof(float));
    float *c = malloc(n * sizeof(float)), *d = malloc(n * sizeof(float));
    float *input = malloc(n * sizeof(float)), *noise_sd = malloc(n * sizeof(float));
    for (int i = 0; i < n; i++) {
        const double r = uniform01(seed, 1, i);
        if (i < ne) { a[i] = 0.02f; b[i] = 0.2f; c[i] = -65 + 15 * r * r; d[i] = 8 - 6 * r * r; noise_sd[i] = 5; }
        else { a[i] = 0.02 + 0.08 * r; b[i] = 0.25 - 0.05 * r; c[i] = -65; d[i] = 2; noise_sd[i] = 2; }
        v[i] = -65;
        u[i] = b[i] * v[i];
    }

    /* rows (source, delay): offsets into targets/weights, targets sorted within a row. */
    const long long synapses = (long long)n * k;
    long long *row_start = calloc((size_t)n * dmax + 1, sizeof(long long));
    int32_t *targets = malloc(synapses * sizeof(int32_t));
    float *weights = malloc(synapses * sizeof(float));
    int32_t *pick = malloc(n * sizeof(int32_t)), *scratch = malloc(n * sizeof(int32_t));
    uint8_t *delay_of = malloc(k);
    long long fill = 0;
    for (int j = 0; j < n; j++) scratch[j] = j;
    for (int s = 0; s < n; s++) {
        if (dense) {
            for (int j = 0; j < n; j++) pick[j] = j;
        } else {
            /* partial Fisher-Yates: k distinct targets other than s, uniformly from all neurons. Started from
               any permutation it still draws a uniform ordered sample, so scratch is not reset: O(k) a source. */
            int got = 0;
            for (int j = 0; got < k; j++) {
                const int r = j + (int)(uniform01(seed, 2, (uint64_t)s * n + j) * (n - j));
                const int t = scratch[r]; scratch[r] = scratch[j]; scratch[j] = t;
                if (t != s) pick[got++] = t;
            }
        }
        for (int j = 0; j < k; j++)
            delay_of[j] = (s < ne && !dense) ? 1 + (int)(uniform01(seed, 3, (uint64_t)s * k + j) * dmax) : 1;
        for (int dl = 1; dl <= dmax; dl++) {
            row_start[(size_t)s * dmax + dl - 1] = fill;
            long long row_begin = fill;
            for (int j = 0; j < k; j++) {
                if (delay_of[j] != dl) continue;
                targets[fill] = pick[j];
                const double rnd = uniform01(seed, 4, (uint64_t)s * k + j);
                weights[fill] = s < ne ? 0.5 * rnd : -rnd;
                fill++;
            }
            /* insertion sort of the (short) row by target for locality */
            for (long long x = row_begin + 1; x < fill; x++) {
                int32_t t = targets[x]; float w = weights[x]; long long y = x - 1;
                while (y >= row_begin && targets[y] > t) { targets[y + 1] = targets[y]; weights[y + 1] = weights[y]; y--; }
                targets[y + 1] = t; weights[y + 1] = w;
            }
        }
    }
    row_start[(size_t)n * dmax] = fill;
    const double build_s = now_s() - build_start;

    /* ring of dmax+1 fired lists; slot s, thread w's segment starts at w's first neuron */
    int max_threads = 1;
#ifdef _OPENMP
    max_threads = omp_get_max_threads();
#endif
    int32_t *ring = malloc((size_t)(dmax + 1) * n * sizeof(int32_t));
    int *ring_count = calloc((size_t)(dmax + 1) * max_threads, sizeof(int));
    long long spikes = 0, events = 0, exc_spikes = 0;
    /* sum over spikes of a hash of (step, neuron): the same for the same spikes, whatever their order */
    unsigned long long spike_hash = 0;
    int threads_used = 1;

    double run_start = 0, run_cpu_s = 0;
#pragma omp parallel reduction(+ : spikes, events, exc_spikes, spike_hash, run_cpu_s)
    {
        double cpu_start = 0;
        int tid = 0, nt = 1;
#ifdef _OPENMP
        tid = omp_get_thread_num();
        nt = omp_get_num_threads();
#endif
        if (tid == 0) threads_used = nt;
        const int lo = (int)((long long)n * tid / nt), hi = (int)((long long)n * (tid + 1) / nt);
        for (int t = 0; t < skip + steps; t++) {
            if (t == skip) {
                /* the measured steps start: their counts and times only (each thread's copies of the sums) */
                spikes = events = exc_spikes = 0;
                spike_hash = 0;
#pragma omp barrier
#pragma omp master
                run_start = now_s();
#pragma omp barrier
                cpu_start = thread_cpu_s();
            }
            for (int i = lo; i < hi; i++) {
                const uint64_t h = mix64(seed ^ mix64(((uint64_t)t << 32) ^ (uint64_t)i));
                input[i] = noise_sd[i] * normal_quantile[h >> (64 - QUANTILE_BITS)];
            }
            for (int dl = 1; dl <= dmax && dl <= t; dl++) {
                const int slot = (t - dl) % (dmax + 1);
                for (int w = 0; w < nt; w++) {
                    const int32_t *fired = ring + (size_t)slot * n + (int)((long long)n * w / nt);
                    const int count = ring_count[(size_t)slot * max_threads + w];
                    for (int f = 0; f < count; f++) {
                        const size_t row = (size_t)fired[f] * dmax + dl - 1;
                        long long begin = row_start[row], end = row_start[row + 1];
                        if (nt > 1) {
                            begin = lower_bound(targets, begin, end, lo);
                            end = lower_bound(targets, begin, end, hi);
                        }
                        for (long long x = begin; x < end; x++)
                            input[targets[x]] += weights[x];
                        events += end - begin;
                    }
                }
            }
            for (int i = lo; i < hi; i++) {
                float vi = v[i];
                vi += 0.5f * (0.04f * vi * vi + 5 * vi + 140 - u[i] + input[i]);
                vi += 0.5f * (0.04f * vi * vi + 5 * vi + 140 - u[i] + input[i]);
                v[i] = vi;
                u[i] += a[i] * (b[i] * vi - u[i]);
            }
            const int slot = t % (dmax + 1);
            int count = 0;
            int32_t *fired = ring + (size_t)slot * n + lo;
            for (int i = lo; i < hi; i++) {
                if (v[i] >= 30) {
                    fired[count++] = i;
                    v[i] = c[i];
                    u[i] += d[i];
                    if (i < ne) exc_spikes++;
                    spike_hash += mix64(((uint64_t)t << 32) | (uint64_t)i);
                }
            }
            ring_count[(size_t)slot * max_threads + tid] = count;
            spikes += count;
#pragma omp barrier
        }
        run_cpu_s += thread_cpu_s() - cpu_start;
    }
    const double run_s = now_s() - run_start;
    printf("network=%s neurons=%d synapses=%lld first_step=%d steps=%d threads=%d build_s=%.6f run_s=%.9f cpu_s=%.9f "
           "rtf=%.5f spikes=%lld rate_hz=%.2f exc_rate_hz=%.2f events=%lld spike_hash=%016llx\n",
           dense ? "dense" : "sparse", n, fill, skip, steps, threads_used, build_s, run_s, run_cpu_s,
           run_s / (steps * 1e-3), spikes, spikes / (n * steps * 1e-3), exc_spikes / (ne * steps * 1e-3), events,
           spike_hash);
    return 0;
}
