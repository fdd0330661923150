package org.izhsim.output;

import org.izhsim.network.PopulationRange;
import org.izhsim.network.record.SimulationResult;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

import org.izhsim.output.plot.Box;
import org.izhsim.output.plot.Palette;
import org.izhsim.output.plot.SvgCanvas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

class RasterFigureTest
{
    private static final List<PopulationRange> CORTEX = RenderSamples.CORTEX;

    private static Document parse(final String svg) throws Exception
    {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
            .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static Element spikeGroup(final Document doc)
    {
        final NodeList groups = doc.getElementsByTagName("g");
        for (int k = 0; k < groups.getLength(); k++)
        {
            final Element g = (Element)groups.item(k);
            if ("spikes".equals(g.getAttribute("id")))
            {
                return g;
            }
        }
        throw new AssertionError("no <g id=\"spikes\">");
    }

    /** The text of the raster's caption, above the plot (empty when it has none). */
    private static String captionText(final Document doc)
    {
        final NodeList groups = doc.getElementsByTagName("g");
        for (int k = 0; k < groups.getLength(); k++)
        {
            final Element g = (Element)groups.item(k);
            if ("raster-caption".equals(g.getAttribute("id")))
            {
                return g.getTextContent();
            }
        }
        throw new AssertionError("no <g id=\"raster-caption\">");
    }

    @Test
    void aSingleInhibitorySpikeLightsExactlyItsPixelsInThePopulationColour(@TempDir final Path dir) throws Exception
    {
        // Neuron 900 at 500 ms: the middle of the time axis, in the inhibitory block (ids 800..999).
        final SpikeList one = SpikeList.of(new double[] {500.0}, new int[] {900}, 1);
        final Path file = dir.resolve("raster.png");
        new RasterFigure("one spike", one, 1000, CORTEX, 0, 1000).writePng(file);
        final BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(RasterFigure.WIDTH, image.getWidth());
        assertEquals(RasterFigure.HEIGHT, image.getHeight());

        final Box area = RasterFigure.RASTER_AREA;
        final int x = (int)(area.x() + 0.5 * area.width());
        final double rowCentre = area.bottom() - 900.5 / 1000 * area.height();
        final int inhibitory = Palette.color(1);
        int lit = 0;
        int litX = -1;
        for (int px = (int)area.x() + 2; px < area.right() - 2; px++)
        {
            for (int py = (int)area.y() + 2; py < area.bottom() - 2; py++)
            {
                final int rgb = image.getRGB(px, py) & 0xFFFFFF;
                if (rgb == inhibitory)
                {
                    lit++;
                    litX = px;
                    assertTrue(Math.abs(py - rowCentre) <= 2, "spike pixel at row " + py + ", neuron row " + rowCentre);
                }
                else if (rgb != 0xFFFFFF && rgb != (Palette.LIGHT_GREY & 0xFFFFFF))
                {
                    // Only the population border line may be non-white inside the raster.
                    assertTrue(Math.abs(py - (area.bottom() - 0.8 * area.height())) <= 1.5,
                        "unexpected colour " + Integer.toHexString(rgb) + " at " + px + "," + py);
                }
            }
        }
        assertEquals(2, lit, "a 1 x 2 mark");
        assertEquals(x, litX);
        assertEquals(0xFFFFFF, image.getRGB(x + 20, (int)rowCentre) & 0xFFFFFF);
        assertEquals(0xFFFFFF, image.getRGB(x, (int)rowCentre + 20) & 0xFFFFFF);
    }

    @Test
    void belowTheThresholdTheSvgDrawsEverySpikeAsOneMark() throws Exception
    {
        final SpikeList spikes = RenderSamples.randomSpikes(5000, 1000, 1000, 5);
        final Document doc = parse(new RasterFigure("5000 spikes", spikes, 1000, CORTEX, 0, 1000).build().toSvg());
        final NodeList paths = spikeGroup(doc).getElementsByTagName("path");
        int marks = 0;
        for (int k = 0; k < paths.getLength(); k++)
        {
            final String d = ((Element)paths.item(k)).getAttribute("d");
            marks += (int)d.chars().filter(c -> c == 'M').count();
        }
        assertEquals(5000, marks);
        assertEquals(2, paths.getLength(), "one path per population");
        assertEquals(0, spikeGroup(doc).getElementsByTagName("rect").getLength());
        assertFalse(doc.getDocumentElement().getTextContent().contains("aggregated"));
    }

    /**
     * 100,000 neurons on some 450 pixel rows: each row's 222 neurons filled every millisecond's column, and sparse100k
     * at 7 Hz looked like a burst of the whole network every millisecond. One neuron per pixel row is drawn now, every
     * N-th by id, and a caption says which and how many spikes.
     */
    @Test
    void aRasterOfMoreNeuronsThanTenAPixelRowDrawsOnePerRowAndSaysSo() throws Exception
    {
        final int neurons = 100_000;
        final SpikeList spikes = RenderSamples.randomSpikes(8000, neurons, 1000, 3);
        final List<PopulationRange> pops = List.of(new PopulationRange("exc", 0, 80_000),
            new PopulationRange("inh", 80_000, 20_000));
        final Document doc = parse(new RasterFigure("100k", spikes, neurons, pops, 0, 1000).build().toSvg());
        final String text = captionText(doc);
        final java.util.regex.Matcher m = java.util.regex.Pattern.compile(
            "every ([0-9,]+)(st|nd|rd|th) neuron drawn \\(one per pixel row\\): ([0-9,]+) spikes").matcher(text);
        assertTrue(m.find(), text);
        final int stride = Integer.parseInt(m.group(1).replace(",", ""));
        assertTrue(stride > 150 && stride < 300, "stride " + stride);
        int kept = 0;
        for (int k = 0; k < spikes.count(); k++)
        {
            kept += spikes.id(k) % stride == 0 ? 1 : 0;
        }
        assertEquals(kept, Integer.parseInt(m.group(3).replace(",", "")));
        final NodeList paths = spikeGroup(doc).getElementsByTagName("path");
        int marks = 0;
        for (int k = 0; k < paths.getLength(); k++)
        {
            marks += (int)((Element)paths.item(k)).getAttribute("d").chars().filter(c -> c == 'M').count();
        }
        assertEquals(kept, marks);
        // 1000 neurons (2.2 a row): every one, no caption.
        final Document cortex = parse(new RasterFigure("1000", RenderSamples.randomSpikes(3000, 1000, 1000, 3), 1000,
            CORTEX, 0, 1000).build().toSvg());
        assertFalse(captionText(cortex).contains("neuron drawn"));
    }

    @Test
    void aboveTheThresholdTheSvgAggregatesIntoADensityImageAndSaysSo() throws Exception
    {
        final int n = SvgCanvas.DEFAULT_MARK_LIMIT + 5000;
        final SpikeList spikes = RenderSamples.randomSpikes(n, 1000, 1000, 6);
        final String svg = new RasterFigure("many spikes", spikes, 1000, CORTEX, 0, 1000).build().toSvg();
        final Document doc = parse(svg);
        final Element group = spikeGroup(doc);
        assertEquals(0, group.getElementsByTagName("path").getLength());
        assertTrue(group.getElementsByTagName("rect").getLength() > 100);
        assertTrue(captionText(doc).contains("25,000 spikes as a density image"), captionText(doc));
        boolean commented = false;
        for (Node child = group.getFirstChild(); child != null; child = child.getNextSibling())
        {
            commented |= child.getNodeType() == Node.COMMENT_NODE && child.getNodeValue().contains(n + " spikes aggregated");
        }
        assertTrue(commented, "an SVG comment explains the aggregation");
    }

    /**
     * A million spikes on 1000 neurons cover the PNG's pixels many times over: they are a density image, every cell of
     * the excitatory band tinted with its colour (as marks they were a solid block of it, which read as every neuron
     * firing all the time), and a caption says so.
     */
    @Test
    void aMillionFloatSpikesRenderAsADensityImageOfEveryCell()
    {
        final SpikeList spikes = RenderSamples.randomSpikes(1_000_000, 1000, 1000, 7);
        final BufferedImage image = new RasterFigure("1M", spikes, 1000, CORTEX, 0, 1000).build().toImage();
        assertNotNull(image);
        final Box area = RasterFigure.RASTER_AREA;
        int tinted = 0;
        int solid = 0;
        int total = 0;
        for (int px = (int)area.x() + 1; px < area.right() - 1; px += 3)
        {
            for (int py = (int)(area.y() + 0.3 * area.height()); py < area.bottom() - 1; py += 3)
            {
                final int rgb = image.getRGB(px, py) & 0xFFFFFF;
                tinted += rgb != 0xFFFFFF && (rgb & 0xFF) > (rgb >> 16 & 0xFF) ? 1 : 0;
                solid += rgb == Palette.color(0) ? 1 : 0;
                total++;
            }
        }
        assertTrue(tinted > 0.95 * total, tinted + " of " + total);
        assertTrue(solid < 0.8 * total, "levels of opacity, not one solid colour: " + solid + " of " + total);
    }

    /**
     * 25 neurons over 1000 s: more spikes than pixel columns for each neuron, though their marks (6 px in rows of
     * 22) cover under a third of the area: a density image, not a solid bar for every neuron.
     */
    @Test
    void aFewNeuronsFiringMoreThanOnceAColumnAreADensityImage()
    {
        final SpikeList spikes = RenderSamples.randomSpikes(80_000, 25, 1_000_000, 9);
        final List<PopulationRange> one = List.of(new PopulationRange("cells", 0, 25));
        final BufferedImage image = new RasterFigure("25", spikes, 25, one, 0, 1_000_000).build().toImage();
        final Box area = RasterFigure.RASTER_AREA;
        int solid = 0;
        int tinted = 0;
        int total = 0;
        for (int px = (int)area.x() + 1; px < area.right() - 1; px++)
        {
            for (int py = (int)area.y() + 60; py < area.bottom() - 1; py++)
            {
                final int rgb = image.getRGB(px, py) & 0xFFFFFF;
                solid += rgb == Palette.color(0) ? 1 : 0;
                tinted += rgb != 0xFFFFFF ? 1 : 0;
                total++;
            }
        }
        assertTrue(solid < 0.05 * total && tinted > 0.1 * total, solid + " solid and " + tinted + " tinted of " + total);
    }

    /**
     * A density raster's caption was a white box in the plot's top right corner, over the top band's latest cells
     * (spnet2006's inhibitory band after 50 s of a 120 s run). It sits above the plot now, between the title and the
     * plot: every cell of the corner is shaded by its spikes, and the caption's letters are above the plot's top edge.
     */
    @Test
    void aDensityRastersCaptionLeavesThePlotsTopCornerToTheSpikes()
    {
        final SpikeList spikes = RenderSamples.randomSpikes(1_000_000, 1000, 1000, 5);
        final BufferedImage image = new RasterFigure("dense", spikes, 1000, CORTEX, 0, 1000).build().toImage();
        final Box area = RasterFigure.RASTER_AREA;
        int pale = 0;
        int cells = 0;
        for (int px = (int)(area.right() - 700); px < area.right() - 2; px++)
        {
            for (int py = (int)area.y() + 2; py < area.y() + 50; py++)
            {
                final int rgb = image.getRGB(px, py) & 0xFFFFFF;
                final int sum = (rgb >> 16 & 0xFF) + (rgb >> 8 & 0xFF) + (rgb & 0xFF);
                pale += sum > 700 ? 1 : 0;
                cells++;
            }
        }
        assertEquals(0, pale, pale + " near-white pixels of " + cells + " in the plot's top right corner");
        int ink = 0;
        for (int px = (int)(area.right() - 300); px < area.right(); px++)
        {
            for (int py = (int)area.y() - 30; py < area.y(); py++)
            {
                final int rgb = image.getRGB(px, py) & 0xFFFFFF;
                ink += (rgb >> 16 & 0xFF) + (rgb >> 8 & 0xFF) + (rgb & 0xFF) < 300 ? 1 : 0;
            }
        }
        assertTrue(ink > 100, ink + " dark pixels of the caption above the plot");
    }

    /**
     * spnet2006 over 600 s: 5.2 million spikes, the excitatory neurons at 3.6 Hz and the inhibitory at 29. Each
     * population's cells are shaded against its own busiest cell, so that the excitatory band is not near white beside
     * the inhibitory one, and the caption names each population's busiest count and a cell's span.
     */
    @Test
    void aSaturatedRasterShadesEachPopulationAgainstItsBusiestCell() throws Exception
    {
        final int n = 800_000;
        final float[] times = new float[n];
        final int[] ids = new int[n];
        final java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        for (int k = 0; k < n; k++)
        {
            // One spike in eight is excitatory: 800 neurons at an eighth of the 200 inhibitory ones' rate per neuron.
            final boolean exc = k % 9 == 0;
            times[k] = random.nextInt(600_000);
            ids[k] = exc ? random.nextInt(800) : 800 + random.nextInt(200);
        }
        final SpikeList spikes = SpikeList.of(times, ids, n);
        final BufferedImage image = new RasterFigure("600 s", spikes, 1000, CORTEX, 0, 600_000).build().toImage();
        final Box area = RasterFigure.RASTER_AREA;
        double excShade = 0;
        double inhShade = 0;
        int excCount = 0;
        int inhCount = 0;
        for (int px = (int)area.x() + 2; px < area.right() - 2; px += 5)
        {
            for (int py = (int)area.y() + 2; py < area.bottom() - 2; py += 5)
            {
                final int rgb = image.getRGB(px, py) & 0xFFFFFF;
                // Darkness: 0 for white, the population's colour the darkest.
                final double dark = 765 - ((rgb >> 16 & 0xFF) + (rgb >> 8 & 0xFF) + (rgb & 0xFF));
                if (py > area.y() + 0.25 * area.height())
                {
                    excShade += dark;
                    excCount++;
                }
                else if (py < area.y() + 0.18 * area.height())
                {
                    inhShade += dark;
                    inhCount++;
                }
            }
        }
        excShade /= excCount;
        inhShade /= inhCount;
        assertTrue(excShade > 0.3 * inhShade && excShade > 100, "excitatory " + excShade + ", inhibitory " + inhShade);
        final String svg = captionText(parse(new RasterFigure("600 s", spikes, 1000, CORTEX, 0, 600_000).build()
            .toSvg()));
        final java.util.regex.Matcher caption = java.util.regex.Pattern.compile("(?s)800,000 spikes as a density image" +
            ".*shade: spikes per cell of 2\\.\\d+ s x 7\\.\\d neurons, against its population's busiest " +
            "\\(excitatory (\\d+), inhibitory (\\d+)\\)").matcher(svg);
        assertTrue(caption.find(), svg);
        assertTrue(Integer.parseInt(caption.group(2)) > 4 * Integer.parseInt(caption.group(1)), caption.group());
    }

    /**
     * The PNG raster drew each population's spikes from two float arrays as long as the population's spikes (8 bytes
     * a spike): a streamed run of 10^9 spikes, which the heap never holds, ran out of memory drawing its figure.
     * The marks go in batches now; drawing 4 million spikes allocates a few image buffers, not 32 MB more.
     */
    @Test
    void drawingARasterAllocatesNoArraysAsLongAsItsSpikes()
    {
        final SpikeList spikes = RenderSamples.randomSpikes(4_000_000, 1000, 1000, 11);
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();
        final long before = threads.getCurrentThreadAllocatedBytes();
        final BufferedImage image = new RasterFigure("4M", spikes, 1000, CORTEX, 0, 1000).build().toImage();
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertNotNull(image);
        System.out.println("raster of 4M spikes: " + allocated / 1_000_000 + " MB allocated");
        assertTrue(allocated < 24_000_000L, allocated + " bytes allocated to draw 4M spikes");
    }

    /**
     * The rate panel of an hour-long run drew 720,000 bins of 5 ms across 1,150 pixels: a solid band where the last
     * population hid the others. Long runs get wider bins, 1-2-5 times the 5 ms, at most 2,000 of them.
     */
    @Test
    void aLongRunsRatePanelUsesWiderBinsAndSaysSo() throws Exception
    {
        assertEquals(5.0, RasterFigure.shownBinMs(5, 1000));
        assertEquals(5.0, RasterFigure.shownBinMs(5, 10_000));
        assertEquals(10.0, RasterFigure.shownBinMs(5, 10_001));
        assertEquals(500.0, RasterFigure.shownBinMs(5, 600_000));
        assertEquals(2500.0, RasterFigure.shownBinMs(5, 3_600_000));
        // Many populations share 100,000 bins, at least 50 each: 200 of them over 60 s in 1 ms bins drew 40 MB of SVG.
        assertEquals(1.0, RasterFigure.shownBinMs(1, 2000, 50));
        assertEquals(200.0, RasterFigure.shownBinMs(1, 60_000, 200));
        assertEquals(2000.0, RasterFigure.shownBinMs(1, 60_000, 2000));
        final SpikeList spikes = RenderSamples.randomSpikes(100_000, 1000, 3_600_000, 3);
        final String svg = new RasterFigure("hour", spikes, 1000, CORTEX, 0, 3_600_000).build().toSvg();
        assertTrue(svg.contains("population rate, 2500 ms bins"), "the rate panel's title");
    }

    /**
     * A run of 100 s or more has its time axis in seconds (a 600 s run's read 0 .. 600000 ms), the ticks at round
     * seconds; a shorter one keeps ms.
     */
    @Test
    void aLongRunsTimeAxisIsInSeconds() throws Exception
    {
        final SpikeList spikes = RenderSamples.randomSpikes(10_000, 1000, 600_000, 3);
        final List<String> hour = texts(new RasterFigure("long", spikes, 1000, CORTEX, 0, 600_000).build().toSvg());
        assertTrue(hour.contains("time (s)") && !hour.contains("time (ms)"), hour.toString());
        assertTrue(hour.contains("0") && hour.contains("100") && hour.contains("600") && !hour.contains("600000"),
            hour.toString());
        final List<String> second = texts(new RasterFigure("short", RenderSamples.randomSpikes(1000, 1000, 1000, 3), 1000,
            CORTEX, 0, 1000).build().toSvg());
        assertTrue(second.contains("time (ms)") && second.contains("1000"), second.toString());
        // By the times, not the span: 50 s from 200 s (a resumed run) read 200000 .. 250000 ms.
        final List<String> resumed = texts(new RasterFigure("resumed", RenderSamples.randomSpikes(1000, 1000, 50_000, 3),
            1000, CORTEX, 200_000, 250_000).build().toSvg());
        assertTrue(resumed.contains("time (s)") && resumed.contains("250") && !resumed.contains("250000"),
            resumed.toString());
        // Under a second stays in ms (3 ms from 200 s read 200.0000 .. 200.0030 s).
        final List<String> brief = texts(new RasterFigure("brief", RenderSamples.randomSpikes(100, 1000, 3, 3), 1000,
            CORTEX, 200_000, 200_003).build().toSvg());
        assertTrue(brief.contains("time (ms)"), brief.toString());
    }

    private static List<String> texts(final String svg) throws Exception
    {
        final NodeList nodes = parse(svg).getElementsByTagName("text");
        final List<String> out = new java.util.ArrayList<>();
        for (int k = 0; k < nodes.getLength(); k++)
        {
            out.add(nodes.item(k).getTextContent());
        }
        return out;
    }

    /** 1000 neurons as {@code count} populations of equal size. */
    static List<PopulationRange> populations(final int count)
    {
        final java.util.List<PopulationRange> populations = new java.util.ArrayList<>();
        for (int p = 0; p < count; p++)
        {
            populations.add(new PopulationRange("p" + p, 1000 * p / count, 1000 * (p + 1) / count - 1000 * p / count));
        }
        return populations;
    }

    /**
     * A raster of several populations is painted pixel by pixel in one pass over the spikes (each pixel takes the
     * last population whose mark covers it): the image of drawing the populations' marks one after the other,
     * where neighbouring rows of two populations overlap too.
     */
    @Test
    void aRasterOfManyPopulationsIsPaintedAsTheirMarksOneAfterTheOther()
    {
        final SpikeList spikes = RenderSamples.randomSpikes(200_000, 1000, 1000, 19);
        for (final int count : new int[] {2, 7, 100})
        {
            final org.izhsim.output.plot.Figure figure =
                new RasterFigure("many", spikes, 1000, populations(count), 0, 1000).build();
            final BufferedImage onePass = figure.toImage();
            final org.izhsim.output.plot.PngCanvas canvas = new org.izhsim.output.plot.PngCanvas(figure.width(),
                figure.height());
            // The same canvas, saying its marks are not plain pixels: the marks are drawn population by population.
            figure.draw((org.izhsim.output.plot.Canvas)java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {org.izhsim.output.plot.Canvas.class},
                (proxy, method, args) -> method.getName().equals("marksArePixels") ? Boolean.FALSE :
                    method.invoke(canvas, args)));
            final BufferedImage inOrder = canvas.image();
            for (int y = 0; y < onePass.getHeight(); y++)
            {
                for (int x = 0; x < onePass.getWidth(); x++)
                {
                    assertEquals(inOrder.getRGB(x, y), onePass.getRGB(x, y), count + " populations, pixel " + x + ", " + y);
                }
            }
        }
    }

    /** A one-neuron raster was ticked 0.1, 0.2, ... 1.0 on its "neuron number" axis: whole numbers only. */
    @Test
    void aRasterOfAFewNeuronsTicksWholeNeuronNumbers() throws Exception
    {
        final SpikeList one = SpikeList.of(new double[] {50.0}, new int[] {0}, 1);
        final Document doc = parse(new RasterFigure("one neuron", one, 1, List.of(new PopulationRange("a", 0, 1)), 0, 100)
            .build().toSvg());
        final NodeList texts = doc.getElementsByTagName("text");
        int ticks = 0;
        for (int k = 0; k < texts.getLength(); k++)
        {
            final String text = texts.item(k).getTextContent().trim();
            if (text.matches("[0-9.]+") && text.contains("."))
            {
                throw new AssertionError("a fractional tick label: " + text);
            }
            ticks += text.equals("1") ? 1 : 0;
        }
        assertTrue(ticks >= 1, "the neuron axis ends at 1");
    }

    /**
     * 300 populations, and 12 with long names: the rate panel's legend ran over its title and off the figure's left
     * edge, and the names beside the raster were written over each other. Now the legend keeps right of the title
     * and ends with "+ N more", and each name fits its band or is left out.
     */
    @Test
    void manyOrLongPopulationNamesStayInsideTheFigureAndApart() throws Exception
    {
        for (final int count : new int[] {12, 300})
        {
            final java.util.ArrayList<PopulationRange> pops = new java.util.ArrayList<>();
            final int size = count == 12 ? 20 : 3;
            for (int k = 0; k < count; k++)
            {
                pops.add(new PopulationRange(count == 12 ? "a_rather_long_population_name_" + k : "population_" + k,
                    k * size, size));
            }
            final int n = count * size;
            final SpikeList spikes = SpikeList.of(new double[] {10.0, 20.0}, new int[] {0, n - 1}, 2);
            final Document doc = parse(new RasterFigure("many", spikes, n, pops, 0, 100).build().toSvg());
            final NodeList texts = doc.getElementsByTagName("text");
            double titleEnd = -1;
            double legendStart = Double.MAX_VALUE;
            boolean more = false;
            final java.util.List<double[]> sideLabels = new java.util.ArrayList<>();
            for (int k = 0; k < texts.getLength(); k++)
            {
                final Element t = (Element)texts.item(k);
                final String text = t.getTextContent().trim();
                final double x = Double.parseDouble(t.getAttribute("x"));
                final double y = Double.parseDouble(t.getAttribute("y"));
                final float fontSize = Float.parseFloat(t.getAttribute("font-size"));
                final double width = org.izhsim.output.plot.TextMetrics.width(text, fontSize,
                    "bold".equals(t.getAttribute("font-weight")));
                if (t.hasAttribute("transform"))
                {
                    if (x > RasterFigure.RASTER_AREA.right())
                    {
                        sideLabels.add(new double[] {y - width / 2, y + width / 2});
                    }
                    continue;
                }
                final String anchor = t.getAttribute("text-anchor");
                final double left = anchor.equals("end") ? x - width : anchor.equals("middle") ? x - width / 2 : x;
                assertTrue(left >= 0 && left + width <= RasterFigure.WIDTH, "'" + text + "' at " + left + " .. " +
                    (left + width));
                if (text.startsWith("population rate"))
                {
                    titleEnd = left + width;
                }
                else if (y < RasterFigure.RATE_AREA.y() && y > RasterFigure.RATE_AREA.y() - 20)
                {
                    legendStart = Math.min(legendStart, left);
                    more |= text.matches("\\+ \\d+ more");
                }
            }
            assertTrue(titleEnd > 0, "the rate panel's title");
            assertTrue(legendStart > titleEnd, count + " populations: legend from " + legendStart +
                " over the title ending at " + titleEnd);
            assertTrue(more, count + " populations: the legend says how many it leaves out");
            sideLabels.sort(java.util.Comparator.comparingDouble(a -> a[0]));
            for (int k = 1; k < sideLabels.size(); k++)
            {
                assertTrue(sideLabels.get(k)[0] >= sideLabels.get(k - 1)[1], count + " populations: names beside " +
                    "the raster overlap at y = " + sideLabels.get(k)[0]);
            }
        }
    }

    /**
     * 2000 populations of 2 neurons: their 1999 separators, 0.28 px apart and drawn over the spikes, made the raster a
     * solid grey block. Separators are drawn only between bands of 4 px or more.
     */
    @Test
    void thousandsOfThinPopulationsLeaveTheirSpikesVisible()
    {
        final List<PopulationRange> pops = new java.util.ArrayList<>();
        for (int p = 0; p < 2000; p++)
        {
            pops.add(new PopulationRange("p" + p, 2 * p, 2));
        }
        final int n = 40_000;
        final double[] times = new double[n];
        final int[] ids = new int[n];
        for (int k = 0; k < n; k++)
        {
            times[k] = k * 1000.0 / n;
            ids[k] = (int)((k * 2654435761L) % 4000);
        }
        final BufferedImage image = new RasterFigure("2000 populations", SpikeList.of(times, ids, n), 4000, pops, 0, 1000)
            .build().toImage();
        final Box area = RasterFigure.RASTER_AREA;
        int grey = 0;
        int all = 0;
        for (int px = (int)area.x() + 2; px < area.right() - 2; px++)
        {
            for (int py = (int)area.y() + 2; py < area.bottom() - 2; py++)
            {
                grey += (image.getRGB(px, py) & 0xFFFFFF) == Palette.LIGHT_GREY ? 1 : 0;
                all++;
            }
        }
        assertTrue(grey < all / 20, grey + " of " + all + " pixels of the raster are the separators' grey");
    }
}
