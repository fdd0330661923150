package org.izhsim.output.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class FigureTest
{
    private static Figure sine()
    {
        final double[] x = new double[2001];
        final double[] y = new double[x.length];
        for (int k = 0; k < x.length; k++)
        {
            x[k] = k * 0.5;
            y[k] = Math.sin(x[k] / 50);
        }
        final Figure figure = new Figure(640, 400).title("sine & co", 16f);
        final Axes axes = figure.addAxes(new Box(80, 50, 520, 280));
        axes.xLabel("time (ms)").yLabel("v (mV)").legend(Axes.Corner.TOP_RIGHT);
        axes.line(x, y).pen(Pen.solid(Palette.VERMILLION, 2f)).label("trace");
        axes.horizontalLine(0, Pen.dashed(Palette.GREY, 1f), null);
        return figure;
    }

    static Document parse(final String svg) throws Exception
    {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
            .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    static List<String> texts(final Document svg)
    {
        final NodeList nodes = svg.getElementsByTagName("text");
        final List<String> texts = new ArrayList<>();
        for (int k = 0; k < nodes.getLength(); k++)
        {
            texts.add(nodes.item(k).getTextContent());
        }
        return texts;
    }

    @Test
    void pngDecodesAtTheFigureSizeWithAWhiteBackgroundAndTheTraceColourInside(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("sine.png");
        sine().writePng(file);
        final BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(640, image.getWidth());
        assertEquals(400, image.getHeight());
        assertEquals(0xFFFFFF, image.getRGB(2, 2) & 0xFFFFFF);
        int traceColoured = 0;
        for (int x = 80; x < 600; x++)
        {
            for (int y = 50; y < 330; y++)
            {
                traceColoured += (image.getRGB(x, y) & 0xFFFFFF) == Palette.VERMILLION ? 1 : 0;
            }
        }
        assertTrue(traceColoured > 500, "trace pixels: " + traceColoured);
    }

    @Test
    void svgIsWellFormedWithEscapedTitleAxisLabelsTicksAndLegend() throws Exception
    {
        final String svg = sine().toSvg();
        final Document doc = parse(svg);
        assertEquals("640", doc.getDocumentElement().getAttribute("width"));
        final List<String> texts = texts(doc);
        assertTrue(texts.contains("sine & co"), texts.toString());
        assertTrue(texts.contains("time (ms)"));
        assertTrue(texts.contains("v (mV)"));
        assertTrue(texts.contains("trace"));
        assertTrue(texts.contains("1000") && texts.contains("0"), texts.toString());
        assertTrue(texts.contains("\u22120.5") || texts.contains("\u22121.0"), texts.toString());
    }

    @Test
    void aLongTraceIsReducedToAFewPointsPerPixelColumn() throws Exception
    {
        final double[] x = new double[200_000];
        final double[] y = new double[x.length];
        for (int k = 0; k < x.length; k++)
        {
            x[k] = k * 0.01;
            y[k] = k % 1000 == 0 ? 30 : -65;
        }
        final Figure figure = new Figure(600, 300);
        figure.addAxes(new Box(60, 20, 500, 240)).line(x, y);
        final Document doc = parse(figure.toSvg());
        final NodeList paths = doc.getElementsByTagName("path");
        final String d = paths.item(0).getAttributes().getNamedItem("d").getTextContent();
        final long points = d.chars().filter(c -> c == 'L' || c == 'M').count();
        assertTrue(points <= 4 * 502, "points drawn: " + points);
        // Every one of the 200 spikes to +30 mV survives the reduction as its own peak.
        final double yTop = 20 + 240 * (1 - (30 - (-65 - 4.75)) / (30 + 4.75 - (-65 - 4.75)));
        final String top = DecimalText.appendRounded(new StringBuilder(" "), yTop, 1).toString();
        assertEquals(200, d.split(top, -1).length - 1, "peaks in " + d.substring(0, 200));
    }

    @Test
    void gridSplitsARegionIntoEqualCellsWithGaps()
    {
        final Box[][] cells = Figure.grid(new Box(10, 20, 430, 200), 2, 4, 10, 20);
        assertEquals(100, cells[0][0].width(), 1e-12);
        assertEquals(90, cells[1][3].height(), 1e-12);
        assertEquals(340, cells[1][3].x(), 1e-12);
        assertEquals(130, cells[1][3].y(), 1e-12);
    }
}
