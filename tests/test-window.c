/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The real window under a display (Xvfb in CI), driven through its
 * actions. Without a display the test exits 77: skipped, never passed. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "nc-test-util.h"
#include "nc-figures.h"
#include "nc-adversarial.h"
#include "nc-param-panel.h"
#include "nc-training-view.h"
#include "nc-window.h"

static gboolean
on_timeout (gpointer user_data)
{
  g_error ("timed out waiting for %s", (const char *) user_data);
  return G_SOURCE_REMOVE;
}

static void
wait_until_loaded (NcWindow *window)
{
  guint timeout = g_timeout_add_seconds (30, on_timeout, (gpointer) "the image to load");

  while (nc_window_get_loading (window))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}

static gboolean
on_settled (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets layout and a few frames happen. */
static void
settle (void)
{
  gboolean done = FALSE;

  g_timeout_add (250, on_settled, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* Saves what the window shows as a test artifact, to look at. */
static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "screenshots", NULL);
  g_autofree char *path = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  g_assert_true (gtk_widget_get_mapped (widget));
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    {
      g_test_message ("%s: nothing drawn yet, no screenshot", name);
      return;
    }
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_mkdir_with_parents (dir, 0755);
  path = g_strdup_printf ("%s/%s.png", dir, name);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static NcWindow *
new_window (void)
{
  NcWindow *window = g_object_new (NC_TYPE_WINDOW, NULL);

  gtk_window_present (GTK_WINDOW (window));
  settle ();
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

static void
test_opens_sample (void)
{
  NcWindow *window = new_window ();
  g_autofree char *path = nc_test_sample_path ("camera.png");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  NcImage *image;

  g_assert_null (nc_window_get_image (window));
  save_screenshot (GTK_WIDGET (window), "window-empty");

  nc_window_open (window, file);
  g_assert_true (nc_window_get_loading (window));
  wait_until_loaded (window);
  image = nc_window_get_image (window);
  g_assert_nonnull (image);
  g_assert_cmpuint (image->width, ==, 512);
  g_assert_cmpuint (image->channels, ==, 1);
  g_assert_true (g_file_equal (nc_window_get_file (window), file));
  settle ();
  save_screenshot (GTK_WIDGET (window), "window-camera");
  gtk_window_destroy (GTK_WINDOW (window));
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
  settle ();
  save_screenshot (GTK_WIDGET (window), "window-astronaut");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A broken file is reported in the window, naming the file, and the image
 * shown before stays. */
static void
test_open_error_shown (void)
{
  NcWindow *window = new_window ();
  g_autofree char *dir = nc_test_tmpdir_new ();
  g_autofree char *bad = g_build_filename (dir, "notes.png", NULL);
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad);
  static const char text[] = "not an image\n";
  AdwMessageDialog *dialog;
  NcImage *before;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-sample", "s", "camera.png");
  wait_until_loaded (window);
  before = nc_window_get_image (window);

  nc_test_write_file (bad, text, sizeof text - 1);
  nc_window_open (window, bad_file);
  wait_until_loaded (window);
  settle ();

  g_assert_true (nc_window_get_image (window) == before);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "notes.png"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "not an image"));
  save_screenshot (GTK_WIDGET (dialog), "window-error-dialog");
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  nc_test_tmpdir_remove (dir);
}

/* Opening again before the first load ends shows only the newest. */
static void
test_newest_load_wins (void)
{
  NcWindow *window = new_window ();

  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-sample", "s", "astronaut.png");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-sample", "s", "camera.png");
  wait_until_loaded (window);
  settle ();
  g_assert_cmpuint (nc_window_get_image (window)->channels, ==, 1);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
wait_until_updated (NcWindow *window)
{
  guint timeout = g_timeout_add_seconds (60, on_timeout, (gpointer) "the views to update");

  while (nc_window_get_loading (window) || nc_window_get_updating (window) ||
         nc_window_get_analysis (window) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}

static NcWindow *
window_on_sample (const char *sample)
{
  NcWindow *window = new_window ();

  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-sample", "s", sample);
  wait_until_updated (window);
  return window;
}

/* Every engine and variant from the model menu: its sliders come from its
 * specs, and its ciphertext decrypts exactly. */
static void
test_every_model (void)
{
  NcWindow *window = window_on_sample ("astronaut.png");
  const NcEngine * const *engines;
  guint n;

  engines = nc_engines_list (&n);
  for (guint e = 0; e < n; e++)
    {
      const NcParamSpec *variants = nc_engine_get_variant_spec (engines[e]);
      guint64 n_variants = variants != NULL ? nc_param_spec_levels (variants) : 1;

      for (guint64 v = 0; v < n_variants; v++)
        {
          g_autofree char *target = g_strdup_printf ("%s:%s", engines[e]->id,
                                                     variants != NULL ? variants->choices[v].id : "");
          const NcAnalysis *analysis;
          NcParams *params;
          guint active = 0;

          g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.model", "s", target));
          wait_until_updated (window);
          settle ();
          params = nc_window_get_params (window);
          for (guint i = 0; i < engines[e]->schema.n_specs; i++)
            active += nc_params_is_active (params, i);
          g_assert_cmpuint (nc_param_panel_get_n_rows (NC_PARAM_PANEL (nc_window_get_param_panel (window))),
                            ==, active);
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
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Moving a slider changes the ciphertext and decryption stays exact. */
static void
test_slider_changes_ciphertext (void)
{
  NcWindow *window = window_on_sample ("camera.png");
  NcParamPanel *panel = NC_PARAM_PANEL (nc_window_get_param_panel (window));
  g_autoptr(NcImage) before = nc_image_copy (nc_window_get_analysis (window)->cipher_image, NULL);
  guint updates = nc_window_get_n_updates (window);

  g_assert_true (nc_param_panel_set_value (panel, "x0", 0.25));
  g_assert_true (nc_window_get_updating (window));
  wait_until_updated (window);
  g_assert_cmpuint (nc_window_get_n_updates (window), >, updates);
  g_assert_cmpfloat_with_epsilon (nc_params_get (nc_window_get_params (window), "x0"), 0.25, 1e-12);
  g_assert_false (nc_image_equal (before, nc_window_get_analysis (window)->cipher_image));
  g_assert_true (nc_window_get_analysis (window)->exact);

  /* Many changes at once: only the newest is shown, and it is right. */
  for (int i = 0; i < 20; i++)
    nc_param_panel_set_value (panel, "y0", 0.1 + i * 0.01);
  wait_until_updated (window);
  g_assert_cmpfloat_with_epsilon (nc_params_get (nc_window_get_params (window), "y0"), 0.29, 1e-12);
  g_assert_true (nc_window_get_analysis (window)->exact);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_key_flip_view (void)
{
  NcWindow *window = window_on_sample ("camera.png");
  const NcAnalysis *analysis;

  g_assert_true (nc_window_set_model (window, "hopfield", NULL, NULL));
  nc_window_set_key_bit (window, 0);
  wait_until_updated (window);
  analysis = nc_window_get_analysis (window);
  g_assert_cmpuint (analysis->key.bit, ==, 0);
  g_assert_cmpfloat (analysis->key.ciphers.npcr, >, 99.0);
  nc_window_set_key_bit (window, 5);
  wait_until_updated (window);
  g_assert_cmpuint (nc_window_get_analysis (window)->key.bit, ==, 5);

  for (int k = 0; k < 4; k++)
    {
      static const char *views[] = { "histogram", "scatter", "keyflip", "metrics" };
      g_autofree char *name = g_strdup_printf ("view-%s", views[k]);

      nc_window_show_view (window, views[k]);
      settle ();
      save_screenshot (GTK_WIDGET (window), name);
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The panes zoom and pan together. */
/* The GAN training view: a run from scratch reaches the engine at once
 * (the ciphertext changes and still decrypts exactly), and "shipped
 * weights" brings the shipped ciphertext back. */
static void
test_training_view (void)
{
  NcWindow *window = window_on_sample ("camera.png");
  NcTrainingView *view = NC_TRAINING_VIEW (nc_window_get_training_view (window));
  g_autoptr(NcImage) shipped = NULL;
  guint timeout;

  g_assert_true (nc_window_set_model (window, "adversarial", "direct", NULL));
  wait_until_updated (window);
  shipped = nc_image_copy (nc_window_get_analysis (window)->cipher_image, NULL);

  nc_window_show_view (window, "training");
  nc_training_view_start (view);
  g_assert_true (nc_training_view_get_running (view));
  timeout = g_timeout_add_seconds (60, on_timeout, (gpointer) "two training reports");
  while (nc_training_view_get_n_reports (view) < 2)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
  nc_training_view_stop (view);
  g_assert_false (nc_training_view_get_running (view));
  settle ();
  wait_until_updated (window);
  g_assert_false (nc_image_equal (shipped, nc_window_get_analysis (window)->cipher_image));
  g_assert_true (nc_window_get_analysis (window)->exact);
  settle ();
  save_screenshot (GTK_WIDGET (window), "window-training");

  nc_training_view_use_shipped (view);
  settle ();
  wait_until_updated (window);
  g_assert_true (nc_image_equal (shipped, nc_window_get_analysis (window)->cipher_image));

  /* Closing while training stops the run. */
  nc_training_view_start (view);
  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
  nc_gan_weights_set_active (NULL);
}

static void
test_panes_zoom_together (void)
{
  NcWindow *window = window_on_sample ("camera.png");
  double zoom, center_x;

  g_object_set (nc_window_get_pane (window, 1), "zoom", 8.0, "center-x", 0.3, NULL);
  g_object_get (nc_window_get_pane (window, 0), "zoom", &zoom, "center-x", &center_x, NULL);
  g_assert_cmpfloat (zoom, ==, 8.0);
  g_assert_cmpfloat (center_x, ==, 0.3);
  g_object_get (nc_window_get_pane (window, 2), "zoom", &zoom, NULL);
  g_assert_cmpfloat (zoom, ==, 8.0);
  settle ();
  save_screenshot (GTK_WIDGET (window), "window-zoomed");
  g_object_set (nc_window_get_pane (window, 0), "zoom", 1.0, NULL);
  g_object_get (nc_window_get_pane (window, 2), "zoom", &zoom, NULL);
  g_assert_cmpfloat (zoom, ==, 1.0);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* On a large image an update takes long: the spinner turns while it
 * runs and the panes keep the last result; it stops when the result is
 * in. */
static void
test_busy_spinner (void)
{
  NcWindow *window = new_window ();
  g_autofree char *dir = nc_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "large.png", NULL);
  g_autoptr(NcImage) large = nc_test_pattern_image (2048, 2048, 3, 11);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkSpinner *spinner;
  NcParamPanel *panel;
  const NcImage *shown;
  gboolean seen_spinning = FALSE;

  g_assert_true (nc_image_save_png (large, path, NULL, NC_SAVE_FAST, NULL));
  nc_window_open (window, file);
  wait_until_updated (window);
  spinner = GTK_SPINNER (gtk_widget_get_template_child (GTK_WIDGET (window), NC_TYPE_WINDOW,
                                                        "spinner"));
  g_assert_false (gtk_spinner_get_spinning (spinner));
  shown = nc_window_get_analysis (window)->cipher_image;

  panel = NC_PARAM_PANEL (nc_window_get_param_panel (window));
  g_assert_true (nc_param_panel_set_value (panel, "x0", 0.3));
  while (nc_window_get_updating (window))
    {
      g_main_context_iteration (NULL, TRUE);
      if (gtk_spinner_get_spinning (spinner))
        {
          seen_spinning = TRUE;
          /* Meanwhile the last result stays on show. */
          g_assert_true (nc_window_get_analysis (window)->cipher_image == shown);
          break;
        }
    }
  wait_until_updated (window);
  settle ();
  if (!seen_spinning)
    g_test_message ("the update finished within the spinner's delay");
  g_assert_false (gtk_spinner_get_spinning (spinner));
  gtk_window_destroy (GTK_WINDOW (window));
  nc_test_tmpdir_remove (dir);
}

/* A key on a periodic orbit is flagged once the sliders rest. */
static void
test_weak_key_warning (void)
{
  NcWindow *window = window_on_sample ("camera.png");
  NcParams *params;

  g_assert_true (nc_window_set_model (window, "hopfield", "hybrid", NULL));
  wait_until_updated (window);
  g_assert_null (nc_window_get_analysis (window)->warning);
  g_assert_true (nc_window_get_analysis (window)->full);

  params = nc_window_get_params (window);
  g_assert_true (nc_params_set_from_string (params, "source=henon", NULL));
  nc_param_panel_refresh (NC_PARAM_PANEL (nc_window_get_param_panel (window)));
  g_assert_true (nc_param_panel_set_value (NC_PARAM_PANEL (nc_window_get_param_panel (window)),
                                           "eps_u", 0.2));
  wait_until_updated (window);
  g_assert_nonnull (nc_window_get_analysis (window)->warning);
  g_assert_nonnull (strstr (nc_window_get_analysis (window)->warning, "periodic orbit"));
  settle ();
  save_screenshot (GTK_WIDGET (window), "window-weak-key");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Closing the window, or opening another image, while an update runs
 * drops the update's result safely. */
static void
test_close_while_updating (void)
{
  NcWindow *window = window_on_sample ("astronaut.png");
  NcParamPanel *panel = NC_PARAM_PANEL (nc_window_get_param_panel (window));

  nc_param_panel_set_value (panel, "x0", 0.3);
  g_assert_true (nc_window_get_updating (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-sample", "s", "camera.png");
  wait_until_updated (window);
  g_assert_cmpuint (nc_window_get_analysis (window)->cipher_image->channels, ==, 1);
  g_assert_true (nc_window_get_analysis (window)->exact);

  nc_param_panel_set_value (panel, "x0", 0.4);
  g_assert_true (nc_window_get_updating (window));
  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
  settle ();
}

static void
test_export_all (void)
{
  NcWindow *window = window_on_sample ("astronaut.png");
  g_autofree char *dir = nc_test_tmpdir_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (nc_window_export_all (window, dir, &error));
  g_assert_no_error (error);

  /* Export View first asks the size and resolution. */
  {
    AdwMessageDialog *dialog;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-view", NULL));
    settle ();
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
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_printerr ("no display: UI tests skipped\n");
      return 77;
    }
  adw_init ();

  g_test_add_func ("/ui/window/opens-sample", test_opens_sample);
  g_test_add_func ("/ui/window/open-sample-action", test_open_sample_action);
  g_test_add_func ("/ui/window/open-error-shown", test_open_error_shown);
  g_test_add_func ("/ui/window/newest-load-wins", test_newest_load_wins);
  g_test_add_func ("/ui/workbench/every-model", test_every_model);
  g_test_add_func ("/ui/workbench/slider-changes-ciphertext", test_slider_changes_ciphertext);
  g_test_add_func ("/ui/workbench/key-flip-view", test_key_flip_view);
  g_test_add_func ("/ui/workbench/export-all", test_export_all);
  g_test_add_func ("/ui/workbench/close-while-updating", test_close_while_updating);
  g_test_add_func ("/ui/workbench/weak-key-warning", test_weak_key_warning);
  g_test_add_func ("/ui/workbench/busy-spinner", test_busy_spinner);
  g_test_add_func ("/ui/workbench/training-view", test_training_view);
  g_test_add_func ("/ui/workbench/panes-zoom-together", test_panes_zoom_together);

  return g_test_run ();
}
