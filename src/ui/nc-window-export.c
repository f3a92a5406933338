/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Export: the visible view, every figure, or the panes, as PDF, SVG or
 * PNG with the engine's public parameters in the file's metadata. */
#include "config.h"

#include <glib/gi18n.h>

#include "nc-window-private.h"

#include "nc-report.h"

#include "nc-adversarial.h"
#include "nc-ciphertext.h"
#include "nc-export-dialog.h"

#define PANE_WIDTH 360
#define PANE_HEIGHT 400
#define TRAINING_WIDTH 720
#define TRAINING_HEIGHT 480

static const char * const pane_targets[NC_N_PANE_TARGETS] = {
  "plaintext", "ciphertext", "decrypted", "panes"
};

/* Returns: the NcPaneTarget named @target, or -1 */
int
_nc_window_pane_from_string (const char *target)
{
  for (int i = 0; i < NC_N_PANE_TARGETS; i++)
    if (g_str_equal (target, pane_targets[i]))
      return i;
  return -1;
}

/* The engine, its public parameters and one more @key, @value pair, as
 * a figure's metadata (NULL-ended). */
static GPtrArray *
figure_metadata (NcWindow   *self,
                 const char *key,
                 const char *value)
{
  GPtrArray *metadata = nc_engine_public_metadata (self->result->params);

  g_ptr_array_add (metadata, g_strdup (key));
  g_ptr_array_add (metadata, g_strdup (value));
  g_ptr_array_add (metadata, NULL);
  return metadata;
}

/* Writes @kind at @width × @height points (0: its default size) and
 * @dpi for PNG, with the flipped key bit in the file's metadata too. */
static gboolean
write_figure_sized (NcWindow      *self,
                    NcFigureKind   kind,
                    const char    *path,
                    double         width,
                    double         height,
                    double         dpi,
                    GError       **error)
{
  g_autofree char *bit = g_strdup_printf ("%u", self->result->analysis.key.bit);
  g_autoptr(GPtrArray) metadata = figure_metadata (self, "neurocipher:key-bit", bit);

  return nc_figure_write_kind (kind, &self->figure_data, path, width, height, dpi,
                               (const char * const *) metadata->pdata, error);
}

static void
draw_pane (cairo_t  *cr,
           double    width,
           double    height,
           gpointer  user_data)
{
  NcWindow *self = user_data;
  const NcLiveResult *result = self->result;
  const NcImage *images[3] = { result->image, result->analysis.cipher_image,
                               result->analysis.decrypted };
  static const char *titles[3] = { N_("Plaintext"), N_("Ciphertext"), N_("Decrypted") };
  g_autofree char *caption = NULL;

  if (self->export_pane == NC_PANE_PLAIN)
    caption = g_strdup_printf (_("%u × %u, %s"), result->image->width, result->image->height,
                               result->image->channels == 1 ? "gray" : "RGB");
  else if (self->export_pane == NC_PANE_DECRYPTED)
    caption = g_strdup_printf ("%s; %s", result->title,
                               result->analysis.exact ? _("bit-identical to the plaintext")
                                                      : _("differs from the plaintext"));
  else
    caption = g_strdup (result->title);
  nc_plot_pane (cr, (NcRect) { 0, 0, width, height }, images[self->export_pane],
                _(titles[self->export_pane]), caption);
}

/* One pane (or the three) as a figure. */
static gboolean
write_pane (NcWindow    *self,
            const char  *path,
            GError     **error)
{
  g_autoptr(GPtrArray) metadata = NULL;
  NcFigureFormat format;

  if (self->export_pane == NC_PANE_ALL)
    return write_figure_sized (self, NC_FIGURE_PANES, path, self->export_width,
                               self->export_height, self->export_dpi, error);
  if (!nc_figure_format_from_path (path, &format, error))
    return FALSE;
  metadata = figure_metadata (self, "neurocipher:figure", pane_targets[self->export_pane]);
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
  int pane = _nc_window_pane_from_string (target);

  if (self->result == NULL)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_INVALID, _("there is nothing to export yet"));
      return FALSE;
    }
  if (pane < 0)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_NOT_FOUND, "no pane “%s”", target);
      return FALSE;
    }
  self->export_pane = pane;
  self->export_width = width > 0 ? width : (pane == NC_PANE_ALL ? 0 : PANE_WIDTH);
  self->export_height = height > 0 ? height : (pane == NC_PANE_ALL ? 0 : PANE_HEIGHT);
  self->export_dpi = dpi;
  return write_pane (self, path, error);
}

static void
draw_training (cairo_t  *cr,
               double    width,
               double    height,
               gpointer  user_data)
{
  nc_training_view_draw (user_data, cr, width, height);
}

/* The training curves, with the weights they made named. */
static gboolean
write_training (NcWindow    *self,
                const char  *path,
                GError     **error)
{
  NcFigureFormat format;
  g_autoptr(NcGanWeights) weights = NULL;
  NcGanWeights *trained = nc_training_view_get_weights (self->training_view);
  const char *metadata[] = { "neurocipher:figure", "training", "neurocipher:weights", NULL, NULL };

  if (!nc_figure_format_from_path (path, &format, error))
    return FALSE;
  weights = trained != NULL ? nc_gan_weights_ref (trained) : nc_gan_weights_dup_shipped (error);
  if (weights == NULL)
    return FALSE;
  metadata[3] = weights->provenance;
  return nc_figure_write (path, format, self->export_width, self->export_height, self->export_dpi,
                          metadata, draw_training, self->training_view, error);
}

/* What the export dialog asked for: a pane, the training curves or the
 * visible figure. */
static void
write_export (NcWindow   *self,
              const char *path)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->export_pane >= 0)
    ok = write_pane (self, path, &error);
  else if (_nc_window_training_visible (self))
    ok = write_training (self, path, &error);
  else
    ok = write_figure_sized (self, _nc_window_visible_figure (self), path, self->export_width,
                             self->export_height, self->export_dpi, &error);
  if (!ok)
    _nc_window_show_message (self, _("Could Not Export"), error->message);
  else
    _nc_window_toast (self, _("Figure written"));
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
  if (self->result == NULL)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_INVALID, _("there is nothing to export yet"));
      return FALSE;
    }
  for (int k = 0; k < NC_N_FIGURES; k++)
    for (int f = 0; f < 2; f++)
      {
        g_autofree char *name = g_strdup_printf ("%s.%s", nc_figure_kind_to_string ((NcFigureKind) k),
                                                 f == 0 ? "pdf" : "png");
        g_autofree char *path = g_build_filename (dir, name, NULL);

        if (!write_figure_sized (self, (NcFigureKind) k, path, 0, 0, 300, error))
          return FALSE;
      }
  return TRUE;
}

static void
on_export_response (NcExportDialog *dialog,
                    const char     *response,
                    NcWindow       *self)
{
  g_autofree char *name = NULL;

  if (!g_str_equal (response, "export"))
    return;
  self->export_width = nc_export_dialog_get_width (dialog);
  self->export_height = nc_export_dialog_get_height (dialog);
  self->export_dpi = nc_export_dialog_get_dpi (dialog);
  if (self->settings != NULL)
    {
      g_settings_set_double (self->settings, "export-width", self->export_width);
      g_settings_set_double (self->settings, "export-height", self->export_height);
      g_settings_set_double (self->settings, "export-dpi", self->export_dpi);
    }
  name = g_strdup_printf ("%s.pdf", self->export_pane >= 0 ? pane_targets[self->export_pane]
                                    : _nc_window_training_visible (self) ? NC_WINDOW_TRAINING_PAGE
                                    : nc_figure_kind_to_string (_nc_window_visible_figure (self)));
  _nc_window_choose_path (self, GTK_FILE_CHOOSER_ACTION_SAVE,
                          self->export_pane >= 0 ? _("Export Pane") : _("Export View"), "_Export", name,
                          write_export);
}

/**
 * _nc_window_ask_export:
 * @pane: an NcPaneTarget, or -1 for the visible view
 *
 * Asks the size (points) and the PNG resolution, then where to write;
 * the format follows the file name: .pdf, .svg or .png.
 */
void
_nc_window_ask_export (NcWindow *self,
                       int       pane)
{
  NcExportDialog *dialog;
  double width, height;

  self->export_pane = pane;
  if (pane >= 0 && pane != NC_PANE_ALL)
    width = PANE_WIDTH, height = PANE_HEIGHT;
  else if (pane == NC_PANE_ALL)
    nc_figure_default_size (NC_FIGURE_PANES, &width, &height);
  else if (_nc_window_training_visible (self))
    width = TRAINING_WIDTH, height = TRAINING_HEIGHT;
  else
    nc_figure_default_size (_nc_window_visible_figure (self), &width, &height);
  dialog = nc_export_dialog_new (GTK_WINDOW (self), pane >= 0 ? _("Export Pane") : _("Export View"),
                                 width, height, self->export_dpi > 0 ? self->export_dpi : 300);
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * nc_window_save_ciphertext:
 * @path: the PNG to write
 *
 * Writes the ciphertext of the image under the current key as the CLI
 * writes one, so neurocipher-cli decrypt reads it. A key with its nonce
 * switch on gets a fresh nonce for this file (recorded in it), as the
 * CLI's encrypt does: two saved files never share a keystream.
 */
gboolean
nc_window_save_ciphertext (NcWindow    *self,
                           const char  *path,
                           GError     **error)
{
  g_autoptr(NcParams) key = NULL;
  g_autoptr(NcImage) cipher = NULL;

  if (self->result == NULL)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_INVALID, _("there is no ciphertext yet"));
      return FALSE;
    }
  key = nc_params_copy (self->result->params);
  if (!nc_params_uses_nonce (key))
    return nc_ciphertext_save (self->result->analysis.cipher_image, key, path, error);
  nc_params_draw_nonce (key, NULL);
  cipher = nc_image_new_like (self->result->image, error);
  return cipher != NULL &&
         nc_engine_encrypt (self->result->engine, key, self->result->image, cipher, NULL, error) &&
         nc_ciphertext_save (cipher, key, path, error);
}

/* ---- The clipboard ---- */

typedef struct {
  NcFigureKind        kind;
  const NcFigureData *data;
} ClipFigure;

static void
draw_clip_figure (cairo_t *cr,
                  double   width,
                  double   height,
                  gpointer user_data)
{
  const ClipFigure *f = user_data;

  nc_figure_draw (f->kind, f->data, cr, width, height);
}

/**
 * nc_window_copy_figure:
 *
 * Puts the visible view's figure on the clipboard as PNG (at 144 dpi)
 * and SVG, for a document or a slide to paste.
 */
gboolean
nc_window_copy_figure (NcWindow  *self,
                       GError   **error)
{
  NcFigureKind kind = _nc_window_visible_figure (self);
  ClipFigure f = { kind, &self->figure_data };
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GBytes) svg = NULL;
  GdkContentProvider *providers[2];
  double width, height;

  if (self->result == NULL)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_INVALID, _("there is no figure yet"));
      return FALSE;
    }
  nc_figure_default_size (kind, &width, &height);
  png = nc_figure_render (NC_FIGURE_PNG, width, height, 144, NULL, draw_clip_figure, &f, error);
  svg = png != NULL ? nc_figure_render (NC_FIGURE_SVG, width, height, 72, NULL, draw_clip_figure, &f, error) : NULL;
  if (svg == NULL)
    return FALSE;
  providers[0] = gdk_content_provider_new_for_bytes ("image/png", png);
  providers[1] = gdk_content_provider_new_for_bytes ("image/svg+xml", svg);
  {
    g_autoptr(GdkContentProvider) both = gdk_content_provider_new_union (providers, 2);

    gdk_clipboard_set_content (gtk_widget_get_clipboard (GTK_WIDGET (self)), both);
  }
  return TRUE;
}

/**
 * nc_window_copy_measures:
 *
 * Puts the measures with their verdicts on the clipboard as text, one
 * tab-separated line each (measure, value, verdict), for a spreadsheet.
 */
gboolean
nc_window_copy_measures (NcWindow  *self,
                         GError   **error)
{
  g_autoptr(GPtrArray) cells = NULL;
  g_autoptr(GString) text = g_string_new ("Measure\tValue\tVerdict (α = 0.05)\n");

  if (self->result == NULL)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_INVALID, _("there are no measures yet"));
      return FALSE;
    }
  cells = nc_figure_metrics_cells (&self->result->analysis);
  for (guint i = 0; i + 2 < cells->len; i += 3)
    g_string_append_printf (text, "%s\t%s\t%s\n", (const char *) cells->pdata[i],
                            (const char *) cells->pdata[i + 1], (const char *) cells->pdata[i + 2]);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text->str);
  return TRUE;
}

/* ---- The report ---- */

typedef struct {
  NcImage        *image;
  char           *name;
  const NcEngine *engine;
  NcParams       *key;
  char           *path;
} ReportJob;

static void
report_job_free (gpointer data)
{
  ReportJob *job = data;

  nc_image_unref (job->image);
  g_free (job->name);
  nc_params_free (job->key);
  g_free (job->path);
  g_free (job);
}

static void
report_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  ReportJob *job = data;
  g_autoptr(NcReport) report = NULL;
  GError *error = NULL;

  (void) source;
  report = nc_report_new (job->image, job->name, job->engine, job->key, 1, cancellable, &error);
  if (report == NULL || !nc_report_write (report, job->path, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

typedef struct {
  NcWindow            *window;
  GAsyncReadyCallback  callback;
  gpointer             data;
} ReportCall;

static void
report_done (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  ReportCall *call = data;

  (void) source;
  call->callback (G_OBJECT (call->window), result, call->data);
  g_object_unref (call->window);
  g_free (call);
}

/**
 * nc_window_export_report_async:
 *
 * Writes the report of the window's image and key (every figure, the
 * measures, the NIST table, the attacks) to @path, .pdf or .html, on a
 * worker thread.
 */
void
nc_window_export_report_async (NcWindow            *self,
                               const char          *path,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             data)
{
  ReportCall *call = g_new0 (ReportCall, 1);
  g_autoptr(GTask) task = NULL;
  ReportJob *job;

  /* The worker may drop the task's last reference: the task holds no
   * widget; the window is held by the callback, on the main context. */
  call->window = g_object_ref (self);
  call->callback = callback;
  call->data = data;
  task = g_task_new (NULL, cancellable, report_done, call);
  if (self->image == NULL || self->params == NULL)
    {
      g_task_return_new_error (task, NC_ERROR, NC_ERROR_INVALID, _("open an image first"));
      return;
    }
  job = g_new0 (ReportJob, 1);
  job->image = nc_image_ref (self->image);
  job->name = self->file != NULL ? g_file_get_basename (self->file) : g_strdup ("image");
  job->engine = self->engine;
  job->key = nc_params_copy (self->params);
  job->path = g_strdup (path);
  g_task_set_task_data (task, job, report_job_free);
  g_task_run_in_thread (task, report_thread);
}

gboolean
nc_window_export_report_finish (NcWindow      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (NC_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Writes the decrypted image as a plain PNG. */
gboolean
nc_window_save_decrypted (NcWindow    *self,
                          const char  *path,
                          GError     **error)
{
  if (self->result == NULL)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_INVALID, _("there is no decrypted image yet"));
      return FALSE;
    }
  return nc_image_save_png (self->result->analysis.decrypted, path, NULL, NC_SAVE_DEFAULT, error);
}
