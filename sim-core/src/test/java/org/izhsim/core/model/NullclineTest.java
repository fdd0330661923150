package org.izhsim.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The nullclines the phase-plane plots draw must be where the vector field vanishes.
 */
class NullclineTest
{
    private static List<NeuronModel> models()
    {
        final List<NeuronModel> models = new ArrayList<>();
        models.add(SimpleModel.of(0.02, 0.2, -65, 8));
        models.add(SimpleModel.of(0.02, -0.1, -55, 6).withQuadratic(0.04, 4.1, 108));
        for (final CellType2007 type : CellType2007.values())
        {
            models.add(type.model());
        }
        return models;
    }

    @Test
    void vectorFieldVanishesOnTheNullclines()
    {
        for (final NeuronModel model : models())
        {
            for (double v = -90; v <= 30; v += 0.5)
            {
                final double current = 7.5;
                final double onV = model.vNullclineU(v, current);
                assertEquals(0.0, model.dvdt(v, onV, current), 1e-9 * (1 + Math.abs(onV)), model + " v-nullcline at " + v);
                final double onU = model.uNullclineU(v);
                assertEquals(0.0, model.dudt(v, onU), 1e-12 * (1 + Math.abs(onU)), model + " u-nullcline at " + v);
            }
        }
    }

    @Test
    void restingStateOfTheDefaultStartIsOnTheUNullcline()
    {
        final SimpleModel rs = SimpleModel.of(0.02, 0.2, -65, 8);
        assertEquals(-65, rs.defaultV0());
        assertEquals(0.2 * -65, rs.defaultU0(-65), "u = b*v as in the 2003 network code");
        assertEquals(0.0, rs.dudt(rs.defaultV0(), rs.defaultU0(rs.defaultV0())));
    }

    @Test
    void accommodationVariantHasAVerticalUNullcline()
    {
        final SimpleModel accommodation = SimpleModel.of(0.02, 1, -55, 4).withAccommodation();
        assertTrue(Double.isNaN(accommodation.uNullclineU(-60)));
        assertEquals(0.0, accommodation.dudt(-65, 123.0), "u' = a*b*(v + 65) vanishes at v = -65 for any u");
        assertEquals(0.02 * 1 * 5, accommodation.dudt(-60, 0.0), 1e-15);
    }
}
