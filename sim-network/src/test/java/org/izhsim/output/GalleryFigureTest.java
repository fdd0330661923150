package org.izhsim.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class GalleryFigureTest
{
    @Test
    void twentyPanelsRenderAtTheDocumentedSize()
    {
        final BufferedImage image = RenderSamples.gallery().build().toImage();
        assertEquals(GalleryFigure.WIDTH, image.getWidth());
        assertEquals(GalleryFigure.HEIGHT, image.getHeight());
    }

    @Test
    void everyPanelHasItsTitleTraceStimulusAndScaleBar() throws Exception
    {
        final Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
            .parse(new ByteArrayInputStream(RenderSamples.gallery().build().toSvg().getBytes(StandardCharsets.UTF_8)));
        final NodeList textNodes = doc.getElementsByTagName("text");
        final List<String> texts = new ArrayList<>();
        for (int k = 0; k < textNodes.getLength(); k++)
        {
            texts.add(textNodes.item(k).getTextContent());
        }
        for (char panel = 'A'; panel <= 'T'; panel++)
        {
            final String prefix = "(" + panel + ") ";
            assertEquals(1, texts.stream().filter(t -> t.startsWith(prefix)).count(), prefix);
        }
        assertEquals(20, texts.stream().filter(t -> t.endsWith(" ms")).count(), "one scale bar per panel");
        assertEquals(5, texts.stream().filter("v (mV)"::equals).count(), "mV axis label on each row");
        // Per panel: the voltage path, the stimulus path.
        assertEquals(40, doc.getElementsByTagName("path").getLength());
        assertTrue(texts.contains("0"), "voltage ticks in mV");
    }

    @Test
    void aFullGridRefusesMorePanels()
    {
        final GalleryFigure one = new GalleryFigure(null, 1, 1).add("(A)", new double[2], new double[2], new double[2]);
        assertThrows(IllegalStateException.class, () -> one.add("(B)", new double[2], new double[2], new double[2]));
    }
}
