package org.izhsim.output;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Which build of the simulator is running, for {@code --version} and summary.json's provenance: the project's version
 * (build.properties, filled in by Maven) and, when the jar was built in a git checkout, the commit and whether the
 * sources had uncommitted changes (git.properties, written by git-commit-id-maven-plugin at the build). A jar built
 * outside a checkout has no commit: {@link #commit()} is null.
 */
public final class BuildInfo
{
    private static final BuildInfo RUNNING = load();

    private final String version;
    private final String commit;
    private final String commitTime;
    private final boolean dirty;

    BuildInfo(final String version, final String commit, final String commitTime, final boolean dirty)
    {
        this.version = version;
        this.commit = commit;
        this.commitTime = commitTime;
        this.dirty = dirty;
    }

    /** This process's build. */
    public static BuildInfo running()
    {
        return RUNNING;
    }

    private static BuildInfo load()
    {
        final Properties build = properties("/org/izhsim/build.properties");
        final Properties git = properties("/org/izhsim/git.properties");
        final String version = build.getProperty("version", "");
        final String commit = git.getProperty("git.commit.id", "");
        return new BuildInfo(version.isEmpty() || version.startsWith("${") ? "unknown" : version,
            commit.matches("[0-9a-f]{40}") ? commit : null, git.getProperty("git.commit.time"),
            "true".equals(git.getProperty("git.dirty")));
    }

    private static Properties properties(final String resource)
    {
        final Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(resource))
        {
            if (in != null)
            {
                properties.load(in);
            }
        }
        catch (final IOException | IllegalArgumentException unreadable)
        {
            // No such facts: the version reads "unknown", the commit is absent.
        }
        return properties;
    }

    public String version()
    {
        return version;
    }

    /** The full commit id the jar was built from, or null when it was not built in a git checkout. */
    public String commit()
    {
        return commit;
    }

    /** Whether the checkout had uncommitted changes when the jar was built (then the commit is only its base). */
    public boolean dirty()
    {
        return dirty;
    }

    /** The commit's time as git.properties gives it (ISO 8601, UTC), or null. */
    public String commitTime()
    {
        return commitTime;
    }

    /** One line: {@code izhsim 0.1.0-SNAPSHOT (commit 0ddc842f1a2b, 2026-12-07T00:58:00Z, uncommitted changes)}. */
    public String describe()
    {
        if (commit == null)
        {
            return "izhsim " + version + " (built outside a git checkout: no commit known)";
        }
        return "izhsim " + version + " (commit " + commit.substring(0, 12) +
            (commitTime != null ? ", " + commitTime : "") + (dirty ? ", with uncommitted changes" : "") + ")";
    }
}
