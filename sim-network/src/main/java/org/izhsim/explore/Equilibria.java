package org.izhsim.explore;

import org.izhsim.core.model.NeuronModel;

import java.util.ArrayList;
import java.util.List;

/**
 * The crossings of the v- and u-nullclines at a constant current (the model's equilibria), each named stable or not
 * from the model's own vector field. The phase plane's summary called every crossing "the rest states", unstable ones
 * included: izh2007_fs at 200 pA crosses at v = -26.2 mV with a positive Jacobian trace, and the cell fires tonically;
 * the 2003 models' two crossings are a stable node and a saddle.
 */
final class Equilibria
{
    /** Step of the central differences of the Jacobian, in mV and in u's unit: small beside the curves' scales. */
    private static final double STEP = 1e-4;

    /** Bisection halvings: far below the grid's spacing of about 0.5 mV. */
    private static final int HALVINGS = 60;

    /** One crossing: where it lies, and whether small disturbances die out there (a rest state). */
    record Point(double v, double u, boolean stable)
    {
    }

    private Equilibria()
    {
    }

    /**
     * @param grid    the v values the page's nullclines are drawn at, increasing: the crossings are looked for between
     *                them, as the page draws them, so that the summary names no crossing the plot does not show.
     * @param current the constant current of the v-nullcline.
     * @return each crossing in the grid's range, in increasing v, with its stability.
     */
    static List<Point> of(final NeuronModel model, final double[] grid, final double current)
    {
        final List<Point> points = new ArrayList<>();
        for (int k = 1; k < grid.length; k++)
        {
            final double a = gap(model, grid[k - 1], current);
            final double b = gap(model, grid[k], current);
            // As the page's crossing test: a zero at the left end of a stretch, or a change of sign within it.
            if (!Double.isFinite(a) || !Double.isFinite(b) || !(a == 0.0 || a * b < 0.0))
            {
                continue;
            }
            final double v = a == 0.0 ? grid[k - 1] : bisect(model, grid[k - 1], grid[k], a, current);
            final double u = model.uNullclineU(v);
            points.add(new Point(v, u, stable(model, v, u, current)));
        }
        return points;
    }

    /** u on the v-nullcline minus u on the u-nullcline: zero at a crossing (NaN where there is no u-nullcline). */
    private static double gap(final NeuronModel model, final double v, final double current)
    {
        return model.vNullclineU(v, current) - model.uNullclineU(v);
    }

    private static double bisect(final NeuronModel model, final double low, final double high, final double atLow,
        final double current)
    {
        double lo = low;
        double hi = high;
        final boolean lowPositive = atLow > 0.0;
        for (int n = 0; n < HALVINGS; n++)
        {
            final double mid = 0.5 * (lo + hi);
            final double g = gap(model, mid, current);
            if (g == 0.0)
            {
                return mid;
            }
            if (g > 0.0 == lowPositive)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /**
     * Stable when the Jacobian of (v', u') there has a negative trace and a positive determinant (both eigenvalues'
     * real parts negative). Taken by central differences of the model's dvdt and dudt, so that the 2007 book cells'
     * rules for u' (b switching at a v, a cubic U(v)) are the ones the runs use.
     */
    private static boolean stable(final NeuronModel model, final double v, final double u, final double current)
    {
        final double fv = (model.dvdt(v + STEP, u, current) - model.dvdt(v - STEP, u, current)) / (2 * STEP);
        final double fu = (model.dvdt(v, u + STEP, current) - model.dvdt(v, u - STEP, current)) / (2 * STEP);
        final double gv = (model.dudt(v + STEP, u) - model.dudt(v - STEP, u)) / (2 * STEP);
        final double gu = (model.dudt(v, u + STEP) - model.dudt(v, u - STEP)) / (2 * STEP);
        return fv + gu < 0.0 && fv * gu - fu * gv > 0.0;
    }
}
