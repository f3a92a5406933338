/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A sweep's curve, and the chaotic system's bifurcation diagram with its
 * largest Lyapunov exponent over the same range; the key's current value
 * marked on both. */
#include "nc-plot-private.h"
#include "nc-i18n.h"

#include <math.h>

static const NcColor curve_color = { 0.11, 0.37, 0.62 };
static const NcColor mark_color = { 0.80, 0.25, 0.10 };
static const NcColor periodic_color = { 0.80, 0.10, 0.10 };

/* A range with a margin, never empty. */
static void
pad_range (double *lo,
           double *hi)
{
  double span = *hi - *lo;

  if (!(span > 0))
    span = fabs (*lo) > 0 ? fabs (*lo) * 0.01 : 1.0;
  *lo -= span * 0.08;
  *hi += span * 0.08;
}

/* A dashed vertical line at @mark, labelled, if inside @x0 … @x1. */
static void
mark_at (cairo_t    *cr,
         NcRect      plot,
         double      x0,
         double      x1,
         double      mark,
         const char *label,
         double      font)
{
  double px, dash = font * 0.4;

  if (!(mark >= MIN (x0, x1) && mark <= MAX (x0, x1)) || x1 == x0)
    return;
  px = plot.x + plot.width * (mark - x0) / (x1 - x0);
  cairo_save (cr);
  nc_plot_set_ink (cr, mark_color.r, mark_color.g, mark_color.b, 1.0);
  cairo_set_line_width (cr, MAX (0.75, font / 10));
  cairo_set_dash (cr, &dash, 1, 0);
  cairo_move_to (cr, px, plot.y);
  cairo_line_to (cr, px, plot.y + plot.height);
  cairo_stroke (cr);
  cairo_restore (cr);
  nc_plot_text (cr, label, px + font * 0.25, plot.y + font * 0.2, font * 0.8, FALSE, 0, 0);
}

static void
mark_current (cairo_t       *cr,
              NcRect         plot,
              const NcSweep *sweep,
              double         font)
{
  mark_at (cr, plot, sweep->values[0], sweep->values[sweep->n_points - 1], sweep->current, "key", font);
}

/* A polyline through the finite points (a gap where one is not), with
 * dots when there are few. */
static void
line (cairo_t       *cr,
      NcRect         plot,
      const double  *x,
      const double  *y,
      guint          n,
      double         y_lo,
      double         y_hi,
      const NcColor *color,
      gboolean       dashed,
      double         font)
{
  double x0 = x[0], x1 = x[n - 1], dash = font * 0.5;
  gboolean pen = FALSE;

  cairo_save (cr);
  cairo_rectangle (cr, plot.x, plot.y, plot.width, plot.height);
  cairo_clip (cr);
  nc_plot_set_ink (cr, color->r, color->g, color->b, 1.0);
  cairo_set_line_width (cr, MAX (0.75, font / 9));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_dash (cr, &dash, dashed ? 1 : 0, 0);
  for (guint i = 0; i < n; i++)
    {
      double px = plot.x + plot.width * (x1 != x0 ? (x[i] - x0) / (x1 - x0) : 0.5);
      double py = plot.y + plot.height * (1 - (y[i] - y_lo) / (y_hi - y_lo));

      if (!isfinite (y[i]))
        {
          pen = FALSE;
          continue;
        }
      if (pen)
        cairo_line_to (cr, px, py);
      else
        cairo_move_to (cr, px, py);
      pen = TRUE;
    }
  cairo_stroke (cr);
  /* Points too, so a single value or a gap still shows. */
  for (guint i = 0; i < n && n <= 128; i++)
    if (isfinite (y[i]))
      {
        double px = plot.x + plot.width * (x1 != x0 ? (x[i] - x0) / (x1 - x0) : 0.5);
        double py = plot.y + plot.height * (1 - (y[i] - y_lo) / (y_hi - y_lo));

        cairo_arc (cr, px, py, MAX (1.0, font / 7), 0, 2 * G_PI);
        cairo_fill (cr);
      }
  cairo_restore (cr);
}

/**
 * nc_plot_xy:
 * @x: (array length=n): the x values, increasing
 * @series: (array length=n_series): the curves, @n values each
 * @mark: an x value to mark, or NAN
 * @mark_label: the mark's label
 *
 * Curves over a real x axis, the y axis fitted to the finite values, a
 * legend when there are several.
 */
void
nc_plot_xy (cairo_t            *cr,
            NcRect              area,
            const double       *x,
            guint               n,
            const NcPlotSeries *series,
            guint               n_series,
            double              mark,
            const char         *mark_label,
            const char         *x_label,
            const char         *y_label,
            const char         *title,
            const char         *caption)
{
  double font = nc_plot_font_size (area);
  double lo = INFINITY, hi = -INFINITY;
  NcRect inner, plot;

  inner = nc_plot_frame (cr, area, title, caption, font);
  for (guint s = 0; s < n_series; s++)
    for (guint i = 0; i < MIN (n, series[s].n); i++)
      if (isfinite (series[s].values[i]))
        {
          lo = MIN (lo, series[s].values[i]);
          hi = MAX (hi, series[s].values[i]);
        }
  if (!isfinite (lo))
    lo = 0, hi = 1;
  pad_range (&lo, &hi);
  nc_plot_axes_range (cr, inner, x[0], x[n - 1], lo, hi, x_label, y_label, font, &plot);
  for (guint s = 0; s < n_series; s++)
    line (cr, plot, x, series[s].values, MIN (n, series[s].n), lo, hi, &series[s].color, series[s].dashed, font);
  if (!isnan (mark))
    mark_at (cr, plot, x[0], x[n - 1], mark, mark_label, font);

  if (n_series > 1)
    {
      /* The legend goes in the top corner the curves leave emptier. */
      guint top_left = 0, top_right = 0;

      for (guint s = 0; s < n_series; s++)
        for (guint i = 0; i < MIN (n, series[s].n); i++)
          if (isfinite (series[s].values[i]) && series[s].values[i] > (lo + hi) / 2)
            {
              if (x[i] < (x[0] + x[n - 1]) / 2)
                top_left++;
              else
                top_right++;
            }
      nc_plot_legend (cr, plot, series, n_series, font, top_left < top_right);
    }
}

/**
 * nc_plot_sweep:
 * @metric: the measured metric to draw
 *
 * The metric against the swept parameter, the key's value marked.
 */
void
nc_plot_sweep (cairo_t       *cr,
               NcRect         area,
               const NcSweep *sweep,
               NcSweepMetric  metric,
               const char    *title,
               const char    *caption)
{
  NcPlotSeries series = { sweep->measured[metric], sweep->n_points, NULL, curve_color, FALSE };

  nc_plot_xy (cr, area, sweep->values, sweep->n_points, &series, sweep->measured[metric] != NULL ? 1 : 0,
              sweep->current, "key", sweep->param_label, nc_sweep_metric_label (metric), title, caption);
}

/**
 * nc_plot_bifurcation:
 *
 * Above, the chaotic system's bifurcation diagram over the swept range
 * (the local maxima of its first variable at each value); below, its
 * largest Lyapunov exponent, the values at or under zero (periodic
 * orbits, fixed points: weak keys) in red. The key's value is marked.
 * @font: the base font size, to match panels beside it; 0 for the usual
 * size for @area.
 */
void
nc_plot_bifurcation (cairo_t       *cr,
                     NcRect         area,
                     const NcSweep *sweep,
                     double         font,
                     const char    *title,
                     const char    *caption)
{
  double lo = INFINITY, hi = -INFINITY, l_lo = 0.0, l_hi = 0.0;
  double x0 = sweep->values[0], x1 = sweep->values[sweep->n_points - 1];
  g_autofree double *lyapunov = g_new (double, sweep->n_points);
  NcRect inner, top, bottom, plot;

  if (font <= 0)
    font = nc_plot_font_size (area);
  inner = nc_plot_frame (cr, area, title, caption, font);
  top = (NcRect) { inner.x, inner.y, inner.width, inner.height * 0.6 };
  bottom = (NcRect) { inner.x, inner.y + inner.height * 0.6, inner.width, inner.height * 0.4 };
  if (!sweep->has_chaos)
    {
      nc_plot_text (cr, _("This engine has no chaotic system to draw."), inner.x + inner.width / 2,
                    inner.y + inner.height / 2, font, FALSE, 0.5, 0.5);
      return;
    }
  for (guint i = 0; i < sweep->n_points; i++)
    {
      const NcChaos *c = &sweep->chaos[i];

      for (guint k = 0; k < c->n_peaks; k++)
        if (isfinite (c->peaks[k]))
          {
            lo = MIN (lo, c->peaks[k]);
            hi = MAX (hi, c->peaks[k]);
          }
      lyapunov[i] = c->lyapunov;
      if (isfinite (c->lyapunov))
        {
          l_lo = MIN (l_lo, c->lyapunov);
          l_hi = MAX (l_hi, c->lyapunov);
        }
    }
  if (!isfinite (lo))
    lo = 0, hi = 1;
  pad_range (&lo, &hi);
  pad_range (&l_lo, &l_hi);

  nc_plot_axes_range (cr, top, x0, x1, lo, hi, NULL, _("peaks of x₁"), font, &plot);
  cairo_save (cr);
  cairo_rectangle (cr, plot.x, plot.y, plot.width, plot.height);
  cairo_clip (cr);
  nc_plot_set_ink (cr, 0.1, 0.1, 0.1, 0.55);
  for (guint i = 0; i < sweep->n_points; i++)
    {
      const NcChaos *c = &sweep->chaos[i];
      double px = plot.x + plot.width * (x1 != x0 ? (sweep->values[i] - x0) / (x1 - x0) : 0.5);

      for (guint k = 0; k < c->n_peaks; k++)
        if (isfinite (c->peaks[k]))
          {
            double py = plot.y + plot.height * (1 - (c->peaks[k] - lo) / (hi - lo));

            cairo_rectangle (cr, px - 0.6, py - 0.6, 1.2, 1.2);
          }
    }
  cairo_fill (cr);
  cairo_restore (cr);
  mark_current (cr, plot, sweep, font);

  {
    double zero_y;

    nc_plot_axes_range (cr, bottom, x0, x1, l_lo, l_hi, sweep->param_label, "λ₁",
                        font, &plot);
    zero_y = plot.y + plot.height * (1 - (0.0 - l_lo) / (l_hi - l_lo));
    cairo_save (cr);
    nc_plot_set_ink (cr, 0.5, 0.5, 0.5, 1.0);
    cairo_set_line_width (cr, MAX (0.5, font / 14));
    cairo_move_to (cr, plot.x, zero_y);
    cairo_line_to (cr, plot.x + plot.width, zero_y);
    cairo_stroke (cr);
    cairo_restore (cr);
    line (cr, plot, sweep->values, lyapunov, sweep->n_points, l_lo, l_hi, &curve_color, FALSE, font);
    /* Not chaotic: red. */
    cairo_save (cr);
    nc_plot_set_ink (cr, periodic_color.r, periodic_color.g, periodic_color.b, 1.0);
    for (guint i = 0; i < sweep->n_points; i++)
      if (isfinite (lyapunov[i]) && lyapunov[i] <= 0.0)
        {
          double px = plot.x + plot.width * (x1 != x0 ? (sweep->values[i] - x0) / (x1 - x0) : 0.5);
          double py = plot.y + plot.height * (1 - (lyapunov[i] - l_lo) / (l_hi - l_lo));

          cairo_arc (cr, px, py, MAX (1.5, font / 5), 0, 2 * G_PI);
          cairo_fill (cr);
        }
    cairo_restore (cr);
    mark_current (cr, plot, sweep, font);
  }
}
