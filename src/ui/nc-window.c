/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The workbench window: the object, the model it shows and the results
 * of its live analysis. Its other parts are in nc-window-*.c (see
 * nc-window-private.h). */
#include "config.h"

#include <glib/gi18n.h>

#include "nc-window-private.h"

#include "nc-adversarial.h"
#include "nc-plot-image.h"

G_DEFINE_FINAL_TYPE (NcWindow, nc_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_IMAGE,
  PROP_FILE,
  PROP_LOADING,
  PROP_UPDATING,
  PROP_STALE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The header's spinner turns while an image loads, and while a live
 * update has run longer than the busy delay (large images): the panes
 * keep the last result meanwhile. Quick updates never show it, so a
 * drag does not flicker. */
static void
sync_spinner (NcWindow *self)
{
  gboolean loading = self->load_cancellable != NULL;
  gboolean busy = nc_live_analysis_get_busy (self->live);

  gtk_spinner_set_spinning (self->spinner, loading || busy);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->spinner),
                               loading ? _("Loading") : _("Encrypting and measuring"));
}

/* The image starts or stops loading. */
void
_nc_window_set_loading (NcWindow     *self,
                        GCancellable *cancellable)
{
  g_set_object (&self->load_cancellable, cancellable);
  sync_spinner (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

void
_nc_window_toast (NcWindow   *self,
                  const char *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

void
_nc_window_show_message (NcWindow   *self,
                         const char *heading,
                         const char *body)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));

  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- Results of the live analysis ---- */

/* The engine and its public parameters: what the effective key space
 * depends on. */
static char *
describe_structure (const NcParams *params)
{
  g_autoptr(GPtrArray) metadata = nc_engine_public_metadata (params);

  g_ptr_array_add (metadata, NULL);
  return g_strjoinv ("\n", (char **) metadata->pdata);
}

/* The panes' pixels, converted on the live analysis's worker: at 2048²
 * the two conversions were a quarter of the main loop's time a result. */
typedef struct {
  cairo_surface_t *cipher;
  cairo_surface_t *decrypted;
} PaneSurfaces;

static cairo_surface_t *
pane_surface (const NcImage *image)
{
  cairo_surface_t *surface;

  if (image == NULL)
    return NULL;
  surface = nc_plot_image_surface (image);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    g_clear_pointer (&surface, cairo_surface_destroy);
  return surface;
}

static void
pane_surfaces_free (gpointer data)
{
  PaneSurfaces *panes = data;

  g_clear_pointer (&panes->cipher, cairo_surface_destroy);
  g_clear_pointer (&panes->decrypted, cairo_surface_destroy);
  g_free (panes);
}

static gpointer
prepare_panes (const NcLiveResult *result,
               gpointer            user_data)
{
  PaneSurfaces *panes = g_new0 (PaneSurfaces, 1);

  (void) user_data;
  panes->cipher = pane_surface (result->analysis.cipher_image);
  panes->decrypted = pane_surface (result->analysis.decrypted);
  return panes;
}

static void
on_result (NcLiveAnalysis *live,
           NcLiveResult   *result,
           NcWindow       *self)
{
  const PaneSurfaces *panes = result->prepared;
  const NcAnalysis *a = &result->analysis;
  g_autofree char *key_space = NULL;
  double upper;

  (void) live;
  g_clear_pointer (&self->result, nc_live_result_unref);
  self->result = nc_live_result_ref (result);
  self->figure_data = (NcFigureData) { result->image, a->cipher_image, a->decrypted,
                                       a->flipped_cipher, a->wrong_plain, a, result->title,
                                       self->figure_data.attack };
  self->n_updates++;

  nc_image_view_set_image_surface (self->cipher_view, a->cipher_image, panes != NULL ? panes->cipher : NULL);
  nc_image_view_set_image_surface (self->decrypted_view, a->decrypted, panes != NULL ? panes->decrypted : NULL);
  gtk_label_set_label (self->decrypted_label, a->exact ? _("Decrypted ✓ bit-identical")
                                                       : _("Decrypted ✗ differs"));
  /* The effective key space is measured by the full analysis; a live
   * result keeps the last measurement until the sliders rest. */
  if (a->has_key_space)
    {
      g_autofree char *breakdown = nc_key_space_describe_params (&a->key_space);

      g_free (self->effective_text);
      self->effective_text = nc_key_space_describe (&a->key_space);
      g_free (self->effective_structure);
      self->effective_structure = describe_structure (result->params);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->key_space_label), breakdown);
    }
  else if (self->effective_structure != NULL)
    {
      g_autofree char *structure = describe_structure (result->params);

      /* Measured for another variant or other stages: not this cipher. */
      if (!g_str_equal (structure, self->effective_structure))
        {
          g_clear_pointer (&self->effective_text, g_free);
          g_clear_pointer (&self->effective_structure, g_free);
          gtk_widget_set_tooltip_text (GTK_WIDGET (self->key_space_label), NULL);
        }
    }
  key_space = g_markup_printf_escaped (_("<b>Key space</b>\nnominal 2^%.1f — %s\nencoded in %u key bits "
                                       "(2^%.1f) · encryption %.1f ms\n%s"),
                                       a->nominal_key_bits, nc_tr (result->engine->nominal_formula),
                                       a->key_bits, a->encoding_key_bits, a->encrypt_ms,
                                       self->effective_text != NULL ? self->effective_text
                                       : _("effective: measured when the sliders rest"));
  gtk_label_set_markup (self->key_space_label, key_space);
  /* The weak-key check is part of the full analysis only: a live result
   * keeps the last verdict until the sliders rest. */
  if (a->full)
    {
      gtk_widget_set_visible (self->warning_box, a->warning != NULL);
      gtk_label_set_label (self->warning_label, a->warning != NULL ? a->warning : "");
    }

  upper = MAX (a->key_bits, 1);
  if (gtk_adjustment_get_upper (self->key_bit_adjustment) != upper)
    gtk_adjustment_set_upper (self->key_bit_adjustment, upper);

  for (int k = 0; k < NC_N_FIGURES; k++)
    if (self->figure_views[k] != NULL)
      nc_figure_view_set_data (self->figure_views[k], &self->figure_data);
  nc_metrics_list_set_analysis (self->metrics_list, a, self->figure_data.title);
  self->result_serial++;
  _nc_window_update_lesson (self);
  _nc_window_sync_actions (self);
}

static void
on_failed (NcLiveAnalysis *live,
           const GError   *error,
           NcWindow       *self)
{
  (void) live;
  _nc_window_toast (self, error->message);
}

static void
on_live_notify (NcLiveAnalysis *live,
                GParamSpec     *pspec,
                NcWindow       *self)
{
  const char *name = g_param_spec_get_name (pspec);

  (void) live;
  if (g_str_equal (name, "busy"))
    sync_spinner (self);
  else if (g_str_equal (name, "updating"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATING]);
  else if (g_str_equal (name, "stale"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STALE]);
}

/* ---- The model ---- */

/* The weights the adversarial engine runs with in this window: those of
 * its training view, or the shipped ones. */
void
_nc_window_attach_weights (NcWindow       *self,
                           const NcEngine *engine,
                           NcParams       *params)
{
  if (engine->family == NC_FAMILY_ADVERSARIAL)
    nc_gan_weights_attach (params, nc_training_view_get_weights (self->training_view));
}

/* ---- Settings ---- */

/* The settings, where the schema is installed (or the workbench runs from
 * its build folder with GSETTINGS_SCHEMA_DIR): without them nothing is
 * remembered, and nothing fails. */
static GSettings *
settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = source != NULL ? g_settings_schema_source_lookup (source, APP_ID, TRUE)
                                                     : NULL;

  return schema != NULL ? g_settings_new_full (schema, NULL, NULL) : NULL;
}

/* Remembers the folder of @file under @key ("image-folder",
 * "export-folder"). */
void
_nc_window_remember_folder (NcWindow   *self,
                            const char *key,
                            GFile      *file)
{
  g_autoptr(GFile) parent = NULL;
  g_autofree char *path = NULL;

  if (self->settings == NULL || file == NULL)
    return;
  parent = g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY
           ? g_object_ref (file) : g_file_get_parent (file);
  if (parent != NULL && (path = g_file_get_path (parent)) != NULL)
    g_settings_set_string (self->settings, key, path);
}

/* Starts @chooser in the folder remembered under @key, if it still is. */
void
_nc_window_recall_folder (NcWindow       *self,
                          const char     *key,
                          GtkFileChooser *chooser)
{
  g_autofree char *path = self->settings != NULL ? g_settings_get_string (self->settings, key) : NULL;
  g_autoptr(GFile) folder = NULL;

  if (path == NULL || *path == '\0' || !g_file_test (path, G_FILE_TEST_IS_DIR))
    return;
  folder = g_file_new_for_path (path);
  gtk_file_chooser_set_current_folder (chooser, folder, NULL);
}

static void
remember_window (NcWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
}

static gboolean
on_close_request (GtkWindow *window)
{
  remember_window (NC_WINDOW (window));
  return FALSE;
}

/* The model a first image opens with: the last one used. */
static void
use_remembered_model (NcWindow *self)
{
  g_autofree char *engine = self->settings != NULL ? g_settings_get_string (self->settings, "engine")
                                                   : g_strdup ("hopfield");
  g_autofree char *variant = self->settings != NULL ? g_settings_get_string (self->settings, "variant") : NULL;

  if (!nc_window_set_model (self, engine, variant, NULL))
    nc_window_set_model (self, "hopfield", NULL, NULL);
}

/* Takes @params (for @engine) as the current key. */
void
_nc_window_use_params (NcWindow       *self,
                       const NcEngine *engine,
                       NcParams       *params)
{
  self->engine = engine;
  g_clear_pointer (&self->params, nc_params_free);
  self->params = params;
  _nc_window_attach_weights (self, self->engine, self->params);
  nc_param_panel_set_params (self->param_panel, self->params);
  _nc_window_sync_model_label (self);
  _nc_window_sync_actions (self);
  _nc_window_key_changed (self);
  if (self->settings != NULL)
    {
      const NcParamSpec *variants = nc_engine_get_variant_spec (engine);

      g_settings_set_string (self->settings, "engine", engine->id);
      g_settings_set_string (self->settings, "variant",
                             variants != NULL ? variants->choices[nc_params_get_variant (params)].id : "");
    }
}

/* The key changed: the live analysis and the studies follow it. */
void
_nc_window_key_changed (NcWindow *self)
{
  nc_live_analysis_set_key (self->live, self->engine, self->params);
  _nc_window_sync_studies (self);
}

static void
on_params_changed (NcParamPanel *panel,
                   NcWindow     *self)
{
  (void) panel;
  if (self->params != NULL)
    _nc_window_key_changed (self);
}

static void
on_key_bit_changed (GtkAdjustment *adjustment,
                    NcWindow      *self)
{
  nc_live_analysis_set_key_bit (self->live, (guint) gtk_adjustment_get_value (adjustment));
}

/* New generator weights: what the adversarial engine shows changes. */
static void
on_weights_changed (NcWindow *self)
{
  if (self->params == NULL || self->engine->family != NC_FAMILY_ADVERSARIAL)
    return;
  _nc_window_attach_weights (self, self->engine, self->params);
  _nc_window_key_changed (self);
}

/**
 * nc_window_set_model:
 * @self: the window
 * @engine_id: an engine
 * @variant: (nullable): one of its variants, or %NULL for the default
 * @error: return location for an error
 *
 * Switches to the engine's default key in that variant.
 */
gboolean
nc_window_set_model (NcWindow    *self,
                     const char  *engine_id,
                     const char  *variant,
                     GError     **error)
{
  const NcEngine *engine = nc_engine_find (engine_id, error);
  g_autoptr(NcParams) params = NULL;

  if (engine == NULL)
    return FALSE;
  params = nc_engine_new_params (engine);
  if (variant != NULL && *variant != '\0')
    {
      g_autofree char *assignment = g_strdup_printf ("%s=%s", NC_PARAM_VARIANT_ID, variant);

      if (!nc_params_set_from_string (params, assignment, error))
        return FALSE;
    }
  _nc_window_use_params (self, engine, g_steal_pointer (&params));
  return TRUE;
}

/* ---- The image ---- */

/**
 * _nc_window_show_image:
 * @details: what the file held, for the line under the plaintext
 * @conversion: (nullable): the first thing loading converted
 */
void
_nc_window_show_image (NcWindow   *self,
                       GFile      *file,
                       NcImage    *image,
                       const char *details,
                       const char *conversion)
{
  g_autofree char *basename = g_file_get_basename (file);

  g_clear_pointer (&self->image, nc_image_unref);
  self->image = nc_image_ref (image);
  g_set_object (&self->file, file);
  nc_training_view_set_image (self->training_view, self->image);
  nc_image_view_set_image (self->plain_view, self->image);
  gtk_label_set_label (self->details_label, details);
  nc_live_analysis_set_image (self->live, self->image);
  _nc_window_sync_studies (self);
  if (self->engine == NULL)
    use_remembered_model (self);
  /* Recent files, for this and every other application. */
  if (g_file_peek_path (file) != NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
    }
  adw_window_title_set_subtitle (self->window_title, basename);
  gtk_stack_set_visible_child_name (self->stack, "image");

  if (conversion != NULL)
    {
      g_autofree char *title = g_strdup_printf (_("Converted while loading: %s"), conversion);

      _nc_window_toast (self, title);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMAGE]);
}

/* ---- File choosers for key files and exports ---- */

typedef struct {
  NcWindowPathFunc func;
} PathRequest;

static void
on_path_chosen (GtkNativeDialog *dialog,
                int              response,
                gpointer         user_data)
{
  NcWindow *self = NC_WINDOW (user_data);
  PathRequest *request = g_object_get_data (G_OBJECT (dialog), "nc-request");
  NcWindowPathFunc func = request->func;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_clear_object (&self->chooser);
  _nc_window_remember_folder (self, "export-folder", file);
  if (file != NULL && (path = g_file_get_path (file)) != NULL)
    func (self, path);
}

/* Asks for a file or folder and hands its path to @func. */
void
_nc_window_choose_path (NcWindow             *self,
                        GtkFileChooserAction  action,
                        const char           *title,
                        const char           *accept,
                        const char           *suggested,
                        NcWindowPathFunc      func)
{
  PathRequest *request;

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept, _("_Cancel"));
  _nc_window_recall_folder (self, "export-folder", GTK_FILE_CHOOSER (self->chooser));
  if (suggested != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), suggested);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  request = g_new (PathRequest, 1);
  request->func = func;
  g_object_set_data_full (G_OBJECT (self->chooser), "nc-request", request, g_free);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_path_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- GObject ---- */

static void
nc_window_dispose (GObject *object)
{
  NcWindow *self = NC_WINDOW (object);

  /* Work still running returns to nothing: its result is dropped. */
  if (self->live != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->live, self);
      nc_live_analysis_stop (self->live);
      g_clear_object (&self->live);
    }
  _nc_window_dispose_open (self);
  _nc_window_cancel_studies (self);
  _nc_window_dispose_lessons (self);
  if (self->report_cancellable != NULL)
    g_cancellable_cancel (self->report_cancellable);
  g_clear_object (&self->report_cancellable);
  g_clear_object (&self->settings);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  for (int k = 0; k < NC_N_FIGURES; k++)
    if (self->figure_views[k] != NULL)
      nc_figure_view_set_data (self->figure_views[k], NULL);
  if (self->metrics_list != NULL)
    nc_metrics_list_set_analysis (self->metrics_list, NULL, NULL);
  g_clear_pointer (&self->result, nc_live_result_unref);
  g_clear_object (&self->file);
  g_clear_pointer (&self->image, nc_image_unref);
  g_clear_pointer (&self->params, nc_params_free);
  g_clear_pointer (&self->effective_text, g_free);
  g_clear_pointer (&self->effective_structure, g_free);
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
    case PROP_UPDATING:
      g_value_set_boolean (value, nc_window_get_updating (self));
      break;
    case PROP_STALE:
      g_value_set_boolean (value, nc_window_get_stale (self));
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
  /* An update of the panes and views runs or waits. */
  properties[PROP_UPDATING] =
    g_param_spec_boolean ("updating", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The panes lag behind the sliders (the full analysis aside). */
  properties[PROP_STALE] =
    g_param_spec_boolean ("stale", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (NC_TYPE_IMAGE_VIEW);
  g_type_ensure (NC_TYPE_PARAM_PANEL);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/neurocipher/Neurocipher/ui/nc-window.ui");
  gtk_widget_class_bind_template_child (widget_class, NcWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, NcWindow, open_button);
  gtk_widget_class_bind_template_child (widget_class, NcWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, NcWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, NcWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, NcWindow, plain_view);
  gtk_widget_class_bind_template_child (widget_class, NcWindow, details_label);
  gtk_widget_class_bind_template_child (widget_class, NcWindow, cipher_view);
  gtk_widget_class_bind_template_child (widget_class, NcWindow, decrypted_view);
  gtk_widget_class_bind_template_child (widget_class, NcWindow, decrypted_label);
  gtk_widget_class_bind_template_child (widget_class, NcWindow, model_button);
  gtk_widget_class_bind_template_child (widget_class, NcWindow, key_space_label);
  gtk_widget_class_bind_template_child (widget_class, NcWindow, warning_box);
  gtk_widget_class_bind_template_child (widget_class, NcWindow, warning_label);
  gtk_widget_class_bind_template_child (widget_class, NcWindow, param_panel);
  gtk_widget_class_bind_template_child (widget_class, NcWindow, views);
  gtk_widget_class_bind_template_child (widget_class, NcWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, NcWindow, sidebar_switcher);
  gtk_widget_class_bind_template_child (widget_class, NcWindow, lessons_button);
  gtk_widget_class_bind_template_child (widget_class, NcWindow, start_lessons_button);

  _nc_window_class_init_actions (widget_class);
  _nc_window_class_init_lessons (widget_class);
}

static void
nc_window_init (NcWindow *self)
{
  g_autoptr(GMenuModel) models = _nc_window_build_model_menu ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->export_pane = -1;
  /* The application adds this path itself; a window made without one (as
   * in the tests) must find its icons too. */
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (self))),
                                    "/io/github/neurocipher/Neurocipher/icons");

  self->report_cancellable = g_cancellable_new ();
  self->settings = settings_new ();
  self->export_dpi = 300;
  if (self->settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self), g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      self->export_width = g_settings_get_double (self->settings, "export-width");
      self->export_height = g_settings_get_double (self->settings, "export-height");
      self->export_dpi = g_settings_get_double (self->settings, "export-dpi");
    }
  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request), NULL);
  self->live = nc_live_analysis_new ();
  nc_live_analysis_set_prepare (self->live, prepare_panes, NULL, pane_surfaces_free);
  g_signal_connect (self->live, "result", G_CALLBACK (on_result), self);
  g_signal_connect (self->live, "failed", G_CALLBACK (on_failed), self);
  g_signal_connect (self->live, "notify", G_CALLBACK (on_live_notify), self);

  gtk_menu_button_set_menu_model (self->model_button, models);
  _nc_window_build_views (self);
  _nc_window_init_lessons (self);
  g_signal_connect (self->key_bit_adjustment, "value-changed", G_CALLBACK (on_key_bit_changed), self);
  g_signal_connect_swapped (self->training_view, "weights-changed",
                            G_CALLBACK (on_weights_changed), self);
  g_signal_connect (self->param_panel, "changed", G_CALLBACK (on_params_changed), self);
  /* The three panes zoom and pan together. */
  for (int i = 0; i < 2; i++)
    {
      NcImageView *other = i == 0 ? self->cipher_view : self->decrypted_view;
      static const char *names[] = { "zoom", "center-x", "center-y" };

      for (gsize p = 0; p < G_N_ELEMENTS (names); p++)
        g_object_bind_property (self->plain_view, names[p], other, names[p],
                                G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
    }
  _nc_window_init_open (self);
  _nc_window_sync_actions (self);
}

NcWindow *
nc_window_new (AdwApplication *application)
{
  return g_object_new (NC_TYPE_WINDOW, "application", application, NULL);
}

/* ---- Accessors ---- */

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

/* Returns: whether an update of the panes and views runs or waits */
gboolean
nc_window_get_updating (NcWindow *self)
{
  g_return_val_if_fail (NC_IS_WINDOW (self), FALSE);
  return self->live != NULL && nc_live_analysis_get_updating (self->live);
}

/* Returns: whether the panes lag behind the sliders */
gboolean
nc_window_get_stale (NcWindow *self)
{
  g_return_val_if_fail (NC_IS_WINDOW (self), FALSE);
  return self->live != NULL && nc_live_analysis_get_stale (self->live);
}

/* Returns: (nullable): the measures shown, or %NULL before the first update */
const NcAnalysis *
nc_window_get_analysis (NcWindow *self)
{
  g_return_val_if_fail (NC_IS_WINDOW (self), NULL);
  return self->result != NULL ? &self->result->analysis : NULL;
}

/* Returns: (transfer none) (nullable): the current key */
NcParams *
nc_window_get_params (NcWindow *self)
{
  g_return_val_if_fail (NC_IS_WINDOW (self), NULL);
  return self->params;
}

/* Returns: (transfer none): the parameter panel */
GtkWidget *
nc_window_get_param_panel (NcWindow *self)
{
  g_return_val_if_fail (NC_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->param_panel);
}

/* Returns: how many results the window has shown */
guint
nc_window_get_n_updates (NcWindow *self)
{
  g_return_val_if_fail (NC_IS_WINDOW (self), 0);
  return self->n_updates;
}

/* Shows the analysis view for @name (histogram, scatter, keyflip, metrics,
 * attacks, training), or the study (compare, sweep, noise, randomness). */
void
nc_window_show_view (NcWindow   *self,
                     const char *name)
{
  g_return_if_fail (NC_IS_WINDOW (self));
  if (adw_view_stack_get_child_by_name (self->studies, name) != NULL)
    {
      adw_view_stack_set_visible_child_name (self->studies, name);
      name = NC_WINDOW_STUDIES_PAGE;
    }
  adw_view_stack_set_visible_child_name (self->views, name);
}

/* For the tests: the study page @name (compare, sweep, noise, randomness). */
NcStudy *
nc_window_get_study (NcWindow   *self,
                     const char *name)
{
  GtkWidget *child = adw_view_stack_get_child_by_name (self->studies, name);

  return child != NULL ? NC_STUDY (child) : NULL;
}

/* ---- For the tests (nc-window-private.h) ---- */

NcLiveAnalysis *
nc_window_get_live_analysis (NcWindow *self)
{
  return self->live;
}

/* Switches to @engine's default key, an engine from outside the
 * registry included. */
void
nc_window_set_engine (NcWindow       *self,
                      const NcEngine *engine)
{
  _nc_window_use_params (self, engine, nc_engine_new_params (engine));
}

/* Returns: (transfer none): pane 0 (plaintext), 1 (ciphertext) or 2 (decrypted) */
GtkWidget *
nc_window_get_pane (NcWindow *self,
                    guint     index)
{
  NcImageView *panes[3] = { self->plain_view, self->cipher_view, self->decrypted_view };

  g_return_val_if_fail (index < 3, NULL);
  return GTK_WIDGET (panes[index]);
}

GtkWidget *
nc_window_get_training_view (NcWindow *self)
{
  return GTK_WIDGET (self->training_view);
}

GtkWidget *
nc_window_get_spinner (NcWindow *self)
{
  return GTK_WIDGET (self->spinner);
}

void
nc_window_set_key_bit (NcWindow *self,
                       guint     bit)
{
  gtk_adjustment_set_value (self->key_bit_adjustment, bit);
}
