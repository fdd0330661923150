package org.izhsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ./sim launcher, run by bash on a copy of it in a project folder of its own whose "main jar" is {@link
 * LauncherProbe} (up to date, so the launcher builds nothing).
 */
class LauncherTest
{
    @TempDir
    Path tmp;
    private Path root;

    @BeforeEach
    void project() throws Exception
    {
        root = Files.createDirectories(tmp.resolve("project"));
        Files.copy(Path.of("..", "sim"), root.resolve("sim"));
        root.resolve("sim").toFile().setExecutable(true);
        Files.writeString(root.resolve("pom.xml"), "<project/>\n");
        Files.createDirectories(root.resolve("sim-core"));
        final Path jar = Files.createDirectories(root.resolve("sim-network").resolve("target")).resolve("izhsim.jar");
        final Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, LauncherProbe.class.getName());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH,
            Path.of("target", "test-classes").toAbsolutePath().toUri().toString());
        try (OutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest))
        {
            // the manifest is all it holds
        }
        Files.setLastModifiedTime(root.resolve("pom.xml"), FileTime.fromMillis(System.currentTimeMillis() - 60_000));
    }

    private String launch(final Path launcher, final Map<String, String> env, final String... args) throws Exception
    {
        return launchWithout(launcher, env, null, args);
    }

    /** A symlink to ./sim (in ~/bin, say) looked for the jar, and ran Maven, in the link's folder. */
    @Test
    @Timeout(60)
    void aSymlinkToTheLauncherRunsTheProjectsJar() throws Exception
    {
        final Path bin = Files.createDirectories(tmp.resolve("bin"));
        final Path link = Files.createSymbolicLink(bin.resolve("sim"), root.resolve("sim"));
        // A link to the link, relative, as ln -s makes them.
        final Path relative = Files.createSymbolicLink(bin.resolve("izh"), Path.of("sim"));
        assertEquals("probe jnu=UTF-8 tty=false messages=C all=null args=--version", launch(link, Map.of("LANG", "C.UTF-8"), "--version"));
        assertEquals("probe jnu=UTF-8 tty=false messages=C all=null args=run|x.yaml", launch(relative, Map.of("LANG", "C.UTF-8"), "run", "x.yaml"));
    }

    /**
     * The system's error texts are English, as the program's lines are: under a German locale a pipe closed by its
     * reader ("Datenübergabe unterbrochen (broken pipe)") was not known as one and sim validate | head -1 failed. A
     * LC_ALL (which would override LC_MESSAGES) becomes LC_CTYPE. An exported CDPATH made cd print the folder into
     * the project's path.
     */
    @Test
    @Timeout(60)
    void javaGetsEnglishSystemMessagesWhateverTheLocale() throws Exception
    {
        assertEquals("probe jnu=UTF-8 tty=false messages=C all=null args=x",
            launch(Path.of("project", "sim"), Map.of("LC_ALL", "C.UTF-8", "CDPATH", tmp.toString()), "x"));
    }

    /**
     * A working folder deleted under the shell: Java could not start ("Could not determine current working directory",
     * a stack trace, exit 1), even for --version. The launcher says so in one line, exit 2, before Java.
     */
    @Test
    @Timeout(60)
    void aDeletedWorkingFolderIsSaidInOneLine() throws Exception
    {
        final Path gone = Files.createDirectories(tmp.resolve("gone"));
        final Process process = new ProcessBuilder("bash", "-c", "cd \"$1\" && rmdir \"$1\" && exec bash \"$2\" --version",
            "bash", gone.toString(), root.resolve("sim").toString()).redirectErrorStream(true).start();
        final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(true, process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, process.exitValue(), out);
        assertTrue(out.endsWith("sim: the working folder " + gone + " no longer exists (deleted or moved while this " +
            "shell was in it): cd to a folder that does, then run again"), out);
    }

    /**
     * UCX (MPICH's device) takes SIGSEGV, which the JVM uses for its null checks, and crashed a tester's MPICH job
     * with a backtrace: with sim-mpi's jar the launcher sets UCX_ERROR_SIGNALS to "" unless the user set it. A stand-in
     * org.izhsim.cli.Main in the sim-mpi jar prints what it got.
     */
    @Test
    @Timeout(60)
    void withTheMpiJarTheLauncherKeepsUcxOffTheJvmsSignals() throws Exception
    {
        final Path sources = Files.createDirectories(tmp.resolve("src/org/izhsim/cli"));
        Files.writeString(sources.resolve("Main.java"), "package org.izhsim.cli; public final class Main { " +
            "public static void main(String[] a) { System.out.println(\"ucx=[\" + System.getenv(\"UCX_ERROR_SIGNALS\") " +
            "+ \"]\"); } }");
        final Path classes = Files.createDirectories(tmp.resolve("classes"));
        assertEquals(0, javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
            sources.resolve("Main.java").toString()));
        final Path mpiJar = Files.createDirectories(root.resolve("sim-mpi").resolve("target")).resolve("izhsim-mpi.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(mpiJar)))
        {
            out.putNextEntry(new java.util.jar.JarEntry("org/izhsim/cli/Main.class"));
            out.write(Files.readAllBytes(classes.resolve("org/izhsim/cli/Main.class")));
            out.closeEntry();
        }
        final Map<String, String> env = new java.util.HashMap<>(Map.of("LANG", "C.UTF-8"));
        assertEquals("ucx=[]", launchWithout(root.resolve("sim"), env, "UCX_ERROR_SIGNALS", "run"));
        env.put("UCX_ERROR_SIGNALS", "SIGILL");
        assertEquals("ucx=[SIGILL]", launchWithout(root.resolve("sim"), env, null, "run"));
    }

    /** As {@link #launch}, with {@code unset} (if not null) taken out of the environment first. */
    private String launchWithout(final Path launcher, final Map<String, String> env, final String unset,
        final String... args) throws Exception
    {
        final ProcessBuilder builder = new ProcessBuilder(new java.util.ArrayList<>(List.of("bash", launcher.toString())))
            .directory(tmp.toFile()).redirectErrorStream(true);
        builder.command().addAll(List.of(args));
        builder.environment().remove("SIM_JAVA_OPTS");
        builder.environment().remove("LC_ALL");
        if (unset != null)
        {
            builder.environment().remove(unset);
        }
        builder.environment().putAll(env);
        final Process process = builder.start();
        final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(true, process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), out);
        return out;
    }

    /** A JAVA_HOME without bin/java ended in the shell's "No such file or directory" (exit 127). */
    @Test
    @Timeout(60)
    void aJavaHomeWithoutJavaIsNamed() throws Exception
    {
        final ProcessBuilder builder = new ProcessBuilder("bash", root.resolve("sim").toString(), "--version")
            .directory(tmp.toFile()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", tmp.resolve("nojdk").toString());
        final Process process = builder.start();
        final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(true, process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, process.exitValue(), out);
        assertEquals("sim: JAVA_HOME is " + tmp.resolve("nojdk") + ", which has no bin/java: point it at a JDK 17 or " +
            "newer, or unset it to use the java on PATH", out);
    }

    /**
     * Under LANG=C (Docker's and cron's default) Java took file names as ASCII: every name with another character was
     * refused. The launcher runs Java in C.UTF-8 then, where the system has it.
     */
    @Test
    @Timeout(60)
    void underTheCLocaleFileNamesAreReadAsUtf8() throws Exception
    {
        final Process locales = new ProcessBuilder("locale", "-a").redirectErrorStream(true).start();
        final String all = new String(locales.getInputStream().readAllBytes(), StandardCharsets.UTF_8).toLowerCase();
        locales.waitFor();
        assumeTrue(all.lines().anyMatch(l -> l.equals("c.utf8") || l.equals("c.utf-8")), "no C.UTF-8 locale here");
        assertEquals("probe jnu=UTF-8 tty=false messages=C all=null args=run|caf\u00e9 \u65e5\u672c.yaml",
            launch(root.resolve("sim"), Map.of("LANG", "C"), "run", "caf\u00e9 \u65e5\u672c.yaml"));
    }
}
