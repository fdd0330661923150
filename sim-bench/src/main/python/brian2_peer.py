#!/usr/bin/env python3
"""Brian2 peer of `./sim bench --peers`: the 2003 network family in Brian2's C++ standalone mode.

The model is net.m's, written as Brian2 abstract code so that both simulators do the same arithmetic:
dt = 1 ms; per step I = sd*randn() + synaptic input, v advanced in two 0.5 ms Euler steps, u in one 1 ms
step (a run_regularly operation, not an ODE integrator); threshold v >= 30, reset v = c, u += d. A spike
emitted in step t with axonal delay d must reach the input of step t + d: Brian2 applies a spike with delay
(d - 1) ms in step t + d - 1 after the neurons' update, so it is summed into the next step's input.

Differences from izhsim, stated in BENCHMARKS.md: double precision (Brian2's default), its own random
numbers (same statistics, a different network instance), fixed out-degree drawn with sample(N, size=k)
over all neurons (an autapse is possible, probability k/N). Steps: --warmup-steps unmeasured ones (izhsim's
--warmup), then --steps measured ones, as izhsim measures its steps; `spikes` counts the measured steps only.
Timing: `run_s` is the wall time of the measured run and `cpu_s` the CPU time of its threads over it (each
OpenMP thread reads its own CPU clock, exact where getrusage's sum lags by a clock tick per running thread), both
taken by code inserted into Brian2's generated main around that run (Brian2's own
results/last_run_info.txt times a serial run with clock(), CPU time, which hid a machine that gave it little);
code generation, compilation (`compile_s`), synapse creation and the unmeasured steps are excluded, as our build
and unmeasured steps are excluded from our run time; `build_s` is the rest of the binary's wall time.

"dense_cond" is configs/cortex2003_cond.yaml: the dense network with conductance synapses as izhsim's
receptor stage computes them (CARLsim's COBA: snn_cpu_module.cpp): four conductances per neuron, decayed by
1 - 1/tau per step (tau 5, 150, 6, 150 ms), the input I = noise - [gA v + gN m(v) v + gGA (v + 70) + gGB (v + 90)]
with m(v) = ((v+80)/60)^2 / (1 + ((v+80)/60)^2) evaluated at each 0.5 ms half-step; an excitatory spike adds
w*fast to gA and w*slow to gN, an inhibitory one (w < 0) -w*fast to gGA and -w*slow to gGB. Order within a
step as in izhsim: the decay of step t+1 is applied at the end of step t, before that step's spikes are
added, so that the integration of step t+1 sees g = g*f + arrivals.

prints one line per repeat: run_s=... cpu_s=... build_s=... compile_s=... spikes=...
"""
import argparse
import os
import shutil
import signal
import threading
import time


def end_with_the_bench():
    """With IZHSIM_PEER_WATCH_STDIN=1 (sim bench sets it), end this script and all it started (make, the compilers,
    the simulation) once the bench's JVM is gone: standard input is a pipe from the JVM, which never writes to it, so
    end of file there means the JVM died (kill -9, the OOM killer) without the shutdown hook that would have ended us.
    Orphaned, the build and the run went on for a minute and wrote 25 MB into the dead run's folder."""
    if os.environ.get("IZHSIM_PEER_WATCH_STDIN") != "1":
        return
    try:
        # A process group of our own, which make and the compilers join: the one to end, never the bench's.
        os.setpgid(0, 0)
        own_group = True
    except OSError:
        own_group = False

    def watch():
        try:
            while os.read(0, 4096):
                pass
        except OSError:
            pass
        if own_group:
            os.killpg(0, signal.SIGKILL)
        os._exit(3)

    threading.Thread(target=watch, daemon=True).start()


def main():
    end_with_the_bench()
    parser = argparse.ArgumentParser()
    parser.add_argument("--network", choices=["dense", "sparse", "dense_cond"], required=True)
    parser.add_argument("--cond", type=float, nargs=6, metavar=("EXC_SCALE", "INH_SCALE", "EXC_FAST", "EXC_SLOW",
                        "INH_FAST", "INH_SLOW"), help="dense_cond: weights EXC_SCALE*rand, -INH_SCALE*rand and multipliers")
    parser.add_argument("--exc", type=int, required=True)
    parser.add_argument("--inh", type=int, required=True)
    parser.add_argument("--k", type=int, default=1000)
    parser.add_argument("--max-delay", type=int, default=20)
    parser.add_argument("--steps", type=int, default=1000)
    parser.add_argument("--warmup-steps", type=int, default=0)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--dir", required=True)
    args = parser.parse_args()

    import brian2 as b2
    from brian2 import ms

    if os.path.isdir(args.dir):
        shutil.rmtree(args.dir)
    b2.set_device("cpp_standalone", directory=args.dir, build_on_run=False)
    # 0 is Brian2's plain serial code; 1 would be OpenMP code with one thread.
    b2.prefs.devices.cpp_standalone.openmp_threads = args.threads if args.threads > 1 else 0
    b2.defaultclock.dt = 1 * ms

    ne, ni = args.exc, args.inh
    if args.network == "dense_cond":
        return run_conductance(args, b2, ms, ne, ni)
    neurons, exc, inh = cortex_neurons(b2, ne, ni, "isyn : 1")
    neurons.run_regularly("""
        current = sd*randn() + isyn
        isyn = 0
        v += 0.5*(0.04*v**2 + 5*v + 140 - u + current)
        v += 0.5*(0.04*v**2 + 5*v + 140 - u + current)
        u += a*(b*v - u)
        """, when="groups")

    from_exc = b2.Synapses(exc, neurons, "w : 1", on_pre="isyn_post += w")
    from_inh = b2.Synapses(inh, neurons, "w : 1", on_pre="isyn_post += w")
    if args.network == "dense":
        from_exc.connect()
        from_inh.connect()
        from_exc.delay = 0 * ms
    else:
        from_exc.connect(j="k for k in sample(N_post, size=%d)" % args.k)
        from_inh.connect(j="k for k in sample(N_post, size=%d)" % args.k)
        from_exc.delay = "(ceil(%d*rand()) - 1)*ms" % args.max_delay
    from_inh.delay = 0 * ms
    from_exc.w = "0.5*rand()"
    from_inh.w = "-rand()"
    spikes = b2.SpikeMonitor(neurons, record=False)

    # collect() here: the objects of this frame (a run in measure() would find none of them).
    measure(args, b2, spikes, b2.Network(b2.collect()))


def cortex_neurons(b2, ne, ni, synaptic_variables):
    """The 2003 network's neurons (net.m: a, b, c, d from one r per neuron, noise sd 5 / 2, v = -65, u = b v),
    with the synaptic state variables the caller integrates."""
    neurons = b2.NeuronGroup(ne + ni, """
        v : 1
        u : 1
        r : 1 (constant)
        a : 1 (constant)
        b : 1 (constant)
        c : 1 (constant)
        d : 1 (constant)
        sd : 1 (constant)
        """ + synaptic_variables, threshold="v >= 30", reset="v = c; u += d")
    neurons.r = "rand()"
    exc, inh = neurons[:ne], neurons[ne:]
    exc.a, exc.b, exc.c, exc.d, exc.sd = 0.02, 0.2, "-65 + 15*r**2", "8 - 6*r**2", 5
    inh.a, inh.b, inh.c, inh.d, inh.sd = "0.02 + 0.08*r", "0.25 - 0.05*r", -65, 2, 2
    neurons.v = -65
    neurons.u = "b*v"
    return neurons, exc, inh


def run_conductance(args, b2, ms, ne, ni):
    exc_scale, inh_scale, exc_fast, exc_slow, inh_fast, inh_slow = args.cond
    neurons, exc, inh = cortex_neurons(b2, ne, ni, "ga : 1\ngn : 1\ngga : 1\nggb : 1")
    neurons.run_regularly("""
        current = sd*randn()
        m1 = (v + 80)**2/3600
        v += 0.5*(0.04*v**2 + 5*v + 140 - u + (current - (ga*v + gn*m1/(1 + m1)*v + gga*(v + 70) + ggb*(v + 90))))
        m2 = (v + 80)**2/3600
        v += 0.5*(0.04*v**2 + 5*v + 140 - u + (current - (ga*v + gn*m2/(1 + m2)*v + gga*(v + 70) + ggb*(v + 90))))
        u += a*(b*v - u)
        ga *= 1 - 1/5.0
        gn *= 1 - 1/150.0
        gga *= 1 - 1/6.0
        ggb *= 1 - 1/150.0
        """, when="groups")
    from_exc = b2.Synapses(exc, neurons, "w : 1",
                           on_pre="ga_post += w*%r\ngn_post += w*%r" % (exc_fast, exc_slow))
    from_inh = b2.Synapses(inh, neurons, "w : 1",
                           on_pre="gga_post -= w*%r\nggb_post -= w*%r" % (inh_fast, inh_slow))
    from_exc.connect()
    from_inh.connect()
    from_exc.delay = 0 * ms
    from_inh.delay = 0 * ms
    from_exc.w = "%r*rand()" % exc_scale
    from_inh.w = "-%r*rand()" % inh_scale
    spikes = b2.SpikeMonitor(neurons, record=False)
    # collect() here: the objects of this frame (a run in measure() would find none of them).
    measure(args, b2, spikes, b2.Network(b2.collect()))


# C++ inserted into the generated main: the wall clock and the CPU time of the run's threads at a point (the sum of
# each OpenMP thread's own clock; in a serial build the pragma is ignored and the one thread reads its clock).
CLOCKS = """
double _izh_wall_%(at)s, _izh_cpu_%(at)s = 0;
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    _izh_wall_%(at)s = ts.tv_sec + ts.tv_nsec * 1e-9;
}
double _izh_cpu_sum_%(at)s = 0;
#pragma omp parallel reduction(+ : _izh_cpu_sum_%(at)s)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    _izh_cpu_sum_%(at)s += ts.tv_sec + ts.tv_nsec * 1e-9;
}
_izh_cpu_%(at)s = _izh_cpu_sum_%(at)s;
"""
# After the measured run: its wall and CPU seconds, and the wall seconds from the first unmeasured step.
REPORT = """
{
    std::ofstream izh("results/izhsim_measured.txt");
    izh.precision(9);
    izh << _izh_wall_end - _izh_wall_measured << " " << _izh_cpu_end - _izh_cpu_measured << " "
        << _izh_wall_end - _izh_wall_first << std::endl;
}
"""


def measure(args, b2, spikes, network):
    """izhsim's window: --warmup-steps unmeasured steps, then --steps measured ones that alone are counted and timed."""
    b2.prefs.codegen.cpp.headers += ["<time.h>", "<fstream>"]
    b2.device.insert_code("main", CLOCKS % {"at": "first"})
    if args.warmup_steps > 0:
        spikes.active = False
        network.run(args.warmup_steps * b2.ms)
        spikes.active = True
    b2.device.insert_code("main", CLOCKS % {"at": "measured"})
    network.run(args.steps * b2.ms)
    b2.device.insert_code("main", CLOCKS % {"at": "end"} + REPORT)
    start = time.time()
    b2.device.build(directory=args.dir, compile=True, run=False)
    compile_s = time.time() - start
    for _ in range(args.repeats):
        b2.device.run(args.dir, False, [])
        with open(os.path.join(args.dir, "results", "izhsim_measured.txt")) as f:
            run_s, cpu_s, stepped_s = (float(x) for x in f.read().split())
        binary_s = b2.device.timers["run_binary"]
        spike_count = int(spikes.num_spikes)
        print("run_s=%.6f cpu_s=%.6f build_s=%.4f compile_s=%.2f spikes=%d" % (
            run_s, cpu_s, max(0.0, binary_s - stepped_s), compile_s, spike_count), flush=True)


if __name__ == "__main__":
    main()
