package org.izhsim.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;

/**
 * Standard output that remembers its first write failure. System.out swallows I/O errors, so {@code sim neuron
 * --json > /dev/full} (or onto a full disk) lost its whole answer and still exited 0. A closed pipe ({@code | head})
 * is not a failure: the reader wanted no more. Public for sim-bench's BenchMain, which had none of it ({@code sim bench
 * --help > /dev/full} exited 0 with no word).
 */
public final class StandardOutput extends FilterOutputStream
{
    private volatile IOException failure;

    private StandardOutput(final OutputStream out)
    {
        super(out);
    }

    /** Replaces System.out by one that records its failures; returns the recorder. */
    public static StandardOutput install()
    {
        final StandardOutput recorder = new StandardOutput(new FileOutputStream(FileDescriptor.out));
        // The encoding System.out uses (stdout.encoding from JDK 19, sun.stdout.encoding on a console before).
        final String encoding = System.getProperty("stdout.encoding", System.getProperty("sun.stdout.encoding"));
        Charset charset = Charset.defaultCharset();
        if (encoding != null && Charset.isSupported(encoding))
        {
            charset = Charset.forName(encoding);
        }
        System.setOut(new PrintStream(new BufferedOutputStream(recorder, 8192), true, charset));
        return recorder;
    }

    @Override
    public void write(final int b) throws IOException
    {
        try
        {
            out.write(b);
        }
        catch (final IOException ex)
        {
            throw recorded(ex);
        }
    }

    @Override
    public void write(final byte[] b, final int off, final int len) throws IOException
    {
        try
        {
            out.write(b, off, len);
        }
        catch (final IOException ex)
        {
            throw recorded(ex);
        }
    }

    @Override
    public void flush() throws IOException
    {
        try
        {
            out.flush();
        }
        catch (final IOException ex)
        {
            throw recorded(ex);
        }
    }

    private IOException recorded(final IOException ex)
    {
        if (failure == null)
        {
            failure = ex;
        }
        return ex;
    }

    /**
     * Flushes standard output and, if a write to it failed other than on a closed pipe, says so on {@code err}.
     *
     * @return {@code code}, or {@link Main#EXIT_IO_FAILURE} for a command that succeeded but whose output was lost.
     */
    public int check(final int code, final PrintWriter err)
    {
        return check(code, err, "sim");
    }

    /** As {@link #check(int, PrintWriter)}, the line starting with {@code command} ("sim bench"). */
    public int check(final int code, final PrintWriter err, final String command)
    {
        System.out.flush();
        final IOException lost = failure;
        if (lost == null || "Broken pipe".equals(lost.getMessage()))
        {
            return code;
        }
        err.println(command + ": cannot write to standard output: " + lost.getMessage());
        err.flush();
        return code == 0 ? Main.EXIT_IO_FAILURE : code;
    }
}
