/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "nc-figures.h"
#include "nc-i18n.h"

#include <math.h>

#include "nc-plot-private.h"

static const char *kind_names[NC_N_FIGURES] = {
  "panes", "histogram", "scatter", "keyflip", "metrics", "attacks",
};

const char *
nc_figure_kind_to_string (NcFigureKind kind)
{
  return kind < NC_N_FIGURES ? kind_names[kind] : "unknown";
}

gboolean
nc_figure_kind_from_string (const char    *text,
                            NcFigureKind  *out,
                            GError       **error)
{
  for (int k = 0; k < NC_N_FIGURES; k++)
    if (g_strcmp0 (text, kind_names[k]) == 0)
      {
        *out = (NcFigureKind) k;
        return TRUE;
      }
  g_set_error (error, NC_ERROR, NC_ERROR_NOT_FOUND,
               _("no figure “%s” (there are: panes, histogram, scatter, keyflip, metrics, attacks)"),
               text);
  return FALSE;
}

/* Sizes in points that suit a page column or a slide. */
void
nc_figure_default_size (NcFigureKind  kind,
                        double       *width_pt,
                        double       *height_pt)
{
  static const double sizes[NC_N_FIGURES][2] = {
    { 720, 290 }, { 720, 300 }, { 720, 500 }, { 720, 560 }, { 520, 700 }, { 720, 600 },
  };

  *width_pt = sizes[kind][0];
  *height_pt = sizes[kind][1];
}

static NcRect
cell (double x0,
      double y0,
      double width,
      double height,
      int    columns,
      int    rows,
      int    column,
      int    row)
{
  double gap = 8;
  NcRect r = { x0 + column * width / columns + gap / 2, y0 + row * height / rows + gap / 2,
               width / columns - gap, height / rows - gap };

  return r;
}

static double
title_band (cairo_t            *cr,
            const NcFigureData *data,
            double              width)
{
  if (data->title == NULL)
    return 0;
  nc_plot_set_ink (cr, 0.1, 0.1, 0.1, 1.0);
  nc_plot_text (cr, data->title, width / 2, 6, 14, TRUE, 0.5, 0);
  return 28;
}

static void
draw_panes (const NcFigureData *data,
            cairo_t            *cr,
            double              top,
            double              width,
            double              height)
{
  const NcImage *images[3] = { data->plain, data->cipher, data->decrypted };
  const char *titles[3] = { _("Plaintext"), _("Ciphertext"), _("Decrypted") };
  int n = data->decrypted != NULL ? 3 : data->cipher != NULL ? 2 : 1;

  for (int i = 0; i < n; i++)
    {
      const char *caption = NULL;

      if (i == 2)
        caption = nc_image_equal (data->plain, data->decrypted) ? _("bit-identical to the plaintext")
                                                                : _("differs from the plaintext");
      nc_plot_pane (cr, cell (0, top, width, height, n, 1, i, 0), images[i], titles[i], caption);
    }
}

static char *
histogram_caption (const NcImageStats *s)
{
  guint worst = 0;

  for (guint c = 1; c < s->channels; c++)
    if (s->chi_square[c] > s->chi_square[worst])
      worst = c;
  return g_strdup_printf ("H = %.4f bits · χ²%s %.0f %s", s->entropy_all,
                          s->channels > 1 ? _(" max") : "", s->chi_square[worst],
                          nc_outcome_to_symbol (s->chi_square_verdict[worst].outcome));
}

static void
draw_histograms (const NcFigureData *data,
                 cairo_t            *cr,
                 double              top,
                 double              width,
                 double              height)
{
  const NcAnalysis *a = data->analysis;
  g_autofree char *plain_caption = NULL;
  g_autofree char *cipher_caption = NULL;
  int n = a->has_cipher ? 2 : 1;

  nc_plot_set_ink (cr, 0.3, 0.3, 0.3, 1.0);
  nc_plot_text (cr, _("χ² critical value 293.25 (α = 0.05, 255 degrees of freedom)"),
                width / 2, top + height, 10, FALSE, 0.5, 1);
  height -= 16;
  plain_caption = histogram_caption (&a->plain);
  nc_plot_histogram (cr, cell (0, top, width, height, n, 1, 0, 0), &a->plain.histogram,
                     _("Plaintext histogram"), plain_caption, &nc_plot_plain_color);
  if (a->has_cipher)
    {
      cipher_caption = histogram_caption (&a->cipher);
      nc_plot_histogram (cr, cell (0, top, width, height, n, 1, 1, 0), &a->cipher.histogram,
                         _("Ciphertext histogram"), cipher_caption, &nc_plot_cipher_color);
    }
}

static void
draw_scatters (const NcFigureData *data,
               cairo_t            *cr,
               double              top,
               double              width,
               double              height)
{
  const NcAnalysis *a = data->analysis;
  const NcImageStats *stats[2] = { &a->plain, &a->cipher };
  const char *names[2] = { _("Plaintext"), _("Ciphertext") };
  const NcColor *colors[2] = { &nc_plot_plain_color, &nc_plot_cipher_color };
  int rows = a->has_cipher ? 2 : 1;

  for (int r = 0; r < rows; r++)
    for (int d = 0; d < 3; d++)
      {
        g_autofree char *title = g_strdup_printf ("%s, %s", names[r],
                                                  nc_direction_to_string ((NcDirection) d));
        g_autofree char *caption = g_strdup_printf ("r = %+.4f", stats[r]->correlation[0][d]);

        nc_plot_scatter (cr, cell (0, top, width, height, 3, rows, d, r),
                         stats[r]->pairs[0][d][0], stats[r]->pairs[0][d][1], stats[r]->n_pairs,
                         title, caption, colors[r]);
      }
}

static const char *
pass_or_fail (const NcVerdict *verdict)
{
  return nc_outcome_to_string (verdict->outcome);
}

static void
draw_keyflip (const NcFigureData *data,
              cairo_t            *cr,
              double              top,
              double              width,
              double              height)
{
  const NcAnalysis *a = data->analysis;
  g_autofree char *flipped_title = NULL;
  g_autofree char *caption = NULL;

  if (data->cipher != NULL && a != NULL && a->has_engine && !a->has_key_flip)
    {
      /* A live update for another view left the pair out. */
      nc_plot_pane (cr, cell (0, top, width, height - 24, 2, 2, 0, 0), data->cipher, _("C1: ciphertext"), NULL);
      nc_plot_set_ink (cr, 0.1, 0.1, 0.1, 1.0);
      nc_plot_text (cr, _("Key flip: measured when the sliders rest"), width / 2,
                    top + height - 4, 11, FALSE, 0.5, 1);
      return;
    }
  if (data->cipher == NULL || data->flipped_cipher == NULL || data->wrong_plain == NULL)
    {
      draw_panes (data, cr, top, width, height);
      return;
    }
  flipped_title = g_strdup_printf (_("C2: key bit %u flipped"), a->key.bit);
  caption = g_strdup_printf ("NPCR %.4f %% (> %.4f: %s)   UACI %.4f %% (%.4f…%.4f: %s)   α = %g",
                             a->key.ciphers.npcr, a->key_verdicts.npcr[0].low,
                             pass_or_fail (&a->key_verdicts.npcr[0]),
                             a->key.ciphers.uaci, a->key_verdicts.uaci[0].low,
                             a->key_verdicts.uaci[0].high, pass_or_fail (&a->key_verdicts.uaci[0]),
                             a->key_verdicts.npcr[0].alpha);

  nc_plot_pane (cr, cell (0, top, width, height - 24, 2, 2, 0, 0), data->cipher, _("C1: ciphertext"), NULL);
  nc_plot_pane (cr, cell (0, top, width, height - 24, 2, 2, 1, 0), data->flipped_cipher, flipped_title, NULL);
  nc_plot_difference (cr, cell (0, top, width, height - 24, 2, 2, 0, 1), data->cipher,
                      data->flipped_cipher, "|C1 − C2|", NULL);
  nc_plot_pane (cr, cell (0, top, width, height - 24, 2, 2, 1, 1), data->wrong_plain,
                _("C1 decrypted with the flipped key"), NULL);
  nc_plot_set_ink (cr, 0.1, 0.1, 0.1, 1.0);
  nc_plot_text (cr, caption, width / 2, top + height - 4, 11, FALSE, 0.5, 1);
}

/**
 * nc_figure_metrics_cells:
 *
 * Returns: (transfer full): the metrics table as (measure, value,
 * verdict) triples, one string each: what the Metrics view and the
 * reports show.
 */
GPtrArray *
nc_figure_metrics_cells (const NcAnalysis *a)
{
  GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);
  const NcImageStats *s = a->has_cipher ? &a->cipher : &a->plain;

#define ROW(name, verdict, ...) \
  G_STMT_START { \
    g_ptr_array_add (cells, g_strdup (name)); \
    g_ptr_array_add (cells, g_strdup_printf (__VA_ARGS__)); \
    g_ptr_array_add (cells, g_strdup (verdict)); \
  } G_STMT_END

  ROW (_("Entropy (plaintext)"), "", _("%.4f bits"), a->plain.entropy_all);
  ROW (_("Entropy"), "", _("%.4f (ideal %.4f)"), s->entropy_all, s->entropy_ideal);
  for (guint c = 0; c < s->channels; c++)
    {
      g_autofree char *name = g_strdup_printf ("χ² channel %u", c);

      ROW (name, pass_or_fail (&s->chi_square_verdict[c]), "%.1f (< %.2f)",
           s->chi_square[c], NC_CHI_SQUARE_CRITICAL_005);
    }
  if (s->local_entropy_valid)
    ROW (_("Local entropy"), pass_or_fail (&s->local_entropy_verdict[0]), _("%.5f (%.4f…%.4f; published: %s)"),
         s->local_entropy[0], s->local_entropy_verdict[0].low, s->local_entropy_verdict[0].high,
         pass_or_fail (&s->local_entropy_published[0]));
  for (int d = 0; d < 3; d++)
    {
      g_autofree char *name = g_strdup_printf (_("Correlation %s"), nc_direction_to_string ((NcDirection) d));

      ROW (name, pass_or_fail (&s->correlation_verdict[0][d]), _("%+.4f (plain %+.4f)"),
           s->correlation[0][d], a->plain.correlation[0][d]);
    }
  if (a->has_cipher && isfinite (a->distortion_ssim))
    ROW (_("Distortion SSIM(P, C), eq. 14"), "", _("%.4f (PSNR %.2f dB)"), a->distortion_ssim,
         a->distortion_psnr);
  else if (a->has_cipher)
    ROW (_("Distortion PSNR(P, C), eq. 14"), "", _("%.2f dB (SSIM when the sliders rest)"),
         a->distortion_psnr);
  if (a->has_engine)
    {
      ROW (_("Key space, nominal"), "", "2^%.1f", a->nominal_key_bits);
      ROW (_("Key space, encoded"), "", _("2^%.1f in %u key bits"), a->encoding_key_bits, a->key_bits);
      if (a->has_key_space)
        ROW (_("Key space, effective (measured)"), "", _("2^%.1f (%.0f %% of keys weak)"),
             a->key_space.effective_bits, 100.0 * a->key_space.weak_share);
      else
        ROW (_("Key space, effective"), "", "%s", _("measured when the sliders rest"));
      if (a->has_key_flip)
        {
          ROW (_("Key sensitivity NPCR"), pass_or_fail (&a->key_verdicts.npcr[0]), "%.4f %%",
               a->key.ciphers.npcr);
          ROW (_("Key sensitivity UACI"), pass_or_fail (&a->key_verdicts.uaci[0]), "%.4f %%",
               a->key.ciphers.uaci);
        }
      else
        ROW (_("Key sensitivity"), "", "%s", _("measured when the sliders rest"));
      if (a->full)
        {
          ROW (_("Plaintext sensitivity NPCR"), pass_or_fail (&a->plaintext_verdicts.npcr[0]),
               "%.4f %%", a->plaintext.npcr);
          ROW (_("Plaintext sensitivity UACI"), pass_or_fail (&a->plaintext_verdicts.uaci[0]),
               "%.4f %%", a->plaintext.uaci);
          ROW (_("Noise: salt-and-pepper 1 %"), "", _("PSNR %.2f dB, SSIM %.3f"),
               a->noise_psnr[NC_NOISE_SALT_AND_PEPPER][NC_SUITE_SHOWN_NOISE], a->noise_ssim[NC_NOISE_SALT_AND_PEPPER][NC_SUITE_SHOWN_NOISE]);
          ROW (_("Noise: occlusion 1/16"), "", _("PSNR %.2f dB, SSIM %.3f"),
               a->noise_psnr[NC_NOISE_OCCLUSION][NC_SUITE_SHOWN_NOISE], a->noise_ssim[NC_NOISE_OCCLUSION][NC_SUITE_SHOWN_NOISE]);
        }
      else
        ROW (_("Plaintext sensitivity, noise"), "", "%s", _("measured when the sliders rest"));
      ROW (_("Decryption"), a->exact ? "pass" : "fail", "%s", a->exact ? "exact" : _("not exact"));
      ROW (_("Encryption time"), "", "%.2f ms", a->encrypt_ms);
    }
  for (guint i = 0; i < a->n_attacks; i++)
    {
      const NcAttackResult *r = &a->attacks[i];
      g_autofree char *name = g_strdup_printf (_("Attack: %s"), r->attack);

      if (r->estimate)
        ROW (name, r->broken ? "BROKEN (within reach)" : _("out of reach"), "%s",
             r->broken ? _("an estimate: see the Attacks view") : _("an estimate"));
      else if (r->recovered == NULL)
        ROW (name, r->broken ? "BROKEN" : _("not broken"), _("nothing read, %u chosen images"),
             r->chosen_images);
      else
        ROW (name, r->broken ? "BROKEN" : _("not broken"), _("%.2f %% recovered, %u chosen images"),
             100.0 * r->recovered_share, r->chosen_images);
    }
  if (a->has_engine && a->n_attacks == 0)
    ROW (_("Attacks"), "", "%s", _("run when the sliders rest"));
#undef ROW
  return cells;
}

static void
draw_metrics (const NcFigureData *data,
              cairo_t            *cr,
              double              top,
              double              width,
              double              height)
{
  g_autoptr(GPtrArray) cells = nc_figure_metrics_cells (data->analysis);

  nc_plot_table (cr, (NcRect) { 10, top, width - 20, height - 34 }, _("Measures (α = 0.05) and attacks"),
                 (const char * const *) cells->pdata, cells->len / 3);
  nc_plot_set_ink (cr, 0.25, 0.25, 0.25, 1.0);
  nc_plot_text (cr, _("Statistical tests are necessary, not sufficient: an attack can break what passes them all."),
                width / 2, top + height - 8, 10, FALSE, 0.5, 1);
}

/* What one attack of the lab did: the images it chose, what the oracle
 * made of them, and the target it read beside the true plaintext. */
static void
draw_attack (const NcFigureData *data,
             cairo_t            *cr,
             double              top,
             double              width,
             double              height)
{
  const NcAnalysis *a = data->analysis;
  const NcAttackResult *r;
  g_autofree char *verdict = NULL;
  double rows = height - 64;
  guint shown;

  nc_plot_set_ink (cr, 0.1, 0.1, 0.1, 1.0);
  if (a->n_attacks == 0)
    {
      nc_plot_text (cr, _("The attack lab runs when the sliders rest, or live while this view is shown."),
                    width / 2, top + height / 2, 12, FALSE, 0.5, 0.5);
      return;
    }
  r = &a->attacks[MIN (data->attack, a->n_attacks - 1)];
  shown = MIN (r->chosen->len, 4);
  for (guint i = 0; i < shown; i++)
    {
      /* The first chosen images and the last (the check). */
      guint k = i + 1 == shown ? r->chosen->len - 1 : i;
      g_autofree char *title = g_strdup_printf (_("Chosen %u of %u"), k + 1, r->chosen->len);
      g_autofree char *cipher_title = g_strdup_printf (_("Its ciphertext"));

      nc_plot_pane (cr, cell (0, top, width, rows * 0.6, shown, 2, i, 0), r->chosen->pdata[k],
                    title, NULL);
      nc_plot_pane (cr, cell (0, top, width, rows * 0.6, shown, 2, i, 1),
                    r->chosen_ciphers->pdata[k], cipher_title, NULL);
    }
  nc_plot_pane (cr, cell (0, top + rows * 0.6, width, rows * 0.4, 3, 1, 0, 0), a->attack_target,
                a->attack_target->width < data->plain->width || a->attack_target->height < data->plain->height
                ? _("Target ciphertext (central crop)") : _("Target ciphertext"), NULL);
  if (r->recovered != NULL)
    nc_plot_pane (cr, cell (0, top + rows * 0.6, width, rows * 0.4, 3, 1, 1, 0), r->recovered,
                  _("Read by the attack"), NULL);
  else
    {
      NcRect empty = cell (0, top + rows * 0.6, width, rows * 0.4, 3, 1, 1, 0);

      nc_plot_text (cr, _("Nothing read"), empty.x + empty.width / 2,
                    empty.y + empty.height / 2, 11, FALSE, 0.5, 0.5);
    }
  nc_plot_pane (cr, cell (0, top + rows * 0.6, width, rows * 0.4, 3, 1, 2, 0), a->attack_plain,
                _("True plaintext"), NULL);

  if (r->estimate)
    verdict = g_strdup_printf (_("%s by %s (an estimate; %u images asked of the oracle, %.3f s)"),
                               r->broken ? _("Within reach") : _("Out of reach"), r->attack,
                               r->chosen_images, r->seconds);
  else if (r->recovered == NULL)
    verdict = g_strdup_printf (_("Not broken by %s with %u chosen images: nothing of the target read"),
                               r->attack, r->chosen_images);
  else if (r->broken)
    verdict = g_strdup_printf (_("BROKEN by %s: %.2f %% of the target recovered exactly with %u chosen "
                               "images (%u oracle calls, %.3f s)"), r->attack,
                               100.0 * r->recovered_share, r->chosen_images, r->oracle_calls,
                               r->seconds);
  else
    verdict = g_strdup_printf (_("Not broken by %s with %u chosen images: %.2f %% of the target read "
                               "right (chance is about 0.39 %%)"), r->attack, r->chosen_images,
                               100.0 * r->recovered_share);
  if (r->broken)
    nc_plot_set_ink (cr, 0.75, 0.1, 0.1, 1.0);
  nc_plot_text (cr, verdict, width / 2, top + height - 44, 12, TRUE, 0.5, 1);
  nc_plot_set_ink (cr, 0.25, 0.25, 0.25, 1.0);
  nc_plot_text (cr, r->summary, width / 2, top + height - 24, 10, FALSE, 0.5, 1);
  nc_plot_text (cr, _("Statistical tests are necessary, not sufficient: a cipher that passes them "
                "all can still fall to a few chosen images."), width / 2, top + height - 6, 10,
                FALSE, 0.5, 1);
}

/**
 * nc_figure_draw:
 * @kind: which figure
 * @data: what it shows
 * @cr: where to draw
 * @width: the space's width
 * @height: its height
 */
void
nc_figure_draw (NcFigureKind        kind,
                const NcFigureData *data,
                cairo_t            *cr,
                double              width,
                double              height)
{
  double top = title_band (cr, data, width);

  height -= top;
  switch (kind)
    {
    case NC_FIGURE_HISTOGRAM:
      if (data->analysis != NULL)
        draw_histograms (data, cr, top, width, height);
      break;
    case NC_FIGURE_SCATTER:
      if (data->analysis != NULL)
        draw_scatters (data, cr, top, width, height);
      break;
    case NC_FIGURE_KEYFLIP:
      if (data->analysis != NULL)
        draw_keyflip (data, cr, top, width, height);
      break;
    case NC_FIGURE_METRICS:
      if (data->analysis != NULL)
        draw_metrics (data, cr, top, width, height);
      break;
    case NC_FIGURE_ATTACKS:
      if (data->analysis != NULL)
        draw_attack (data, cr, top, width, height);
      break;
    case NC_FIGURE_PANES:
    default:
      draw_panes (data, cr, top, width, height);
      break;
    }
}

typedef struct {
  NcFigureKind        kind;
  const NcFigureData *data;
} Figure;

static void
draw_figure (cairo_t *cr,
             double   width,
             double   height,
             gpointer user_data)
{
  const Figure *figure = user_data;

  nc_figure_draw (figure->kind, figure->data, cr, width, height);
}

/* Writes a drawing to @path in the format its extension names, at the
 * size asked or the default one. */
static gboolean
write_figure_file (const char          *path,
                   double               width_pt,
                   double               height_pt,
                   double               default_width,
                   double               default_height,
                   double               dpi,
                   const char * const  *metadata,
                   NcFigureDrawFunc     draw,
                   gpointer             data,
                   GError             **error)
{
  NcFigureFormat format;

  if (!nc_figure_format_from_path (path, &format, error))
    return FALSE;
  return nc_figure_write (path, format, width_pt > 0 ? width_pt : default_width,
                          height_pt > 0 ? height_pt : default_height, dpi, metadata, draw, data, error);
}

/**
 * nc_figure_write_kind:
 * @kind: which figure
 * @data: what it shows
 * @path: where to write; the format follows its extension
 * @width_pt: width in points, or 0 for the figure's default
 * @height_pt: height in points, or 0 for the default
 * @dpi: resolution of a PNG
 * @metadata: (nullable) (array zero-terminated=1): keyword, value, …, %NULL
 * @error: return location for an error
 */
gboolean
nc_figure_write_kind (NcFigureKind         kind,
                      const NcFigureData  *data,
                      const char          *path,
                      double               width_pt,
                      double               height_pt,
                      double               dpi,
                      const char * const  *metadata,
                      GError             **error)
{
  Figure figure = { kind, data };
  double default_width, default_height;

  nc_figure_default_size (kind, &default_width, &default_height);
  return write_figure_file (path, width_pt, height_pt, default_width, default_height, dpi, metadata,
                            draw_figure, &figure, error);
}

/**
 * nc_figure_draw_sweep:
 * @title: (nullable): names the engine and the key
 *
 * Each measured metric against the swept parameter, stacked on the left
 * (the Lyapunov exponent drawn in the bifurcation panel instead), and on
 * the right, for an engine with a chaotic system, its bifurcation diagram
 * over the same range.
 */
void
nc_figure_draw_sweep (const NcSweep *sweep,
                      const char    *title,
                      cairo_t       *cr,
                      double         width,
                      double         height)
{
  NcFigureData data = { .title = title };
  double top = title_band (cr, &data, width);
  guint metrics = sweep->metrics & ~(sweep->has_chaos ? 1u << NC_SWEEP_LYAPUNOV : 0u);
  guint n = 0, row = 0;
  double left = sweep->has_chaos ? width * 0.5 : width;

  height -= top;
  for (guint m = 0; m < NC_SWEEP_N_METRICS; m++)
    n += (metrics >> m) & 1;
  for (guint m = 0; m < NC_SWEEP_N_METRICS; m++)
    if (metrics & (1u << m))
      {
        nc_plot_set_ink (cr, 0.1, 0.1, 0.1, 1.0);
        nc_plot_sweep (cr, cell (0, top, left, height, 1, (int) n, 0, (int) row++), sweep,
                       (NcSweepMetric) m, nc_sweep_metric_label ((NcSweepMetric) m), NULL);
      }
  if (sweep->has_chaos)
    {
      g_autofree char *what = g_strdup (sweep->chaos[0].what != NULL ? sweep->chaos[0].what : _("The chaotic system"));

      what[0] = g_ascii_toupper (what[0]);
      nc_plot_set_ink (cr, 0.1, 0.1, 0.1, 1.0);
      nc_plot_bifurcation (cr, cell (left, top, width - left, height, 1, 1, 0, 0), sweep,
                           nc_plot_font_size (cell (0, top, left, height, 1, (int) MAX (n, 1), 0, 0)), what,
                           _("red: λ₁ ≤ 0, not chaotic (a weak key)"));
    }
}

/* A study's figure for write_figure_file(): the drawing function with
 * what it draws. */
typedef void (*StudyDrawFunc) (gconstpointer study,
                               const char   *title,
                               cairo_t      *cr,
                               double        width,
                               double        height);

typedef struct {
  StudyDrawFunc draw;
  gconstpointer study;
  const char   *title;
} StudyFigure;

static void
draw_study_figure (cairo_t *cr,
                   double   width,
                   double   height,
                   gpointer user_data)
{
  const StudyFigure *figure = user_data;

  figure->draw (figure->study, figure->title, cr, width, height);
}

static void
draw_sweep (gconstpointer study,
            const char   *title,
            cairo_t      *cr,
            double        width,
            double        height)
{
  nc_figure_draw_sweep (study, title, cr, width, height);
}

gboolean
nc_figure_write_sweep (const NcSweep       *sweep,
                       const char          *title,
                       const char          *path,
                       double               width_pt,
                       double               height_pt,
                       double               dpi,
                       const char * const  *metadata,
                       GError             **error)
{
  StudyFigure figure = { draw_sweep, sweep, title };

  return write_figure_file (path, width_pt, height_pt, 760, 480, dpi, metadata, draw_study_figure,
                            &figure, error);
}

static const NcColor noise_colors[] = {
  { 0.11, 0.37, 0.62 }, { 0.80, 0.25, 0.10 }, { 0.18, 0.55, 0.25 }, { 0.55, 0.25, 0.65 },
  { 0.85, 0.60, 0.05 }, { 0.35, 0.35, 0.35 },
};

/**
 * nc_figure_draw_noise:
 *
 * Left, the damaged ciphertext and its decryption; right, the
 * decryption's PSNR and SSIM against the plaintext over the strengths,
 * one curve per engine (the key's first, solid), the strength shown
 * marked.
 */
void
nc_figure_draw_noise (const NcNoiseStudy *study,
                      const char         *title,
                      cairo_t            *cr,
                      double              width,
                      double              height)
{
  NcFigureData data = { .title = title };
  double top = title_band (cr, &data, width);
  g_autofree NcPlotSeries *psnr = g_new0 (NcPlotSeries, study->n_curves);
  g_autofree NcPlotSeries *ssim = g_new0 (NcPlotSeries, study->n_curves);
  g_autofree char *damaged = g_strdup_printf (_("Damaged ciphertext (%s %g)"), nc_noise_to_string (study->damage),
                                              study->strength);
  g_autofree char *caption = isfinite (study->psnr)
    ? g_strdup_printf (_("PSNR %.2f dB · SSIM %.4f against the plaintext"), study->psnr, study->ssim)
    : g_strdup_printf (_("identical to the plaintext (SSIM %.4f)"), study->ssim);
  double left = width * 0.4;

  height -= top;
  for (guint i = 0; i < study->n_curves; i++)
    {
      NcColor color = noise_colors[i % G_N_ELEMENTS (noise_colors)];

      psnr[i] = (NcPlotSeries) { study->curves[i].psnr, NC_NOISE_STUDY_POINTS, study->curves[i].label, color, i > 0 };
      ssim[i] = (NcPlotSeries) { study->curves[i].ssim, NC_NOISE_STUDY_POINTS, study->curves[i].label, color, i > 0 };
    }
  nc_plot_set_ink (cr, 0.1, 0.1, 0.1, 1.0);
  nc_plot_pane (cr, cell (0, top, left, height, 1, 2, 0, 0), study->damaged, damaged, NULL);
  nc_plot_set_ink (cr, 0.1, 0.1, 0.1, 1.0);
  nc_plot_pane (cr, cell (0, top, left, height, 1, 2, 0, 1), study->decrypted, _("Decrypted"), caption);
  nc_plot_set_ink (cr, 0.1, 0.1, 0.1, 1.0);
  nc_plot_xy (cr, cell (left, top, width - left, height, 1, 2, 0, 0), study->strengths, NC_NOISE_STUDY_POINTS,
              psnr, study->n_curves, study->strength, "shown", nc_noise_label (study->damage), _("PSNR (dB)"),
              _("Decryption PSNR"), NULL);
  nc_plot_set_ink (cr, 0.1, 0.1, 0.1, 1.0);
  nc_plot_xy (cr, cell (left, top, width - left, height, 1, 2, 0, 1), study->strengths, NC_NOISE_STUDY_POINTS,
              ssim, study->n_curves, study->strength, "shown", nc_noise_label (study->damage), "SSIM",
              _("Decryption SSIM"), NULL);
}

static void
draw_noise (gconstpointer study,
            const char   *title,
            cairo_t      *cr,
            double        width,
            double        height)
{
  nc_figure_draw_noise (study, title, cr, width, height);
}

gboolean
nc_figure_write_noise (const NcNoiseStudy  *study,
                       const char          *title,
                       const char          *path,
                       double               width_pt,
                       double               height_pt,
                       double               dpi,
                       const char * const  *metadata,
                       GError             **error)
{
  StudyFigure figure = { draw_noise, study, title };

  return write_figure_file (path, width_pt, height_pt, 760, 520, dpi, metadata, draw_study_figure,
                            &figure, error);
}
