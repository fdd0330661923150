package org.izhsim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.spi.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API documentation builds: javadoc failed with exit 1 on four bare '<' in prose ("malformed HTML"), so no
 * documentation or javadoc jar could be made. Errors only: a missing comment is a warning.
 */
class JavadocTest
{
    @Test
    void theJavadocOfSimCoreAndSimNetworkBuildsWithoutErrors(@TempDir final Path out)
    {
        final ToolProvider javadoc = ToolProvider.findFirst("javadoc").orElseThrow();
        final StringWriter text = new StringWriter();
        final PrintWriter writer = new PrintWriter(text);
        final int code = javadoc.run(writer, writer, "-quiet", "-d", out.toString(),
            "-cp", System.getProperty("java.class.path"),
            "-sourcepath", Path.of("..", "sim-core", "src", "main", "java") + java.io.File.pathSeparator +
                Path.of("src", "main", "java"),
            "-subpackages", "org.izhsim");
        writer.flush();
        assertEquals(0, code, text.toString().lines().filter(l -> l.contains("error")).limit(20)
            .reduce("", (a, b) -> a + "\n" + b));
    }
}
