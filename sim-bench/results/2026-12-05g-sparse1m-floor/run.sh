#!/bin/bash
# The per-event floor under sparse1m's delivery: stand-alone kernels over a sparse1m-shaped worker (8 blocks of
# 62,500 targets, D = 20, 62 synapses per source and block, 7,000 fired sources per step, arrival slices of
# 20 x 62,500 floats per block). ns per synaptic event, minimum and median of 9 timed repeats of 10 steps.
# sources=100000: 300 MB of spans (from DRAM); sources=2000: 6 MB (spans in cache, the scatter alone).
# n=4000: blocks of 4,000 targets, whose 20 slices (320 kB) stay in L2.
set -e
W=$(mktemp -d)
javac -d $W "$(dirname "$0")/MB3.java"
J="java -Xmx7g -Xms7g -XX:+UseTransparentHugePages -cp $W"
for round in 1 2 3; do
  echo "== round $round"
  for m in read "batchread 16" direct "batch 16" flat "flatbatch 16"; do echo "spans from DRAM: $($J MB3 $m)"; done
  for m in read direct flat; do echo "spans in cache: $($J -Dsources=2000 MB3 $m)"; done
  for m in direct flat; do echo "spans in cache, blocks of 4,000: $($J -Dsources=2000 -Dn=4000 MB3 $m)"; done
done
