/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "nc-window.h"

#include "nc-image-view.h"

struct _NcWindow {
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  AdwSplitButton       *open_button;
  AdwWindowTitle       *window_title;
  GtkSpinner           *spinner;
  GtkStack             *stack;
  NcImageView          *plain_view;
  GtkLabel             *details_label;

  GtkFileChooserNative *chooser;
  GCancellable         *load_cancellable;
  guint                 load_generation;
  GFile                *file;
  NcImage              *image;
};

G_DEFINE_FINAL_TYPE (NcWindow, nc_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_IMAGE,
  PROP_FILE,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

/**
 * nc_samples_dir:
 *
 * Returns: (transfer full): the folder of bundled sample images: the
 *   installed one, or the source tree's when running from the build tree
 */
char *
nc_samples_dir (void)
{
  const char *override = g_getenv ("NEUROCIPHER_SAMPLES_DIR");
  g_autofree char *installed = g_build_filename (PKGDATADIR, "samples", NULL);

  if (override != NULL && *override != '\0')
    return g_strdup (override);
  if (g_file_test (installed, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&installed);
  return g_strdup (SOURCE_SAMPLES_DIR);
}

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
  LoadResult *result = g_new0 (LoadResult, 1);

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
    {
      load_result_free (result);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, result, load_result_free);
}

static void
set_loading (NcWindow *self,
             gboolean  loading)
{
  gtk_spinner_set_spinning (self->spinner, loading);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
show_error (NcWindow     *self,
            GFile        *file,
            const GError *error)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *heading = g_strdup_printf ("Could Not Open “%s”", basename);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading,
                                                       error->message));
  adw_message_dialog_add_response (dialog, "close", "_Close");
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static char *
describe_image (const NcImage    *image,
                const NcLoadInfo *info)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GPtrArray) conversions = nc_load_info_describe_conversions (info);

  g_string_append_printf (out, "%u × %u pixels · %s · %s file, %s",
                          image->width, image->height,
                          image->channels == 1 ? "gray" : "RGB",
                          info->format, info->source_color);
  if (info->source_bit_depth > 0)
    g_string_append_printf (out, ", %u-bit", info->source_bit_depth);
  if (info->interlaced)
    g_string_append (out, ", interlaced");
  for (guint i = 0; i < conversions->len; i++)
    g_string_append_printf (out, "%s%s", i == 0 ? " · converted: " : "; ",
                            (const char *) conversions->pdata[i]);
  return g_string_free (out, FALSE);
}

static void
show_image (NcWindow   *self,
            GFile      *file,
            LoadResult *result)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *details = describe_image (result->image, result->info);
  g_autoptr(GPtrArray) conversions = nc_load_info_describe_conversions (result->info);

  g_clear_pointer (&self->image, nc_image_unref);
  self->image = nc_image_ref (result->image);
  g_set_object (&self->file, file);

  nc_image_view_set_image (self->plain_view, self->image);
  gtk_label_set_label (self->details_label, details);
  adw_window_title_set_subtitle (self->window_title, basename);
  gtk_stack_set_visible_child_name (self->stack, "image");

  if (conversions->len > 0)
    {
      g_autofree char *title = g_strdup_printf ("Converted while loading: %s",
                                                (const char *) conversions->pdata[0]);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMAGE]);
}

static void
load_done (GObject      *source_object,
           GAsyncResult *res,
           gpointer      user_data)
{
  NcWindow *self = NC_WINDOW (source_object);
  GTask *task = G_TASK (res);
  GFile *file = g_task_get_task_data (task);
  guint generation = GPOINTER_TO_UINT (user_data);
  g_autoptr(GError) error = NULL;
  LoadResult *result = g_task_propagate_pointer (task, &error);

  /* Only the newest request is shown; older ones finish unseen. */
  if (generation != self->load_generation)
    {
      g_clear_pointer (&result, load_result_free);
      return;
    }

  g_clear_object (&self->load_cancellable);
  if (result != NULL)
    show_image (self, file, result);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_error (self, file, error);
  g_clear_pointer (&result, load_result_free);
  set_loading (self, FALSE);
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

  g_return_if_fail (NC_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();
  self->load_generation++;

  task = g_task_new (self, self->load_cancellable, load_done,
                     GUINT_TO_POINTER (self->load_generation));
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_in_thread);
  set_loading (self, TRUE);
}

static void
on_chooser_response (GtkNativeDialog *dialog,
                     int              response,
                     gpointer         user_data)
{
  NcWindow *self = NC_WINDOW (user_data);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        nc_window_open (self, file);
    }
  g_clear_object (&self->chooser);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  NcWindow *self = NC_WINDOW (widget);
  g_autoptr(GtkFileFilter) images = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  (void) action_name;
  (void) parameter;

  if (self->chooser != NULL)
    return;

  gtk_file_filter_set_name (images, "Images");
  gtk_file_filter_add_pixbuf_formats (images);
  gtk_file_filter_set_name (all, "All Files");
  gtk_file_filter_add_pattern (all, "*");

  self->chooser = gtk_file_chooser_native_new ("Open Image", GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               "_Open", "_Cancel");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), images);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
open_sample_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autofree char *dir = nc_samples_dir ();
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  const char *name = g_variant_get_string (parameter, NULL);

  (void) action_name;
  /* Only a bare file name inside the samples folder. */
  if (strchr (name, G_DIR_SEPARATOR) != NULL)
    return;
  path = g_build_filename (dir, name, NULL);
  file = g_file_new_for_path (path);
  nc_window_open (NC_WINDOW (widget), file);
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

static void
nc_window_dispose (GObject *object)
{
  NcWindow *self = NC_WINDOW (object);

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->file);
  g_clear_pointer (&self->image, nc_image_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), NC_TYPE_WINDOW);
  G_OBJECT_CLASS (nc_window_parent_class)->dispose (object);
}

static void
nc_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  NcWindow *self = NC_WINDOW (object);

  switch (prop_id)
    {
    case PROP_IMAGE:
      g_value_set_boxed (value, self->image);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, nc_window_get_loading (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nc_window_class_init (NcWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nc_window_dispose;
  object_class->get_property = nc_window_get_property;

  properties[PROP_IMAGE] =
    g_param_spec_boxed ("image", NULL, NULL, NC_TYPE_IMAGE,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (NC_TYPE_IMAGE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/neurocipher/Neurocipher/ui/nc-window.ui");
  gtk_widget_class_bind_template_child (widget_class, NcWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, NcWindow, open_button);
  gtk_widget_class_bind_template_child (widget_class, NcWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, NcWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, NcWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, NcWindow, plain_view);
  gtk_widget_class_bind_template_child (widget_class, NcWindow, details_label);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-sample", "s", open_sample_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "win.open", NULL);
}

static void
nc_window_init (NcWindow *self)
{
  g_autoptr(GMenuModel) samples = build_samples_menu ();
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* The application adds this path itself; a window made without one (as
   * in the tests) must find its icons too. */
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (self))),
                                    "/io/github/neurocipher/Neurocipher/icons");
  adw_split_button_set_menu_model (self->open_button, samples);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

NcWindow *
nc_window_new (AdwApplication *application)
{
  return g_object_new (NC_TYPE_WINDOW, "application", application, NULL);
}

/* Returns: (transfer none) (nullable): the image shown */
NcImage *
nc_window_get_image (NcWindow *self)
{
  g_return_val_if_fail (NC_IS_WINDOW (self), NULL);
  return self->image;
}

/* Returns: (transfer none) (nullable): the file the image came from */
GFile *
nc_window_get_file (NcWindow *self)
{
  g_return_val_if_fail (NC_IS_WINDOW (self), NULL);
  return self->file;
}

gboolean
nc_window_get_loading (NcWindow *self)
{
  g_return_val_if_fail (NC_IS_WINDOW (self), FALSE);
  return self->load_cancellable != NULL;
}
