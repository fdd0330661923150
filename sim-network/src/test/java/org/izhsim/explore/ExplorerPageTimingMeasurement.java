package org.izhsim.explore;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Times the page's re-simulation of a 1000 ms trace in headless Chromium against a warmed server: the
 * server's own time, the fetch round trip and the time until v(t), I(t) and the phase plane are redrawn,
 * as the page reports them. A measurement run by hand, not a test:
 * {@code java -cp target/izhsim.jar:target/test-classes:$(test classpath) org.izhsim.explore.ExplorerPageTimingMeasurement}.
 */
final class ExplorerPageTimingMeasurement
{
    private ExplorerPageTimingMeasurement()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final int samples = 40;
        try (ExplorerServer server = ExplorerServer.start(0, Path.of("..", "configs"), Path.of("target", "timing-out")))
        {
            final ChromeOptions options = new ChromeOptions();
            options.setBinary(new File("/usr/bin/chromium"));
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1440,1000",
                "--user-data-dir=" + Files.createDirectories(Path.of("target", "timing-chromium-profile")));
            final WebDriver driver = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build(), options);
            try
            {
                driver.get(server.url() + "#preset=tonic_bursting");
                final double[] serverMs = new double[samples];
                final double[] roundTrip = new double[samples];
                final double[] drawn = new double[samples];
                waitForCommand(driver, "tonic_bursting");
                final WebElement duration = driver.findElement(By.id("field-duration"));
                duration.clear();
                duration.sendKeys("1000");
                waitForCommand(driver, "--duration 1000");
                // One value per sample, set in the page and awaited there: no WebDriver polling competes
                // with the page's main thread while it is timed.
                final String script = "const done = arguments[arguments.length - 1];" +
                    "const seq = document.body.dataset.simSeq;" +
                    "const f = document.getElementById('field-a'); f.value = arguments[0];" +
                    "f.dispatchEvent(new Event('input'));" +
                    "const check = () => { if (document.body.dataset.simSeq !== seq) {" +
                    "  done([document.getElementById('timing').textContent, document.body.dataset.lastRoundTripMs," +
                    "        document.body.dataset.lastDrawnMs]); } else { setTimeout(check, 5); } };" +
                    "check();";
                for (int k = -100; k < samples; k++)
                {
                    final String a = k % 2 == 0 ? "0.02" : "0.021";
                    final java.util.List<?> reply = (java.util.List<?>)((org.openqa.selenium.JavascriptExecutor)driver)
                        .executeAsyncScript(script, a);
                    if (k >= 0)
                    {
                        serverMs[k] = Double.parseDouble(((String)reply.get(0)).replaceAll(".*simulated in ([0-9.]+) ms.*", "$1"));
                        roundTrip[k] = Double.parseDouble((String)reply.get(1));
                        drawn[k] = Double.parseDouble((String)reply.get(2));
                    }
                }
                report("server", serverMs);
                report("round trip", roundTrip);
                report("round trip + redraw", drawn);
            }
            finally
            {
                driver.quit();
            }
        }
    }

    private static void waitForCommand(final WebDriver driver, final String ending) throws InterruptedException
    {
        final long deadline = System.nanoTime() + 20_000_000_000L;
        while (!driver.findElement(By.id("command")).getText().endsWith(ending))
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("timed out waiting for " + ending);
            }
            Thread.sleep(2);
        }
    }

    private static void report(final String what, final double[] values)
    {
        Arrays.sort(values);
        System.out.printf("1000 ms trace, %s: median %.1f ms, p90 %.1f ms, max %.1f ms (%d warm samples)%n", what,
            values[values.length / 2], values[values.length * 9 / 10], values[values.length - 1], values.length);
    }
}
