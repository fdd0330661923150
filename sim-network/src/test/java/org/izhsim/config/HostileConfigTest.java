package org.izhsim.config;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.izhsim.core.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Values a double holds but the engine's floats do not, expressions that fail for some r, and files built
 * to exhaust the loader: each is one located line, in bounded time.
 */
class HostileConfigTest
{
    private static final String FILE = "configs/x.yaml";
    private static final String EXC = "populations:\n  exc: {size: 10, params: {a: 0.02, b: 0.2, c: -65, d: 8}}\n";
    private static final Duration BOUND = Duration.ofSeconds(5);

    @TempDir
    Path tmp;

    private static String errorOf(final String yaml)
    {
        return assertTimeoutPreemptively(BOUND,
            () -> assertThrows(InputException.class, () -> ExperimentLoader.parse(yaml, FILE)).getMessage());
    }

    private static String errorOfLoading(final Path file)
    {
        return assertTimeoutPreemptively(BOUND,
            () -> assertThrows(InputException.class, () -> ExperimentLoader.load(file)).getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "weight                | projections: [{from: exc, to: exc, rule: all_to_all, weight: 1e39}]                                      | 3:62: 'weight' 1e39 is outside the range a float holds (+-3.4e38)",
        "weight expression     | projections: [{from: exc, to: exc, rule: all_to_all, weight: 2e38*2}]                                    | 3:62: 'weight' '2e38*2' = 4.0E38 is outside the range a float holds (+-3.4e38)",
        "uniform high          | projections: [{from: exc, to: exc, rule: all_to_all, weight: {distribution: uniform, low: 0, high: 4e38}}] | 3:100: 'high' 4e38 is outside the range a float holds (+-3.4e38)",
        "normal tail           | projections: [{from: exc, to: exc, rule: all_to_all, weight: {distribution: normal, mean: 3e38, sd: 1e37}}] | 3:101: a weight of |mean| + 4.33 sd = 3.433E38, the largest this normal draws, is outside the range a float holds (+-3.4e38)",
        "lognormal tail        | projections: [{from: exc, to: exc, rule: all_to_all, weight: {distribution: lognormal, mu: 80, sigma: 3}}] | 3:103: a weight of exp(mu + 4.33 sigma) = exp(92.99), the largest this lognormal draws, is outside the range a float holds (+-3.4e38)",
        "v0                    | populations:\\n  exc: {size: 10, v0: -1e300, params: {a: 0.02, b: 0.2, c: -65, d: 8}}                   | 2:23: 'v0' -1e300 is outside the range a float holds (+-3.4e38)",
        "noise sd              | populations:\\n  exc: {size: 10, params: {a: 1, b: 1, c: 1, d: 1}, input: {noise_sd: 1e40}}             | 2:71: 'noise_sd' 1e40 is outside the range a float holds (+-3.4e38)",
        "dc                    | populations:\\n  exc: {size: 10, params: {a: 1, b: 1, c: 1, d: 1}, input: {dc: 3.5e38}}                 | 2:65: 'dc' 3.5e38 is outside the range a float holds (+-3.4e38)",
        "poisson weight        | populations:\\n  exc: {size: 10, params: {a: 1, b: 1, c: 1, d: 1}, input: {poisson: {rate_hz: 1, weight: -1e39}}} | 2:91: 'weight' -1e39 is outside the range a float holds (+-3.4e38)",
        "poisson rate          | populations:\\n  exc: {size: 10, params: {a: 1, b: 1, c: 1, d: 1}, input: {poisson: {rate_hz: 1e300, weight: 1}}} | 2:80: 'rate_hz' x 'sources' = 1.000e+300 Hz in population 'exc' exceeds 1e+09 Hz",
        "parameter             | populations:\\n  exc: {size: 10, params: {a: 1e39, b: 1, c: 1, d: 1}}                                   | 2:31: 'a' 1e39 is outside the range a float holds (+-3.4e38)",
    })
    void valuesBeyondTheFloatRangeAreLocatedErrors(final String what, final String yaml, final String expected)
    {
        final String text = yaml.replace("\\n", "\n");
        final String message = errorOf(text.startsWith("projections") ? EXC + text : text);
        assertTrue(message.startsWith(FILE + ":" + expected), () -> what + ": " + message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "pole at 1/2          | 1/(r-0.5)        | is Infinity at r = 0.5",
        "log at 0             | log(r)           | is -Infinity at r = 0",
        "sqrt below 1/2       | sqrt(r-0.5)      | is NaN at r = 0",
        "pole at 1/4          | 1/(4*r-1)        | is Infinity at r = 0.25",
        "overflow near 1      | exp(100*r)       | is 3.4794827710322105E38 at r = 0.887451171875, outside the range a float holds (+-3.4e38)",
        "power of a negative  | (r-0.75)^0.5     | is NaN at r = 0",
    })
    void expressionsMustBeFiniteFloatsForEveryR(final String what, final String expression, final String expected)
    {
        final String message = errorOf("populations:\n  exc: {size: 10, params: {a: 0.02, b: 0.2, c: -65, d: '" +
            expression + "'}}\n");
        assertEquals(FILE + ":2:56: expression '" + expression + "' for 'd' " + expected +
            "; it must be finite for every r in [0, 1)", message, what);
    }

    @Test
    void weightExpressionsOfRandAreCheckedLikeParameters()
    {
        assertEquals(FILE + ":3:62: expression '1/(rand-0.5)' for 'weight' is Infinity at rand = 0.5; it must be " +
                "finite for every rand in [0, 1)",
            errorOf(EXC + "projections: [{from: exc, to: exc, rule: all_to_all, weight: '1/(rand-0.5)'}]\n"));
        // A well-behaved expression still loads.
        assertEquals(1, ExperimentLoader.parse(EXC + "projections: [{from: exc, to: exc, rule: all_to_all, " +
            "weight: '1/(rand+0.5)'}]\n", FILE).projections().size());
    }

    @Test
    void yamlTagsAreRefusedWhereTheyStandInsteadOfIgnored()
    {
        // size: !!str 10 loaded as the number 10, and !!binary or a custom tag went unread.
        assertEquals(FILE + ":2:15: YAML tags such as '!!str' are not read: write the value without it",
            errorOf("populations:\n  exc: {size: !!str 10, params: {a: 0.02, b: 0.2, c: -65, d: 8}}\n"));
        assertEquals(FILE + ":1:7: YAML tags such as '!!float' are not read: write the value without it",
            errorOf("seed: !!float 1\n" + EXC));
        assertEquals(FILE + ":3:14: YAML tags such as '!mine' are not read: write the value without it",
            errorOf(EXC + "projections: !mine [{from: exc, to: exc, rule: all_to_all, weight: 1}]\n"));
    }

    /**
     * A file that ends inside a '[', '{' or quote is refused where that starts: SnakeYAML names the end of the stream,
     * which was a line past a 4-line file's last ("5:1: ... but got <stream end>").
     */
    @Test
    void aFileEndingInsideABracketOrQuoteIsRefusedWhereItOpens()
    {
        assertEquals(FILE + ":2:13: YAML syntax error: the file ends inside a flow sequence that starts here " +
            "(expected ',' or ']', but got <stream end>)", errorOf("populations:\n  n: {size: [1\n"));
        assertEquals(FILE + ":2:6: YAML syntax error: the file ends inside a flow mapping that starts here " +
            "(expected ',' or '}', but got <stream end>)", errorOf("populations:\n  n: {size: 1\n"));
        assertEquals(FILE + ":1:7: YAML syntax error: the file ends inside a quoted string that starts here " +
            "(found unexpected end of stream)", errorOf("name: \"a\nseed: 1\n"));
        // Right after the '[' SnakeYAML's context is the end itself (a tester's 5-line file was "6:1").
        assertEquals(FILE + ":2:14: YAML syntax error: the file ends inside the '[' that opens here (expected the " +
            "node content, but found '<stream end>')", errorOf("seed: 1\nprojections: [\n"));
        assertEquals(FILE + ":1:36: YAML syntax error: the file ends inside the '[' that opens here (expected the " +
            "node content, but found '<stream end>')", errorOf("populations: {a: {size: 5, \"x]\\\"\": [ # ]\n\n"));
        assertEquals(-1, YamlDocument.innermostUnclosed("a: \"\\"));
        assertEquals(3, YamlDocument.innermostUnclosed("a: [b, 'c]', \"d]\" # ]\n"));
        // An alias or anchor cut off: SnakeYAML's "unexpected character found" NUL "(0)" said nothing of what was wrong.
        assertEquals(FILE + ":2:9: YAML syntax error: an alias ('*' and the name of an anchor) without a name: the " +
            "file ends where the name should be", errorOf("seed: 1\nx: {a: *"));
        assertEquals(FILE + ":2:5: YAML syntax error: an anchor ('&' and its name) without a name: the line ends where " +
            "the name should be", errorOf("seed: 1\nx: &\n"));
        // An apostrophe inside a plain scalar opens no quote (it swallowed the rest of the file).
        assertEquals(FILE + ":3:14: YAML syntax error: the file ends inside the '[' that opens here (expected the " +
            "node content, but found '<stream end>')", errorOf("seed: 1\ndescription: Izhikevich's RS cell\n" +
            "projections: [\n"));
        assertEquals(10, YamlDocument.innermostUnclosed("a: [it's, [\n"));
        // ... nor one after a blank inside a plain scalar, nor a block scalar's text.
        final String open = "the file ends inside the '[' that opens here (expected the node content, but found " +
            "'<stream end>')";
        assertEquals(FILE + ":3:14: YAML syntax error: " + open, errorOf("seed: 1\ndescription: rock 'n roll cell\n" +
            "projections: [\n"));
        assertEquals(FILE + ":4:14: YAML syntax error: " + open, errorOf("seed: 1\ndescription: |\n  'quoted line\n" +
            "projections: [\n"));
        assertEquals(FILE + ":5:27: YAML syntax error: " + open, errorOf("seed: 1\ndescription: >-\n  'tis the " +
            "season\n\nprojections: [a, 'it''s', [\n"));
        assertEquals(FILE + ":2:5: YAML syntax error: an anchor ('&' and its name) without a name: a space stands where " +
            "the name should be", errorOf("seed: 1\nx: & 5\n"));
    }

    @Test
    void deeplyNestedYamlIsRefusedAtTheFirstLevelTooDeep()
    {
        final String deep = "seed: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n";
        assertEquals(FILE + ":1:" + (7 + YamlDocument.MAX_NESTING - 1) + ": lists and mappings nest more than " +
            YamlDocument.MAX_NESTING + " levels deep", errorOf(deep));
        final String deepMappings = "seed: " + "{a: ".repeat(50_000) + "1" + "}".repeat(50_000) + "\n";
        assertTrue(errorOf(deepMappings).endsWith(": lists and mappings nest more than 64 levels deep"));
    }

    @Test
    void aliasBombsAreRefused()
    {
        final StringBuilder bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 40; i++)
        {
            bomb.append("a").append(i).append(": &a").append(i).append(" [")
                .append(String.join(", ", java.util.Collections.nCopies(10, "*a" + (i - 1)))).append("]\n");
        }
        // Located at the 51st alias, a6's first (it was the library's "Number of aliases for non-scalar nodes
        // exceeds the specified max=50", for the file).
        assertEquals(FILE + ":7:10: more than 50 aliases of lists or mappings in one file (a limit against files " +
            "built to exhaust the loader): write the values out", errorOf(bomb + EXC));
    }

    /** A key of 1,030 characters was "mapping values are not allowed here", about a line that looks right. */
    @Test
    void aKeyLongerThanYamlReadsIsNamedAsSuch()
    {
        assertEquals(FILE + ":2:1033: a key of 1030 characters: YAML reads a key written plainly only up to 1024 " +
            "characters (a name that long is likely a slip)", errorOf("populations:\n  " + "p".repeat(1030) +
            ": {size: 1, params: {a: 0.02, b: 0.2, c: -65, d: 8}}\n"));
    }

    /**
     * A value reached through an alias is the anchored value, located at the anchor: the error of its reuse on line 3
     * pointed at line 2, in a population that is fine, without a word. The place stays (it is where the text is); the
     * message says which alias reuses it.
     */
    @Test
    void anErrorInAReusedValueNamesTheAliasThatReusesIt()
    {
        assertEquals(FILE + ":2:48: unknown variable 'r' in expression (allowed: rand) in 'weight' = '-65 + 15*r^2' " +
            "(line 2 is in the value anchored as &e, reused by *e at line 4)", errorOf("populations:\n" +
            "  exc: {size: 20, params: {a: 0.02, b: 0.2, c: &e \"-65 + 15*r^2\", d: 8}}\n" +
            "projections:\n  - {from: exc, to: exc, rule: all_to_all, weight: *e}\n"));
        final String params = errorOf("populations:\n  exc: {size: 2, params: &p {a: 0.02, b: 0.2, c: -65, d: 8}}\n" +
            "  inh: {size: 2, params: {a: 0.1, b: 0.2, c: -65, d: 2}, input: *p}\n  other: {size: 2, params: *p}\n");
        assertTrue(params.startsWith(FILE + ":2:30: unknown key 'a' in input of population 'inh'"), params);
        assertTrue(params.endsWith("(line 2 is in the value anchored as &p, reused by *p at lines 3, 4)"), params);
        // An error outside any reused value has no note.
        assertFalse(errorOf("populations:\n  exc: {size: 2, params: &p {a: 0.02, b: 0.2, c: -65, d: 8, q: 1}}\n")
            .contains("anchored"));
    }

    /** A population named 'NULL' was refused without a place (the builder's check), and 'exç' by the word "letters". */
    @Test
    void badPopulationNamesAreRefusedAtTheirKeyWithTheAsciiRule()
    {
        assertEquals(FILE + ":2:3: population name 'NULL' is what YAML reads as no value where it is unquoted " +
            "(from: NULL): name it otherwise", errorOf("populations:\n  NULL: {size: 2, params: {a: 0.02, b: 0.2, " +
            "c: -65, d: 8}}\n"));
        assertEquals(FILE + ":2:3: population name 'ex\u00e7' must start with an ASCII letter and hold only ASCII " +
            "letters (A-Z, a-z), digits and '_'", errorOf("populations:\n  ex\u00e7: {size: 2, params: {a: 0.02, " +
            "b: 0.2, c: -65, d: 8}}\n"));
    }

    /** An integer key took any text whose double is whole: 'size: 80.0000000000000001' built 80 neurons. */
    @Test
    void anIntegerKeyJudgesTheDecimalTextNotItsDouble()
    {
        assertEquals(FILE + ":2:15: expected an integer for 'size', got '80.0000000000000001'", errorOf("populations:\n" +
            "  exc: {size: 80.0000000000000001, params: {a: 0.02, b: 0.2, c: -65, d: 8}}\n"));
        assertEquals(FILE + ":2:15: expected an integer for 'size', got '7.99999999999999999e1'", errorOf("populations:\n" +
            "  exc: {size: 7.99999999999999999e1, params: {a: 0.02, b: 0.2, c: -65, d: 8}}\n"));
        // Integer-valued spellings stay integers.
        assertEquals("x", ExperimentLoader.parse("name: x\npopulations:\n  exc: {size: 8.0e1, params: {a: 0.02, b: 0.2, " +
            "c: -65, d: 8}}\n", FILE).name());
    }

    /** "%YAML 2.0" was "x.yaml: YAML error: Version{major=2, minor=0}", a Java toString with no place. */
    @Test
    void anotherYamlVersionIsNamedAtItsLine()
    {
        assertEquals(FILE + ":1:1: YAML version '2.0' is not read: these files are YAML 1.2 (leave the %YAML line out)",
            errorOf("%YAML 2.0\n---\n" + EXC));
    }

    /**
     * "%YAML 1.1" was read as YAML 1.2 without a word: 'size: 010' built 10 neurons where YAML 1.1 (and PyYAML, which
     * a user may check the file with) reads 8. Refused like 2.0; "%YAML 1.2" is what the file is read as.
     */
    @Test
    void yaml11IsRefusedAtItsLineAnd12IsRead()
    {
        assertEquals(FILE + ":2:1: YAML version '1.1' is not read: these files are YAML 1.2 (leave the %YAML line out)",
            errorOf("# a comment\n%YAML 1.1\n---\n" + EXC));
        assertEquals(FILE + ":1:1: YAML version '1.3' is not read: these files are YAML 1.2 (leave the %YAML line out)",
            errorOf("%YAML 1.3\n---\n" + EXC));
        assertEquals(ExperimentLoader.parse("%YAML 1.2\n---\n" + EXC, FILE).name(), ExperimentLoader.parse(EXC, FILE).name());
        // The directive refused, without its comment, also after a %YAML 1.2 of a first document (it named 1.2, line 1).
        assertEquals(FILE + ":2:1: YAML version '1.1' is not read: these files are YAML 1.2 (leave the %YAML line out)",
            errorOf("\n%YAML 1.1 # old\n---\n" + EXC));
        assertEquals(FILE + ":5:1: YAML version '1.1' is not read: these files are YAML 1.2 (leave the %YAML line out)",
            errorOf("%YAML 1.2\n---\nname: a\n...\n%YAML 1.1\n---\nname: b\n"));
    }

    @Test
    void longScalarsAreShortenedInMessages()
    {
        final String model = "x".repeat(500_000);
        final String message = errorOf("populations:\n  exc: {size: 10, model: " + model + ", params: {a: 1, b: 1, c: 1, d: 1}}\n");
        assertEquals(FILE + ":2:26: unknown model 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...xxxxxxxxxxxxxxxxxxxx' (500000 characters) " +
            "in population 'exc' (valid: izhikevich2003, izhikevich2007, poisson, spike_times)", message);
        final String key = errorOf(EXC + model + ": 1\n");
        assertTrue(key.startsWith(FILE + ":3:") && key.length() < 500, key);
        final String longDuration = errorOf("duration_ms: " + "9".repeat(500_000) + "\n" + EXC);
        assertTrue(longDuration.length() < 500, () -> longDuration.length() + " characters");
    }

    @Test
    void deepExpressionsAreLocatedErrorsNotStackOverflows()
    {
        final String parentheses = "(".repeat(1_000) + "r" + ")".repeat(1_000);
        final String deep = errorOf("populations:\n  exc: {size: 10, params: {a: 0.02, b: 0.2, c: -65, d: '" +
            parentheses + "'}}\n");
        // The value is named and quoted short (its start and end, and its length).
        assertEquals(FILE + ":2:157: expression nests deeper than 100 levels (parentheses, signs, powers, calls or a " +
            "chain of operators) in 'd' = '((((((((((((((((((((((((((((((((((((((((...))))))))))))))))))))' (2001 " +
            "characters)", deep);
        for (final String hostile : new String[] {"-".repeat(1_000) + "r", "r" + "+r".repeat(1_000),
            "2^".repeat(1_000) + "r", "sqrt(".repeat(500) + "r" + ")".repeat(500), "-(".repeat(1_000) + "1"})
        {
            final String message = errorOf("populations:\n  exc: {size: 10, params: {a: 0.02, b: 0.2, c: -65, d: '" +
                hostile + "'}}\n");
            assertTrue(message.startsWith(FILE + ":2:") && message.contains(": expression nests deeper than 100 levels " +
                "(parentheses, signs, powers, calls or a chain of operators) in 'd' = '") && message.length() < 300,
                message);
        }
        // A long chain of constants folds as it is read: no depth (an expression may be 4096 characters long).
        final String ones = "1" + "+1".repeat(2_000);
        assertEquals(2_001.0, assertTimeoutPreemptively(BOUND, () -> ExperimentLoader.parse("populations:\n  exc: {size: 10, " +
            "params: {a: 0.02, b: 0.2, c: -65, d: '" + ones + "'}}\n", FILE)).populations().get(0).params().d().at(0.5));
    }

    @Test
    void filesAboveTheSizeLimitStopAtTheLimit() throws IOException
    {
        final Path big = tmp.resolve("big.yaml");
        try (OutputStream out = Files.newOutputStream(big))
        {
            final byte[] comment = ("# " + "x".repeat(1021) + "\n").getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 10 * 1024; i++)
            {
                out.write(comment);
            }
        }
        assertEquals(big + ": the file is larger than 1048576 bytes (1 MiB), the limit of experiment and stimulus files",
            errorOfLoading(big));
    }

    @Test
    void aDeviceIsRefusedAsNotARegularFile()
    {
        // /dev/zero was read up to the size limit; a device has no size to check and need not end.
        final Path zero = Path.of("/dev/zero");
        if (Files.exists(zero))
        {
            assertEquals(zero + ": is a device, not a regular file", errorOfLoading(zero));
        }
    }

    /**
     * An experiment or stimulus file may be a named pipe (`sim run <(sed ... x.yaml)`): read as a file is. One that no
     * process writes to waited in the open in silence: after a second one line says what the command waits for.
     */
    @Test
    void aNamedPipeIsReadAndOneWithoutAWriterIsSaidToBeWaitedFor() throws Exception
    {
        final Path fifo = tmp.resolve("pipe.yaml");
        if (new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() != 0)
        {
            return; // no mkfifo on this system
        }
        final java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        final java.io.PrintStream stderr = System.err;
        System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        final java.util.concurrent.CompletableFuture<ExperimentConfig> loaded;
        try
        {
            loaded = java.util.concurrent.CompletableFuture.supplyAsync(() -> ExperimentLoader.load(fifo));
            Thread.sleep(2 * org.izhsim.core.InputFile.PIPE_NOTICE_MILLIS + 500);
            assertFalse(loaded.isDone(), "the open waits for a writer");
            Files.writeString(fifo, "name: piped\nseed: 3\nduration_ms: 10\npopulations:\n" +
                "  p: {size: 2, params: {a: 0.02, b: 0.2, c: -65, d: 8}}\n");
            assertEquals("piped", loaded.get(10, java.util.concurrent.TimeUnit.SECONDS).name());
        }
        finally
        {
            System.setErr(stderr);
        }
        assertEquals("sim: " + fifo + " is a named pipe that no process writes to yet: waiting for one (Ctrl-C to stop)\n",
            err.toString(StandardCharsets.UTF_8));
    }

    /** YAML's null is no name: `name: ~` ran as a network called '~' and wrote a folder of that name. */
    @Test
    void aNullNameIsRefusedAtItsKey() throws IOException
    {
        final Path file = tmp.resolve("null-name.yaml");
        Files.writeString(file, "name: ~\nseed: 1\nduration_ms: 10\npopulations:\n" +
            "  p: {size: 2, params: {a: 0.02, b: 0.2, c: -65, d: 8}}\n");
        assertEquals(file + ":1:7: expected a text for 'name', got null ('~'; quote it for the text)", errorOfLoading(file));
        Files.writeString(file, "name: '~'\nseed: 1\nduration_ms: 10\npopulations:\n" +
            "  p: {size: 2, params: {a: 0.02, b: 0.2, c: -65, d: 8}}\n");
        assertEquals("~", ExperimentLoader.load(file).name());
    }

    @Test
    void aFolderIsNotAFile()
    {
        assertEquals(tmp + ": is a folder, not a file", errorOfLoading(tmp));
    }

    @Test
    void nonUtf8TextIsLocatedAtItsFirstBadByte() throws IOException
    {
        final Path latin1 = tmp.resolve("latin1.yaml");
        Files.write(latin1, "seed: 1\ndescription: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(latin1 + ":2:17: the file is not UTF-8 text (byte 0xe9 at byte offset 24)", errorOfLoading(latin1));
        final Path binary = tmp.resolve("binary.yaml");
        Files.write(binary, new byte[] {(byte)0xff, (byte)0xfe, 0, 0});
        assertEquals(binary + ":1:1: the file is not UTF-8 text (byte 0xff at byte offset 0)", errorOfLoading(binary));
        // Under a locale with other digits (ar-SA) the offset was written in them.
        final java.util.Locale before = java.util.Locale.getDefault();
        java.util.Locale.setDefault(java.util.Locale.forLanguageTag("ar-SA-u-nu-arab"));
        try
        {
            assertEquals(latin1 + ":2:17: the file is not UTF-8 text (byte 0xe9 at byte offset 24)", errorOfLoading(latin1));
        }
        finally
        {
            java.util.Locale.setDefault(before);
        }
    }

    @Test
    void stimulusFilesHaveTheSameLimits() throws IOException
    {
        final Path big = tmp.resolve("stimulus.yaml");
        Files.writeString(big, "stimulus:\n" + "  - dc: {amplitude: 1}\n".repeat(60_000));
        final String message = assertTimeoutPreemptively(BOUND,
            () -> assertThrows(InputException.class, () -> StimulusLoader.load(big)).getMessage());
        assertEquals(big + ": the file is larger than 1048576 bytes (1 MiB), the limit of experiment and stimulus files", message);
        assertEquals(tmp + ": is a folder, not a file",
            assertThrows(InputException.class, () -> StimulusLoader.load(tmp)).getMessage());
    }
}
