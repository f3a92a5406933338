/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The real window under a display (Xvfb in CI), driven through its
 * actions. Without a display the test exits 77: skipped, never passed. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "nc-test-util.h"
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

  return g_test_run ();
}
