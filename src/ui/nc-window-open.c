/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Opening images: the file chooser, drag and drop, the bundled samples,
 * and loading on a worker thread. */
#include "config.h"

#include <glib/gi18n.h>

#include "nc-window-private.h"

#include "nc-ciphertext.h"

typedef struct {
  NcImage    *image;
  NcLoadInfo *info;
} LoadResult;

static void
load_result_free (gpointer data)
{
  LoadResult *result = data;

  g_clear_pointer (&result->image, nc_image_unref);
  g_clear_pointer (&result->info, nc_load_info_free);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadResult, load_result_free)

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = g_file_get_parse_name (file);
  g_autoptr(GError) error = NULL;
  g_autoptr(LoadResult) result = g_new0 (LoadResult, 1);

  (void) source_object;
  if (path != NULL)
    result->image = nc_image_load (path, &result->info, &error);
  else
    {
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_load_contents (file, cancellable, &contents, &length, NULL, &error))
        result->image = nc_image_load_from_data ((const guint8 *) contents, length, name,
                                                 &result->info, &error);
      else
        g_prefix_error (&error, "%s: ", name);
    }

  if (result->image == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&result), load_result_free);
}

static void
show_error (NcWindow     *self,
            GFile        *file,
            const GError *error)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), basename);

  _nc_window_show_message (self, heading, error->message);
}

static char *
describe_image (const NcImage    *image,
                const NcLoadInfo *info)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GPtrArray) conversions = nc_load_info_describe_conversions (info);

  g_string_append_printf (out, _("%u × %u pixels · %s · %s file, %s"),
                          image->width, image->height,
                          image->channels == 1 ? "gray" : "RGB",
                          info->format, info->source_color);
  if (info->source_bit_depth > 0)
    g_string_append_printf (out, _(", %u-bit"), info->source_bit_depth);
  if (info->interlaced)
    g_string_append (out, ", interlaced");
  for (guint i = 0; i < conversions->len; i++)
    g_string_append_printf (out, "%s%s", i == 0 ? " · converted: " : "; ",
                            (const char *) conversions->pdata[i]);
  return g_string_free (out, FALSE);
}

/* A load in flight refers to its window weakly: a window closed
 * meanwhile is never kept alive, nor released, by the worker. */
typedef struct {
  GWeakRef window;
  guint    generation;
} LoadRequest;

static void
load_done (GObject      *source_object,
           GAsyncResult *res,
           gpointer      user_data)
{
  LoadRequest *request = user_data;
  g_autoptr(NcWindow) self = g_weak_ref_get (&request->window);
  GTask *task = G_TASK (res);
  GFile *file = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(LoadResult) result = g_task_propagate_pointer (task, &error);
  guint generation = request->generation;

  (void) source_object;
  g_weak_ref_clear (&request->window);
  g_free (request);
  /* Only the newest request is shown; older ones finish unseen. */
  if (self == NULL || generation != self->load_generation)
    return;

  _nc_window_set_loading (self, NULL);
  if (result != NULL)
    {
      g_autofree char *details = describe_image (result->image, result->info);
      g_autoptr(GPtrArray) conversions = nc_load_info_describe_conversions (result->info);

      _nc_window_show_image (self, file, result->image, details,
                             conversions->len > 0 ? conversions->pdata[0] : NULL);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_error (self, file, error);
  _nc_window_image_shown_lessons (self, result != NULL);
}

/**
 * nc_window_open:
 * @self: the window
 * @file: an image file
 *
 * Loads @file on a worker thread and shows it. A failure is shown in a
 * dialog and leaves the image that was shown before.
 */
void
nc_window_open (NcWindow *self,
                GFile    *file)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  LoadRequest *request = g_new0 (LoadRequest, 1);

  g_return_if_fail (NC_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_weak_ref_init (&request->window, self);
  request->generation = ++self->load_generation;
  task = g_task_new (NULL, cancellable, load_done, request);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_in_thread);
  _nc_window_set_loading (self, cancellable);
}

static void
on_image_chosen (GtkNativeDialog *dialog,
                 int              response,
                 gpointer         user_data)
{
  NcWindow *self = NC_WINDOW (user_data);
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_clear_object (&self->chooser);
  _nc_window_remember_folder (self, "image-folder", file);
  if (file != NULL)
    nc_window_open (self, file);
}

void
_nc_window_choose_image (NcWindow *self)
{
  g_autoptr(GtkFileFilter) images = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  /* The choosers are modal: one at a time. */
  if (self->chooser != NULL)
    return;
  gtk_file_filter_set_name (images, _("Images"));
  gtk_file_filter_add_pixbuf_formats (images);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");

  self->chooser = gtk_file_chooser_native_new (_("Open Image"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), images);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  _nc_window_recall_folder (self, "image-folder", GTK_FILE_CHOOSER (self->chooser));
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_image_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* @name: a bare file name inside the samples folder */
void
_nc_window_open_sample (NcWindow   *self,
                        const char *name)
{
  g_autofree char *dir = nc_samples_dir ();
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;

  if (strchr (name, G_DIR_SEPARATOR) != NULL)
    {
      _nc_window_toast (self, _("A sample is named by its file name alone"));
      return;
    }
  path = g_build_filename (dir, name, NULL);
  file = g_file_new_for_path (path);
  nc_window_open (self, file);
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         gpointer       user_data)
{
  GSList *files;

  (void) target;
  (void) x;
  (void) y;
  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = g_value_get_boxed (value);
  if (files == NULL)
    return FALSE;
  nc_window_open (NC_WINDOW (user_data), G_FILE (files->data));
  return TRUE;
}

static GMenuModel *
build_samples_menu (void)
{
  GMenu *menu = g_menu_new ();
  g_autofree char *dir_path = nc_samples_dir ();
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".png"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);

  for (guint i = 0; i < names->len; i++)
    {
      const char *file_name = names->pdata[i];
      g_autofree char *label = g_strndup (file_name, strlen (file_name) - 4);
      g_autoptr(GMenuItem) item = NULL;

      label[0] = g_ascii_toupper (label[0]);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target (item, "win.open-sample", "s", file_name);
      g_menu_append_item (menu, item);
    }
  return G_MENU_MODEL (menu);
}

void
_nc_window_init_open (NcWindow *self)
{
  g_autoptr(GMenuModel) samples = build_samples_menu ();
  GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  adw_split_button_set_menu_model (self->open_button, samples);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

/* A load still running is dropped when it returns. */
void
_nc_window_dispose_open (NcWindow *self)
{
  g_clear_pointer (&self->pending_cipher, g_free);
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_generation++;
}

/**
 * nc_window_open_ciphertext:
 * @cipher_path: a ciphertext written by neurocipher-cli encrypt or Save
 *   Ciphertext
 * @key_path: its key file
 *
 * Decrypts the ciphertext and opens the image it held, with its key as
 * the current one. A failure names the file and changes nothing.
 */
gboolean
nc_window_open_ciphertext (NcWindow    *self,
                           const char  *cipher_path,
                           const char  *key_path,
                           GError     **error)
{
  g_autoptr(NcParams) key = nc_engine_load_key (NULL, key_path, error);
  g_autoptr(NcImage) plain = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *details = NULL;
  g_autofree char *key_name = NULL;
  const NcEngine *engine;

  if (key == NULL)
    return FALSE;
  engine = nc_engine_for_params (key);
  _nc_window_attach_weights (self, engine, key);
  plain = nc_ciphertext_decrypt_file (cipher_path, key, NC_CIPHERTEXT_REQUIRE_METADATA, NULL, error);
  if (plain == NULL)
    return FALSE;
  file = g_file_new_for_path (cipher_path);
  key_name = g_path_get_basename (key_path);
  details = g_strdup_printf (_("%u × %u pixels · %s · decrypted from this ciphertext with %s"),
                             plain->width, plain->height, plain->channels == 1 ? "gray" : "RGB",
                             key_name);
  _nc_window_use_params (self, engine, g_steal_pointer (&key));
  _nc_window_show_image (self, file, plain, details, NULL);
  return TRUE;
}

static void
open_cipher_with_key (NcWindow   *self,
                      const char *key_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cipher_path = g_steal_pointer (&self->pending_cipher);

  if (cipher_path != NULL && !nc_window_open_ciphertext (self, cipher_path, key_path, &error))
    _nc_window_show_message (self, _("Could Not Decrypt"), error->message);
}

static void
cipher_chosen (NcWindow   *self,
               const char *path)
{
  g_free (self->pending_cipher);
  self->pending_cipher = g_strdup (path);
  _nc_window_choose_path (self, GTK_FILE_CHOOSER_ACTION_OPEN, _("Its Key"), _("_Decrypt"), NULL,
                          open_cipher_with_key);
}

/* Asks for a ciphertext, then its key. */
void
_nc_window_choose_ciphertext (NcWindow *self)
{
  _nc_window_choose_path (self, GTK_FILE_CHOOSER_ACTION_OPEN, _("Open Ciphertext"), _("_Next"),
                          NULL, cipher_chosen);
}
