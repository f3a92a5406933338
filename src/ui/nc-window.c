/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "nc-window.h"

#include <sys/resource.h>
#include <unistd.h>

#include "nc-figure-view.h"
#include "nc-image-view.h"
#include "nc-param-panel.h"
#include "nc-training-view.h"
#include "nc-adversarial.h"

#define TRAINING_PAGE "training"

struct _NcWindow {
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  AdwSplitButton       *open_button;
  AdwWindowTitle       *window_title;
  GtkSpinner           *spinner;
  GtkStack             *stack;
  NcImageView          *plain_view;
  NcImageView          *cipher_view;
  NcImageView          *decrypted_view;
  GtkLabel             *decrypted_label;
  GtkLabel             *details_label;
  GtkMenuButton        *model_button;
  GtkLabel             *key_space_label;
  GtkWidget            *warning_box;
  GtkLabel             *warning_label;
  NcParamPanel         *param_panel;
  AdwViewStack         *views;
  NcFigureView         *figure_views[NC_N_FIGURES];   /* no view for the panes figure */
  NcTrainingView       *training_view;
  GtkAdjustment        *key_bit_adjustment;

  GtkFileChooserNative *chooser;
  GCancellable         *load_cancellable;
  guint                 load_generation;
  GFile                *file;
  NcImage              *image;

  /* The model and the live pipeline. */
  const NcEngine       *engine;
  NcParams             *params;
  guint                 key_bit;
  GCancellable         *update_cancellable;
  gboolean              update_full;  /* the running update is a full one */
  guint                 busy_source;  /* shows the spinner for a slow update */
  guint                 update_generation;
  gboolean              update_pending;
  struct _Update       *update;      /* the newest result shown */
  /* The plaintext's measures, kept while only the key changes. */
  NcImage              *plain_stats_image;
  NcImageStats          plain_stats;
  guint                 n_updates;
  int                   export_pane;    /* -1: the visible view; else a PANE_ */
  double                export_width;   /* points; 0 = the figure's default */
  double                export_height;
  double                export_dpi;
};

G_DEFINE_FINAL_TYPE (NcWindow, nc_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_IMAGE,
  PROP_FILE,
  PROP_LOADING,
  PROP_UPDATING,
  N_PROPS
};

/* One result of the live pipeline: the measures and the images behind
 * them, and the figure data that points into them. */
typedef struct _Update {
  guint        generation;
  NcImage     *image;
  NcAnalysis   analysis;
  NcFigureData data;
  char        *title;
} Update;

static void
update_free (Update *update)
{
  if (update == NULL)
    return;
  nc_analysis_clear (&update->analysis);
  g_clear_pointer (&update->image, nc_image_unref);
  g_free (update->title);
  g_free (update);
}

typedef struct {
  NcImage        *image;
  NcParams       *params;
  const NcEngine *engine;
  guint           key_bit;
  NcAnalysisFlags flags;
  gboolean        has_plain_stats;
  NcImageStats    plain_stats;
} UpdateJob;

static void
update_job_free (gpointer data)
{
  UpdateJob *job = data;

  if (job->has_plain_stats)
    nc_image_stats_clear (&job->plain_stats);
  nc_image_unref (job->image);
  nc_params_free (job->params);
  g_free (job);
}

static void schedule_update (NcWindow *self);
static void start_update (NcWindow *self, NcAnalysisFlags flags);

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

/* The header's spinner turns while an image loads, and while an update
 * has taken longer than BUSY_DELAY_MS (large images): the panes keep the
 * last result meanwhile. Quick updates never show it, so a drag does
 * not flicker. */
#define BUSY_DELAY_MS 150

static void
sync_spinner (NcWindow *self)
{
  gboolean loading = self->load_cancellable != NULL;
  gboolean busy = self->update_cancellable != NULL && !self->update_full
                  && self->busy_source == 0;

  gtk_spinner_set_spinning (self->spinner, loading || busy);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->spinner),
                               loading ? "Loading" : "Encrypting and measuring");
}

static gboolean
on_busy (gpointer user_data)
{
  NcWindow *self = user_data;

  self->busy_source = 0;
  sync_spinner (self);
  return G_SOURCE_REMOVE;
}

static void
set_loading (NcWindow *self,
             gboolean  loading)
{
  (void) loading;
  sync_spinner (self);
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
  nc_training_view_set_image (self->training_view, self->image);
  g_set_object (&self->file, file);

  nc_image_view_set_image (self->plain_view, self->image);
  gtk_label_set_label (self->details_label, details);
  /* An update of the previous image is of no use any more. */
  if (self->update_cancellable != NULL)
    {
      g_cancellable_cancel (self->update_cancellable);
      g_clear_object (&self->update_cancellable);
      self->update_generation++;
      self->update_pending = FALSE;
    }
  if (self->engine == NULL)
    nc_window_set_model (self, "hopfield", NULL, NULL);
  else
    schedule_update (self);
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

/* ---- The live pipeline ----
 *
 * A change of parameter starts an update on a worker thread. Changes
 * while one runs are coalesced into one pending update, started with the
 * newest parameters as soon as the running one returns; the running one
 * is not cancelled, so a slider being dragged shows a new result every
 * time one is ready instead of none until it stops. One update at most is
 * in flight, so results arrive in order and the newest is what is shown;
 * the main loop never waits for a computation. */

static void
update_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  UpdateJob *job = task_data;
  g_autoptr(GError) error = NULL;
  Update *update = g_new0 (Update, 1);
  const NcParamSpec *variants = nc_engine_get_variant_spec (job->engine);

  (void) source_object;
  /* Below the interface in priority: on two cores the update and its
   * helper thread would otherwise take the processor from the main loop
   * while a slider is dragged. Threads the update starts inherit this. */
  setpriority (PRIO_PROCESS, (id_t) gettid (), 10);
  update->image = nc_image_ref (job->image);
  if (!nc_analysis_run_with_plain (job->image, job->has_plain_stats ? &job->plain_stats : NULL,
                                   NULL, job->engine, job->params, job->key_bit, job->flags,
                                   &update->analysis, cancellable, &error))
    {
      update_free (update);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  update->title = g_strdup_printf ("%s%s%s", job->engine->name, variants != NULL ? " — " : "",
                                   variants != NULL
                                   ? variants->choices[nc_params_get_variant (job->params)].label
                                   : "");
  update->data = (NcFigureData) { update->image, update->analysis.cipher_image,
                                  update->analysis.decrypted, update->analysis.flipped_cipher,
                                  update->analysis.wrong_plain, &update->analysis, update->title };
  g_task_return_pointer (task, update, (GDestroyNotify) update_free);
}

static void
show_update (NcWindow *self,
             Update   *update)
{
  const NcAnalysis *a = &update->analysis;
  g_autofree char *key_space = NULL;
  double upper;

  update_free (self->update);
  self->update = update;
  self->n_updates++;
  if (self->plain_stats_image != update->image)
    {
      if (self->plain_stats_image != NULL)
        nc_image_stats_clear (&self->plain_stats);
      g_clear_pointer (&self->plain_stats_image, nc_image_unref);
      nc_image_stats_copy (&self->plain_stats, &a->plain);
      self->plain_stats_image = nc_image_ref (update->image);
    }

  nc_image_view_set_image (self->cipher_view, a->cipher_image);
  nc_image_view_set_image (self->decrypted_view, a->decrypted);
  gtk_label_set_label (self->decrypted_label, a->exact ? "Decrypted ✓ bit-identical"
                                                       : "Decrypted ✗ differs");
  key_space = g_strdup_printf ("<b>Key space</b>\nnominal 2^%.1f — %s\neffective 2^%.1f in %u key bits"
                               " · encryption %.1f ms",
                               a->nominal_key_bits, self->engine->nominal_formula,
                               a->effective_key_bits, a->key_bits, a->encrypt_ms);
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
      nc_figure_view_set_data (self->figure_views[k], &update->data);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATING]);
}

static void
update_done (GObject      *source_object,
             GAsyncResult *res,
             gpointer      user_data)
{
  NcWindow *self = NC_WINDOW (source_object);
  guint generation = GPOINTER_TO_UINT (user_data);
  g_autoptr(GError) error = NULL;
  Update *update = g_task_propagate_pointer (G_TASK (res), &error);
  gboolean shown_live = FALSE;

  if (generation == self->update_generation)
    g_clear_object (&self->update_cancellable);
  if (update != NULL && generation == self->update_generation)
    {
      update->generation = generation;
      shown_live = !update->analysis.full;
      show_update (self, update);
    }
  else
    {
      update_free (update);
      if (generation != self->update_generation)
        return;
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
    }

  if (self->update_cancellable == NULL && self->update_pending)
    {
      self->update_pending = FALSE;
      schedule_update (self);
    }
  else if (self->update_cancellable == NULL && shown_live)
    /* The sliders rest: measure everything once (plaintext sensitivity,
     * SSIM, noise), which is too slow to follow a drag. */
    start_update (self, NC_ANALYSIS_FULL);
  else if (self->update_cancellable == NULL)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATING]);
  if (self->update_cancellable == NULL || self->update_full)
    {
      g_clear_handle_id (&self->busy_source, g_source_remove);
      gtk_spinner_set_spinning (self->spinner, self->load_cancellable != NULL);
    }
}

static void
schedule_update (NcWindow *self)
{
  if (self->image == NULL || self->params == NULL)
    return;
  if (self->update_cancellable != NULL)
    {
      self->update_pending = TRUE;
      /* A full analysis takes several live updates' time and its result
       * is already stale: drop it, so the change shows at once (it runs
       * again when the sliders rest). */
      if (self->update_full)
        g_cancellable_cancel (self->update_cancellable);
      return;
    }
  start_update (self, NC_ANALYSIS_LIVE);
}

static void
start_update (NcWindow        *self,
              NcAnalysisFlags  flags)
{
  g_autoptr(GTask) task = NULL;
  UpdateJob *job;

  job = g_new0 (UpdateJob, 1);
  job->image = nc_image_ref (self->image);
  job->params = nc_params_copy (self->params);
  job->engine = self->engine;
  job->flags = flags;
  if (self->plain_stats_image == self->image)
    {
      nc_image_stats_copy (&job->plain_stats, &self->plain_stats);
      job->has_plain_stats = TRUE;
    }
  job->key_bit = MIN (self->key_bit, nc_params_get_key_bits (self->params) - 1);
  if (nc_params_get_key_bits (self->params) == 0)
    job->key_bit = 0;

  self->update_cancellable = g_cancellable_new ();
  self->update_full = (flags & NC_ANALYSIS_FULL) != 0;
  /* A full analysis runs when the sliders rest: no spinner for it. */
  g_clear_handle_id (&self->busy_source, g_source_remove);
  if (!self->update_full)
    self->busy_source = g_timeout_add (BUSY_DELAY_MS, on_busy, self);
  self->update_generation++;
  task = g_task_new (self, self->update_cancellable, update_done,
                     GUINT_TO_POINTER (self->update_generation));
  g_task_set_task_data (task, job, update_job_free);
  g_task_run_in_thread (task, update_in_thread);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATING]);
}

static void
on_params_changed (NcParamPanel *panel,
                   NcWindow     *self)
{
  (void) panel;
  schedule_update (self);
}

static void
on_key_bit_changed (GtkAdjustment *adjustment,
                    NcWindow      *self)
{
  guint bit = (guint) gtk_adjustment_get_value (adjustment);

  if (bit != self->key_bit)
    {
      self->key_bit = bit;
      schedule_update (self);
    }
}

static void
update_model_label (NcWindow *self)
{
  const NcParamSpec *variants = nc_engine_get_variant_spec (self->engine);
  g_autofree char *label = g_strdup_printf ("%s%s%s", self->engine->name,
                                            variants != NULL ? " — " : "",
                                            variants != NULL
                                            ? variants->choices[nc_params_get_variant (self->params)].label
                                            : "");

  gtk_menu_button_set_label (self->model_button, label);
}

/* Takes @params (for @engine) as the current key. */
static void
use_params (NcWindow       *self,
            const NcEngine *engine,
            NcParams       *params)
{
  self->engine = engine;
  g_clear_pointer (&self->params, nc_params_free);
  self->params = params;
  nc_param_panel_set_params (self->param_panel, self->params);
  update_model_label (self);
  schedule_update (self);
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
  use_params (self, engine, g_steal_pointer (&params));
  return TRUE;
}

static void
model_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  g_auto(GStrv) parts = g_strsplit (g_variant_get_string (parameter, NULL), ":", 2);
  g_autoptr(GError) error = NULL;

  (void) action_name;
  if (!nc_window_set_model (NC_WINDOW (widget), parts[0], parts[1], &error))
    g_warning ("%s", error->message);
}

static GMenuModel *
build_model_menu (void)
{
  GMenu *menu = g_menu_new ();
  const NcEngine * const *engines;
  guint n;

  engines = nc_engines_list (&n);
  for (int family = NC_FAMILY_CHAOTIC; family <= NC_FAMILY_REFERENCE; family++)
    {
      g_autoptr(GMenu) section = g_menu_new ();

      for (guint e = 0; e < n; e++)
        {
          const NcParamSpec *variants = nc_engine_get_variant_spec (engines[e]);
          guint64 n_variants = variants != NULL ? nc_param_spec_levels (variants) : 1;

          if ((int) engines[e]->family != family)
            continue;
          for (guint64 v = 0; v < n_variants; v++)
            {
              g_autofree char *label = NULL;
              g_autofree char *target = NULL;
              g_autoptr(GMenuItem) item = NULL;

              label = g_strdup_printf ("%s%s%s", engines[e]->name, variants != NULL ? " — " : "",
                                       variants != NULL ? variants->choices[v].label : "");
              target = g_strdup_printf ("%s:%s", engines[e]->id,
                                        variants != NULL ? variants->choices[v].id : "");
              item = g_menu_item_new (label, NULL);
              g_menu_item_set_action_and_target (item, "win.model", "s", target);
              g_menu_append_item (section, item);
            }
        }
      if (g_menu_model_get_n_items (G_MENU_MODEL (section)) > 0)
        g_menu_append_section (menu, nc_family_label ((NcFamily) family), G_MENU_MODEL (section));
    }
  return G_MENU_MODEL (menu);
}

static void
randomize_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  NcWindow *self = NC_WINDOW (widget);

  (void) action_name;
  (void) parameter;
  if (self->params == NULL)
    return;
  nc_params_randomize_key (self->params, NULL);
  nc_param_panel_refresh (self->param_panel);
  schedule_update (self);
}

static void
reset_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  NcWindow *self = NC_WINDOW (widget);

  (void) action_name;
  (void) parameter;
  if (self->engine != NULL)
    use_params (self, self->engine, nc_engine_new_params (self->engine));
}

/* ---- Key files and export ---- */

static NcFigureKind
visible_figure (NcWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->views);
  NcFigureKind kind = NC_FIGURE_HISTOGRAM;

  nc_figure_kind_from_string (name, &kind, NULL);
  return kind;
}

/* Writes @kind at @width × @height points (0: its default size) and
 * @dpi for PNG, with the engine, its public parameters and the flipped
 * key bit in the file's metadata. */
static gboolean
write_figure_sized (NcWindow      *self,
                    NcFigureKind   kind,
                    const char    *path,
                    double         width,
                    double         height,
                    double         dpi,
                    GError       **error)
{
  g_autoptr(GPtrArray) metadata = nc_engine_public_metadata (self->params);

  g_ptr_array_add (metadata, g_strdup ("neurocipher:key-bit"));
  g_ptr_array_add (metadata, g_strdup_printf ("%u", self->update->analysis.key.bit));
  g_ptr_array_add (metadata, NULL);
  return nc_figure_write_kind (kind, &self->update->data, path, width, height, dpi,
                               (const char * const *) metadata->pdata, error);
}

/* Export targets besides the views: one pane, or the three together. */
enum { PANE_PLAIN, PANE_CIPHER, PANE_DECRYPTED, PANE_ALL, N_PANE_TARGETS };

static const char * const pane_targets[N_PANE_TARGETS] = {
  "plaintext", "ciphertext", "decrypted", "panes"
};

static void
draw_pane (cairo_t  *cr,
           double    width,
           double    height,
           gpointer  user_data)
{
  NcWindow *self = user_data;
  const Update *update = self->update;
  const NcImage *images[3] = { update->image, update->analysis.cipher_image,
                               update->analysis.decrypted };
  static const char *titles[3] = { "Plaintext", "Ciphertext", "Decrypted" };
  g_autofree char *caption = NULL;

  if (self->export_pane == PANE_PLAIN)
    caption = g_strdup_printf ("%u × %u, %s", update->image->width, update->image->height,
                               update->image->channels == 1 ? "gray" : "RGB");
  else if (self->export_pane == PANE_DECRYPTED)
    caption = g_strdup_printf ("%s; %s", update->title,
                               update->analysis.exact ? "bit-identical to the plaintext"
                                                      : "differs from the plaintext");
  else
    caption = g_strdup (update->title);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  nc_plot_pane (cr, (NcRect) { 0, 0, width, height }, images[self->export_pane],
                titles[self->export_pane], caption);
}

/* One pane, as a figure with the engine's public parameters in its
 * metadata. */
static gboolean
write_pane (NcWindow    *self,
            const char  *path,
            GError     **error)
{
  g_autoptr(GPtrArray) metadata = nc_engine_public_metadata (self->params);
  NcFigureFormat format;

  if (self->export_pane == PANE_ALL)
    return write_figure_sized (self, NC_FIGURE_PANES, path, self->export_width,
                               self->export_height, self->export_dpi, error);
  if (!nc_figure_format_from_path (path, &format, error))
    return FALSE;
  g_ptr_array_add (metadata, g_strdup ("neurocipher:figure"));
  g_ptr_array_add (metadata, g_strdup (pane_targets[self->export_pane]));
  g_ptr_array_add (metadata, NULL);
  return nc_figure_write (path, format, self->export_width, self->export_height, self->export_dpi,
                          (const char * const *) metadata->pdata, draw_pane, self, error);
}

/**
 * nc_window_export_pane:
 * @target: "plaintext", "ciphertext", "decrypted" or "panes" (all three)
 * @path: the figure file; its extension gives the format
 * @width: points, 0 for the default
 * @height: points, 0 for the default
 * @dpi: resolution of a PNG
 *
 * Writes one pane of the current result (or the three) as a figure.
 */
gboolean
nc_window_export_pane (NcWindow    *self,
                       const char  *target,
                       const char  *path,
                       double       width,
                       double       height,
                       double       dpi,
                       GError     **error)
{
  if (self->update == NULL)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_INVALID, "there is nothing to export yet");
      return FALSE;
    }
  for (int i = 0; i < N_PANE_TARGETS; i++)
    if (g_str_equal (target, pane_targets[i]))
      {
        self->export_pane = i;
        self->export_width = width > 0 ? width : (i == PANE_ALL ? 0 : 360);
        self->export_height = height > 0 ? height : (i == PANE_ALL ? 0 : 400);
        self->export_dpi = dpi;
        return write_pane (self, path, error);
      }
  g_set_error (error, NC_ERROR, NC_ERROR_NOT_FOUND, "no pane “%s”", target);
  return FALSE;
}

static gboolean
training_visible (NcWindow *self)
{
  return g_strcmp0 (adw_view_stack_get_visible_child_name (self->views), TRAINING_PAGE) == 0;
}

static void
draw_training (cairo_t  *cr,
               double    width,
               double    height,
               gpointer  user_data)
{
  nc_training_view_draw (user_data, cr, width, height);
}

/* The visible view as a figure: the training curves, or a figure kind. */
static gboolean
write_visible_view (NcWindow    *self,
                    const char  *path,
                    GError     **error)
{
  NcFigureFormat format;
  g_autoptr(NcGanWeights) weights = NULL;
  const char *metadata[] = { "neurocipher:figure", "training", "neurocipher:weights", NULL, NULL };

  if (self->export_pane >= 0)
    return write_pane (self, path, error);
  if (!training_visible (self))
    return write_figure_sized (self, visible_figure (self), path, self->export_width,
                               self->export_height, self->export_dpi, error);
  if (!nc_figure_format_from_path (path, &format, error)
      || (weights = nc_gan_weights_dup_active (error)) == NULL)
    return FALSE;
  metadata[3] = weights->provenance;
  return nc_figure_write (path, format, self->export_width, self->export_height, self->export_dpi,
                          metadata, draw_training, self->training_view, error);
}

static gboolean
write_figure (NcWindow      *self,
              NcFigureKind   kind,
              const char    *path,
              GError       **error)
{
  return write_figure_sized (self, kind, path, 0, 0, 300, error);
}

/**
 * nc_window_export_all:
 * @self: the window
 * @dir: a folder
 * @error: return location for an error
 *
 * Writes every figure of the current result as PDF and as 300 dpi PNG.
 */
gboolean
nc_window_export_all (NcWindow    *self,
                      const char  *dir,
                      GError     **error)
{
  if (self->update == NULL)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_INVALID, "there is nothing to export yet");
      return FALSE;
    }
  for (int k = 0; k < NC_N_FIGURES; k++)
    for (int f = 0; f < 2; f++)
      {
        g_autofree char *name = g_strdup_printf ("%s.%s", nc_figure_kind_to_string ((NcFigureKind) k),
                                                 f == 0 ? "pdf" : "png");
        g_autofree char *path = g_build_filename (dir, name, NULL);

        if (!write_figure (self, (NcFigureKind) k, path, error))
          return FALSE;
      }
  return TRUE;
}

static void
show_message (NcWindow   *self,
              const char *heading,
              const char *body)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));

  adw_message_dialog_add_response (dialog, "close", "_Close");
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef enum { FILE_EXPORT_VIEW, FILE_EXPORT_ALL, FILE_LOAD_KEY, FILE_SAVE_KEY } FileJob;

static void
on_file_response (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  NcWindow *self = NC_WINDOW (user_data);
  FileJob job = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "nc-job"));
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_clear_object (&self->chooser);
  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;

  switch (job)
    {
    case FILE_EXPORT_VIEW:
      ok = write_visible_view (self, path, &error);
      break;
    case FILE_EXPORT_ALL:
      ok = nc_window_export_all (self, path, &error);
      break;
    case FILE_SAVE_KEY:
      ok = nc_params_save_key_file (self->params, path, &error);
      break;
    case FILE_LOAD_KEY:
    default:
      {
        NcParams *params = nc_engine_load_key (NULL, path, &error);

        ok = params != NULL;
        if (ok)
          use_params (self, nc_engine_for_params (params), params);
        break;
      }
    }
  if (!ok)
    show_message (self, "Could Not Complete", error->message);
  else if (job != FILE_LOAD_KEY)
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new ("Written"));
}

static void
choose_file (NcWindow             *self,
             FileJob               job,
             GtkFileChooserAction  action,
             const char           *title,
             const char           *accept,
             const char           *suggested)
{
  if (self->chooser != NULL || (job != FILE_LOAD_KEY && self->update == NULL))
    return;
  self->chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept, "_Cancel");
  if (suggested != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), suggested);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_object_set_data (G_OBJECT (self->chooser), "nc-job", GINT_TO_POINTER (job));
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_file_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static GtkWidget *
size_row (const char    *title,
          const char    *subtitle,
          GtkAdjustment *adjustment)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new (adjustment, 1, 0);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  return row;
}

static void
on_export_size_response (AdwMessageDialog *dialog,
                         const char       *response,
                         NcWindow         *self)
{
  g_autofree char *figure_name = NULL;
  GtkAdjustment **adjustments = g_object_get_data (G_OBJECT (dialog), "nc-adjustments");

  if (!g_str_equal (response, "export"))
    return;
  self->export_width = gtk_adjustment_get_value (adjustments[0]);
  self->export_height = gtk_adjustment_get_value (adjustments[1]);
  self->export_dpi = gtk_adjustment_get_value (adjustments[2]);
  figure_name = g_strdup_printf ("%s.pdf", self->export_pane >= 0 ? pane_targets[self->export_pane]
                                           : training_visible (self) ? TRAINING_PAGE
                                           : nc_figure_kind_to_string (visible_figure (self)));
  choose_file (self, FILE_EXPORT_VIEW, GTK_FILE_CHOOSER_ACTION_SAVE,
               self->export_pane >= 0 ? "Export Pane" : "Export View", "_Export", figure_name);
}

/* Asks the size (points) and the PNG resolution, then where to write; the
 * format follows the file name: .pdf, .svg or .png. */
static void
ask_export_size (NcWindow *self)
{
  GtkAdjustment **adjustments = g_new (GtkAdjustment *, 3);
  GtkWidget *group = adw_preferences_group_new ();
  AdwMessageDialog *dialog;
  double width, height;

  if (self->update == NULL)
    {
      g_free (adjustments);
      return;
    }
  if (self->export_pane >= 0 && self->export_pane != PANE_ALL)
    width = 360, height = 400;
  else if (self->export_pane == PANE_ALL)
    nc_figure_default_size (NC_FIGURE_PANES, &width, &height);
  else if (training_visible (self))
    width = 720, height = 480;
  else
    nc_figure_default_size (visible_figure (self), &width, &height);
  adjustments[0] = gtk_adjustment_new (width, 72, 7200, 1, 36, 0);
  adjustments[1] = gtk_adjustment_new (height, 72, 7200, 1, 36, 0);
  adjustments[2] = gtk_adjustment_new (self->export_dpi > 0 ? self->export_dpi : 300, 72, 1200, 1, 50, 0);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             size_row ("Width", "points, 1/72 inch", adjustments[0]));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             size_row ("Height", "points", adjustments[1]));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             size_row ("Resolution", "dots per inch, for PNG", adjustments[2]));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), "Export View",
                                                       "PDF and SVG keep the drawing as vectors; "
                                                       "PNG is rendered at the resolution given."));
  adw_message_dialog_set_extra_child (dialog, group);
  adw_message_dialog_add_responses (dialog, "cancel", "_Cancel", "export", "_Choose File…", NULL);
  adw_message_dialog_set_response_appearance (dialog, "export", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "export");
  g_object_set_data_full (G_OBJECT (dialog), "nc-adjustments", adjustments, g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_size_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
file_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  NcWindow *self = NC_WINDOW (widget);

  if (g_str_equal (action_name, "win.export-view"))
    {
      self->export_pane = -1;
      ask_export_size (self);
    }
  else if (g_str_equal (action_name, "win.export-pane"))
    {
      const char *target = g_variant_get_string (parameter, NULL);

      for (int i = 0; i < N_PANE_TARGETS; i++)
        if (g_str_equal (target, pane_targets[i]))
          {
            self->export_pane = i;
            ask_export_size (self);
          }
    }
  else if (g_str_equal (action_name, "win.export-all"))
    choose_file (self, FILE_EXPORT_ALL, GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                 "Export All Figures to a Folder", "_Export", NULL);
  else if (g_str_equal (action_name, "win.save-key"))
    choose_file (self, FILE_SAVE_KEY, GTK_FILE_CHOOSER_ACTION_SAVE, "Save Key", "_Save", "key.nckey");
  else
    choose_file (self, FILE_LOAD_KEY, GTK_FILE_CHOOSER_ACTION_OPEN, "Load Key", "_Open", NULL);
}

/* New generator weights: what the adversarial engine shows changes. */
static void
on_weights_changed (NcWindow *self)
{
  if (self->engine != NULL && self->engine->family == NC_FAMILY_ADVERSARIAL)
    schedule_update (self);
}

static void
build_views (NcWindow *self)
{
  static const struct {
    NcFigureKind kind;
    const char  *title;
    const char  *icon;
  } pages[] = {
    { NC_FIGURE_HISTOGRAM, "Histograms", "view-continuous-symbolic" },
    { NC_FIGURE_SCATTER, "Correlation", "view-grid-symbolic" },
    { NC_FIGURE_KEYFLIP, "Key Flip", "dialog-password-symbolic" },
    { NC_FIGURE_METRICS, "Metrics", "view-list-symbolic" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *view = nc_figure_view_new (pages[i].kind);
      GtkWidget *child = view;
      AdwViewStackPage *page;

      self->figure_views[pages[i].kind] = NC_FIGURE_VIEW (view);
      if (pages[i].kind == NC_FIGURE_KEYFLIP)
        {
          GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
          GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
          GtkWidget *scale;
          GtkWidget *spin;

          self->key_bit_adjustment = gtk_adjustment_new (0, 0, 1, 1, 8, 1);
          scale = gtk_scale_new (GTK_ORIENTATION_HORIZONTAL, self->key_bit_adjustment);
          spin = gtk_spin_button_new (self->key_bit_adjustment, 1, 0);
          gtk_scale_set_draw_value (GTK_SCALE (scale), FALSE);
          gtk_widget_set_hexpand (scale, TRUE);
          gtk_box_append (GTK_BOX (row), gtk_label_new ("Key bit flipped"));
          gtk_box_append (GTK_BOX (row), scale);
          gtk_box_append (GTK_BOX (row), spin);
          gtk_widget_set_tooltip_text (row, "Bit 0 is the lowest bit of the first key parameter");
          gtk_box_append (GTK_BOX (box), row);
          gtk_box_append (GTK_BOX (box), view);
          g_signal_connect (self->key_bit_adjustment, "value-changed",
                            G_CALLBACK (on_key_bit_changed), self);
          child = box;
        }
      page = adw_view_stack_add_titled (self->views, child, nc_figure_kind_to_string (pages[i].kind),
                                        pages[i].title);
      adw_view_stack_page_set_icon_name (page, pages[i].icon);
    }

  self->training_view = NC_TRAINING_VIEW (nc_training_view_new ());
  g_signal_connect_swapped (self->training_view, "weights-changed",
                            G_CALLBACK (on_weights_changed), self);
  adw_view_stack_page_set_icon_name (adw_view_stack_add_titled (self->views,
                                                                GTK_WIDGET (self->training_view),
                                                                TRAINING_PAGE, "GAN Training"),
                                     "media-playback-start-symbolic");
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

  /* Work still running returns to a window whose widgets are gone: new
   * generations make it drop its results. */
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_generation++;
  self->update_generation++;
  self->update_pending = FALSE;
  g_clear_handle_id (&self->busy_source, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->file);
  g_clear_pointer (&self->image, nc_image_unref);
  if (self->update_cancellable != NULL)
    g_cancellable_cancel (self->update_cancellable);
  g_clear_object (&self->update_cancellable);
  for (int k = 0; k < NC_N_FIGURES; k++)
    if (self->figure_views[k] != NULL)
      nc_figure_view_set_data (self->figure_views[k], NULL);
  g_clear_pointer (&self->update, update_free);
  if (self->plain_stats_image != NULL)
    nc_image_stats_clear (&self->plain_stats);
  g_clear_pointer (&self->plain_stats_image, nc_image_unref);
  g_clear_pointer (&self->params, nc_params_free);
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
  properties[PROP_UPDATING] =
    g_param_spec_boolean ("updating", NULL, NULL, FALSE,
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

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-sample", "s", open_sample_action);
  gtk_widget_class_install_action (widget_class, "win.model", "s", model_action);
  gtk_widget_class_install_action (widget_class, "win.randomize-key", NULL, randomize_action);
  gtk_widget_class_install_action (widget_class, "win.reset", NULL, reset_action);
  gtk_widget_class_install_action (widget_class, "win.load-key", NULL, file_action);
  gtk_widget_class_install_action (widget_class, "win.save-key", NULL, file_action);
  gtk_widget_class_install_action (widget_class, "win.export-view", NULL, file_action);
  gtk_widget_class_install_action (widget_class, "win.export-all", NULL, file_action);
  gtk_widget_class_install_action (widget_class, "win.export-pane", "s", file_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "win.randomize-key", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.export-view", NULL);
}

static void
nc_window_init (NcWindow *self)
{
  g_autoptr(GMenuModel) samples = build_samples_menu ();
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->export_pane = -1;
  /* The application adds this path itself; a window made without one (as
   * in the tests) must find its icons too. */
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (self))),
                                    "/io/github/neurocipher/Neurocipher/icons");
  adw_split_button_set_menu_model (self->open_button, samples);
  {
    g_autoptr(GMenuModel) models = build_model_menu ();

    gtk_menu_button_set_menu_model (self->model_button, models);
  }
  build_views (self);
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

/* Returns: whether an update of the panes and views is under way */
gboolean
nc_window_get_updating (NcWindow *self)
{
  g_return_val_if_fail (NC_IS_WINDOW (self), FALSE);
  return self->update_cancellable != NULL || self->update_pending;
}

/* Returns: (nullable): the measures shown, or %NULL before the first update */
const NcAnalysis *
nc_window_get_analysis (NcWindow *self)
{
  g_return_val_if_fail (NC_IS_WINDOW (self), NULL);
  return self->update != NULL ? &self->update->analysis : NULL;
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
  return GTK_WIDGET (self->param_panel);
}

guint
nc_window_get_n_updates (NcWindow *self)
{
  return self->n_updates;
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

/* Shows the analysis view for @name (histogram, scatter, keyflip, metrics,
 * training). */
void
nc_window_show_view (NcWindow   *self,
                     const char *name)
{
  adw_view_stack_set_visible_child_name (self->views, name);
}

void
nc_window_set_key_bit (NcWindow *self,
                       guint     bit)
{
  gtk_adjustment_set_value (self->key_bit_adjustment, bit);
}

gboolean
nc_window_get_loading (NcWindow *self)
{
  g_return_val_if_fail (NC_IS_WINDOW (self), FALSE);
  return self->load_cancellable != NULL;
}
