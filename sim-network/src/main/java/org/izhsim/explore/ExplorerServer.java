package org.izhsim.explore;

import com.sun.net.httpserver.HttpExchange;
import org.izhsim.config.ExperimentConfig;
import org.izhsim.config.ExperimentLoader;
import org.izhsim.config.NetworkAssembler;
import org.izhsim.core.InputException;
import org.izhsim.network.build.NetworkBuilder;
import org.izhsim.output.Numbers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * The explorer's HTTP server, bound to the loopback address only: the page and its assets from the jar, the
 * JSON API over sim-core and the network engine, live events and finished runs' files.
 * <p>
 * Every reply to a bad request is JSON {@code {"error": "...", "field": "..."}} with status 400, 403, 404, 405,
 * 409 or 415; an unexpected failure is logged here and answered with a one-line 500, never a stack trace. A
 * {@link RequestFront} owns the one port, reads each request whole, answers the malformed ones itself and hands the
 * others to {@link #handle} in this process: there is no other server or port to reach it by.
 * <p>
 * A web page open in the user's browser can send requests to 127.0.0.1 too (cross-site request forgery), or
 * rebind its own host name to it (DNS rebinding): so every request must name this server in its Host header,
 * a request whose Origin is another site, or that the browser marks as sent by another site or origin (Sec-Fetch-Site),
 * is refused (403), and a POST must be {@code application/json} (415),
 * which a plain HTML form cannot send and a script of another origin cannot send without a CORS preflight,
 * which this server never grants.
 * Requests run on a cached pool because each live-event client holds one thread for as long as it listens.
 */
public final class ExplorerServer implements AutoCloseable
{
    private static final String ASSETS = "/org/izhsim/explore/static/";
    /** An uploaded experiment file larger than this is surely not one. */
    private static final int MAX_BODY_BYTES = 2 << 20;
    /** The fields of a POST /api/network/start body. */
    /** The longest upload filename: a file system's name limit. */
    static final int MAX_FILENAME_CHARS = 255;
    private static final List<String> START_FIELDS = List.of("config", "yaml", "filename", "duration_ms", "real_time");
    /** The longest network run the explorer starts, whether the request or the file gives the duration. */
    private static final double MAX_DURATION_MS = 3_600_000.0;
    /** The live-event stream: its connections are counted apart from the others' (see RequestFront). */
    private static final String EVENTS_PATH = "/api/network/events";
    /** How long a shutdown waits for a live run, stopped, to write its folder. */
    private static final long CLOSE_WAIT_MILLIS = 120_000;
    /** How long the open event streams get to send the run's last event once the server closes. */
    private static final long STREAMS_WAIT_MILLIS = 2_000;

    private final RequestFront front;
    private final ExecutorService executor;
    private final Path configs;
    private final EventHub hub = new EventHub();
    private final LiveRun liveRun;
    private final RunFiles runFiles;

    private ExplorerServer(final int port, final Path configs, final Path out)
    {
        this.configs = configs;
        this.liveRun = new LiveRun(out, hub);
        this.runFiles = new RunFiles(out);
        this.executor = Executors.newCachedThreadPool(task ->
        {
            final Thread thread = new Thread(task, "izhsim-explore-http");
            thread.setDaemon(true);
            return thread;
        });
        try
        {
            this.front = RequestFront.start(port, this::handle, EVENTS_PATH, executor, MAX_BODY_BYTES);
        }
        catch (final InputException ex)
        {
            executor.shutdownNow();
            throw ex;
        }
    }

    /**
     * @param port    TCP port on 127.0.0.1, 0 for any free one.
     * @param configs the folder of shipped experiment files offered in the network tab.
     * @param out     where network runs write their folders.
     * @return a started server.
     */
    public static ExplorerServer start(final int port, final Path configs, final Path out)
    {
        return new ExplorerServer(port, configs, out);
    }

    public int port()
    {
        return front.port();
    }

    public String url()
    {
        return "http://127.0.0.1:" + port() + "/";
    }

    /** Set by the first {@link #close()}: a second (a test's, then its try-with-resources') does nothing. */
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    @Override
    public void close()
    {
        if (!closed.compareAndSet(false, true))
        {
            // A second close while the first waits for the run: the JVM's exit (a second signal), which ends it.
            final String given = liveRun.abandonedLine();
            if (given != null)
            {
                System.err.println(given);
                System.err.flush();
            }
            return;
        }
        // New connections first, then the run (its folder written, its end published), then the open streams once
        // they have sent that end: a page was not told that a run stopped by Ctrl-C had ended.
        front.stopAccepting();
        liveRun.close(CLOSE_WAIT_MILLIS);
        hub.close(STREAMS_WAIT_MILLIS);
        front.close();
        executor.shutdownNow();
    }

    private void handle(final HttpExchange exchange) throws IOException
    {
        try (exchange)
        {
            try
            {
                requireSameOrigin(exchange);
                route(exchange, exchange.getRequestMethod(), exchange.getRequestURI().getRawPath());
            }
            catch (final ApiException ex)
            {
                if (ex.allow() != null)
                {
                    exchange.getResponseHeaders().set("Allow", ex.allow());
                }
                reply(exchange, ex.status(), Json.error(ex.getMessage(), ex.field()));
            }
            catch (final InputException ex)
            {
                reply(exchange, 400, Json.error(ex.getMessage(), null));
            }
            catch (final IOException ex)
            {
                // the client went away mid-reply
            }
            catch (final RuntimeException | Error ex)
            {
                System.err.println("explore: " + exchange.getRequestMethod() + " " + exchange.getRequestURI() +
                    " failed: " + ex);
                reply(exchange, 500, Json.error("internal error: " + ex.getClass().getSimpleName(), null));
            }
        }
    }

    private void route(final HttpExchange exchange, final String method, final String path) throws IOException
    {
        switch (path)
        {
            case "/":
            case "/index.html":
                requireMethod(method, "GET");
                asset(exchange, "index.html");
                return;
            case "/explorer.js":
            case "/explorer.css":
                requireMethod(method, "GET");
                asset(exchange, path.substring(1));
                return;
            case "/api/presets":
                requireMethod(method, "GET");
                reply(exchange, 200, PresetCatalog.json());
                return;
            case "/api/neuron":
                requireMethod(method, "POST");
                reply(exchange, 200, NeuronReply.simulate(NeuronRequest.arguments(Json.readFlatObject(body(exchange)))));
                return;
            case "/api/neuron/fi":
                requireMethod(method, "POST");
                reply(exchange, 200, FiReply.compute(Json.readFlatObject(body(exchange))));
                return;
            case "/api/configs":
                requireMethod(method, "GET");
                reply(exchange, 200, configList());
                return;
            case "/api/network/start":
                requireMethod(method, "POST");
                startRun(Json.readFlatObject(body(exchange)));
                reply(exchange, 202, Json.write(json ->
                {
                    json.writeStartObject();
                    json.writeBooleanField("started", true);
                    json.writeEndObject();
                }));
                return;
            case "/api/network/stop":
                requireMethod(method, "POST");
                // No fields: an empty body or {} (garbage and {"x":1} were answered "stopping").
                final byte[] stopBody = body(exchange);
                if (new String(stopBody, java.nio.charset.StandardCharsets.UTF_8).strip().length() > 0)
                {
                    final java.util.Set<String> fields = Json.readFlatObject(stopBody).keySet();
                    if (!fields.isEmpty())
                    {
                        final String name = fields.iterator().next();
                        throw new ApiException(400, name, "unknown field '" + name + "' (a stop takes none)");
                    }
                }
                final LiveRun.Stopped stopped = liveRun.stop();
                // A run that has finished simulating and is writing its folder is not "stopping": nothing is cut.
                reply(exchange, 200, Json.write(json ->
                {
                    json.writeStartObject();
                    json.writeBooleanField("stopping", stopped == LiveRun.Stopped.STOPPING);
                    if (stopped == LiveRun.Stopped.WRITING)
                    {
                        json.writeBooleanField("writing", true);
                    }
                    json.writeEndObject();
                }));
                return;
            case EVENTS_PATH:
                requireMethod(method, "GET");
                hub.serve(exchange);
                return;
            default:
                if (path.startsWith("/files/"))
                {
                    requireMethod(method, "GET");
                    runFiles.serve(exchange, path.substring("/files/".length()));
                    return;
                }
                throw new ApiException(404, "no such page or API: " + path);
        }
    }

    private void startRun(final Map<String, Object> body)
    {
        NeuronRequest.requireKnownFields(body, START_FIELDS, null);
        final boolean realTime = NeuronRequest.flag(body, "real_time", false);
        final String name = NeuronRequest.text(body, "config", null);
        final String yaml = NeuronRequest.text(body, "yaml", null);
        if (yaml != null && name != null)
        {
            throw new ApiException(400, "yaml", "give either 'config' (a shipped file name) or 'yaml' (a file's text), not both");
        }
        if (yaml == null && body.get("filename") != null)
        {
            throw new ApiException(400, "filename", "filename names an uploaded 'yaml', and there is none");
        }
        // A file's error is marked on what gave the file: the upload's text or the shipped config's name.
        final String source = yaml != null ? "yaml" : "config";
        if (yaml == null && name == null)
        {
            throw new ApiException(400, "config", "give 'config' (a shipped file name) or 'yaml' (a file's text)");
        }
        if (yaml == null && !configNames().contains(name))
        {
            throw new ApiException(400, "config", "no shipped config '" + name + "' (GET /api/configs lists them)");
        }
        ExperimentConfig config;
        final NetworkBuilder builder;
        final LiveRun.Provenance provenance;
        // An empty or blank filename is the default's: it gave messages located at ":3:13" and a provenance of "".
        // So is one of dots only ("." or ".."), which named no file: its errors read ".:3:13: ...".
        final String given = yaml != null ? NeuronRequest.text(body, "filename", "upload.yaml").strip() : null;
        if (given != null && given.length() > MAX_FILENAME_CHARS)
        {
            // A name of a million characters was echoed whole in the refusal (1 MB) and kept in summary.json.
            throw new ApiException(400, "filename", String.format(java.util.Locale.ROOT, "filename must be at most %d " +
                "characters (a file's name), got %,d", MAX_FILENAME_CHARS, given.length()));
        }
        final String fileName = yaml != null ? (given.matches("\\.*") ? "upload.yaml" :
            given.replaceAll("[^A-Za-z0-9._-]", "_")) : configs.resolve(name).toString();
        try
        {
            // The shipped file read once, as sim run reads it: the folder's config.yaml is the text that ran.
            final String text = yaml != null ? yaml : ExperimentLoader.readText(configs.resolve(name));
            // A shipped file names its files from its own folder, as sim run reads it; an upload names none.
            config = ExperimentLoader.parse(text, fileName, java.util.List.of(),
                yaml != null ? null : ExperimentLoader.baseDirectory(configs.resolve(name)));
            provenance = new LiveRun.Provenance(yaml != null ? "uploaded to the explorer as " + fileName :
                configs.resolve(name).toAbsolutePath().normalize().toString(), text, request(body));
            final boolean durationGiven = body.get("duration_ms") != null;
            final double duration = durationGiven ?
                NeuronRequest.number(body, "duration_ms", config.durationMs()) : config.durationMs();
            // The cap holds for the file's own duration too: an upload cannot ask for a longer run than the field.
            if (!(duration >= 1.0 && duration <= MAX_DURATION_MS))
            {
                throw new ApiException(400, "duration_ms", "duration must be between 1 and " +
                    Numbers.format(MAX_DURATION_MS) + " ms, got " + Numbers.format(duration));
            }
            if (durationGiven)
            {
                config = withDuration(config, duration);
            }
            // Assembling checks what the YAML parser cannot (expressions, ranges).
            builder = NetworkAssembler.builder(config);
        }
        catch (final InputException ex)
        {
            throw new ApiException(400, source, ex.getMessage());
        }
        // Starting plans the network and checks its memory and disk, the same errors as 'sim run', before anything is
        // built: they are the network's and the machine's, not one field's; but one located in the file is the file's
        // field's, as the parser's are ('weights_every_ms' without plasticity came without a field).
        try
        {
            liveRun.start(config, builder, realTime, provenance);
        }
        catch (final InputException ex)
        {
            if (ex.getMessage() != null && ex.getMessage().startsWith(fileName + ":"))
            {
                throw new ApiException(400, source, ex.getMessage());
            }
            throw ex;
        }
    }

    /** The start request's fields as summary.json's provenance lists them ("config=cortex2003.yaml", ...; an upload's
     * text by its length: the folder's config.yaml holds it). */
    private static List<String> request(final Map<String, Object> body)
    {
        final List<String> fields = new java.util.ArrayList<>();
        for (final String field : START_FIELDS)
        {
            final Object value = body.get(field);
            if (value != null)
            {
                fields.add(field + "=" + (field.equals("yaml") ? "(" + value.toString().length() + " characters)" :
                    value instanceof Number number ? Numbers.format(number.doubleValue()) : value));
            }
        }
        return fields;
    }

    /** The config's {@code --duration} check, its message naming the request's field instead of the option. */
    private static ExperimentConfig withDuration(final ExperimentConfig config, final double durationMs)
    {
        try
        {
            return config.withDurationMs(durationMs);
        }
        catch (final InputException ex)
        {
            throw new ApiException(400, "duration_ms", ex.getMessage().replaceFirst("^--duration\\b", "duration_ms"));
        }
    }

    private List<String> configNames()
    {
        if (!Files.isDirectory(configs))
        {
            return List.of();
        }
        // Regular files only (links followed): a named pipe that no process writes to held this request (and the
        // page's list) forever, its read waiting for a writer; a folder named x.yaml was listed as a broken config.
        try (Stream<Path> files = Files.list(configs))
        {
            return files.filter(Files::isRegularFile).map(file -> file.getFileName().toString())
                .filter(file -> file.endsWith(".yaml") || file.endsWith(".yml"))
                .sorted()
                .toList();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** Estimates by file, its modification time and size: a list request planned every config (a second for sparse1m). */
    private final java.util.Map<String, String> estimates = new java.util.concurrent.ConcurrentHashMap<>();

    /** The plan's memory estimate, as sim validate prints it (planned, not built). */
    private String memoryOf(final String name, final ExperimentConfig config)
    {
        final Path file = configs.resolve(name);
        String key;
        try
        {
            key = name + "\u0000" + java.nio.file.Files.getLastModifiedTime(file).toMillis() + "\u0000" +
                java.nio.file.Files.size(file);
        }
        catch (final IOException ex)
        {
            key = null;
        }
        final java.util.function.Supplier<String> estimate = () -> org.izhsim.network.build.MemoryEstimate.bytes(
            org.izhsim.config.NetworkAssembler.plan(config).memory(config.steps()).total());
        return key == null ? estimate.get() : estimates.computeIfAbsent(key, k -> estimate.get());
    }

    private byte[] configList()
    {
        final List<String> names = configNames();
        return Json.write(json ->
        {
            json.writeStartObject();
            json.writeStringField("folder", configs.toString());
            json.writeArrayFieldStart("configs");
            for (final String name : names)
            {
                json.writeStartObject();
                json.writeStringField("file", name);
                try
                {
                    final ExperimentConfig config = ExperimentLoader.load(configs.resolve(name));
                    json.writeStringField("name", config.name());
                    json.writeStringField("description", config.description());
                    json.writeNumberField("neurons", config.neuronCount());
                    json.writeNumberField("duration_ms", config.durationMs());
                    json.writeStringField("memory", memoryOf(name, config));
                }
                catch (final InputException ex)
                {
                    json.writeStringField("error", ex.getMessage());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeBooleanField("running", liveRun.isRunning());
            json.writeEndObject();
        });
    }

    /**
     * Refuses requests that a page of another site made the browser send: see the class comment.
     */
    private void requireSameOrigin(final HttpExchange exchange)
    {
        final String host = exchange.getRequestHeaders().getFirst("Host");
        final List<String> hosts = List.of("127.0.0.1:" + port(), "localhost:" + port(), "[::1]:" + port());
        if (host == null || hosts.stream().noneMatch(host::equalsIgnoreCase))
        {
            throw new ApiException(403, "the Host header must name this explorer (" + String.join(", ", hosts) +
                "), got " + (host == null ? "none" : "'" + host + "'"));
        }
        final String origin = exchange.getRequestHeaders().getFirst("Origin");
        if (origin != null && hosts.stream().noneMatch(allowed -> origin.equalsIgnoreCase("http://" + allowed)))
        {
            throw new ApiException(403, "cross-origin requests are refused (Origin '" + origin + "')");
        }
        // Browsers mark every request with where it comes from (Fetch Metadata); a page of another site sends no
        // Origin with a plain GET, and its no-cors GET of the live events was streamed to it. "same-site" is refused
        // too: a page on another port of this machine is another origin.
        final String site = exchange.getRequestHeaders().getFirst("Sec-Fetch-Site");
        if (site != null && !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none"))
        {
            throw new ApiException(403, "requests from other sites are refused (Sec-Fetch-Site '" + site + "')");
        }
        if ("POST".equals(exchange.getRequestMethod()))
        {
            final String type = exchange.getRequestHeaders().getFirst("Content-Type");
            final String media = type == null ? "" : type.split(";", 2)[0].strip();
            if (!media.equalsIgnoreCase("application/json"))
            {
                throw new ApiException(415, "a POST must send Content-Type: application/json, got " +
                    (type == null ? "none" : "'" + type + "'"));
            }
        }
    }

    /**
     * Where GET is taken, HEAD is too (RFC 9110 9.1: it was refused with 405, and link checkers and curl -I called the
     * page broken); {@link FrontExchange} sends its reply's head alone.
     */
    private static void requireMethod(final String method, final String allowed)
    {
        final boolean get = "GET".equals(allowed);
        if (!allowed.equals(method) && !(get && "HEAD".equals(method)))
        {
            throw ApiException.methodNotAllowed(method, allowed, get ? "GET, HEAD" : allowed);
        }
    }

    private static byte[] body(final HttpExchange exchange) throws IOException
    {
        try (InputStream in = exchange.getRequestBody())
        {
            final byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES)
            {
                throw new ApiException(413, "the request body is larger than " + MAX_BODY_BYTES + " bytes");
            }
            return bytes;
        }
    }

    private static void asset(final HttpExchange exchange, final String name) throws IOException
    {
        try (InputStream in = ExplorerServer.class.getResourceAsStream(ASSETS + name))
        {
            if (in == null)
            {
                throw new ApiException(404, "asset missing from the jar: " + name);
            }
            exchange.getResponseHeaders().set("Content-Type", RunFiles.contentType(name));
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            final byte[] bytes = in.readAllBytes();
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody())
            {
                out.write(bytes);
            }
        }
    }

    private static void reply(final HttpExchange exchange, final int status, final byte[] json) throws IOException
    {
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, json.length);
        try (OutputStream out = exchange.getResponseBody())
        {
            out.write(json);
        }
    }
}
