/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reports. The PDF has a page per figure (A4 landscape, images at full
 * resolution), the NIST table and the attacks' findings; the HTML holds
 * the same, each figure a PNG data URI at 1.5 pixels per point, so the
 * one file is the whole report at a size a browser and a mail open (SVG
 * figures carry every image at full resolution, base64 twice over: ten
 * times larger). */
#include "config.h"
#include "nc-i18n.h"

#include "nc-report.h"

#include <cairo-pdf.h>
#include <math.h>
#include <string.h>

#include "nc-file.h"

#define PAGE_WIDTH 842.0
#define PAGE_HEIGHT 595.0
#define MARGIN 28.0
#define NIST_BITS 1000000

static const NcFigureKind page_figures[] = {
  NC_FIGURE_PANES, NC_FIGURE_HISTOGRAM, NC_FIGURE_SCATTER, NC_FIGURE_KEYFLIP, NC_FIGURE_METRICS,
};

static const char *figure_captions[] = {
  N_("The plaintext, its ciphertext and the decryption."),
  N_("Histograms of the plaintext and the ciphertext, with χ² against the critical value."),
  N_("Adjacent-pixel pairs of the plaintext and the ciphertext, horizontally, vertically and diagonally."),
  N_("One key bit flipped: the two ciphertexts, their difference, and the ciphertext decrypted with the wrong key."),
  N_("Every measure with its verdict at α = 0.05, and the attacks."),
};

/**
 * nc_report_new:
 * @image_name: how the report names the image (its file name)
 * @nist_sequences: sequences of 10^6 bits for the NIST table
 *
 * Measures everything a report holds: the full analysis (attacks
 * included) and NIST SP 800-22 over the key's keystream.
 */
NcReport *
nc_report_new (const NcImage   *plain,
               const char      *image_name,
               const NcEngine  *engine,
               const NcParams  *key,
               guint            nist_sequences,
               GCancellable    *cancellable,
               GError         **error)
{
  g_autoptr(NcReport) report = g_new0 (NcReport, 1);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree guint8 *bits = NULL;

  report->image_name = g_strdup (image_name);
  report->plain = nc_image_ref ((NcImage *) plain);
  report->engine = engine;
  report->key = nc_params_copy (key);
  report->title = nc_engine_describe_variant (engine, nc_params_get_variant (key));
  report->created = g_date_time_format_iso8601 (now);
  if (!nc_analysis_run (plain, NULL, engine, key, 0, NC_ANALYSIS_FULL, &report->analysis, cancellable, error))
    return NULL;
  nist_sequences = MAX (nist_sequences, 1);
  bits = nc_engine_zero_stream_bits (engine, key, (guint64) NIST_BITS * nist_sequences, cancellable, error);
  if (bits == NULL)
    return NULL;
  report->nist = nc_nist_run (bits, NIST_BITS, nist_sequences, NULL, NULL, cancellable, error);
  if (report->nist == NULL)
    return NULL;
  return g_steal_pointer (&report);
}

void
nc_report_free (NcReport *report)
{
  if (report == NULL)
    return;
  g_free (report->image_name);
  g_clear_pointer (&report->plain, nc_image_unref);
  g_clear_pointer (&report->key, nc_params_free);
  g_free (report->title);
  g_free (report->created);
  nc_analysis_clear (&report->analysis);
  nc_nist_report_free (report->nist);
  g_free (report);
}

static NcFigureData
figure_data (const NcReport *report,
             guint           attack)
{
  const NcAnalysis *a = &report->analysis;

  return (NcFigureData) { report->plain, a->cipher_image, a->decrypted, a->flipped_cipher, a->wrong_plain,
                          a, report->title, attack };
}

/* "id = value" for each public parameter, and the key's engine. */
static GPtrArray *
parameter_lines (const NcReport *report)
{
  g_autoptr(GPtrArray) metadata = nc_engine_public_metadata (report->key);
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i + 1 < metadata->len; i += 2)
    g_ptr_array_add (lines, g_strdup_printf ("%s = %s", (const char *) metadata->pdata[i],
                                             (const char *) metadata->pdata[i + 1]));
  return lines;
}

/* The NIST table as rows of (test, p-value or proportion, result); a
 * test of many rows (templates, states) by its worst. */
static GPtrArray *
nist_cells (const NcNistReport *nist)
{
  GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);

  for (guint t = 0; t < NC_NIST_N_TESTS; t++)
    {
      guint n_rows, n_ok;
      const NcNistRow *first = nc_nist_report_first_row (nist, (NcNistTest) t, &n_rows, &n_ok);
      const char *name = nc_nist_test_name ((NcNistTest) t);

      if (first->applicable == 0 && nist->not_applicable[t] != NULL)
        {
          g_ptr_array_add (cells, g_strdup (name));
          g_ptr_array_add (cells, g_strdup (nist->not_applicable[t]));
          g_ptr_array_add (cells, g_strdup (_("not applicable")));
          continue;
        }
      for (guint r = 0; r < (n_rows <= 2 ? n_rows : 1); r++)
        {
          const NcNistRow *row = n_rows <= 2 ? &first[r] : nc_nist_report_worst_row (nist, (NcNistTest) t);
          g_autofree char *value = nist->n_sequences == 1
            ? g_strdup_printf ("p = %.6f", row->p[0])
            : (isnan (row->uniformity_p) ? g_strdup_printf ("%u/%u pass", row->passed, row->applicable)
                                         : g_strdup_printf (_("%u/%u pass, uniformity %.4f"), row->passed,
                                                            row->applicable, row->uniformity_p));

          g_ptr_array_add (cells, row->variant[0] != '\0' ? g_strdup_printf ("%s (%s)", name, row->variant)
                                                          : g_strdup (name));
          g_ptr_array_add (cells, n_rows > 2 ? g_strdup_printf ("%s · %u/%u pass", value, n_ok, n_rows)
                                             : g_steal_pointer (&value));
          g_ptr_array_add (cells, g_strdup (nc_nist_row_passes (row) ? "pass" : "FAIL"));
        }
    }
  return cells;
}

static const char *const lesson_caveat =
  N_("Statistical tests (entropy, χ², correlation, NPCR/UACI, NIST SP 800-22) are necessary, never "
     "sufficient: a cipher that passes them all can still fall to one chosen image. The attacks below "
     "were run against an encryption oracle for this key, never the key itself; “not broken” means only "
     "that these attacks, with their budget, did not break it.");

/* ---- PDF ---- */

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
page_heading (cairo_t    *cr,
              const char *text)
{
  nc_plot_set_ink (cr, 0.1, 0.1, 0.1, 1.0);
  nc_plot_text (cr, text, MARGIN, MARGIN, 18, TRUE, 0, 0);
}

static void
draw_title_page (const NcReport *report,
                 cairo_t        *cr)
{
  g_autoptr(GPtrArray) lines = parameter_lines (report);
  g_autoptr(GString) params = g_string_new (NULL);
  g_autofree char *about = NULL;
  NcFigureData data = figure_data (report, 0);
  double y = MARGIN + 30;

  page_heading (cr, _("Neurocipher report"));
  about = g_strdup_printf (_("%s · %u × %u × %u · %s · %s · Neurocipher %s"), report->image_name,
                           report->plain->width, report->plain->height, report->plain->channels,
                           report->title, report->created, PACKAGE_VERSION);
  y += nc_plot_paragraph (cr, about, MARGIN, y, PAGE_WIDTH - 2 * MARGIN, 11, FALSE) + 6;
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (params, "%s%s", i > 0 ? " · " : _("Public parameters: "), (const char *) lines->pdata[i]);
  y += nc_plot_paragraph (cr, params->str, MARGIN, y, PAGE_WIDTH - 2 * MARGIN, 9, FALSE) + 6;
  nc_plot_set_ink (cr, 0.45, 0.1, 0.1, 1.0);
  y += nc_plot_paragraph (cr, _(lesson_caveat), MARGIN, y, PAGE_WIDTH - 2 * MARGIN, 9, FALSE) + 8;
  cairo_save (cr);
  cairo_translate (cr, MARGIN, y);
  nc_figure_draw (NC_FIGURE_PANES, &data, cr, PAGE_WIDTH - 2 * MARGIN, PAGE_HEIGHT - y - MARGIN);
  cairo_restore (cr);
}

static void
draw_figure_page (const NcReport *report,
                  cairo_t        *cr,
                  NcFigureKind    kind,
                  guint           attack,
                  const char     *caption)
{
  NcFigureData data = figure_data (report, attack);

  cairo_save (cr);
  cairo_translate (cr, MARGIN, MARGIN);
  nc_figure_draw (kind, &data, cr, PAGE_WIDTH - 2 * MARGIN, PAGE_HEIGHT - 2 * MARGIN - 16);
  cairo_restore (cr);
  nc_plot_set_ink (cr, 0.25, 0.25, 0.25, 1.0);
  nc_plot_paragraph (cr, caption, MARGIN, PAGE_HEIGHT - MARGIN - 12, PAGE_WIDTH - 2 * MARGIN, 9, FALSE);
}

static void
draw_nist_page (const NcReport *report,
                cairo_t        *cr)
{
  g_autoptr(GPtrArray) cells = nist_cells (report->nist);
  g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                         "NIST SP 800-22 Rev. 1a: %u sequence of %llu bits of "
                                                         "the keystream (α = 0.01)",
                                                         "NIST SP 800-22 Rev. 1a: %u sequences of %llu bits of "
                                                         "the keystream (α = 0.01)",
                                                         report->nist->n_sequences),
                                            report->nist->n_sequences, (unsigned long long) report->nist->n_bits);

  nc_plot_table (cr, (NcRect) { MARGIN, MARGIN, PAGE_WIDTH - 2 * MARGIN, PAGE_HEIGHT - 2 * MARGIN - 40 },
                 title, (const char * const *) cells->pdata, cells->len / 3);
  nc_plot_set_ink (cr, 0.25, 0.25, 0.25, 1.0);
  nc_plot_paragraph (cr, _("The keystream is the ciphertext of an all-zero image under the key. At α = 0.01 about "
                         "one row in a hundred fails for a good generator; NIST judges a generator over many "
                         "sequences. Passing shows only that these tests found no pattern."),
                     MARGIN, PAGE_HEIGHT - MARGIN - 34, PAGE_WIDTH - 2 * MARGIN, 9, FALSE);
}

static void
draw_findings_page (const NcReport *report,
                    cairo_t        *cr)
{
  const NcAnalysis *a = &report->analysis;
  double y = MARGIN + 30;

  page_heading (cr, _("What breaks it"));
  nc_plot_set_ink (cr, 0.1, 0.1, 0.1, 1.0);
  for (guint i = 0; i < a->n_attacks; i++)
    {
      const NcAttackResult *r = &a->attacks[i];
      const NcAttack *attack = nc_attack_find (r->attack, NULL);
      g_autofree char *head = g_strdup_printf ("%s: %s", attack != NULL ? attack->name : r->attack,
                                               r->broken ? "BROKEN" : _("not broken"));

      y += nc_plot_paragraph (cr, head, MARGIN, y, PAGE_WIDTH - 2 * MARGIN, 11, TRUE) + 2;
      y += nc_plot_paragraph (cr, r->summary != NULL ? r->summary : "", MARGIN, y, PAGE_WIDTH - 2 * MARGIN, 9,
                              FALSE) + 8;
    }
  if (a->warning != NULL)
    y += nc_plot_paragraph (cr, a->warning, MARGIN, y, PAGE_WIDTH - 2 * MARGIN, 10, TRUE) + 8;
  nc_plot_set_ink (cr, 0.45, 0.1, 0.1, 1.0);
  nc_plot_paragraph (cr, _(lesson_caveat), MARGIN, y, PAGE_WIDTH - 2 * MARGIN, 10, FALSE);
}

guint
nc_report_n_pages (const NcReport *report)
{
  return G_N_ELEMENTS (page_figures) + report->analysis.n_attacks + 2;
}

/* A PDF of A4 landscape pages into @bytes. */
static cairo_t *
begin_pdf (GByteArray *bytes,
           const char *title,
           const char *subject)
{
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_t *cr = cairo_create (surface);

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Neurocipher");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, subject);
  cairo_surface_destroy (surface);
  return cr;
}

static GBytes *
end_pdf (cairo_t     *cr,
         GByteArray  *bytes,
         GError     **error)
{
  cairo_surface_t *surface = cairo_surface_reference (cairo_get_target (cr));
  cairo_status_t status = cairo_status (cr);

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_FAILED, _("drawing the report failed (%s)"),
                   cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_byte_array_ref (bytes));
}

static GBytes *
render_pdf (const NcReport  *report,
            GError         **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_t *cr = begin_pdf (bytes, report->title, report->image_name);

  draw_title_page (report, cr);
  cairo_show_page (cr);
  for (guint k = 1; k < G_N_ELEMENTS (page_figures); k++)
    {
      draw_figure_page (report, cr, page_figures[k], 0, nc_tr (figure_captions[k]));
      cairo_show_page (cr);
    }
  for (guint i = 0; i < report->analysis.n_attacks; i++)
    {
      const NcAttackResult *r = &report->analysis.attacks[i];

      const NcAttack *attack = nc_attack_find (r->attack, NULL);
      g_autofree char *caption = g_strdup_printf (_("The attack lab: %s, against an encryption oracle for the key."),
                                                  attack != NULL ? attack->name : r->attack);

      draw_figure_page (report, cr, NC_FIGURE_ATTACKS, i, caption);
      cairo_show_page (cr);
    }
  draw_nist_page (report, cr);
  cairo_show_page (cr);
  draw_findings_page (report, cr);
  cairo_show_page (cr);
  return end_pdf (cr, bytes, error);
}

/* ---- A lesson's handout ---- */

typedef struct {
  NcExpectationResult *results;
  NcAnalysis           analysis;
} HandoutStep;

/* The figure a step is shown with: the lesson's view where it is a
 * figure, else the three panes; an attacks figure shows the attack the
 * step names first. */
static NcFigureKind
handout_figure (const NcLesson     *lesson,
                const NcLessonStep *step,
                const NcAnalysis   *analysis,
                guint              *attack)
{
  NcFigureKind kind = NC_FIGURE_PANES;

  *attack = 0;
  if (lesson->view == NULL || !nc_figure_kind_from_string (lesson->view, &kind, NULL))
    return NC_FIGURE_PANES;
  if (kind == NC_FIGURE_ATTACKS && analysis->n_attacks == 0)
    return NC_FIGURE_PANES;
  for (guint e = 0; e < step->n_expectations && kind == NC_FIGURE_ATTACKS; e++)
    for (guint i = 0; i < analysis->n_attacks; i++)
      {
        g_autofree char *measure = g_strdup_printf ("attack.%s.broken", analysis->attacks[i].attack);

        if (g_str_equal (step->expectations[e].measure, measure))
          {
            *attack = i;
            return kind;
          }
      }
  return kind;
}

static double
draw_expectations (cairo_t                   *cr,
                   const NcLessonStep        *step,
                   const NcExpectationResult *results,
                   double                     y)
{
  for (guint e = 0; e < step->n_expectations; e++)
    {
      g_autofree char *said = nc_expectation_describe (results[e].expectation, results[e].measured);
      g_autofree char *line = g_strdup_printf ("%s %s", results[e].holds ? "✓" : "✗", said);

      if (results[e].holds)
        nc_plot_set_ink (cr, 0.1, 0.45, 0.2, 1.0);
      else
        nc_plot_set_ink (cr, 0.65, 0.1, 0.1, 1.0);
      y += nc_plot_paragraph (cr, line, MARGIN, y, PAGE_WIDTH - 2 * MARGIN, 10, TRUE) + 2;
    }
  return y;
}

static void
draw_handout_title (cairo_t        *cr,
                    const NcLesson *lesson,
                    const char     *image_name,
                    const NcImage  *image,
                    guint           confirmed,
                    guint           total)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created = g_date_time_format_iso8601 (now);
  g_autofree char *text = g_strcompress (lesson->text);
  g_autofree char *about = g_strdup_printf (_("A Neurocipher lesson, measured on %s (%u × %u × %u) · %s · "
                                            "Neurocipher %s"), image_name, image->width, image->height,
                                            image->channels, created, PACKAGE_VERSION);
  g_autofree char *tally = g_strdup_printf (_("%u of %u expectations confirmed on this image."), confirmed, total);
  double y = MARGIN + 30;

  page_heading (cr, lesson->title);
  nc_plot_set_ink (cr, 0.25, 0.25, 0.25, 1.0);
  y += nc_plot_paragraph (cr, about, MARGIN, y, PAGE_WIDTH - 2 * MARGIN, 9, FALSE) + 10;
  nc_plot_set_ink (cr, 0.1, 0.1, 0.1, 1.0);
  y += nc_plot_paragraph (cr, text, MARGIN, y, PAGE_WIDTH - 2 * MARGIN, 12, FALSE) + 12;
  for (guint s = 0; s < lesson->n_steps; s++)
    {
      g_autofree char *line = g_strdup_printf (_("Step %u: %s"), s + 1, lesson->steps[s].title);

      y += nc_plot_paragraph (cr, line, MARGIN, y, PAGE_WIDTH - 2 * MARGIN, 11, FALSE) + 3;
    }
  y += 10;
  y += nc_plot_paragraph (cr, tally, MARGIN, y, PAGE_WIDTH - 2 * MARGIN, 11, TRUE) + 10;
  nc_plot_set_ink (cr, 0.45, 0.1, 0.1, 1.0);
  nc_plot_paragraph (cr, _(lesson_caveat), MARGIN, y, PAGE_WIDTH - 2 * MARGIN, 9, FALSE);
}

static void
draw_handout_step (cairo_t           *cr,
                   const NcLesson    *lesson,
                   guint              s,
                   const HandoutStep *step,
                   const NcImage     *image)
{
  const NcLessonStep *ls = &lesson->steps[s];
  const NcAnalysis *a = &step->analysis;
  g_autofree char *heading = g_strdup_printf (_("Step %u of %u: %s"), s + 1, lesson->n_steps, ls->title);
  g_autofree char *text = ls->text != NULL ? g_strcompress (ls->text) : NULL;
  g_autoptr(NcParams) key = nc_lesson_key (lesson, s + 1, NULL);
  g_autofree char *title = key != NULL ? nc_engine_describe_variant (nc_engine_for_params (key),
                                                                     nc_params_get_variant (key))
                                       : g_strdup (lesson->title);
  NcFigureData data = { image, a->cipher_image, a->decrypted, a->flipped_cipher, a->wrong_plain, a, title, 0 };
  NcFigureKind kind = handout_figure (lesson, ls, a, &data.attack);
  double y = MARGIN + 28;

  page_heading (cr, heading);
  nc_plot_set_ink (cr, 0.1, 0.1, 0.1, 1.0);
  if (text != NULL)
    y += nc_plot_paragraph (cr, text, MARGIN, y, PAGE_WIDTH - 2 * MARGIN, 10, FALSE) + 6;
  y = draw_expectations (cr, ls, step->results, y) + 6;
  if (PAGE_HEIGHT - MARGIN - y < 120)
    return;
  cairo_save (cr);
  cairo_translate (cr, MARGIN, y);
  nc_figure_draw (kind, &data, cr, PAGE_WIDTH - 2 * MARGIN, PAGE_HEIGHT - y - MARGIN);
  cairo_restore (cr);
}

/**
 * nc_handout_write:
 * @image_name: for the title page
 *
 * Runs @lesson on @image, step by step, and writes its handout to @path
 * (a PDF, whole or not at all): the lesson's text, then a page per step
 * with its text, each expectation's measured value confirmed or not, and
 * the figure of the lesson's view.
 */
gboolean
nc_handout_write (const NcLesson  *lesson,
                  const NcImage   *image,
                  const char      *image_name,
                  const char      *path,
                  GCancellable    *cancellable,
                  GError         **error)
{
  g_autoptr(NcLessonRun) run = nc_lesson_run_new (lesson, image);
  g_autofree HandoutStep *steps = g_new0 (HandoutStep, lesson->n_steps);
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GBytes) pdf = NULL;
  guint done = 0, confirmed = 0, total = 0;
  gboolean ok = TRUE;
  cairo_t *cr;

  if (!g_str_has_suffix (path, ".pdf"))
    {
      nc_set_file_error (error, NC_ERROR_UNSUPPORTED, path, _("a handout is written as .pdf"));
      return FALSE;
    }
  for (; done < lesson->n_steps && ok; done++)
    {
      steps[done].results = g_new0 (NcExpectationResult, MAX (lesson->steps[done].n_expectations, 1));
      ok = nc_lesson_run_step (run, done, steps[done].results, &steps[done].analysis, cancellable, error);
      for (guint e = 0; ok && e < lesson->steps[done].n_expectations; e++)
        {
          total++;
          confirmed += steps[done].results[e].holds;
        }
    }
  if (ok)
    {
      cr = begin_pdf (bytes, lesson->title, image_name);
      draw_handout_title (cr, lesson, image_name, image, confirmed, total);
      cairo_show_page (cr);
      for (guint s = 0; s < lesson->n_steps; s++)
        {
          draw_handout_step (cr, lesson, s, &steps[s], image);
          cairo_show_page (cr);
        }
      pdf = end_pdf (cr, bytes, error);
    }
  for (guint s = 0; s < done; s++)
    {
      if (s + 1 < done || ok)
        nc_analysis_clear (&steps[s].analysis);
      g_free (steps[s].results);
    }
  if (pdf == NULL)
    {
      nc_prefix_file_error (error, path);
      return FALSE;
    }
  return nc_file_write_atomic (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), error);
}

/* ---- HTML ---- */

typedef struct {
  const NcReport *report;
  NcFigureKind    kind;
  guint           attack;
} HtmlFigure;

static void
draw_html_figure (cairo_t *cr,
                  double   width,
                  double   height,
                  gpointer user_data)
{
  const HtmlFigure *f = user_data;
  NcFigureData data = figure_data (f->report, f->attack);

  nc_figure_draw (f->kind, &data, cr, width, height);
}

static void
append_escaped (GString    *html,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (html, escaped);
}

static gboolean
append_figure (GString        *html,
               const NcReport *report,
               NcFigureKind    kind,
               guint           attack,
               const char     *caption,
               GError        **error)
{
  HtmlFigure f = { report, kind, attack };
  double width, height;
  g_autoptr(GBytes) png = NULL;
  g_autofree char *base64 = NULL;
  gsize length;
  const guchar *data;

  nc_figure_default_size (kind, &width, &height);
  png = nc_figure_render (NC_FIGURE_PNG, width, height, 1.5 * 72, NULL, draw_html_figure, &f, error);
  if (png == NULL)
    return FALSE;
  data = g_bytes_get_data (png, &length);
  base64 = g_base64_encode (data, length);
  g_string_append_printf (html, "<figure><img alt=\"%s\" width=\"%.0f\" src=\"data:image/png;base64,%s\">"
                                "<figcaption>", nc_figure_kind_to_string (kind), width * 4.0 / 3.0, base64);
  append_escaped (html, caption);
  g_string_append (html, "</figcaption></figure>\n");
  return TRUE;
}

static void
append_table (GString            *html,
              const char         *heading,
              const char * const *cells,
              guint               n_rows)
{
  g_string_append (html, "<table>\n<tr>");
  for (guint c = 0; c < 3; c++)
    g_string_append_printf (html, "<th>%s</th>", c == 0 ? heading : (c == 1 ? _("Value") : _("Verdict")));
  g_string_append (html, "</tr>\n");
  for (guint r = 0; r < n_rows; r++)
    {
      const char *verdict = cells[3 * r + 2];
      gboolean bad = g_str_has_prefix (verdict, "fail") || g_str_has_prefix (verdict, "FAIL") ||
                     g_str_has_prefix (verdict, "BROKEN");

      g_string_append (html, "<tr><td>");
      append_escaped (html, cells[3 * r]);
      g_string_append (html, "</td><td>");
      append_escaped (html, cells[3 * r + 1]);
      g_string_append_printf (html, "</td><td class=\"%s\">", bad ? "bad" : "");
      append_escaped (html, verdict);
      g_string_append (html, "</td></tr>\n");
    }
  g_string_append (html, "</table>\n");
}

static GBytes *
render_html (const NcReport  *report,
             GError         **error)
{
  g_autoptr(GString) html = g_string_new (NULL);
  g_autoptr(GPtrArray) lines = parameter_lines (report);
  g_autoptr(GPtrArray) metrics = nc_figure_metrics_cells (&report->analysis);
  g_autoptr(GPtrArray) nist = nist_cells (report->nist);
  const NcAnalysis *a = &report->analysis;

  g_string_append (html, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
  append_escaped (html, report->title);
  g_string_append (html, " — Neurocipher report</title>\n<style>\n"
                         "body { font-family: sans-serif; max-width: 64em; margin: 2em auto; padding: 0 1em; }\n"
                         "table { border-collapse: collapse; margin: 1em 0; }\n"
                         "td, th { border: 1px solid #ccc; padding: 0.2em 0.6em; text-align: left; }\n"
                         "td.bad { color: #a00; font-weight: bold; }\n"
                         "figure { margin: 1.5em 0; } figure img { max-width: 100%; height: auto; }\n"
                         ".lesson { color: #700; }\n</style>\n</head>\n<body>\n<h1>");
  append_escaped (html, report->title);
  g_string_append (html, "</h1>\n<p>");
  {
    g_autofree char *about = g_strdup_printf (_("%s, %u × %u × %u; made %s by Neurocipher %s."), report->image_name,
                                              report->plain->width, report->plain->height,
                                              report->plain->channels, report->created, PACKAGE_VERSION);

    append_escaped (html, about);
  }
  g_string_append (html, "</p>\n<p class=\"lesson\">");
  append_escaped (html, _(lesson_caveat));
  g_string_append_printf (html, "</p>\n<h2>%s</h2>\n<ul>\n", _("Public parameters"));
  for (guint i = 0; i < lines->len; i++)
    {
      g_string_append (html, "<li>");
      append_escaped (html, lines->pdata[i]);
      g_string_append (html, "</li>\n");
    }
  g_string_append_printf (html, "</ul>\n<h2>%s</h2>\n", _("Figures"));
  for (guint k = 0; k < G_N_ELEMENTS (page_figures); k++)
    if (!append_figure (html, report, page_figures[k], 0, nc_tr (figure_captions[k]), error))
      return NULL;
  g_string_append_printf (html, "<h2>%s</h2>\n", _("Measures"));
  append_table (html, _("Measure"), (const char * const *) metrics->pdata, metrics->len / 3);
  g_string_append_printf (html, "<h2>%s</h2>\n<p>", _("Randomness (NIST SP 800-22 Rev. 1a)"));
  {
    g_autofree char *about = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "%u sequence of %llu bits of the keystream (the "
                                                           "ciphertext of an all-zero image under the key), "
                                                           "α = 0.01.",
                                                           "%u sequences of %llu bits of the keystream (the "
                                                           "ciphertext of an all-zero image under the key), "
                                                           "α = 0.01.",
                                                           report->nist->n_sequences),
                                              report->nist->n_sequences, (unsigned long long) report->nist->n_bits);

    append_escaped (html, about);
  }
  g_string_append (html, "</p>\n");
  append_table (html, _("Test"), (const char * const *) nist->pdata, nist->len / 3);
  g_string_append_printf (html, "<h2>%s</h2>\n", _("What breaks it"));
  for (guint i = 0; i < a->n_attacks; i++)
    {
      const NcAttackResult *r = &a->attacks[i];
      const NcAttack *attack = nc_attack_find (r->attack, NULL);

      g_string_append (html, "<h3>");
      append_escaped (html, attack != NULL ? attack->name : r->attack);
      g_string_append_printf (html, ": %s</h3>\n<p>", r->broken ? "<span class=\"lesson\">broken</span>" : _("not broken"));
      append_escaped (html, r->summary != NULL ? r->summary : "");
      g_string_append (html, "</p>\n");
      if (!append_figure (html, report, NC_FIGURE_ATTACKS, i, _("The chosen images, what the oracle made of them, "
                          "and what the attack read."), error))
        return NULL;
    }
  if (a->warning != NULL)
    {
      g_string_append (html, "<p class=\"lesson\">");
      append_escaped (html, a->warning);
      g_string_append (html, "</p>\n");
    }
  g_string_append (html, "</body>\n</html>\n");
  return g_string_free_to_bytes (g_steal_pointer (&html));
}

gboolean
nc_report_write (const NcReport  *report,
                 const char      *path,
                 GError         **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize length;
  const void *data;

  if (g_str_has_suffix (path, ".pdf"))
    bytes = render_pdf (report, error);
  else if (g_str_has_suffix (path, ".html") || g_str_has_suffix (path, ".htm"))
    bytes = render_html (report, error);
  else
    {
      nc_set_file_error (error, NC_ERROR_UNSUPPORTED, path, _("reports are written as .pdf or .html"));
      return FALSE;
    }
  if (bytes == NULL)
    {
      nc_prefix_file_error (error, path);
      return FALSE;
    }
  data = g_bytes_get_data (bytes, &length);
  return nc_file_write_atomic (path, data, length, error);
}
