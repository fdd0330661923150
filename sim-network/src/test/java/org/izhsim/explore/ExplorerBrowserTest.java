package org.izhsim.explore;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end in Debian's headless Chromium: the neuron tab re-simulates when a slider moves and shows the
 * spike count {@code sim neuron --json} prints for its "copy as command" line; the network tab runs
 * cortex2003 and shows spikes arriving and the output links. Screenshots of both tabs go to target/.
 * Skipped, with the reason, where chromium or chromedriver is not installed (.ci/run installs them).
 */
class ExplorerBrowserTest
{
    /** Debian's paths; the properties let a machine with them elsewhere (or a check of the skip) override them. */
    private static final Path CHROMIUM = Path.of(System.getProperty("izhsim.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("izhsim.chromedriver", "/usr/bin/chromedriver"));

    @Test
    void neuronTabFollowsTheSlidersAndNetworkTabShowsALiveRun(@TempDir final Path profile) throws Exception
    {
        final boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        final String reason = "chromium not installed: " + CHROMIUM + " or " + CHROMEDRIVER + " missing " +
            "(apt-get install -y chromium chromium-driver; .ci/run does this), explorer browser test skipped";
        if (!installed)
        {
            System.err.println("WARNING: " + reason);
        }
        Assumptions.assumeTrue(installed, reason);
        // Chromium's profile (2.6 MB) in a folder JUnit removes: a folder of its own per run was left in /tmp.
        try (ExplorerServer server = ExplorerServer.start(0, Path.of("..", "configs"), Path.of("target", "explorer-browser-out")))
        {
            final ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                "--window-size=1440,1000", "--user-data-dir=" + profile);
            // The console's messages, to check that the page logs no error (a missing favicon.ico was one).
            final LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            final ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
            final WebDriver driver = new ChromeDriver(service, options);
            try
            {
                driver.get(server.url());
                neuronTab(driver);
                final List<String> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage)
                    .collect(Collectors.toList());
                assertEquals(List.of(), errors, "errors in the console of the neuron tab");
                networkTab(driver);
                narrowWindow(driver);
                // The explorer stops (Ctrl-C): the page said nothing until a Start failed.
                // (textContent: the Network tab is hidden now, and WebDriver's getText() reads only what is shown.)
                assertEquals("", driver.findElement(By.id("net-server")).getAttribute("textContent"));
                server.close();
                waitFor(() -> driver.findElement(By.id("net-server")).getAttribute("textContent").startsWith(
                    "The explorer is not answering"), "the page's notice that the explorer stopped");
            }
            finally
            {
                driver.quit();
            }
        }
    }

    /**
     * Every control and plot has a name a screen reader reads out (the 18 neuron fields were "slider" and "edit" with
     * no name, the offset box "never", the plots nothing), and the tabs say which is selected.
     */
    private static void accessibleNames(final JavascriptExecutor js)
    {
        final Object unnamed = js.executeScript(
            "const named = (e) => (e.getAttribute('aria-label') || '').trim() !== '' || e.getAttribute('aria-labelledby') ||" +
            "  (e.labels && e.labels.length > 0);" +
            "return Array.from(document.querySelectorAll('input, select, progress, canvas'))" +
            "  .filter((e) => !named(e) || e.tagName === 'CANVAS' && e.getAttribute('role') !== 'img')" +
            "  .map((e) => e.tagName + '#' + e.id);");
        assertEquals(List.of(), unnamed, "controls or plots without an accessible name");
        assertEquals(List.of("true", "false"), js.executeScript("return Array.from(document.querySelectorAll('[role=tab]'))" +
            ".map((t) => t.getAttribute('aria-selected'));"), "the Neuron tab is the selected one");        // Each plot a summary of what it shows, updated when drawn (plot-i and plot-phase kept a fixed name).
        final String current = (String)js.executeScript("return document.getElementById('plot-i').getAttribute('aria-label')");
        assertTrue(current.matches("input current I against time \\(ms\\) over [0-9.]+ ms: (from \\S+ to \\S+|constant at \\S+)"),
            current);
        final String phase = (String)js.executeScript("return document.getElementById('plot-phase').getAttribute('aria-label')");
        assertTrue(phase.matches("phase plane: u against v \\(mV\\); the trajectory spans v \\S+ to \\S+ mV, u \\S+ to \\S+; " +
            "v' = 0 at I = \\S+ has its lowest point at v = \\S+ mV, u = \\S+; it (crosses u' = 0 at " +
            "(one equilibrium|\\d equilibria), v = .* mV \\((stable, a rest state|unstable)\\)|" +
            "does not cross u' = 0 in the range shown \\(no equilibrium there\\))"), phase);
    }

    private static void neuronTab(final WebDriver driver) throws Exception
    {
        final JavascriptExecutor js = (JavascriptExecutor)driver;
        waitFor(() -> "1".equals(driver.findElement(By.tagName("body")).getAttribute("data-sim-seq")),
            "the first re-simulation (RS)");

        driver.findElement(By.cssSelector("#preset option[value='tonic_bursting']")).click();
        waitFor(() -> driver.findElement(By.id("command")).getText().equals("./sim neuron --preset tonic_bursting"),
            "the tonic_bursting trace");
        final int presetCount = Integer.parseInt(driver.findElement(By.id("spike-count")).getAttribute("data-count"));
        assertEquals(SimNeuronJson.spikeCount("./sim neuron --preset tonic_bursting"), presetCount);
        final String before = (String)js.executeScript("return document.getElementById('plot-v').toDataURL()");

        final WebElement slider = driver.findElement(By.id("slider-a"));
        for (int k = 0; k < 10; k++)
        {
            slider.sendKeys(Keys.ARROW_RIGHT);
        }
        final WebElement field = driver.findElement(By.id("field-a"));
        assertEquals("0.03", field.getAttribute("value"));
        waitFor(() -> driver.findElement(By.id("command")).getText().equals("./sim neuron --preset tonic_bursting --a 0.03"),
            "the re-simulation after moving the a slider");
        final String after = (String)js.executeScript("return document.getElementById('plot-v').toDataURL()");
        assertNotEquals(before, after, "the v(t) plot did not change");
        final String command = driver.findElement(By.id("command")).getText();
        final int shown = Integer.parseInt(driver.findElement(By.id("spike-count")).getAttribute("data-count"));
        assertEquals(SimNeuronJson.spikeCount(command), shown, "spike count shown for " + command);
        // The mean rate is over the whole run, the time before the step's onset included, as sim neuron says it (the
        // page said "mean rate 100.0 Hz" only).
        // This run's last spike is at its last step, t = T, which the rate leaves out and says so (40 spikes at "177.27
        // Hz over the whole 220 ms" read as a wrong rate).
        assertEquals("220", driver.findElement(By.id("field-duration")).getAttribute("value"));
        assertEquals("mean rate 177.27 Hz over the whole 220 ms (of the 39 before t = 220 ms: the spike at the last " +
            "step, t = T, starts the interval after T)", driver.findElement(By.id("rate")).getText());

        // The f-I curve of the neuron shown: the counts of `sim neuron ... --fi ... --json` for its command.
        driver.findElement(By.id("fi-run")).click();
        waitFor(() -> !driver.findElement(By.id("fi-command")).getText().isEmpty(), "the f-I curve");
        final String fiCommand = driver.findElement(By.id("fi-command")).getText();
        assertEquals("./sim neuron --preset tonic_bursting --a 0.03 --duration 1000 --fi 0:20:1", fiCommand);
        assertEquals(SimNeuronJson.fiSpikeCounts(fiCommand),
            driver.findElement(By.id("plot-fi")).getAttribute("data-counts"), "the curve's spike counts");
        assertTrue(driver.findElement(By.id("fi-summary")).getText().startsWith("21 amplitudes; the first that " +
            "fires: "), driver.findElement(By.id("fi-summary")).getText());
        js.executeScript("document.getElementById('plot-fi').scrollIntoView()");
        screenshot(driver, "explorer-fi.png");
        fiFieldsRefused(driver);
        js.executeScript("window.scrollTo(0, 0)");

        screenshot(driver, "explorer-neuron.png");
        accessibleNames(js);

        // A bad value is marked in the page with its reason and nothing is sent.
        field.clear();
        field.sendKeys("abc");
        waitFor(() -> driver.findElement(By.id("reason-a")).getText().contains("not a number"), "the reason under a");
        assertTrue(driver.findElement(By.id("wrap-a")).getAttribute("class").contains("invalid"));
        // Said for a screen reader too: the field is invalid, and the error names it (it said "marked in red" only).
        assertEquals("true", field.getAttribute("aria-invalid"));
        assertTrue(driver.findElement(By.id("neuron-error")).getText().startsWith("Fix a: recovery rate ('abc' is not a number)"),
            driver.findElement(By.id("neuron-error")).getText());
        // The plots, count and command still shown are the last valid values': marked so, and not copied as if
        // they were the fields' (they were shown as current).
        assertTrue(driver.findElement(By.id("panel-neuron")).getAttribute("class").contains("stale"));
        // The f-I curve of the earlier values is marked so too (it stayed under changed parameters, unmarked).
        assertTrue(driver.findElement(By.cssSelector(".fi")).getAttribute("class").contains("stale"));
        assertTrue(driver.findElement(By.id("fi-summary")).getText().startsWith("Of earlier values"),
            driver.findElement(By.id("fi-summary")).getText());
        assertFalse(driver.findElement(By.id("copy-command")).isEnabled(), "copy as command of a bad field");
        assertTrue(driver.findElement(By.id("copy-status")).getText().contains("last values"),
            driver.findElement(By.id("copy-status")).getText());
        screenshot(driver, "explorer-invalid.png");
        field.clear();
        field.sendKeys("0.03");
        waitFor(() -> driver.findElement(By.id("reason-a")).getText().isEmpty(), "the mark on a to clear");
        waitFor(() -> driver.findElement(By.id("copy-command")).isEnabled(), "copy as command enabled again");
        assertFalse(driver.findElement(By.id("panel-neuron")).getAttribute("class").contains("stale"));

        // Warm timings of a 1000 ms trace: the server's, and the page's round trip and drawing.
        final WebElement duration = driver.findElement(By.id("field-duration"));
        for (int k = 0; k < 6; k++)
        {
            final String value = k % 2 == 0 ? "990" : "1000";
            duration.clear();
            duration.sendKeys(value);
            waitFor(() -> driver.findElement(By.id("command")).getText().endsWith("--duration " + value),
                "a " + value + " ms re-simulation");
        }
        System.out.println("explorer: 1000 ms re-simulation, last of 6 (warm): " +
            driver.findElement(By.id("timing")).getText());
        // The x axis's last tick label ("1000" at the box's right edge, 14 px from the canvas's) was cut by the canvas:
        // no ink in the canvas's last two columns along the tick labels' rows.
        final Number ink = (Number)js.executeScript(
            "const c = document.getElementById('plot-v'); const g = c.getContext('2d');" +
            "const r = c.width / c.getBoundingClientRect().width;" +
            "const d = g.getImageData(c.width - Math.ceil(2 * r), c.height - Math.round(34 * r), Math.ceil(2 * r)," +
            " Math.round(16 * r)).data; let n = 0; for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) n++; }" +
            "return n;");
        assertEquals(0, ink.intValue(), "pixels of the last x tick label in the canvas's last columns");
        // The phase plane's legend sat in the top right corner over the trajectory near v = 30 mV: it takes the corner
        // the line through the points crosses least (here lines across the top right, so the top left).
        final String corner = String.valueOf(js.executeScript(
            "const c = document.createElement('canvas'); c.width = 400; c.height = 300;" +
            "const p = {g: c.getContext('2d'), box: {left: 0, right: 400, top: 0, bottom: 300}, sx: x => x, sy: y => y};" +
            "const xs = [200, 400, 200, 400]; const ys = [5, 5, 60, 60];" +
            "const first = legend(p, [['a', '#000'], ['b', '#000']], xs, ys);" +
            "const plain = legend(p, [['a', '#000']]);" +
            "return first[0] + ',' + first[1] + ' ' + plain[0] + ',' + plain[1];"));
        assertEquals("6,3 246,3", corner);

        // Changing I on a preset with another protocol (a ramp) makes it a DC step: said now (it was silent).
        driver.findElement(By.cssSelector("#preset option[value='class_1_excitable']")).click();
        waitFor(() -> driver.findElement(By.id("command")).getText().equals("./sim neuron --preset class_1_excitable"),
            "the class_1_excitable trace");
        // Its own equations in the header, as sim neuron's "equations:" line (the standard 5v + 140 stood there).
        assertEquals("Izhikevich (2003), this preset: v' = 0.04 v^2 + 4.1 v + 108 - u + I (not 0.04 v^2 + 5 v + 140),  " +
            "u' = a(bv − u);  if v ≥ 30 mV: v ← c, u ← u + d",
            driver.findElement(By.id("equation")).getAttribute("textContent"));
        assertEquals("", driver.findElement(By.id("stimulus-note")).getText());
        final WebElement current = driver.findElement(By.id("field-current"));
        current.clear();
        current.sendKeys("30");
        waitFor(() -> driver.findElement(By.id("stimulus-note")).getText().startsWith("Changing I made the stimulus a DC step"),
            "the note that the protocol was replaced");
        driver.findElement(By.id("stimulus-preset")).click();
        waitFor(() -> driver.findElement(By.id("stimulus-note")).getText().isEmpty(), "the note gone with the protocol back");

        // Tonic firing: the v-nullcline's knee above the trajectory (FS at 30: u = 30 - 16.25 = 13.75, the trajectory
        // to about 5) is in the phase plane's view, as in neuron.png (the legend listed a curve the plot did not show).
        driver.findElement(By.cssSelector("#preset option[value='FS']")).click();
        waitFor(() -> driver.findElement(By.id("command")).getText().equals("./sim neuron --preset FS"), "the FS trace");
        final WebElement fsCurrent = driver.findElement(By.id("field-current"));
        fsCurrent.clear();
        fsCurrent.sendKeys("30");
        waitFor(() -> driver.findElement(By.id("command")).getText().contains("--current 30"), "FS at 30");
        final String[] uRange = driver.findElement(By.id("plot-phase")).getAttribute("data-u-range").split(",");
        assertTrue(Double.parseDouble(uRange[1]) > 13.75, "the phase plane's u to " + uRange[1] + ", under the knee " +
            "at 13.75");
        driver.findElement(By.id("stimulus-preset")).click();

        // CH's trajectory fills every corner of the phase plane's box, and its legend lay over the upper branches: the
        // legend is above the box now, as the raster's.
        driver.findElement(By.cssSelector("#preset option[value='CH']")).click();
        waitFor(() -> driver.findElement(By.id("command")).getText().equals("./sim neuron --preset CH"),
            "the CH trace");
        final WebElement phasePlot = driver.findElement(By.id("plot-phase"));
        assertTrue(Double.parseDouble(phasePlot.getAttribute("data-legend-bottom")) <=
            Double.parseDouble(phasePlot.getAttribute("data-box-top")),
            "the phase plane's legend reaches into its box");
        js.executeScript("window.scrollTo(0, 0)");
        screenshot(driver, "explorer-ch.png");

        // A 2007 preset gets the 2007 model's notes (the 2003 ones said "high c (-50) gives bursts" beside izh2007_rs).
        assertTrue(driver.findElement(By.id("tips-2003")).isDisplayed());
        driver.findElement(By.cssSelector("#preset option[value='izh2007_rs']")).click();
        waitFor(() -> driver.findElement(By.id("tips-2007")).isDisplayed(), "the 2007 model's notes");
        assertFalse(driver.findElement(By.id("tips-2003")).isDisplayed(), "the 2003 notes on a 2007 preset");
        assertEquals("Izhikevich (2007): C v' = k(v − vr)(v − vt) − u + I,  u' = a(b(v − vr) − u);  if v ≥ vpeak: v ← c, " +
            "u ← u + d", driver.findElement(By.id("equation")).getAttribute("textContent"));
        // The book's FS cell: its cubic U(v) in the header; its description said its title twice ("fast-spiking (FS)
        // interneuron: fast-spiking (FS) interneuron at 200.0 pA").
        driver.findElement(By.cssSelector("#preset option[value='izh2007_fs']")).click();
        waitFor(() -> driver.findElement(By.id("command")).getText().equals("./sim neuron --preset izh2007_fs"),
            "the izh2007_fs trace");
        assertEquals("Izhikevich (2007), this cell: C v' = k(v − vr)(v − vt) − u + I,  u' = a(U(v) − u);  if v ≥ vpeak: " +
            "v ← c, u ← u + d;  with U(v) = b(v − vr) but: U(v) = b (v + 55)^3 above -55 mV, 0 below",
            driver.findElement(By.id("equation")).getAttribute("textContent"));
        assertEquals("fast-spiking (FS) interneuron at 200 pA", driver.findElement(By.id("preset-description")).getText());
        // At 200 pA it fires tonically around its one nullcline crossing, which is unstable: the summary called it "the
        // rest states" (plural, and a rest state it is not).
        assertTrue(driver.findElement(By.id("plot-phase")).getAttribute("aria-label").endsWith(
            "it crosses u' = 0 at one equilibrium, v = -26.2 mV (unstable)"),
            driver.findElement(By.id("plot-phase")).getAttribute("aria-label"));
        screenshot(driver, "explorer-fs.png");
        fiRateLineBreaksAtTheOnset(driver);
        // Its f-I curve at a million pA fires at the step rate: the page shows sim neuron --fi's warning under it, as
        // it shows a run's (the 4000 Hz set by dt were drawn without a word).
        for (final String[] value : new String[][] {{"fi-from", "1000000"}, {"fi-to", "1200000"}, {"fi-step", "100000"},
            {"fi-duration", "100"}})
        {
            driver.findElement(By.id(value[0])).clear();
            driver.findElement(By.id(value[0])).sendKeys(value[1]);
        }
        driver.findElement(By.id("fi-run")).click();
        waitFor(() -> driver.findElement(By.id("fi-command")).getText().endsWith("--fi 1000000:1200000:100000"),
            "the FS cell's f-I curve");
        assertEquals("warning: " + SimNeuronJson.warnings(driver.findElement(By.id("fi-command")).getText()).get(0),
            driver.findElement(By.id("fi-warnings")).getText());
        assertTrue(driver.findElement(By.id("fi-warnings")).getText().startsWith("warning: at 3 of the 3 currents"));
        fiLastIntervalRatesAreDotsWithoutALine(driver);
    }

    /** Fills the f-I curve's fields (from, to, step, each run), computes it and waits for the command it ran. */
    private static void fiCurve(final WebDriver driver, final String preset, final String... fields) throws Exception
    {
        final String[] ids = {"fi-from", "fi-to", "fi-step", "fi-duration"};
        for (int k = 0; k < ids.length; k++)
        {
            driver.findElement(By.id(ids[k])).clear();
            driver.findElement(By.id(ids[k])).sendKeys(fields[k]);
        }
        driver.findElement(By.id("fi-run")).click();
        final String command = "./sim neuron --preset " + preset + " --duration " + fields[3] + " --fi " + fields[0] +
            ":" + fields[1] + ":" + fields[2];
        waitFor(() -> driver.findElement(By.id("fi-command")).getText().equals(command), "the f-I curve of " + command);
        assertEquals(SimNeuronJson.fiSpikeCounts(command),
            driver.findElement(By.id("plot-fi")).getAttribute("data-counts"), "the curve's spike counts");
        ((JavascriptExecutor)driver).executeScript("document.getElementById('plot-fi').scrollIntoView()");
    }

    /**
     * The rate line is broken between the last current that did not fire and the first that did, as fi.png's is
     * (FiCurveOutputs.brokenAtOnsets): the book's FS cell is silent to 50 pA and fires at 25 Hz at 75 pA (class 2),
     * and the line from (50, 0) to (75, 25) drew the jump as a ramp.
     */
    private static void fiRateLineBreaksAtTheOnset(final WebDriver driver) throws Exception
    {
        fiCurve(driver, "izh2007_fs", "0", "300", "25", "1000");
        assertEquals("0,0,0,25,40,50,58,65,72,80,85,91,100",
            driver.findElement(By.id("plot-fi")).getAttribute("data-counts"));
        assertEquals("0-50|75-300", driver.findElement(By.id("plot-fi")).getAttribute("data-rate-line"),
            "the stretches of the rate line");
        screenshot(driver, "explorer-fi-fs.png");
    }

    /**
     * The rates of the last interspike interval are dots without a line, as in fi.png: of the CH cell (bursts) the last
     * interval falls within a burst or between two, and a dashed line through them zigzagged from 15 to 444 Hz. Its red
     * is no more than its 19 dots (and the legend's) hold; a line through them took thousands of pixels.
     */
    private static void fiLastIntervalRatesAreDotsWithoutALine(final WebDriver driver) throws Exception
    {
        driver.findElement(By.cssSelector("#preset option[value='CH']")).click();
        waitFor(() -> driver.findElement(By.id("command")).getText().equals("./sim neuron --preset CH"),
            "the CH trace");
        fiCurve(driver, "CH", "0", "20", "1", "1000");
        final List<?> counted = (List<?>)((JavascriptExecutor)driver).executeScript(
            "const c = document.getElementById('plot-fi'); const g = c.getContext('2d');" +
            "const r = c.width / c.getBoundingClientRect().width;" +
            "const d = g.getImageData(0, 0, c.width, c.height).data; let red = 0;" +
            "for (let i = 0; i < d.length; i += 4) {" +
            "  if (Math.abs(d[i] - 0xd0) < 40 && Math.abs(d[i + 1] - 0x31) < 40 && Math.abs(d[i + 2] - 0x2d) < 40) {" +
            "    red++; } }" +
            "return [red, r];");
        final double scale = ((Number)counted.get(1)).doubleValue();
        final long red = ((Number)counted.get(0)).longValue();
        screenshot(driver, "explorer-fi-ch.png");
        // 18 currents fired more than once (3 to 20), and the legend's dot: each a disc of 2.5 px, whose smoothed edge
        // tints the pixels to 3.5 px from its centre.
        final double dots = 19 * Math.PI * 3.5 * 3.5 * scale * scale;
        System.out.println("explorer: red pixels of the CH cell's f-I curve: " + red + " (dots: at most " + dots + ")");
        assertTrue(red > 0.2 * dots && red <= dots, "red pixels " + red + " for dots of at most " + dots + " in all");
    }

    /**
     * A bad value in the f-I curve's fields is marked as a neuron field's is, and the curve is not computed: '2e' (which
     * a number input reported as empty) and an empty "to" ran the server's defaults, unmarked, the old curve undimmed,
     * and the error line spoke the API's or the command line's names ("give fi_to", "--fi 0:20:0: STEP must be > 0").
     */
    private static void fiFieldsRefused(final WebDriver driver) throws Exception
    {
        final String command = driver.findElement(By.id("fi-command")).getText();
        final WebElement from = driver.findElement(By.id("fi-from"));
        final WebElement to = driver.findElement(By.id("fi-to"));
        final WebElement step = driver.findElement(By.id("fi-step"));
        from.clear();
        from.sendKeys("2e");
        to.clear();
        driver.findElement(By.id("fi-run")).click();
        waitFor(() -> !driver.findElement(By.id("fi-error")).getText().isEmpty(), "the f-I error line");
        assertEquals("Fix from ('2e' is not a number), to (enter a number), marked in red.",
            driver.findElement(By.id("fi-error")).getText());
        assertEquals("'2e' is not a number", driver.findElement(By.id("reason-fi-from")).getText());
        assertEquals("true", from.getAttribute("aria-invalid"));
        assertEquals("true", to.getAttribute("aria-invalid"));
        assertEquals("false", step.getAttribute("aria-invalid"));
        assertTrue(driver.findElement(By.id("wrap-fi-from")).getAttribute("class").contains("invalid"));
        // The curve and its command stay, dimmed as the neuron's plots are under a bad field, and not recomputed.
        assertTrue(driver.findElement(By.cssSelector(".fi")).getAttribute("class").contains("stale"));
        assertTrue(driver.findElement(By.id("fi-summary")).getText().startsWith("Of earlier values"),
            driver.findElement(By.id("fi-summary")).getText());
        assertEquals(command, driver.findElement(By.id("fi-command")).getText());
        screenshot(driver, "explorer-fi-refused.png");
        // Fixed as typed (the marks follow the fields); a zero step and a step giving over 1000 amplitudes.
        from.clear();
        from.sendKeys("0");
        to.sendKeys("20");
        waitFor(() -> driver.findElement(By.id("fi-error")).getText().isEmpty(), "the f-I error line cleared");
        assertEquals("false", from.getAttribute("aria-invalid"));
        step.clear();
        step.sendKeys("0");
        driver.findElement(By.id("fi-run")).click();
        waitFor(() -> driver.findElement(By.id("fi-error")).getText().equals("Fix step (must be > 0), marked in red."),
            "step 0 refused: " + driver.findElement(By.id("fi-error")).getText());
        step.clear();
        step.sendKeys("0.01");
        driver.findElement(By.id("fi-run")).click();
        waitFor(() -> driver.findElement(By.id("fi-error")).getText().equals(
            "Fix step (more than 1000 amplitudes: a larger step gives fewer), marked in red."),
            "a step of 2001 amplitudes refused: " + driver.findElement(By.id("fi-error")).getText());
        // A refusal only the server makes (the explorer's step cap) is shown in the page's words too (not sent here: a
        // 400 is an error in the console, which this test keeps empty).
        assertEquals("step: 1000 currents; to must be >= from; each run (ms) 9000", ((JavascriptExecutor)driver)
            .executeScript("return inFiWords('fi_step: 1000 currents; fi_to must be >= fi_from; fi_duration 9000')"));
        step.clear();
        step.sendKeys("1");
        driver.findElement(By.id("fi-run")).click();
        waitFor(() -> !driver.findElement(By.cssSelector(".fi")).getAttribute("class").contains("stale"),
            "the curve computed again");
        assertEquals(command, driver.findElement(By.id("fi-command")).getText());
        assertEquals("", driver.findElement(By.id("fi-error")).getText());
        assertEquals("false", step.getAttribute("aria-invalid"));
    }

    private static void networkTab(final WebDriver driver) throws Exception
    {
        assertTrue(driver.findElement(By.id("equation")).isDisplayed(), "the neuron model's equation on the Neuron tab");
        tabKeys(driver);
        assertEquals("cortex2003.yaml", driver.findElement(By.id("config")).getAttribute("value"));
        assertFalse(driver.findElement(By.id("equation")).isDisplayed(), "the single neuron's equation on the Network tab");
        // A double click: one run, and no "still running" error for the second click (there was one).
        ((JavascriptExecutor)driver).executeScript("const b = document.getElementById('start'); b.click(); b.click();");
        waitFor(() -> Long.parseLong(driver.findElement(By.id("net-spikes")).getAttribute("data-count")) > 0,
            "spikes from cortex2003");
        waitFor(() -> !driver.findElements(By.cssSelector("#run-files a")).isEmpty(), "links to the run's files");
        final String status = driver.findElement(By.id("net-status")).getText();
        assertTrue(status.startsWith("finished: 1000 ms"), status);
        assertTrue(driver.findElement(By.id("run-files")).getText().contains("raster.png"));
        assertEquals("", driver.findElement(By.id("net-error")).getText());
        // The run's name is shown (a page opened during a run showed the selected config's instead).
        assertTrue(driver.findElement(By.id("net-size")).getText().startsWith("cortex2003: 1,000 neurons"),
            driver.findElement(By.id("net-size")).getText());
        System.out.println("explorer: cortex2003 live run: " + status + "; " +
            driver.findElement(By.id("net-rtf")).getText());
        Thread.sleep(200); // one more animation frame for the last chunk
        // The finished run's raster is not called live (it was, after the end).
        waitFor(() -> "raster, the last second of the run".equals(driver.findElement(By.id("plot-raster"))
            .getAttribute("data-title")), "the raster's title after the run");
        screenshot(driver, "explorer-network.png");
        assertFalse(driver.findElement(By.id("plot-weights")).isDisplayed(), "weights plot of a network without plasticity");
        // The legend is above the raster's box, in squares (it sat in the box's top right, over the newest spikes, as
        // lines), and each plot says what it shows.
        final WebElement raster = driver.findElement(By.id("plot-raster"));
        assertTrue(Double.parseDouble(raster.getAttribute("data-legend-bottom")) <=
            Double.parseDouble(raster.getAttribute("data-box-top")), "the raster's legend ends below its box's top");
        final String rasterLabel = raster.getAttribute("aria-label");
        final String spikes = String.format(java.util.Locale.ENGLISH, "%,d",
            Long.parseLong(driver.findElement(By.id("net-spikes")).getAttribute("data-count")));
        // The run has finished: its spikes are no longer "in the run so far".
        assertTrue(rasterLabel.matches("spike raster: neuron against time \\(ms\\), from 0 to 1000 ms; " + spikes +
            " spikes in the run; mean rates shown: exc \\S+ Hz, inh \\S+ Hz"), rasterLabel + " (" + spikes + ")");
        final String rateLabel = driver.findElement(By.id("plot-rate")).getAttribute("aria-label");
        assertTrue(rateLabel.matches("population rates \\(Hz\\) in 5 ms bins against time \\(ms\\), from 0 to 1000 ms; " +
            "peaks: exc \\S+ Hz at \\d+ ms, inh \\S+ Hz at \\d+ ms"), rateLabel);

        // A plastic network: its weight histogram appears, and the run's files include weights.png.
        ((JavascriptExecutor)driver).executeScript("const s = document.getElementById('config');" +
            "s.value = 'spnet2006.yaml'; s.dispatchEvent(new Event('change'));");
        assertEquals("spnet2006.yaml", driver.findElement(By.id("config")).getAttribute("value"));
        // The results shown are cortex2003's, said now that another experiment is chosen (the list and plots disagreed).
        assertEquals("The status, plots and outputs below are of the last run, cortex2003, not of the experiment chosen " +
            "above.", driver.findElement(By.id("shown-run")).getText());
        // A duration the neuron fields would refuse is refused here too ('0x10' ran 16 ms).
        driver.findElement(By.id("net-duration")).sendKeys("0x10");
        driver.findElement(By.id("start")).click();
        waitFor(() -> driver.findElement(By.id("reason-net-duration")).getText().equals("'0x10' is not a number"),
            "the reason under the duration");
        // Said for a screen reader and named in the error line too (it was red only).
        assertEquals("true", driver.findElement(By.id("net-duration")).getAttribute("aria-invalid"));
        assertEquals("Fix duration (ms) ('0x10' is not a number), marked in red.",
            driver.findElement(By.id("net-error")).getText());
        // The server's refusal (not a whole number of the config's 1 ms steps) is marked and named the same way.
        driver.findElement(By.id("net-duration")).clear();
        driver.findElement(By.id("net-duration")).sendKeys("1.5");
        driver.findElement(By.id("start")).click();
        waitFor(() -> driver.findElement(By.id("net-error")).getText().startsWith("Fix duration (ms) (duration_ms must " +
            "be a multiple of dt_ms"), "the server's refusal of 1.5 ms: " + driver.findElement(By.id("net-error")).getText());
        assertEquals("true", driver.findElement(By.id("net-duration")).getAttribute("aria-invalid"));
        assertTrue(driver.findElement(By.id("net-status")).getText().startsWith("finished: 1000 ms"));
        driver.findElement(By.id("net-duration")).clear();
        driver.findElement(By.id("net-duration")).sendKeys("3000");
        driver.findElement(By.id("start")).click();
        waitFor(() -> "false".equals(driver.findElement(By.id("net-duration")).getAttribute("aria-invalid")),
            "the duration's mark cleared");
        waitFor(() -> driver.findElement(By.id("net-status")).getText().startsWith("finished: 3000 ms"),
            "the end of the spnet2006 run");
        waitFor(() -> driver.findElement(By.id("run-files")).getText().contains("weights.png"), "weights.png linked");
        assertEquals("", driver.findElement(By.id("shown-run")).getText(), "the run shown is the one chosen");
        assertTrue(driver.findElement(By.id("plot-weights")).isDisplayed(), "weights plot of spnet2006");
        Thread.sleep(200);
        // The y range holds both histograms: the start's (every weight in one bin, 100 %) was clipped by a range fitted
        // to the one now (about 12 %), and showed as two dashed verticals.
        final double top = Double.parseDouble(driver.findElement(By.id("plot-weights")).getAttribute("data-top"));
        final Number highest = (Number)((JavascriptExecutor)driver).executeScript("return Math.max(" +
            "...net.firstWeights.counts.map((c) => 100 * c / Math.max(1, net.weights.synapses)), " +
            "...net.weights.counts.map((c) => 100 * c / Math.max(1, net.weights.synapses)))");
        assertTrue(highest.doubleValue() > 50 && top >= highest.doubleValue(), "y range to " + top +
            " %, highest bar " + highest + " %");
        screenshot(driver, "explorer-plastic.png");
        final String weights = driver.findElement(By.id("plot-weights")).getAttribute("aria-label");
        assertTrue(weights.matches("histogram of the plastic weights at 3 s: [0-9,]+ synapses, mean \\S+ \\(\\S+ to \\S+\\); " +
            "\\S+ % in the lowest bin, \\S+ % in the highest"), weights);

        // Stopped while it is built: the page showed the last run's network and plots as this one's, and no word
        // about its outputs (none are written).
        ((JavascriptExecutor)driver).executeScript("const s = document.getElementById('config');" +
            "s.value = 'sparse100k.yaml'; s.dispatchEvent(new Event('change'));");
        driver.findElement(By.id("net-duration")).clear();
        driver.findElement(By.id("net-duration")).sendKeys("200");
        driver.findElement(By.id("start")).click();
        waitFor(() -> driver.findElement(By.id("stop")).isEnabled(), "the Stop button of the sparse100k run");
        driver.findElement(By.id("stop")).click();
        waitFor(() -> driver.findElement(By.id("net-status")).getText().startsWith("stopped at 0"),
            "the stopped build");
        // Not "(being built)" any more: it said so after the stop.
        assertEquals("sparse100k: 100,000 neurons, not built (stopped during the build)",
            driver.findElement(By.id("net-size")).getText());
        assertEquals("Nothing was written: the run stopped before its first step.",
            driver.findElement(By.id("net-error")).getText());
        assertTrue(driver.findElement(By.id("run-files")).getText().isEmpty(), "no links to the last run's files");

        // An upload that is not UTF-8 gets ./sim validate's line (the browser's decoding replaced its bytes, and the
        // server named a character the file did not hold), and nothing is started.
        final Path latin1 = Files.createTempFile("latin1", ".yaml");
        try
        {
            Files.write(latin1, "seed: 1\ndescription: caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            driver.findElement(By.id("upload")).sendKeys(latin1.toString());
            waitFor(() -> driver.findElement(By.id("upload-name")).getText().startsWith("will run the uploaded"),
                "the upload read");
            driver.findElement(By.id("start")).click();
            waitFor(() -> driver.findElement(By.id("net-error")).getText().equals(latin1.getFileName() +
                ":2:17: the file is not UTF-8 text (byte 0xe9 at byte offset 24)"), "the upload's encoding refused");
            assertTrue(driver.findElement(By.id("start")).isEnabled(), "nothing started");
        }
        finally
        {
            Files.deleteIfExists(latin1);
        }

        // A page reloaded during a paced run showed its own defaults (cortex2003, not paced) beside it.
        ((JavascriptExecutor)driver).executeScript("const s = document.getElementById('config');" +
            "s.value = 'stp_demo.yaml'; s.dispatchEvent(new Event('change'));");
        driver.findElement(By.id("net-duration")).clear();
        driver.findElement(By.id("net-duration")).sendKeys("60000");
        driver.findElement(By.id("real-time")).click();
        driver.findElement(By.id("start")).click();
        waitFor(() -> driver.findElement(By.id("net-status")).getText().equals("running"), "the paced stp_demo run");
        driver.navigate().refresh();
        driver.findElement(By.id("tab-network")).click();
        waitFor(() -> "stp_demo.yaml".equals(driver.findElement(By.id("config")).getAttribute("value")),
            "the running network's config selected after the reload");
        assertTrue(driver.findElement(By.id("real-time")).isSelected(), "the run's pacing shown after the reload");
        driver.findElement(By.id("stop")).click();
        waitFor(() -> driver.findElement(By.id("net-status")).getText().startsWith("stopped at"), "the stopped run");
        // The run lent the reloaded page its pacing while it ran; the page's own (not paced) is back after its end:
        // a page opened after a paced run kept the tick, and its next Start ran paced unasked.
        assertFalse(driver.findElement(By.id("real-time")).isSelected(), "the page's own pacing after the run");
    }

    /**
     * The tabs follow the WAI-ARIA tabs pattern: the arrows, Home and End move the focus and select (they did nothing),
     * and only the selected tab is in the Tab order. Ends on the Network tab.
     */
    private static void tabKeys(final WebDriver driver)
    {
        final JavascriptExecutor js = (JavascriptExecutor)driver;
        final WebElement neuron = driver.findElement(By.id("tab-neuron"));
        final WebElement network = driver.findElement(By.id("tab-network"));
        assertEquals(List.of("0", "-1"), List.of(neuron.getAttribute("tabindex"), network.getAttribute("tabindex")));
        final Object[][] steps = {{Keys.ARROW_RIGHT, "tab-network"}, {Keys.ARROW_RIGHT, "tab-neuron"},
            {Keys.ARROW_LEFT, "tab-network"}, {Keys.HOME, "tab-neuron"}, {Keys.END, "tab-network"}};
        neuron.click();
        for (final Object[] step : steps)
        {
            final String id = (String)step[1];
            driver.switchTo().activeElement().sendKeys((Keys)step[0]);
            assertEquals(id, js.executeScript("return document.activeElement.id"), "the focus after " + ((Keys)step[0]).name());
            final WebElement selected = driver.findElement(By.id(id));
            assertEquals("true", selected.getAttribute("aria-selected"), id);
            assertEquals("0", selected.getAttribute("tabindex"), id);
            assertTrue(driver.findElement(By.id("panel-" + id.substring(4))).isDisplayed(), id);
        }
        assertEquals("-1", neuron.getAttribute("tabindex"));
    }

    /** At 800 x 600 the controls go above the plots: side by side, v(t) was 355 px wide and the phase plane 194. */
    private static void narrowWindow(final WebDriver driver) throws Exception
    {
        driver.manage().window().setSize(new Dimension(800, 600));
        driver.findElement(By.id("tab-neuron")).click();
        final JavascriptExecutor js = (JavascriptExecutor)driver;
        waitFor(() -> ((Number)js.executeScript("return window.innerWidth")).intValue() <= 800, "the narrow window");
        final long plotV = ((Number)js.executeScript("return document.getElementById('plot-v').clientWidth")).longValue();
        final long phase = ((Number)js.executeScript("return document.getElementById('plot-phase').clientWidth")).longValue();
        final long page = ((Number)js.executeScript("return document.documentElement.scrollWidth")).longValue();
        final long window = ((Number)js.executeScript("return window.innerWidth")).longValue();
        assertTrue(plotV >= 600, "v(t) is " + plotV + " px wide in an 800 px window");
        assertTrue(phase >= 300, "the phase plane is " + phase + " px wide in an 800 px window");
        assertTrue(page <= window, "the page is " + page + " px wide in a " + window + " px window");
        screenshot(driver, "explorer-narrow.png");
        phoneWidth(driver);
    }

    /**
     * A phone's width: the v(t) plot's title ("(F) tonic bursting [tonic_bursting], semi_implicit_euler, dt = ...")
     * ran off the canvas's right edge. No dark pixel in its band's last 4 columns, some in the band.
     */
    private static void phoneWidth(final WebDriver driver) throws Exception
    {
        driver.manage().window().setSize(new Dimension(420, 900));
        final JavascriptExecutor js = (JavascriptExecutor)driver;
        waitFor(() -> ((Number)js.executeScript("const c = document.getElementById('plot-v'); " +
            "return c.width === Math.round(c.clientWidth * (window.devicePixelRatio || 1)) ? c.clientWidth : 9999"))
            .intValue() < 420, "the v(t) plot redrawn at a phone's width");
        final String dark = "const c = document.getElementById('plot-v'); const s = c.width / c.clientWidth; " +
            "const x = arguments[0] < 0 ? c.width - Math.round(4 * s) : 0; " +
            "const d = c.getContext('2d').getImageData(x, Math.round(5 * s), arguments[0] < 0 ? Math.round(4 * s) : " +
            "c.width, Math.round(12 * s)).data; let n = 0; " +
            "for (let k = 0; k < d.length; k += 4) { if (d[k + 3] > 128 && d[k] < 128) { n++; } } return n;";
        assertTrue(((Number)js.executeScript(dark, 1)).intValue() > 20, "the title is drawn");
        assertEquals(0, ((Number)js.executeScript(dark, -1)).intValue(),
            "dark pixels of the title at the v(t) canvas's right edge (title: " +
            js.executeScript("return document.getElementById('plot-v').title") + ")");
        screenshot(driver, "explorer-phone.png");
    }

    private static void screenshot(final WebDriver driver, final String name) throws Exception
    {
        final File shot = ((TakesScreenshot)driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), Path.of("target", name), StandardCopyOption.REPLACE_EXISTING);
    }

    private static void waitFor(final BooleanSupplier condition, final String what) throws InterruptedException
    {
        final long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("timed out after 20 s waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
