/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Renderers and figure files: every figure in every format is a valid
 * file of the right size, with its metadata; degenerate images (1 × 1,
 * constant) draw without errors. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "nc-figures.h"
#include "nc-plot-image.h"
#include "nc-report.h"
#include "nc-test-util.h"

static void
draw_nothing (cairo_t *cr,
              double   width,
              double   height,
              gpointer user_data)
{
  (void) cr;
  (void) width;
  (void) height;
  (void) user_data;
}

static void
write_every_figure (const NcImage  *plain,
                    const char     *engine_id,
                    NcAnalysisFlags flags,
                    const char     *dir)
{
  const NcEngine *engine = nc_engine_find (engine_id, NULL);
  g_autoptr(NcParams) key = nc_engine_new_params (engine);
  const char * const metadata[] = { "neurocipher:engine", engine_id, NULL };
  NcAnalysis analysis;
  NcFigureData data;

  g_assert_true (nc_analysis_run (plain, NULL, engine, key, 0, flags, &analysis, NULL, NULL));
  data = (NcFigureData) { plain, analysis.cipher_image, analysis.decrypted,
                          analysis.flipped_cipher, analysis.wrong_plain, &analysis, "Test", 0 };

  for (int k = 0; k < NC_N_FIGURES; k++)
    {
      static const char *extensions[] = { "png", "svg", "pdf" };

      for (int f = 0; f < 3; f++)
        {
          g_autofree char *path = g_strdup_printf ("%s/%s.%s", dir,
                                                   nc_figure_kind_to_string ((NcFigureKind) k),
                                                   extensions[f]);
          g_autoptr(GError) error = NULL;
          g_autofree char *contents = NULL;
          NcFigureFormat format;
          gsize length;

          g_assert_true (nc_figure_format_from_path (path, &format, NULL));
          g_assert_true (nc_figure_write_kind ((NcFigureKind) k, &data, path, 300, 200, 96,
                                               metadata, &error));
          g_assert_no_error (error);
          g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
          if (format == NC_FIGURE_PNG)
            {
              g_autoptr(NcLoadInfo) info = NULL;
              g_autoptr(NcImage) png = nc_image_load (path, &info, &error);

              g_assert_no_error (error);
              /* 300 × 200 points at 96 dpi. */
              g_assert_cmpuint (png->width, ==, 400);
              g_assert_cmpuint (png->height, ==, 267);
              g_assert_cmpstr (g_hash_table_lookup (info->text, "neurocipher:engine"), ==, engine_id);
            }
          else if (format == NC_FIGURE_SVG)
            {
              g_assert_nonnull (strstr (contents, "<svg"));
              g_assert_nonnull (strstr (contents, "width=\"300"));
              g_assert_nonnull (strstr (contents, "neurocipher:engine="));
            }
          else
            {
              g_assert_true (g_str_has_prefix (contents, "%PDF-"));
              /* The file holds binary streams: search all of it. */
              g_assert_nonnull (memmem (contents, length, "/MediaBox [ 0 0 300 200 ]", 25));
            }
        }
    }
  nc_analysis_clear (&analysis);
}

static void
test_every_figure (void)
{
  g_autofree char *dir = nc_test_tmpdir_new ();
  g_autofree char *path = nc_test_sample_path ("astronaut.png");
  g_autoptr(NcImage) image = nc_image_load (path, NULL, NULL);

  write_every_figure (image, "hopfield", NC_ANALYSIS_FULL, dir);
  nc_test_tmpdir_remove (dir);
}

/* A live result for a view without the key flip: every figure draws,
 * and the metrics say the key sensitivity waits for the sliders to rest
 * instead of showing NAN or a verdict. */
static void
test_without_key_flip (void)
{
  g_autofree char *dir = nc_test_tmpdir_new ();
  g_autoptr(NcImage) image = nc_test_pattern_image (64, 48, 3, 2);
  const NcEngine *engine = nc_engine_find ("hopfield", NULL);
  g_autoptr(NcParams) key = nc_engine_new_params (engine);
  g_autoptr(GPtrArray) cells = NULL;
  g_autoptr(GString) all = g_string_new (NULL);
  NcAnalysis analysis;

  write_every_figure (image, "hopfield", NC_ANALYSIS_NO_KEY_FLIP, dir);
  g_assert_true (nc_analysis_run (image, NULL, engine, key, 0, NC_ANALYSIS_NO_KEY_FLIP, &analysis,
                                  NULL, NULL));
  cells = nc_figure_metrics_cells (&analysis);
  for (guint i = 0; i < cells->len; i++)
    g_string_append_printf (all, "%s\n", (const char *) cells->pdata[i]);
  g_assert_nonnull (strstr (all->str, "Key sensitivity\nmeasured when the sliders rest\n"));
  g_assert_null (strstr (all->str, "Key sensitivity NPCR"));
  g_assert_null (strstr (all->str, "nan"));
  nc_analysis_clear (&analysis);
  nc_test_tmpdir_remove (dir);
}

static void
test_degenerate (void)
{
  g_autofree char *dir = nc_test_tmpdir_new ();
  g_autoptr(NcImage) one = nc_image_new (1, 1, 3, NULL);
  g_autoptr(NcImage) flat = nc_image_new (40, 30, 1, NULL);

  memset (flat->data, 99, nc_image_get_n_bytes (flat));
  write_every_figure (one, "chacha20", NC_ANALYSIS_FULL, dir);
  write_every_figure (flat, "cellular", NC_ANALYSIS_FULL, dir);
  nc_test_tmpdir_remove (dir);
}

/* Curves: empty, single-point, constant-zero, infinite and NaN series
 * draw without errors and leave the surface sane. */
static void
draw_curves (cairo_t *cr,
             double   width,
             double   height,
             gpointer user_data)
{
  static const double one[] = { 0.5 };
  static const double flat[] = { 0, 0, 0 };
  static const double odd[] = { 1, INFINITY, NAN, -2, 3e9 };
  static const double loss[] = { 4.5, 3.2, 2.1, 1.4, 0.9 };
  const NcPlotSeries series[] = {
    { NULL, 0, "empty", { 0, 0, 0 }, FALSE },
    { one, 1, "one", { 1, 0, 0 }, TRUE },
    { flat, 3, NULL, { 0, 1, 0 }, FALSE },
    { odd, 5, "odd", { 0, 0, 1 }, TRUE },
  };
  const NcPlotSeries single[] = { { loss, 5, "G loss", { 0.8, 0.1, 0.1 }, FALSE } };

  (void) user_data;
  nc_plot_curves (cr, (NcRect) { 0, 0, width / 2, height }, series, G_N_ELEMENTS (series), 0,
                  "step", "value", "Odd series", "caption");
  nc_plot_curves (cr, (NcRect) { width / 2, 0, width / 2, height }, single, 1, 5, NULL, NULL,
                  NULL, NULL);
  nc_plot_curves (cr, (NcRect) { 0, 0, 1, 1 }, NULL, 0, 0, NULL, NULL, NULL, NULL);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
}

static void
test_curves (void)
{
  g_autofree char *dir = nc_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "curves.png", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(NcImage) png = NULL;

  g_assert_true (nc_figure_write (path, NC_FIGURE_PNG, 400, 200, 72, NULL, draw_curves, NULL,
                                  &error));
  g_assert_no_error (error);
  png = nc_image_load (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (png->width, ==, 400);
  nc_test_tmpdir_remove (dir);
}

static void
test_refusals (void)
{
  g_autoptr(GError) error = NULL;
  NcFigureFormat format;
  NcFigureKind kind;

  g_assert_false (nc_figure_format_from_path ("figure.jpg", &format, &error));
  g_assert_error (error, NC_ERROR, NC_ERROR_UNSUPPORTED);
  g_clear_error (&error);
  g_assert_false (nc_figure_kind_from_string ("pie", &kind, &error));
  g_assert_error (error, NC_ERROR, NC_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (nc_figure_write ("/tmp/never.png", NC_FIGURE_PNG, 1e6, 10, 300, NULL,
                                   draw_nothing, NULL, &error));
  g_assert_error (error, NC_ERROR, NC_ERROR_INVALID);
  g_assert_false (g_file_test ("/tmp/never.png", G_FILE_TEST_EXISTS));
}

/* Pages of a PDF, as its page objects count them; and as pdfinfo says,
 * where it is installed. */
static guint
pdf_pages (const char *path)
{
  g_autofree char *contents = NULL;
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");
  gsize length;
  guint pages;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  pages = nc_test_pdf_pages (contents, length);
  if (pdfinfo != NULL)
    {
      g_autofree char *out = NULL;
      g_autofree char *command = g_strdup_printf ("pdfinfo '%s'", path);
      const char *line;

      g_assert_true (g_spawn_command_line_sync (command, &out, NULL, NULL, NULL));
      line = strstr (out, "Pages:");
      g_assert_nonnull (line);
      g_assert_cmpuint ((guint) g_ascii_strtoull (line + 6 + strspn (line + 6, " "), NULL, 10), ==, pages);
      g_assert_nonnull (strstr (out, "842 x 595 pts"));
    }
  return pages;
}

/* A report holds every figure: a page each in the PDF (an attack a page),
 * the NIST table and the findings; the HTML the same as data URIs. */
static void
test_report (void)
{
  g_autoptr(NcImage) plain = nc_test_pattern_image (96, 64, 3, 5);
  const NcEngine *engine = nc_engine_find ("hopfield", NULL);
  g_autoptr(NcParams) key = nc_engine_new_params (engine);
  g_autoptr(NcReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = nc_test_tmpdir_new ();
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *html = g_build_filename (dir, "report.html", NULL);
  g_autofree char *bad = g_build_filename (dir, "report.txt", NULL);
  g_autofree char *text = NULL;
  guint figures = 0;

  g_assert_true (nc_params_set (key, "diffuse", 0, NULL));
  report = nc_report_new (plain, "pattern.png", engine, key, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->analysis.n_attacks, ==, 5);
  g_assert_true (nc_report_write (report, pdf, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pdf_pages (pdf), ==, nc_report_n_pages (report));
  g_assert_cmpuint (nc_report_n_pages (report), ==, 5 + 5 + 2);

  g_assert_true (nc_report_write (report, html, &error));
  g_assert_true (g_file_get_contents (html, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "<!DOCTYPE html>"));
  for (const char *p = text; (p = strstr (p, "src=\"data:image/png;base64,")) != NULL; p++)
    figures++;
  g_assert_cmpuint (figures, ==, 5 + 5);
  g_assert_nonnull (strstr (text, "Randomness (NIST SP 800-22 Rev. 1a)"));
  g_assert_nonnull (strstr (text, "Linear complexity"));
  g_assert_nonnull (strstr (text, "Permutation and keystream: <span class=\"lesson\">broken</span>"));
  g_assert_null (strstr (text, "http://"));
  g_assert_null (strstr (text, "https://"));

  g_assert_false (nc_report_write (report, bad, &error));
  g_assert_error (error, NC_ERROR, NC_ERROR_UNSUPPORTED);
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
  nc_test_tmpdir_remove (dir);
}

/* A PNG figure records its resolution (pHYs, pixels per metre), so a
 * document places a 300-dpi export at its size. */
static void
test_png_resolution (void)
{
  g_autoptr(NcImage) plain = nc_test_pattern_image (32, 32, 1, 3);
  g_autofree char *dir = nc_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "fig.png", NULL);
  g_autofree guint8 *data = NULL;
  NcFigureData fig = { plain, NULL, NULL, NULL, NULL, NULL, "Test", 0 };
  const guint8 *p;
  gsize length;

  g_assert_true (nc_figure_write_kind (NC_FIGURE_PANES, &fig, path, 200, 100, 300, NULL, NULL));
  g_assert_true (g_file_get_contents (path, (char **) &data, &length, NULL));
  p = memmem (data, length, "pHYs", 4);
  g_assert_nonnull (p);
  /* 300 / 0.0254 = 11811 per metre, both ways, unit metre. */
  g_assert_cmpuint ((guint) p[4] << 24 | (guint) p[5] << 16 | (guint) p[6] << 8 | p[7], ==, 11811);
  g_assert_cmpuint ((guint) p[8] << 24 | (guint) p[9] << 16 | (guint) p[10] << 8 | p[11], ==, 11811);
  g_assert_cmpuint (p[12], ==, 1);
  nc_test_tmpdir_remove (dir);
}

/* The ink of one 1 × 1 surface painted with nc_plot_set_ink(). */
static void
ink_of (double  r,
        double  g,
        double  b,
        guint8  out[3])
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1, 1);
  cairo_t *cr = cairo_create (surface);
  const guint8 *data;

  nc_plot_set_ink (cr, r, g, b, 1.0);
  cairo_paint (cr);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  /* B, G, R in memory. */
  out[0] = data[2];
  out[1] = data[1];
  out[2] = data[0];
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* On a dark screen greys and dark colours turn over, between #1e1e1e
 * and 92 % white, their hue kept; lighter colours stay; and the setting
 * belongs to the thread that made it. */
static gpointer
dark_elsewhere (gpointer data)
{
  (void) data;
  return GINT_TO_POINTER (nc_plot_get_dark ());
}

static void
test_dark_inks (void)
{
  guint8 ink[3];
  GThread *thread;

  ink_of (1.0, 1.0, 1.0, ink);
  g_assert_cmpuint (ink[0], ==, 255);
  nc_plot_set_dark (TRUE);
  thread = g_thread_new ("dark", dark_elsewhere, NULL);
  g_assert_false (GPOINTER_TO_INT (g_thread_join (thread)));
  ink_of (1.0, 1.0, 1.0, ink);
  g_assert_cmpuint (ink[0], ==, 30);
  g_assert_cmpuint (ink[2], ==, 30);
  ink_of (0.0, 0.0, 0.0, ink);
  g_assert_cmpuint (ink[1], ==, 235);
  ink_of (0.1, 0.1, 0.1, ink);
  g_assert_cmpuint (ink[0], >, 180);
  /* Dark red turns light red: red stays the largest. */
  ink_of (0.45, 0.1, 0.1, ink);
  g_assert_cmpuint (ink[0], >, ink[1]);
  g_assert_cmpuint (ink[1], >, 128);
  /* A channel colour keeps its value. */
  ink_of (nc_plot_channel_colors[1].r, nc_plot_channel_colors[1].g, nc_plot_channel_colors[1].b, ink);
  g_assert_cmpuint (ink[1], ==, (guint) floor (nc_plot_channel_colors[1].g * 255 + 0.5));
  nc_plot_set_dark (FALSE);
  ink_of (0.1, 0.1, 0.1, ink);
  g_assert_cmpuint (ink[0], <, 30);
}

/* On a screen a large image is sampled down before it is drawn: the
 * same picture where it lands (a 2048 × 1024 image, red on the left,
 * blue on the right, in 256 × 128 pixels); a file gets it whole. */
static void
test_screen_sampling (void)
{
  g_autoptr(NcImage) image = nc_image_new (2048, 1024, 3, NULL);

  for (guint y = 0; y < image->height; y++)
    for (guint x = 0; x < image->width; x++)
      {
        guint8 *p = image->data + ((gsize) y * image->width + x) * 3;

        p[0] = x < 1024 ? 220 : 10;
        p[1] = (guint8) (y & 1);   /* a pattern a sampling could alias: stays 0 or 1 */
        p[2] = x < 1024 ? 10 : 220;
      }
  for (int scale = 0; scale <= 1; scale++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 256, 128);
      cairo_t *cr = cairo_create (surface);
      const guint8 *data;
      int stride;

      nc_plot_set_screen_scale (scale);
      g_assert_cmpint (nc_plot_get_screen_scale (), ==, scale);
      nc_plot_image (cr, image, 0, 0, 256, 128);
      nc_plot_set_screen_scale (0);
      cairo_surface_flush (surface);
      data = cairo_image_surface_get_data (surface);
      stride = cairo_image_surface_get_stride (surface);
      for (int y = 0; y < 128; y += 17)
        for (int x = 0; x < 256; x += 9)
          {
            const guint8 *p = data + y * stride + x * 4;   /* B, G, R */

            g_assert_cmpuint (p[2], ==, x < 128 ? 220 : 10);
            g_assert_cmpuint (p[0], ==, x < 128 ? 10 : 220);
            g_assert_cmpuint (p[1], <=, 1);
          }
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
}

/* The difference map too: drawn for a screen from the pixels it covers,
 * it is the picture the full map gives. */
static void
test_screen_difference (void)
{
  g_autoptr(NcImage) a = nc_image_new (2048, 1024, 3, NULL);
  g_autoptr(NcImage) b = nc_image_new (2048, 1024, 3, NULL);
  guint8 *drawn[2];
  int stride = 0;

  for (gsize i = 0; i < nc_image_get_n_bytes (a); i++)
    {
      gsize x = (i / 3) % a->width;

      a->data[i] = 0;
      b->data[i] = x < 1024 ? 255 : 0;
    }
  for (int scale = 0; scale <= 1; scale++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 300, 160);
      cairo_t *cr = cairo_create (surface);

      nc_plot_set_screen_scale (scale);
      nc_plot_difference (cr, (NcRect) { 0, 0, 300, 160 }, a, b, "|a − b|", NULL);
      nc_plot_set_screen_scale (0);
      cairo_surface_flush (surface);
      stride = cairo_image_surface_get_stride (surface);
      drawn[scale] = g_memdup2 (cairo_image_surface_get_data (surface), (gsize) stride * 160);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
  g_assert_cmpmem (drawn[0], (gsize) stride * 160, drawn[1], (gsize) stride * 160);
  g_free (drawn[0]);
  g_free (drawn[1]);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plot/every-figure", test_every_figure);
  g_test_add_func ("/plot/without-key-flip", test_without_key_flip);
  g_test_add_func ("/plot/degenerate", test_degenerate);
  g_test_add_func ("/plot/curves", test_curves);
  g_test_add_func ("/plot/refusals", test_refusals);
  g_test_add_func ("/plot/report", test_report);
  g_test_add_func ("/plot/png-resolution", test_png_resolution);
  g_test_add_func ("/plot/dark-inks", test_dark_inks);
  g_test_add_func ("/plot/screen-sampling", test_screen_sampling);
  g_test_add_func ("/plot/screen-difference", test_screen_difference);

  return g_test_run ();
}
