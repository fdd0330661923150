#!/bin/bash
# Where spnet2006's step goes: the spnet C loop (sim-bench/src/main/c/spnet_baseline.c with per-phase timers,
# c-phases.patch), a line-by-line Java port of that loop (JavaSpnet.java, the C loop's statements in four
# methods), and the engine itself phase by phase (Phases.java: the phases of Worker.step for 1 thread), all on
# the same network file (SpnetPeer.write: configs/spnet2006.yaml, 23,000 steps; phases timed after step 3000).
# Run from the project root after `mvn -q -o package -DskipTests`; each line is one process.
set -e
R=sim-bench/results/2026-12-05-spnet-port
W=$(mktemp -d)
CP=sim-bench/target/classes:sim-network/target/izhsim.jar
J25=${J25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
# c-phases.patch is against spnet_baseline.c as it was when these results were recorded (commit 69b495b);
# commits 0828387 and ff74099 (2026-12-06) changed that file since, and the patch no longer applies to it.
git show 69b495b:sim-bench/src/main/c/spnet_baseline.c > $W/spnet_baseline.c
patch -s -o $W/c.c $W/spnet_baseline.c $R/c-phases.patch
gcc -O3 -march=native -ffp-contract=off -o $W/cspnet $W/c.c -lm
javac -cp $CP -d $W $R/JavaSpnet.java $R/Phases.java
# The Java port writes the network file the C loop reads: run it first.
java -Dnet=$W/net.bin -cp $W:$CP org.izhsim.bench.JavaSpnet configs/spnet2006.yaml 23000 >/dev/null
for round in 1 2 3; do
  echo "== round $round"
  echo "C -O3: $($W/cspnet $W/net.bin 2>&1 >/dev/null | tail -1)"
  echo "Java port, JDK 17: $(java -XX:+UseParallelGC -Dnet=$W/net.bin -cp $W:$CP org.izhsim.bench.JavaSpnet configs/spnet2006.yaml 23000 | tr '\n' ' ')"
  echo "Java port, JDK 25: $($J25 -XX:+UseParallelGC -Dnet=$W/net.bin -cp $W:$CP org.izhsim.bench.JavaSpnet configs/spnet2006.yaml 23000 | tr '\n' ' ')"
  echo "engine, JDK 17: $(java -Xmn64m -XX:+UseParallelGC --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -cp $W:$CP org.izhsim.network.engine.Phases configs/spnet2006.yaml 23000 | tail -3 | tr '\n' ' ')"
  echo "engine, JDK 25: $($J25 -Xmn64m -XX:+UseParallelGC --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -cp $W:$CP org.izhsim.network.engine.Phases configs/spnet2006.yaml 23000 | tail -3 | tr '\n' ' ')"
done
# The float FMA form of the decay against the double product, over every non-negative float and over the
# values spnet's LTP and LTD take (decaying from 0.1, 0.12 and 0.15 until they stop changing).
javac -d $W $R/EX.java && java -cp $W EX 0.95 0.1,0.12,0.15
javac -d $W $R/EX2.java && java -cp $W EX2
