package org.izhsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.izhsim.network.build.MemoryEstimate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the memory check's refusals say about the heap, from {@code sim validate} in a JVM of the given options
 * (sparse10k over 100 ms: an estimate of about 64 MB).
 */
class HeapRefusalTest
{
    private static final Path SPARSE10K = Path.of("..", "configs", "sparse10k.yaml").toAbsolutePath();
    private static final Pattern ADVICE = Pattern.compile("SIM_JAVA_OPTS='(-Xmx(\\d+)m -Xmn64m -XX:\\+UseParallelGC)'");

    @TempDir
    Path tmp;

    /**
     * The refusal for the heap as a whole said "SIM_JAVA_OPTS='-Xmx&lt;size&gt; ...'" without a size (the old
     * generation's named one): it names the -Xmx, and validate passes in a JVM of the options it gives.
     */
    @Test
    @Timeout(120)
    void theHeapRefusalNamesAnXmxWithWhichValidatePasses() throws Exception
    {
        final Validate refused = validate("-Xmx64m");
        assertEquals(2, refused.exit(), refused.err());
        assertTrue(refused.err().contains("as the collector's headroom, more than the "), refused.err());
        final Matcher advice = ADVICE.matcher(refused.err());
        assertTrue(advice.find(), refused.err());
        final int mib = Integer.parseInt(advice.group(2));
        assertTrue(mib > 64 && mib < 200, refused.err());
        final Validate passed = validate(advice.group(1).split(" "));
        assertEquals(0, passed.exit(), advice.group(1) + ": " + passed.err());
    }

    /**
     * At -Xmx112m -Xmn64m the old generation is too small: the refusal said "of which 45 MB for new objects: -Xmn" (the
     * heap Java could use less the old generation and what was in use), and the heap limit moved with the parallel
     * collector's survivor space (252 MB in the estimate line and 238 MB when the same run ran out of heap). The
     * refusal and the estimate line now give the configured limit (-Xmx) and the young generation as set.
     */
    @Test
    @Timeout(120)
    void theRefusalsGiveTheConfiguredHeapLimitAndYoungGeneration() throws Exception
    {
        final Validate refused = validate("-Xmx112m", "-Xmn64m", "-XX:+UseParallelGC");
        assertEquals(2, refused.exit(), refused.err());
        final String limit = "heap limit " + MemoryEstimate.bytes(112L << 20);
        assertTrue(refused.err().contains("this JVM's old generation may still hold (" + limit + ", of which " +
            MemoryEstimate.bytes(64L << 20) + " is the young generation, for new objects)"), refused.err());
        final Validate passed = validate("-Xmx160m", "-Xmn64m", "-XX:+UseParallelGC");
        assertEquals(0, passed.exit(), passed.err());
        assertTrue(passed.out().contains("; heap limit " + MemoryEstimate.bytes(160L << 20) + "\n"), passed.out());
    }

    /**
     * Under -XX:NewRatio=1 without -Xmn the old generation's refusal said "of which 524 MB (-Xmn500m)", an option the
     * user had not given: it gives the young generation's size as such.
     */
    @Test
    @Timeout(120)
    void theOldGenerationRefusalNamesTheYoungGenerationWithoutAnOptionTheUserDidNotGive() throws Exception
    {
        final Validate refused = validate("-Xmx110m", "-XX:+UseParallelGC", "-XX:NewRatio=1");
        assertEquals(2, refused.exit(), refused.err());
        assertTrue(refused.err().contains("this JVM's old generation may still hold (heap limit " +
            MemoryEstimate.bytes(110L << 20) + ", of which "), refused.err());
        assertTrue(refused.err().contains(" is the young generation, for new objects)"), refused.err());
        assertTrue(!refused.err().contains("(-Xmn"), refused.err());
    }

    private record Validate(int exit, String out, String err)
    {
    }

    private Validate validate(final String... javaOptions) throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1"));
        command.addAll(List.of(javaOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.izhsim.cli.Main", "validate",
            SPARSE10K.toString(), "--duration", "100"));
        final Process process = new ProcessBuilder(command).directory(Files.createTempDirectory(tmp, "v").toFile())
            .start();
        final CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() ->
        {
            try
            {
                return process.getInputStream().readAllBytes();
            }
            catch (final IOException ex)
            {
                throw new java.io.UncheckedIOException(ex);
            }
        });
        final String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(100, TimeUnit.SECONDS), "validate ends");
        return new Validate(process.exitValue(), new String(out.join(), StandardCharsets.UTF_8), err);
    }
}
