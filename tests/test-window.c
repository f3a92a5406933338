/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The real window under a display (Xvfb in CI), driven through its
 * actions. The tests wait on signals and property notifications, never
 * on a clock (meson's timeout is the one clock), and use small images
 * unless size is the point. Without a display the test is skipped,
 * never passed. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "nc-test-engine.h"
#include "nc-test-hostile.h"
#include "nc-test-util.h"
#include "nc-figures.h"
#include "nc-compare-view.h"
#include "nc-noise-view.h"
#include "nc-guide-window.h"
#include "nc-measure-view.h"
#include "nc-param-panel.h"
#include "nc-randomness-view.h"
#include "nc-sweep-view.h"
#include "nc-training-view.h"
#include "nc-window-private.h"

static char *tmpdir;

/* ---- Waiting on events ---- */

static void
wait_until_loaded (NcWindow *window)
{
  while (nc_window_get_loading (window))
    g_main_context_iteration (NULL, TRUE);
}

/* Until the panes show the newest inputs (the full analysis may still
 * run). */
static void
wait_until_live (NcWindow *window)
{
  while (nc_window_get_loading (window) || nc_window_get_stale (window) ||
         nc_window_get_analysis (window) == NULL)
    g_main_context_iteration (NULL, TRUE);
}

/* Until the window rests: the full analysis done too. */
static void
wait_until_rest (NcWindow *window)
{
  while (nc_window_get_loading (window) || nc_window_get_updating (window) ||
         nc_window_get_analysis (window) == NULL)
    g_main_context_iteration (NULL, TRUE);
}

static void
on_after_paint (GdkFrameClock *clock,
                gboolean      *painted)
{
  (void) clock;
  *painted = TRUE;
}

/* Until @widget's window has painted a frame with what is queued now. */
static void
wait_for_frame (GtkWidget *widget)
{
  GdkFrameClock *clock;
  gboolean painted = FALSE;
  gulong handler;

  while (!gtk_widget_get_mapped (widget))
    g_main_context_iteration (NULL, TRUE);
  clock = gtk_widget_get_frame_clock (widget);
  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &painted);
  gtk_widget_queue_draw (widget);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, handler);
}

static void
on_study_finished (NcStudy  *study,
                   gboolean *finished)
{
  (void) study;
  *finished = TRUE;
}

/* Runs @study and waits for it to end. */
static void
run_study (NcStudy *study)
{
  gboolean finished = FALSE;
  gulong handler = g_signal_connect (study, "finished", G_CALLBACK (on_study_finished), &finished);

  nc_study_run (study);
  while (!finished)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (study, handler);
  g_assert_false (nc_study_get_busy (study));
}

/* ---- Helpers ---- */

/* What @widget shows now, or %NULL when it has drawn nothing yet. */
static GdkTexture *
render_widget (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  int width, height;

  wait_for_frame (widget);
  /* The window's crossfade from the empty page, if still under way. */
  while (NC_IS_WINDOW (widget) && gtk_stack_get_transition_running (NC_WINDOW (widget)->stack))
    wait_for_frame (widget);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return NULL;
  return gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                      &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/* Saves what the window shows as a test artifact, to look at. */
static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  g_autoptr(GdkTexture) texture = render_widget (widget);
  g_autofree char *dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "screenshots", NULL);
  g_autofree char *path = NULL;

  if (texture == NULL)
    {
      g_test_message ("%s: nothing drawn yet, no screenshot", name);
      return;
    }
  g_mkdir_with_parents (dir, 0755);
  path = g_strdup_printf ("%s/%s.png", dir, name);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static NcWindow *
new_window (void)
{
  NcWindow *window = g_object_new (NC_TYPE_WINDOW, NULL);

  /* Each test starts from the default model, whatever the last chose. */
  if (window->settings != NULL)
    {
      g_settings_reset (window->settings, "engine");
      g_settings_reset (window->settings, "variant");
    }

  gtk_window_present (GTK_WINDOW (window));
  wait_for_frame (GTK_WIDGET (window));
  return window;
}

/* Destroys @window and checks nothing keeps it alive. */
static void
destroy_window (NcWindow *window)
{
  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* A pattern image of that shape, written once to the test folder. */
static GFile *
pattern_file (guint width,
              guint height,
              guint channels)
{
  g_autofree char *name = g_strdup_printf ("pattern-%ux%ux%u.png", width, height, channels);
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(NcImage) image = nc_test_pattern_image (width, height, channels, width + height);

      g_assert_true (nc_image_save_png (image, path, NULL, NC_SAVE_FAST, NULL));
    }
  return g_file_new_for_path (path);
}

static NcWindow *
window_on_pattern (guint width,
                   guint height,
                   guint channels)
{
  NcWindow *window = new_window ();
  g_autoptr(GFile) file = pattern_file (width, height, channels);

  nc_window_open (window, file);
  wait_until_live (window);
  return window;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (item))
        return ADW_MESSAGE_DIALOG (item);
    }
  return NULL;
}

static NcParamPanel *
panel_of (NcWindow *window)
{
  return NC_PARAM_PANEL (nc_window_get_param_panel (window));
}

/* ---- Opening ---- */

static void
test_opens_sample (void)
{
  NcWindow *window = new_window ();
  g_autofree char *path = nc_test_sample_path ("camera.png");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  NcImage *image;

  g_assert_null (nc_window_get_image (window));
  /* Nothing to export yet: the action is disabled, and asks nothing. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export-view", NULL);
  g_assert_null (find_message_dialog ());
  save_screenshot (GTK_WIDGET (window), "window-empty");

  nc_window_open (window, file);
  g_assert_true (nc_window_get_loading (window));
  wait_until_loaded (window);
  image = nc_window_get_image (window);
  g_assert_nonnull (image);
  g_assert_cmpuint (image->width, ==, 512);
  g_assert_cmpuint (image->channels, ==, 1);
  g_assert_true (g_file_equal (nc_window_get_file (window), file));
  wait_until_live (window);
  save_screenshot (GTK_WIDGET (window), "window-camera");
  /* Closed while the full analysis of the sample runs. */
  destroy_window (window);
}

/* The Sweep view measures what neurocipher-cli sweep measures, on the
 * window's image and key; a run can be cancelled; a changed key marks
 * the result stale. */
static void
test_sweep_view (void)
{
  NcWindow *window = window_on_pattern (128, 96, 3);
  NcStudy *study = nc_window_get_study (window, "sweep");
  g_autoptr(NcSweep) direct = NULL;
  const NcSweep *shown;
  g_autoptr(GError) error = NULL;

  g_assert_true (nc_window_set_model (window, "hopfield", NULL, NULL));
  nc_window_show_view (window, "sweep");
  g_assert_true (nc_sweep_view_select (NC_SWEEP_VIEW (study), "w22", "entropy", 6));
  run_study (study);
  shown = nc_sweep_view_get_sweep (NC_SWEEP_VIEW (study));
  g_assert_nonnull (shown);
  g_assert_cmpstr (shown->param, ==, "w22");
  g_assert_cmpuint (shown->n_points, ==, 6);
  g_assert_true (shown->has_chaos);
  direct = nc_sweep_run (nc_engine_find ("hopfield", NULL), nc_window_get_params (window),
                         nc_window_get_image (window), "w22", NAN, NAN, 6,
                         (1u << NC_SWEEP_ENTROPY) | (1u << NC_SWEEP_LYAPUNOV), NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 6; i++)
    {
      g_assert_cmpfloat (shown->values[i], ==, direct->values[i]);
      g_assert_cmpfloat (shown->measured[NC_SWEEP_ENTROPY][i], ==, direct->measured[NC_SWEEP_ENTROPY][i]);
      g_assert_cmpfloat (shown->chaos[i].lyapunov, ==, direct->chaos[i].lyapunov);
    }
  save_screenshot (GTK_WIDGET (window), "view-sweep");

  /* Cancelled at once: not busy, the last result kept. */
  nc_study_run (study);
  g_assert_true (nc_study_get_busy (study));
  nc_study_cancel (study);
  g_assert_false (nc_study_get_busy (study));
  g_assert_true (nc_sweep_view_get_sweep (NC_SWEEP_VIEW (study)) == shown);
  destroy_window (window);
}

/* The Compare view: a row per engine and variant, what nc_compare_run
 * measures; sorted by a column; a cell opens its model and view. */
static void
test_compare_view (void)
{
  NcWindow *window = window_on_pattern (96, 64, 3);
  NcStudy *study = nc_window_get_study (window, "compare");
  NcCompareView *view = NC_COMPARE_VIEW (study);
  g_autoptr(NcComparison) direct = NULL;
  g_autoptr(GError) error = NULL;
  const NcComparison *shown;
  GListModel *model;
  double previous = -INFINITY;

  nc_window_show_view (window, "compare");
  run_study (study);
  shown = nc_compare_view_get_comparison (view);
  g_assert_nonnull (shown);
  direct = nc_compare_run (nc_window_get_image (window), NULL, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shown->n_rows, ==, direct->n_rows);
  for (guint i = 0; i < shown->n_rows; i++)
    {
      g_assert_cmpfloat (shown->rows[i].analysis.cipher.entropy_all, ==, direct->rows[i].analysis.cipher.entropy_all);
      g_assert_cmpuint (shown->rows[i].n_broken, ==, direct->rows[i].n_broken);
    }
  for (guint i = 0; i < shown->n_claims; i++)
    g_assert_cmpint (shown->claims[i].outcome, ==, direct->claims[i].outcome);

  /* Sorted by entropy (column 7), lowest first. */
  nc_compare_view_sort (view, 7, GTK_SORT_ASCENDING);
  model = nc_compare_view_get_shown (view);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, shown->n_rows);
  for (guint i = 0; i < shown->n_rows; i++)
    {
      const NcCompareRow *row = nc_compare_view_get_shown_row (view, i);

      g_assert_cmpfloat (row->analysis.cipher.entropy_all, >=, previous);
      previous = row->analysis.cipher.entropy_all;
    }
  save_screenshot (GTK_WIDGET (window), "view-compare");

  /* The attacks cell of the first row opens that model in the Attacks view. */
  nc_compare_view_open_cell (view, 0, 10);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (window->views), ==, "attacks");
  wait_until_live (window);
  destroy_window (window);
}

/* The Noise view: the damaged ciphertext's decryption measured as
 * nc_noise_study_run measures it, an engine overlaid, the figure
 * exported. */
static void
test_noise_view (void)
{
  NcWindow *window = window_on_pattern (128, 96, 3);
  NcStudy *study = nc_window_get_study (window, "noise");
  g_autoptr(NcNoiseStudy) direct = NULL;
  g_autoptr(GError) error = NULL;
  const char *overlay[] = { "chacha20", NULL };
  g_autofree char *figure = g_build_filename (tmpdir, "noise.png", NULL);
  const NcNoiseStudy *shown;

  g_assert_true (nc_window_set_model (window, "cellular", "discrete", NULL));
  nc_window_show_view (window, "noise");
  nc_noise_view_choose (NC_NOISE_VIEW (study), NC_NOISE_CROP, 0.0625, "chacha20");
  run_study (study);
  shown = nc_noise_view_get_study (NC_NOISE_VIEW (study));
  g_assert_nonnull (shown);
  g_assert_cmpuint (shown->n_curves, ==, 2);
  direct = nc_noise_study_run (nc_engine_find ("cellular", NULL), nc_window_get_params (window),
                               nc_window_get_image (window), NC_NOISE_CROP, 0.0625, 1, overlay, NULL, NULL,
                               NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (shown->psnr, ==, direct->psnr);
  g_assert_cmpfloat (shown->ssim, ==, direct->ssim);
  for (guint i = 0; i < NC_NOISE_STUDY_POINTS; i++)
    g_assert_cmpfloat (shown->curves[1].psnr[i], ==, direct->curves[1].psnr[i]);
  g_assert_true (nc_study_export_figure (study, figure, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (figure, G_FILE_TEST_IS_REGULAR));
  save_screenshot (GTK_WIDGET (window), "view-noise");
  destroy_window (window);
}

/* The Randomness view runs what neurocipher-cli randomness runs on the
 * window's key. */
static void
test_randomness_view (void)
{
  NcWindow *window = window_on_pattern (64, 64, 1);
  NcStudy *study = nc_window_get_study (window, "randomness");
  g_autoptr(NcNistReport) direct = NULL;
  g_autofree guint8 *bits = NULL;
  g_autoptr(GError) error = NULL;
  const NcNistReport *shown;

  g_assert_true (nc_window_set_model (window, "chacha20", NULL, NULL));
  nc_window_show_view (window, "randomness");
  nc_randomness_view_choose (NC_RANDOMNESS_VIEW (study), 100000, 3);
  run_study (study);
  shown = nc_randomness_view_get_report (NC_RANDOMNESS_VIEW (study));
  g_assert_nonnull (shown);
  g_assert_cmpuint (shown->n_sequences, ==, 3);
  bits = nc_engine_zero_stream_bits (nc_engine_find ("chacha20", NULL), nc_window_get_params (window),
                                     300000, NULL, &error);
  g_assert_no_error (error);
  direct = nc_nist_run (bits, 100000, 3, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint r = 0; r < NC_NIST_N_ROWS; r++)
    for (guint i = 0; i < 3; i++)
      if (!isnan (direct->rows[r].p[i]))
        g_assert_cmpfloat (shown->rows[r].p[i], ==, direct->rows[r].p[i]);
  save_screenshot (GTK_WIDGET (window), "view-randomness");
  destroy_window (window);
}

static void
on_report_written (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  GError **error = data;

  g_assert_true (nc_window_export_report_finish (NC_WINDOW (source), result, error) || *error != NULL);
  if (*error == NULL)
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "done");
}

/* Export Report writes the PDF and the HTML report of the window's image
 * and key. */
static void
test_export_report (void)
{
  NcWindow *window = window_on_pattern (64, 48, 3);
  g_autofree char *pdf = g_build_filename (tmpdir, "window-report.pdf", NULL);
  g_autofree char *html = g_build_filename (tmpdir, "window-report.html", NULL);
  const char *paths[] = { pdf, html };

  wait_until_rest (window);
  for (gsize i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GError) done = NULL;
      g_autofree char *contents = NULL;

      nc_window_export_report_async (window, paths[i], NULL, on_report_written, &done);
      while (done == NULL)
        g_main_context_iteration (NULL, TRUE);
      g_assert_error (done, G_IO_ERROR, G_IO_ERROR_EXISTS);
      g_assert_true (g_file_get_contents (paths[i], &contents, NULL, NULL));
      g_assert_true (g_str_has_prefix (contents, i == 0 ? "%PDF-" : "<!DOCTYPE html>"));
    }
  destroy_window (window);
}

/* The Measure view: a second image against the window's ciphertext, as
 * neurocipher-cli measure measures it; a second image of another shape
 * refused, named. */
static void
test_measure_view (void)
{
  NcWindow *window = window_on_pattern (64, 48, 3);
  NcStudy *study = nc_window_get_study (window, "measure");
  g_autofree char *second_path = g_build_filename (tmpdir, "second.png", NULL);
  g_autoptr(GFile) second = g_file_new_for_path (second_path);
  g_autoptr(GFile) other_shape = pattern_file (32, 32, 3);
  g_autoptr(NcImage) image = nc_test_pattern_image (64, 48, 3, 77);
  g_autoptr(NcImage) cipher = NULL;
  NcPairMeasures direct;
  const NcPairMeasures *shown;
  g_autoptr(GError) error = NULL;

  g_assert_true (nc_image_save_png (image, second_path, NULL, NC_SAVE_FAST, NULL));
  g_assert_true (nc_window_set_model (window, "cellular", NULL, NULL));
  nc_window_show_view (window, "measure");
  nc_measure_view_set_second (NC_MEASURE_VIEW (study), second);
  nc_measure_view_set_against (NC_MEASURE_VIEW (study), NC_MEASURE_AGAINST_CIPHER);
  run_study (study);
  shown = nc_measure_view_get_measures (NC_MEASURE_VIEW (study));
  g_assert_nonnull (shown);
  cipher = nc_image_new_like (nc_window_get_image (window), NULL);
  g_assert_true (nc_engine_encrypt (nc_engine_find ("cellular", NULL), nc_window_get_params (window),
                                    nc_window_get_image (window), cipher, NULL, &error));
  g_assert_true (nc_metric_pair (cipher, image, &direct, &error));
  g_assert_cmpfloat (shown->mse, ==, direct.mse);
  g_assert_cmpfloat (shown->all.npcr, ==, direct.all.npcr);
  g_assert_cmpfloat (shown->ssim, ==, direct.ssim);
  save_screenshot (GTK_WIDGET (window), "view-measure");

  nc_measure_view_set_second (NC_MEASURE_VIEW (study), other_shape);
  run_study (study);
  g_assert_true (nc_measure_view_get_measures (NC_MEASURE_VIEW (study)) == shown);
  destroy_window (window);
}

/* Every hostile image through the window's open path: a refused file is
 * named in the error shown and the window keeps its image and stays
 * usable; a valid one opens. Hostile ciphertexts and keys through Open
 * Ciphertext likewise. */
static void
test_hostile_inputs (void)
{
  g_autofree char *dir = g_build_filename (tmpdir, "hostile", NULL);
  g_autofree char *key = NULL;
  g_autoptr(GPtrArray) images = NULL;
  g_autoptr(GPtrArray) ciphers = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  NcWindow *window = window_on_pattern (32, 24, 3);
  const NcHostileCase *valid_cipher = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  images = nc_test_hostile_images (dir);
  ciphers = nc_test_hostile_ciphertexts (dir, &key);
  keys = nc_test_hostile_keys (dir);

  for (guint i = 0; i < images->len; i++)
    {
      const NcHostileCase *c = images->pdata[i];
      g_autoptr(GFile) file = g_file_new_for_path (c->path);
      g_autofree char *name = g_path_get_basename (c->path);
      NcImage *before = nc_window_get_image (window);
      AdwMessageDialog *dialog;

      nc_window_open (window, file);
      wait_until_loaded (window);
      dialog = find_message_dialog ();
      if (c->outcome == NC_HOSTILE_LOADS || (c->outcome == NC_HOSTILE_EITHER && dialog == NULL))
        {
          if (dialog != NULL)
            g_error ("%s: wanted it to open; the window said “%s”", c->what, adw_message_dialog_get_body (dialog));
          g_assert_true (nc_window_get_image (window) != before);
          wait_until_live (window);
          continue;
        }
      if (dialog == NULL)
        g_error ("%s: no error shown", c->what);
      g_assert_true (nc_window_get_image (window) == before);
      if (strstr (adw_message_dialog_get_heading (dialog), name) == NULL)
        g_error ("%s: the error “%s” does not name %s", c->what, adw_message_dialog_get_heading (dialog), name);
      g_test_message ("%-44s %s", c->what, adw_message_dialog_get_body (dialog));
      gtk_window_destroy (GTK_WINDOW (dialog));
    }

  for (guint i = 0; i < ciphers->len; i++)
    {
      const NcHostileCase *c = ciphers->pdata[i];
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_path_get_basename (c->path);
      gboolean opened = nc_window_open_ciphertext (window, c->path, key, &error);

      if (c->outcome == NC_HOSTILE_LOADS)
        {
          g_assert_no_error (error);
          g_assert_true (opened);
          valid_cipher = c;
          wait_until_live (window);
          continue;
        }
      g_assert_false (opened);
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, name));
    }
  g_assert_nonnull (valid_cipher);
  for (guint i = 0; i < keys->len; i++)
    {
      const NcHostileCase *c = keys->pdata[i];
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_path_get_basename (c->path);

      /* The wrong engine's key is a valid key: the ciphertext says it is
       * for another engine; everything else is refused as a key. */
      g_assert_false (nc_window_open_ciphertext (window, valid_cipher->path, c->path, &error));
      g_assert_nonnull (error);
      g_assert_true (strstr (error->message, name) != NULL || strstr (error->message, "valid-cipher.png") != NULL);
      g_assert_null (strstr (error->message, "abc"));
    }
  /* Still usable: a valid image opens. */
  {
    g_autoptr(GFile) file = pattern_file (40, 30, 1);

    nc_window_open (window, file);
    wait_until_live (window);
    g_assert_cmpuint (nc_window_get_image (window)->width, ==, 40);
  }
  destroy_window (window);
}

/* Settings: the model, the export size and the window's size are
 * remembered (the memory backend keeps them for the run). */
static void
test_settings_remembered (void)
{
  NcWindow *first = window_on_pattern (32, 24, 3);
  NcWindow *second;
  g_autoptr(GFile) file = pattern_file (32, 24, 3);
  int width, height;

  g_assert_nonnull (first->settings);
  g_assert_true (nc_window_set_model (first, "cellular", "discrete", NULL));
  g_assert_cmpstr (g_settings_get_string (first->settings, "engine"), ==, "cellular");
  g_settings_set_double (first->settings, "export-dpi", 150);
  g_settings_set_int (first->settings, "window-width", 1111);
  g_settings_set_int (first->settings, "window-height", 777);
  destroy_window (first);

  second = g_object_new (NC_TYPE_WINDOW, NULL);
  gtk_window_present (GTK_WINDOW (second));
  gtk_window_get_default_size (GTK_WINDOW (second), &width, &height);
  g_assert_cmpint (width, ==, 1111);
  g_assert_cmpint (height, ==, 777);
  g_assert_cmpfloat (second->export_dpi, ==, 150);
  nc_window_open (second, file);
  wait_until_live (second);
  g_assert_cmpstr (second->engine->id, ==, "cellular");
  g_assert_cmpuint (nc_params_get_variant (nc_window_get_params (second)), ==, 1);
  g_settings_reset (second->settings, "engine");
  g_settings_reset (second->settings, "variant");
  g_settings_reset (second->settings, "export-dpi");
  g_settings_reset (second->settings, "window-width");
  g_settings_reset (second->settings, "window-height");
  destroy_window (second);
}

static void
on_text_read (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  char **text = data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

/* Copy Measures puts the measures on the clipboard as tab-separated
 * text; Copy Figure offers the figure as PNG and SVG. */
static void
test_clipboard (void)
{
  NcWindow *window = window_on_pattern (48, 32, 3);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  GdkContentFormats *formats;

  wait_until_rest (window);
  g_assert_true (nc_window_copy_measures (window, &error));
  gdk_clipboard_read_text_async (clipboard, NULL, on_text_read, &text);
  while (text == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_str_has_prefix (text, "Measure\tValue\t"));
  g_assert_nonnull (strstr (text, "Entropy\t"));
  g_assert_nonnull (strstr (text, "Key sensitivity NPCR\t"));

  nc_window_show_view (window, "histogram");
  g_assert_true (nc_window_copy_figure (window, &error));
  formats = gdk_clipboard_get_formats (clipboard);
  g_assert_true (gdk_content_formats_contain_mime_type (formats, "image/png"));
  g_assert_true (gdk_content_formats_contain_mime_type (formats, "image/svg+xml"));
  destroy_window (window);
}

/* A lesson: its setup applied, a step applied and measured beside the
 * workbench (✓ once the full analysis is in), and leaving restores the
 * user's own model and key. */
static void
test_lesson_pane (void)
{
  NcWindow *window = window_on_pattern (96, 64, 3);
  g_autoptr(NcParams) before = NULL;
  g_autoptr(GError) error = NULL;
  double measured;
  gboolean holds;

  g_assert_true (nc_param_panel_set_value (panel_of (window), "x0", 0.25));
  nc_window_set_key_bit (window, 5);
  wait_until_live (window);
  before = nc_params_copy (nc_window_get_params (window));
  g_assert_true (nc_window_open_lesson (window, "nonce-reuse", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (window->engine->id, ==, "chacha20");
  g_assert_cmpfloat (gtk_adjustment_get_value (window->key_bit_adjustment), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->sidebar_stack), ==, "lesson");
  nc_window_apply_lesson_step (window, 0);
  wait_until_rest (window);
  g_assert_true (nc_lesson_pane_get_result (window->lesson_pane, 0, &measured, &holds));
  g_assert_cmpfloat (measured, ==, 1.0);
  g_assert_true (holds);
  save_screenshot (GTK_WIDGET (window), "lesson-pane");
  nc_window_apply_lesson_step (window, 1);
  wait_until_rest (window);
  g_assert_true (nc_lesson_pane_get_result (window->lesson_pane, 0, &measured, &holds));
  g_assert_true (holds);

  nc_window_close_lesson (window);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->sidebar_stack), ==, "key");
  g_assert_cmpstr (window->engine->id, ==, "hopfield");
  g_assert_true (nc_params_equal (nc_window_get_params (window), before));
  g_assert_cmpfloat (gtk_adjustment_get_value (window->key_bit_adjustment), ==, 5);
  g_assert_false (nc_window_open_lesson (window, "no-such-lesson", &error));
  wait_until_live (window);
  destroy_window (window);
}

/* A lesson step that reads the key flip has it at every live update,
 * whichever view is shown; closed, the view decides again. */
static void
test_lesson_key_flip (void)
{
  NcWindow *window = window_on_pattern (96, 64, 3);
  g_autoptr(GError) error = NULL;

  wait_until_live (window);
  g_assert_true (nc_window_open_lesson (window, "key-sensitivity", &error));
  g_assert_no_error (error);
  nc_window_apply_lesson_step (window, 0);
  nc_window_show_view (window, "histogram");
  wait_until_rest (window);
  g_assert_true (nc_param_panel_set_value (panel_of (window), "x0", 0.3));
  wait_until_live (window);
  g_assert_false (nc_window_get_analysis (window)->full);
  g_assert_true (nc_window_get_analysis (window)->has_key_flip);
  wait_until_rest (window);
  nc_window_close_lesson (window);
  nc_window_show_view (window, "histogram");
  g_assert_true (nc_param_panel_set_value (panel_of (window), "x0", 0.35));
  wait_until_live (window);
  g_assert_false (nc_window_get_analysis (window)->has_key_flip);
  wait_until_rest (window);
  destroy_window (window);
}

/* A lesson chosen on the start page opens on the bundled camera image
 * once it is shown. */
static void
test_lesson_from_start (void)
{
  NcWindow *window = new_window ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.lesson", "s", "permutation-alone"));
  while (nc_lesson_pane_get_lesson (window->lesson_pane) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (window->image);
  g_assert_cmpuint (window->image->width, ==, 512);
  g_assert_cmpstr (nc_lesson_pane_get_lesson (window->lesson_pane)->id, ==, "permutation-alone");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->sidebar_stack), ==, "lesson");
  wait_until_live (window);
  destroy_window (window);
}

/* A step that trains starts the GAN training from scratch, the next one
 * (the shipped generators) stops it. A measure no analysis holds: the
 * NIST battery over the key's keystream runs on a worker once the
 * sliders rest, and its count is the library's for the same key. Leaving
 * puts the shipped generators back. */
static void
test_lesson_nist (void)
{
  NcWindow *window = window_on_pattern (96, 64, 1);
  g_autoptr(GError) error = NULL;
  double measured = NAN, expected;
  gboolean holds;

  g_assert_true (nc_window_open_lesson (window, "fooled-discriminator", &error));
  g_assert_no_error (error);
  nc_window_apply_lesson_step (window, 0);
  g_assert_true (nc_training_view_get_running (window->training_view));
  nc_window_apply_lesson_step (window, 1);
  g_assert_false (nc_training_view_get_running (window->training_view));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (window->views), ==, "training");
  wait_until_rest (window);
  while (nc_lesson_pane_get_result (window->lesson_pane, 0, &measured, &holds) && isnan (measured))
    g_main_context_iteration (NULL, TRUE);
  expected = nc_lesson_nist_failed (window->engine, nc_window_get_params (window), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (measured, ==, expected);
  g_assert_true (holds);
  save_screenshot (GTK_WIDGET (window), "lesson-nist");
  nc_window_close_lesson (window);
  g_assert_cmpuint (nc_training_view_get_n_reports (window->training_view), ==, 0);
  wait_until_live (window);
  destroy_window (window);
}

static void
test_open_sample_action (void)
{
  NcWindow *window = new_window ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-sample", "s",
                                             "astronaut.png"));
  wait_until_loaded (window);
  g_assert_nonnull (nc_window_get_image (window));
  g_assert_cmpuint (nc_window_get_image (window)->channels, ==, 3);
  wait_until_live (window);
  save_screenshot (GTK_WIDGET (window), "window-astronaut");
  destroy_window (window);
}

/* A broken file is reported in the window, naming the file, and the image
 * shown before stays. */
static void
test_open_error_shown (void)
{
  NcWindow *window = window_on_pattern (64, 64, 1);
  g_autofree char *bad = g_build_filename (tmpdir, "notes.png", NULL);
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad);
  static const char text[] = "not an image\n";
  AdwMessageDialog *dialog;
  NcImage *before = nc_window_get_image (window);

  nc_test_write_file (bad, text, sizeof text - 1);
  nc_window_open (window, bad_file);
  wait_until_loaded (window);

  g_assert_true (nc_window_get_image (window) == before);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "notes.png"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "not an image"));
  save_screenshot (GTK_WIDGET (dialog), "window-error-dialog");
  gtk_window_destroy (GTK_WINDOW (dialog));
  destroy_window (window);
}

/* Opening again before the first load ends shows only the newest. */
static void
test_newest_load_wins (void)
{
  NcWindow *window = new_window ();
  g_autoptr(GFile) first = pattern_file (200, 100, 3);
  g_autoptr(GFile) second = pattern_file (64, 64, 1);

  nc_window_open (window, first);
  nc_window_open (window, second);
  wait_until_live (window);
  g_assert_cmpuint (nc_window_get_image (window)->channels, ==, 1);
  g_assert_true (g_file_equal (nc_window_get_file (window), second));
  destroy_window (window);
}

/* ---- The workbench ---- */

/* Every engine and variant from the model menu: its sliders come from its
 * specs, and its ciphertext decrypts exactly. */
static void
test_every_model (void)
{
  NcWindow *window = window_on_pattern (96, 64, 3);
  const NcEngine * const *engines;
  guint n;

  engines = nc_engines_list (&n);
  for (guint e = 0; e < n; e++)
    {
      const NcParamSpec *variants = nc_engine_get_variant_spec (engines[e]);
      guint64 n_variants = nc_engine_get_n_variants (engines[e]);

      for (guint64 v = 0; v < n_variants; v++)
        {
          g_autofree char *target = g_strdup_printf ("%s:%s", engines[e]->id,
                                                     variants != NULL ? variants->choices[v].id : "");
          const NcAnalysis *analysis;
          NcParams *params;
          guint active = 0;

          g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.model", "s", target));
          wait_until_live (window);
          params = nc_window_get_params (window);
          g_assert_true (nc_params_get_schema (params) == &engines[e]->schema);
          g_assert_cmpuint (nc_params_get_variant (params), ==, v);
          for (guint i = 0; i < engines[e]->schema.n_specs; i++)
            active += nc_params_is_active (params, i);
          g_assert_cmpuint (nc_param_panel_get_n_rows (panel_of (window)), ==, active);
          analysis = nc_window_get_analysis (window);
          g_assert_true (analysis->exact);
          g_assert_false (nc_image_equal (analysis->cipher_image, nc_window_get_image (window)));
          if (v == 0)
            {
              g_autofree char *name = g_strdup_printf ("window-%s", engines[e]->id);

              save_screenshot (GTK_WIDGET (window), name);
            }
        }
    }
  destroy_window (window);
}

/* Moving a slider changes the ciphertext and decryption stays exact. */
static void
test_slider_changes_ciphertext (void)
{
  NcWindow *window = window_on_pattern (64, 64, 1);
  NcParamPanel *panel = panel_of (window);
  g_autoptr(NcImage) before = nc_image_copy (nc_window_get_analysis (window)->cipher_image, NULL);
  guint updates = nc_window_get_n_updates (window);

  g_assert_true (nc_param_panel_set_value (panel, "x0", 0.25));
  g_assert_true (nc_window_get_stale (window));
  wait_until_live (window);
  g_assert_cmpuint (nc_window_get_n_updates (window), >, updates);
  g_assert_cmpfloat_with_epsilon (nc_params_get (nc_window_get_params (window), "x0"), 0.25, 1e-12);
  g_assert_false (nc_image_equal (before, nc_window_get_analysis (window)->cipher_image));
  g_assert_true (nc_window_get_analysis (window)->exact);

  /* Many changes at once: only the newest is shown, and it is right. */
  for (int i = 0; i < 20; i++)
    nc_param_panel_set_value (panel, "y0", 0.1 + i * 0.01);
  wait_until_live (window);
  g_assert_cmpfloat_with_epsilon (nc_params_get (nc_window_get_params (window), "y0"), 0.29, 1e-12);
  g_assert_true (nc_window_get_analysis (window)->exact);
  destroy_window (window);
}

static void
test_key_flip_view (void)
{
  NcWindow *window = window_on_pattern (128, 128, 1);
  const NcAnalysis *analysis;

  g_assert_true (nc_window_set_model (window, "hopfield", NULL, NULL));
  nc_window_set_key_bit (window, 0);
  /* The histograms show no key flip: a live update leaves it to the
   * full analysis at rest. */
  nc_window_show_view (window, "histogram");
  wait_until_live (window);
  analysis = nc_window_get_analysis (window);
  g_assert_false (analysis->full);
  g_assert_false (analysis->has_key_flip);
  g_assert_null (analysis->flipped_cipher);
  wait_until_rest (window);
  g_assert_true (nc_window_get_analysis (window)->has_key_flip);
  g_assert_true (nc_param_panel_set_value (panel_of (window), "x0", 0.3));
  wait_until_live (window);
  g_assert_false (nc_window_get_analysis (window)->has_key_flip);

  /* Shown, the Key Flip view measures it at every update. */
  nc_window_show_view (window, "keyflip");
  wait_until_live (window);
  analysis = nc_window_get_analysis (window);
  g_assert_true (analysis->has_key_flip);
  g_assert_cmpuint (analysis->key.bit, ==, 0);
  g_assert_cmpfloat (analysis->key.ciphers.npcr, >, 99.0);
  g_assert_true (nc_param_panel_set_value (panel_of (window), "x0", 0.31));
  wait_until_live (window);
  analysis = nc_window_get_analysis (window);
  g_assert_false (analysis->full);
  g_assert_true (analysis->has_key_flip);
  g_assert_nonnull (analysis->flipped_cipher);
  nc_window_set_key_bit (window, 5);
  wait_until_live (window);
  g_assert_cmpuint (nc_window_get_analysis (window)->key.bit, ==, 5);

  wait_until_rest (window);
  for (int k = 0; k < 4; k++)
    {
      static const char *views[] = { "histogram", "scatter", "keyflip", "metrics" };
      g_autofree char *name = g_strdup_printf ("view-%s", views[k]);

      nc_window_show_view (window, views[k]);
      save_screenshot (GTK_WIDGET (window), name);
    }
  destroy_window (window);
}

/* The Attacks view follows the sliders: turn the diffusion off and the
 * permutation attack reads the target; the Metrics view lists the
 * attacks beside the statistical verdicts. */
static void
test_attacks_view (void)
{
  NcWindow *window = window_on_pattern (128, 96, 3);
  const NcAnalysis *analysis;

  g_assert_true (nc_window_set_model (window, "hopfield", NULL, NULL));
  nc_window_show_view (window, "attacks");
  wait_until_live (window);
  analysis = nc_window_get_analysis (window);
  g_assert_cmpuint (analysis->n_attacks, ==, 5);
  g_assert_false (analysis->attacks[0].broken);
  g_assert_false (analysis->attacks[1].broken);

  g_assert_true (nc_param_panel_set_value (panel_of (window), "diffuse", 0));
  wait_until_live (window);
  analysis = nc_window_get_analysis (window);
  g_assert_false (analysis->full);
  g_assert_cmpuint (analysis->n_attacks, ==, 5);
  g_assert_true (analysis->attacks[1].broken);
  g_assert_cmpfloat (analysis->attacks[1].recovered_share, ==, 1.0);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (window->attack_choice), 1);
  save_screenshot (GTK_WIDGET (window), "view-attacks");

  /* Elsewhere the live updates leave the attacks to the full analysis. */
  nc_window_show_view (window, "metrics");
  g_assert_true (nc_param_panel_set_value (panel_of (window), "x0", 0.3));
  wait_until_live (window);
  g_assert_cmpuint (nc_window_get_analysis (window)->n_attacks, ==, 0);
  wait_until_rest (window);
  g_assert_cmpuint (nc_window_get_analysis (window)->n_attacks, ==, 5);
  save_screenshot (GTK_WIDGET (window), "view-metrics-security");

  /* The Metrics view is a list: a row per measure, as the figure and
   * the reports have them; the selected rows (all when none is) copy as
   * tab-separated lines. */
  {
    g_autoptr(GPtrArray) cells = nc_figure_metrics_cells (nc_window_get_analysis (window));
    GtkSelectionModel *rows = nc_metrics_list_get_selection (window->metrics_list);
    g_autofree char *all = NULL;
    g_autofree char *one = NULL;
    g_autofree char *expected = g_strdup_printf ("%s\t%s\t%s\n", (const char *) cells->pdata[3],
                                                 (const char *) cells->pdata[4], (const char *) cells->pdata[5]);

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, cells->len / 3);
    all = nc_metrics_list_dup_selected_text (window->metrics_list);
    g_assert_nonnull (strstr (all, "Attack: permutation\t"));
    g_assert_true (gtk_selection_model_select_item (rows, 1, TRUE));
    one = nc_metrics_list_dup_selected_text (window->metrics_list);
    g_assert_cmpstr (one, ==, expected);
  }
  destroy_window (window);
}

/* A ciphertext saved from the window is what neurocipher-cli encrypt
 * writes: the CLI decrypts it with the saved key. Two saves with a fresh
 * nonce share no keystream; Open Ciphertext decrypts one and shows it. */
static void
test_save_and_open_ciphertext (void)
{
  NcWindow *window = window_on_pattern (64, 48, 3);
  g_autofree char *dir = nc_test_tmpdir_new ();
  g_autofree char *first = g_build_filename (dir, "first.png", NULL);
  g_autofree char *second = g_build_filename (dir, "second.png", NULL);
  g_autofree char *key = g_build_filename (dir, "key.nckey", NULL);
  g_autofree char *back = g_build_filename (dir, "back.png", NULL);
  g_autofree char *wrong_key = g_build_filename (dir, "wrong.nckey", NULL);
  g_autoptr(NcImage) plain = nc_image_copy (nc_window_get_image (window), NULL);
  g_autoptr(NcImage) c1 = NULL;
  g_autoptr(NcImage) c2 = NULL;
  g_autoptr(NcImage) decrypted = NULL;
  g_autoptr(NcParams) other = NULL;
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("NEUROCIPHER_CLI");
  g_autofree char *command = NULL;
  int status;

  g_assert_true (nc_window_set_model (window, "chacha20", NULL, NULL));
  wait_until_live (window);
  g_assert_true (nc_params_save_key_file (nc_window_get_params (window), key, NULL));
  g_assert_true (nc_window_save_ciphertext (window, first, &error));
  g_assert_no_error (error);
  g_assert_true (nc_window_save_ciphertext (window, second, &error));
  c1 = nc_image_load (first, NULL, NULL);
  c2 = nc_image_load (second, NULL, NULL);
  g_assert_false (nc_image_equal (c1, c2));

  g_assert_nonnull (cli);
  command = g_strdup_printf ("%s decrypt -k %s %s %s", cli, key, second, back);
  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  decrypted = nc_image_load (back, NULL, NULL);
  g_assert_true (nc_image_equal (decrypted, plain));

  /* Another key of the same engine decrypts it to noise: the ciphers
   * carry no authentication, so nothing can tell a wrong key. */
  other = nc_params_copy (nc_window_get_params (window));
  g_assert_true (nc_params_set (other, "k0", 12345, NULL));
  g_assert_true (nc_params_save_key_file (other, wrong_key, NULL));
  g_assert_true (nc_window_open_ciphertext (window, first, wrong_key, &error));
  g_assert_no_error (error);
  g_assert_false (nc_image_equal (nc_window_get_image (window), plain));

  g_assert_true (nc_window_open_ciphertext (window, first, key, &error));
  g_assert_no_error (error);
  wait_until_live (window);
  g_assert_true (nc_image_equal (nc_window_get_image (window), plain));
  g_assert_true (g_str_equal (nc_params_get_schema (nc_window_get_params (window))->owner, "chacha20"));

  g_assert_false (nc_window_open_ciphertext (window, key, key, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "key.nckey"));
  destroy_window (window);
  nc_test_tmpdir_remove (dir);
}

/* The GAN training view: a run from scratch reaches the engine at once
 * (the ciphertext changes and still decrypts exactly), and "shipped
 * weights" brings the shipped ciphertext back. Real training: not in the
 * sanitizer build. */
static void
test_training_view (void)
{
  NcWindow *window;
  NcTrainingView *view;
  g_autoptr(NcImage) shipped = NULL;

#if defined(__SANITIZE_ADDRESS__)
  g_test_skip ("trains a real network: too slow under AddressSanitizer");
  return;
#endif
  window = window_on_pattern (64, 64, 1);
  view = NC_TRAINING_VIEW (nc_window_get_training_view (window));
  g_assert_true (nc_window_set_model (window, "adversarial", "direct", NULL));
  wait_until_live (window);
  shipped = nc_image_copy (nc_window_get_analysis (window)->cipher_image, NULL);

  nc_window_show_view (window, "training");
  nc_training_view_start (view);
  g_assert_true (nc_training_view_get_running (view));
  while (nc_training_view_get_n_reports (view) < 2)
    g_main_context_iteration (NULL, TRUE);
  nc_training_view_stop (view);
  g_assert_false (nc_training_view_get_running (view));
  g_assert_nonnull (nc_training_view_get_weights (view));
  wait_until_live (window);
  g_assert_false (nc_image_equal (shipped, nc_window_get_analysis (window)->cipher_image));
  g_assert_true (nc_window_get_analysis (window)->exact);
  save_screenshot (GTK_WIDGET (window), "window-training");

  nc_training_view_use_shipped (view);
  g_assert_null (nc_training_view_get_weights (view));
  wait_until_live (window);
  g_assert_true (nc_image_equal (shipped, nc_window_get_analysis (window)->cipher_image));

  /* Closing while training stops the run. */
  nc_training_view_start (view);
  destroy_window (window);
}

/* Two windows: trained weights in one never reach the other. */
static void
test_weights_per_window (void)
{
  NcWindow *first = window_on_pattern (64, 64, 1);
  NcWindow *second = window_on_pattern (64, 64, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(NcGanWeights) shipped = nc_gan_weights_dup_shipped (&error);
  g_autoptr(NcGanWeights) in_first = NULL;
  g_autoptr(NcGanWeights) in_second = NULL;

  g_assert_no_error (error);
  g_assert_true (nc_window_set_model (first, "adversarial", NULL, NULL));
  g_assert_true (nc_window_set_model (second, "adversarial", NULL, NULL));
  in_first = nc_gan_weights_dup_for_key (nc_window_get_params (first), NULL);
  in_second = nc_gan_weights_dup_for_key (nc_window_get_params (second), NULL);
  g_assert_true (in_first == shipped);
  g_assert_true (in_second == shipped);
  wait_until_live (first);
  wait_until_live (second);
  destroy_window (first);
  destroy_window (second);
}

static void
test_panes_zoom_together (void)
{
  NcWindow *window = window_on_pattern (64, 64, 1);
  double zoom, center_x;

  g_object_set (nc_window_get_pane (window, 1), "zoom", 8.0, "center-x", 0.3, NULL);
  g_object_get (nc_window_get_pane (window, 0), "zoom", &zoom, "center-x", &center_x, NULL);
  g_assert_cmpfloat (zoom, ==, 8.0);
  g_assert_cmpfloat (center_x, ==, 0.3);
  g_object_get (nc_window_get_pane (window, 2), "zoom", &zoom, NULL);
  g_assert_cmpfloat (zoom, ==, 8.0);
  save_screenshot (GTK_WIDGET (window), "window-zoomed");
  g_object_set (nc_window_get_pane (window, 0), "zoom", 1.0, NULL);
  g_object_get (nc_window_get_pane (window, 2), "zoom", &zoom, NULL);
  g_assert_cmpfloat (zoom, ==, 1.0);

  /* The keyboard: + zooms, the arrows pan, 0 fits; the panes follow. */
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (nc_window_get_pane (window, 0))));
  g_assert_true (nc_image_view_press_key (NC_IMAGE_VIEW (nc_window_get_pane (window, 0)), GDK_KEY_plus));
  g_assert_true (nc_image_view_press_key (NC_IMAGE_VIEW (nc_window_get_pane (window, 0)), GDK_KEY_Right));
  g_object_get (nc_window_get_pane (window, 1), "zoom", &zoom, "center-x", &center_x, NULL);
  g_assert_cmpfloat (zoom, ==, 1.25);
  g_assert_cmpfloat (center_x, >, 0.3);
  g_assert_true (nc_image_view_press_key (NC_IMAGE_VIEW (nc_window_get_pane (window, 0)), GDK_KEY_0));
  g_object_get (nc_window_get_pane (window, 2), "zoom", &zoom, NULL);
  g_assert_cmpfloat (zoom, ==, 1.0);
  g_assert_false (nc_image_view_press_key (NC_IMAGE_VIEW (nc_window_get_pane (window, 0)), GDK_KEY_a));
  destroy_window (window);
}

/* A slow update turns the spinner once the busy delay has passed, while
 * the panes keep the last result; it stops when the result is in. */
static void
test_busy_spinner (void)
{
  NcWindow *window = window_on_pattern (64, 64, 3);
  NcLiveAnalysis *live = nc_window_get_live_analysis (window);
  GtkSpinner *spinner = GTK_SPINNER (nc_window_get_spinner (window));
  const NcImage *shown;

  nc_window_set_engine (window, &nc_test_gate_engine);
  wait_until_rest (window);
  g_assert_false (gtk_spinner_get_spinning (spinner));
  shown = nc_window_get_analysis (window)->cipher_image;

  nc_live_analysis_set_busy_delay (live, 0);
  nc_test_gate_close ();
  g_assert_true (nc_param_panel_set_value (panel_of (window), "k", 9));
  nc_test_gate_wait_blocked ();
  while (!nc_live_analysis_get_busy (live))
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_spinner_get_spinning (spinner));
  g_assert_true (nc_window_get_analysis (window)->cipher_image == shown);
  save_screenshot (GTK_WIDGET (window), "window-busy");

  nc_test_gate_open ();
  wait_until_live (window);
  g_assert_false (gtk_spinner_get_spinning (spinner));
  g_assert_false (nc_window_get_analysis (window)->cipher_image == shown);
  g_assert_cmpfloat (nc_params_get (nc_window_get_params (window), "k"), ==, 9);
  destroy_window (window);
}

/* A key on a periodic orbit is flagged once the sliders rest. */
static void
test_weak_key_warning (void)
{
  NcWindow *window = window_on_pattern (64, 64, 1);
  NcParams *params;

  g_assert_true (nc_window_set_model (window, "hopfield", "hybrid", NULL));
  wait_until_rest (window);
  g_assert_true (nc_window_get_analysis (window)->full);
  g_assert_null (nc_window_get_analysis (window)->warning);

  params = nc_window_get_params (window);
  g_assert_true (nc_params_set_from_string (params, "source=henon", NULL));
  nc_param_panel_refresh (panel_of (window));
  g_assert_true (nc_param_panel_set_value (panel_of (window), "eps_u", 0.2));
  wait_until_rest (window);
  g_assert_nonnull (nc_window_get_analysis (window)->warning);
  g_assert_nonnull (strstr (nc_window_get_analysis (window)->warning, "periodic orbit"));
  save_screenshot (GTK_WIDGET (window), "window-weak-key");
  destroy_window (window);
}

static void
count_call (guint *calls)
{
  (*calls)++;
}

/* Closing the window while an update runs: the window goes at once, and
 * the update's late result is dropped. */
static void
test_close_while_updating (void)
{
  NcWindow *window = window_on_pattern (64, 64, 1);
  NcLiveAnalysis *live = nc_window_get_live_analysis (window);
  guint results = 0;

  nc_window_set_engine (window, &nc_test_gate_engine);
  wait_until_rest (window);
  nc_test_gate_close ();
  g_assert_true (nc_param_panel_set_value (panel_of (window), "k", 33));
  nc_test_gate_wait_blocked ();
  g_assert_true (nc_window_get_updating (window));

  g_signal_connect_swapped (live, "result", G_CALLBACK (count_call), &results);
  g_object_add_weak_pointer (G_OBJECT (live), (gpointer *) &live);
  destroy_window (window);
  /* The update still waits at the gate, holding the live analysis. */
  g_assert_nonnull (live);
  g_assert_false (nc_live_analysis_get_updating (live));
  nc_test_gate_open ();
  while (live != NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (results, ==, 0);
}

/* Opening another image while an update of the first runs shows the
 * second only. */
static void
test_open_while_updating (void)
{
  NcWindow *window = window_on_pattern (64, 64, 3);
  g_autoptr(GFile) other = pattern_file (80, 48, 1);

  nc_param_panel_set_value (panel_of (window), "x0", 0.3);
  g_assert_true (nc_window_get_updating (window));
  nc_window_open (window, other);
  wait_until_live (window);
  g_assert_cmpuint (nc_window_get_analysis (window)->cipher_image->channels, ==, 1);
  g_assert_cmpuint (nc_window_get_analysis (window)->cipher_image->width, ==, 80);
  g_assert_true (nc_window_get_analysis (window)->exact);
  destroy_window (window);
}

/* Windows opened, changed and closed in a loop while their workers are
 * busy: each window is finalized at once and every worker's late result
 * is dropped. */
static void
test_close_stress (void)
{
  GPtrArray *alive = g_ptr_array_new ();
  guint64 seed = 1;

  for (guint round = 0; round < 12; round++)
    {
      NcWindow *window = new_window ();
      g_autoptr(GFile) file = pattern_file (64 + 16 * (round % 3), 64, 1 + 2 * (round % 2));
      NcLiveAnalysis *live = nc_window_get_live_analysis (window);
      gpointer *slot = g_new (gpointer, 1);

      *slot = live;
      g_object_add_weak_pointer (G_OBJECT (live), slot);
      g_ptr_array_add (alive, slot);
      nc_window_open (window, file);
      if (round % 3 != 0)
        {
          wait_until_loaded (window);
          for (guint i = 0; i < 1 + round % 4; i++)
            {
              seed = seed * 6364136223846793005u + 1442695040888963407u;
              nc_param_panel_set_value (panel_of (window), "x0", 0.1 + (seed >> 40) % 100 / 200.0);
            }
          if (round % 3 == 2)
            wait_until_live (window);
        }
      destroy_window (window);
    }
  for (guint i = 0; i < alive->len; i++)
    {
      gpointer *slot = alive->pdata[i];

      while (*slot != NULL)
        g_main_context_iteration (NULL, TRUE);
      g_free (slot);
    }
  g_ptr_array_unref (alive);
}

static void
test_export_all (void)
{
  NcWindow *window = window_on_pattern (96, 64, 3);
  g_autofree char *dir = nc_test_tmpdir_new ();
  g_autoptr(GError) error = NULL;

  wait_until_rest (window);
  g_assert_true (nc_window_export_all (window, dir, &error));
  g_assert_no_error (error);

  /* Export View first asks the size and resolution. */
  {
    AdwMessageDialog *dialog;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-view", NULL));
    dialog = find_message_dialog ();
    g_assert_nonnull (dialog);
    g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Export View");
    save_screenshot (GTK_WIDGET (dialog), "export-dialog");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  for (int k = 0; k < NC_N_FIGURES; k++)
    for (int f = 0; f < 2; f++)
      {
        g_autofree char *name = g_strdup_printf ("%s.%s", nc_figure_kind_to_string ((NcFigureKind) k),
                                                 f == 0 ? "pdf" : "png");
        g_autofree char *path = g_build_filename (dir, name, NULL);

        g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      }

  /* Each pane on its own, and the three, in each format. */
  {
    static const char *targets[] = { "plaintext", "ciphertext", "decrypted", "panes" };
    static const char *extensions[] = { "png", "svg", "pdf" };

    for (gsize t = 0; t < G_N_ELEMENTS (targets); t++)
      for (gsize f = 0; f < G_N_ELEMENTS (extensions); f++)
        {
          g_autofree char *name = g_strdup_printf ("pane-%s.%s", targets[t], extensions[f]);
          g_autofree char *path = g_build_filename (dir, name, NULL);
          g_autofree char *contents = NULL;
          gsize length;

          g_assert_true (nc_window_export_pane (window, targets[t], path, 0, 0, 144, &error));
          g_assert_no_error (error);
          g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
          if (f == 0)
            {
              g_autoptr(NcImage) png = nc_image_load (path, NULL, &error);

              g_assert_no_error (error);
              /* A single pane is 360 × 400 points by default: at 144 dpi,
               * 720 × 800 pixels. */
              if (t < 3)
                g_assert_cmpuint (png->width, ==, 720);
            }
          else if (f == 1)
            g_assert_nonnull (strstr (contents, "<svg"));
          else
            g_assert_true (g_str_has_prefix (contents, "%PDF-"));
        }
    g_assert_false (nc_window_export_pane (window, "sideways", "x.png", 0, 0, 72, &error));
    g_assert_error (error, NC_ERROR, NC_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  {
    g_autofree char *path = g_build_filename (dir, "pane-ciphertext.png", NULL);

    g_assert_true (nc_window_export_pane (window, "ciphertext", path, 300, 330, 96, &error));
    g_assert_no_error (error);
  }
  nc_test_tmpdir_remove (dir);
  destroy_window (window);
}

/* The mean of the top left 4 × 4 pixels' colour, 0…255. */
static double
corner_level (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture);
  g_autofree guchar *pixels = g_malloc ((gsize) width * gdk_texture_get_height (texture) * 4);
  double sum = 0.0;

  /* Cairo's ARGB32 in memory order B, G, R, A. */
  gdk_texture_download (texture, pixels, (gsize) width * 4);
  for (int y = 0; y < 4; y++)
    for (int x = 0; x < 4; x++)
      for (int c = 0; c < 3; c++)
        sum += pixels[(gsize) y * width * 4 + x * 4 + c];
  return sum / 48.0;
}

/* In the dark style the figures on screen turn dark with the window, and
 * exported figures stay print-white. */
static void
test_dark_figures (void)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  NcWindow *window = window_on_pattern (96, 64, 3);
  g_autofree char *dir = nc_test_tmpdir_new ();
  g_autofree char *exported = g_build_filename (dir, "histogram.png", NULL);
  g_autoptr(GError) error = NULL;
  GtkWidget *histogram = GTK_WIDGET (window->figure_views[NC_FIGURE_HISTOGRAM]);

  wait_until_rest (window);
  nc_window_show_view (window, "histogram");
  {
    g_autoptr(GdkTexture) light = render_widget (histogram);

    g_assert_nonnull (light);
    g_assert_cmpfloat (corner_level (light), >, 240.0);
  }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (style));
  {
    g_autoptr(GdkTexture) dark = render_widget (histogram);
    g_autoptr(GdkTexture) file = NULL;

    g_assert_nonnull (dark);
    g_assert_cmpfloat (corner_level (dark), <, 60.0);
    save_screenshot (GTK_WIDGET (window), "window-dark");
    nc_window_show_view (window, "keyflip");
    save_screenshot (GTK_WIDGET (window), "window-dark-keyflip");
    nc_window_show_view (window, "scatter");
    save_screenshot (GTK_WIDGET (window), "window-dark-scatter");

    g_assert_true (nc_window_export_all (window, dir, &error));
    g_assert_no_error (error);
    file = gdk_texture_new_from_filename (exported, &error);
    g_assert_no_error (error);
    g_assert_cmpfloat (corner_level (file), >, 240.0);
  }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  nc_test_tmpdir_remove (dir);
  destroy_window (window);
}

/* F1's guide: docs/guide.md as headings, paragraphs and bullets; the
 * inline markup escaped where it is not markup. */
static void
test_guide (void)
{
  NcWindow *window = new_window ();
  NcGuideWindow *guide = NULL;
  g_autofree char *markup = nc_guide_markup_inline ("Press `Ctrl+O` & **open** <x>");
  g_autofree char *open = nc_guide_markup_inline ("a `b");

  g_assert_cmpstr (markup, ==, "Press <tt>Ctrl+O</tt> &amp; <b>open</b> &lt;x&gt;");
  g_assert_cmpstr (open, ==, "a <tt>b</tt>");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-guide", NULL));
  {
    GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

        if (NC_IS_GUIDE_WINDOW (item))
          guide = NC_GUIDE_WINDOW (item);
      }
  }
  g_assert_nonnull (guide);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (guide)) == GTK_WINDOW (window));
  /* The title, six headings and their paragraphs and bullets. */
  g_assert_cmpuint (nc_guide_window_get_n_blocks (guide), >=, 25);
  save_screenshot (GTK_WIDGET (guide), "guide");
  g_object_ref (guide);
  gtk_window_destroy (GTK_WINDOW (guide));
  g_assert_finalize_object (guide);
  destroy_window (window);
}

int
main (int    argc,
      char **argv)
{
  gboolean tap = FALSE;
  int status;

  for (int i = 1; i < argc; i++)
    tap |= g_str_equal (argv[i], "--tap");
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      /* Skipped, in the protocol meson reads: a plan of no tests for
       * TAP, exit status 77 otherwise. */
      if (tap)
        {
          g_print ("1..0 # SKIP no display: UI tests skipped\n");
          return 0;
        }
      g_printerr ("no display: UI tests skipped\n");
      return 77;
    }
  adw_init ();
  tmpdir = nc_test_tmpdir_new ();

  g_test_add_func ("/ui/window/opens-sample", test_opens_sample);
  g_test_add_func ("/ui/window/open-sample-action", test_open_sample_action);
  g_test_add_func ("/ui/window/open-error-shown", test_open_error_shown);
  g_test_add_func ("/ui/window/hostile-inputs", test_hostile_inputs);
  g_test_add_func ("/ui/window/settings-remembered", test_settings_remembered);
  g_test_add_func ("/ui/window/newest-load-wins", test_newest_load_wins);
  g_test_add_func ("/ui/workbench/every-model", test_every_model);
  g_test_add_func ("/ui/workbench/slider-changes-ciphertext", test_slider_changes_ciphertext);
  g_test_add_func ("/ui/workbench/key-flip-view", test_key_flip_view);
  g_test_add_func ("/ui/workbench/export-all", test_export_all);
  g_test_add_func ("/ui/workbench/export-report", test_export_report);
  g_test_add_func ("/ui/workbench/clipboard", test_clipboard);
  g_test_add_func ("/ui/workbench/attacks-view", test_attacks_view);
  g_test_add_func ("/ui/studies/sweep", test_sweep_view);
  g_test_add_func ("/ui/studies/compare", test_compare_view);
  g_test_add_func ("/ui/studies/noise", test_noise_view);
  g_test_add_func ("/ui/studies/randomness", test_randomness_view);
  g_test_add_func ("/ui/studies/measure", test_measure_view);
  g_test_add_func ("/ui/lessons/pane", test_lesson_pane);
  g_test_add_func ("/ui/lessons/key-flip", test_lesson_key_flip);
  g_test_add_func ("/ui/lessons/nist", test_lesson_nist);
  g_test_add_func ("/ui/lessons/from-start", test_lesson_from_start);
  g_test_add_func ("/ui/workbench/save-and-open-ciphertext", test_save_and_open_ciphertext);
  g_test_add_func ("/ui/workbench/close-while-updating", test_close_while_updating);
  g_test_add_func ("/ui/workbench/open-while-updating", test_open_while_updating);
  g_test_add_func ("/ui/workbench/close-stress", test_close_stress);
  g_test_add_func ("/ui/workbench/weak-key-warning", test_weak_key_warning);
  g_test_add_func ("/ui/workbench/busy-spinner", test_busy_spinner);
  g_test_add_func ("/ui/workbench/weights-per-window", test_weights_per_window);
  g_test_add_func ("/ui/workbench/training-view", test_training_view);
  g_test_add_func ("/ui/workbench/panes-zoom-together", test_panes_zoom_together);
  g_test_add_func ("/ui/window/guide", test_guide);
  g_test_add_func ("/ui/window/dark-figures", test_dark_figures);

  status = g_test_run ();
  nc_test_tmpdir_remove (tmpdir);
  g_free (tmpdir);
  return status;
}
