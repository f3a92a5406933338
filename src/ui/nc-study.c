/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The frame every study shares: the controls row with Run (Cancel while
 * running) and a progress bar, the status line, the result below; the
 * worker thread, its cancellation and its progress. A result computed for
 * an image or key that has since changed stays shown, said to be stale. */
#include "nc-study.h"

#include <glib/gi18n.h>

typedef struct {
  GtkWidget      *controls;
  GtkWidget      *run_button;
  GtkWidget      *export_button;
  GtkWidget      *header;
  GtkWidget      *progress;
  GtkWidget      *status;
  GtkWidget      *content;

  NcImage        *image;
  const NcEngine *engine;
  NcParams       *params;

  GCancellable   *cancellable;
  guint           generation;   /* of the running job: stale progress is dropped */
  gboolean        busy;
  gboolean        has_result;
  gboolean        stale;
  char           *run_label;
} NcStudyPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (NcStudy, nc_study, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

enum {
  SIGNAL_FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct {
  NcStudy       *study;  /* not a reference: the callback holds one until the worker is done */
  gpointer       job;
  GDestroyNotify job_free;
  guint          generation;
} Work;

static void
sync_run_button (NcStudy *self)
{
  NcStudyPrivate *priv = nc_study_get_instance_private (self);

  gtk_button_set_label (GTK_BUTTON (priv->run_button), priv->busy ? _("_Cancel") : priv->run_label);
  gtk_widget_set_sensitive (priv->run_button, priv->busy || priv->image != NULL);
  gtk_widget_set_visible (priv->progress, priv->busy);
}

static void
set_busy (NcStudy  *self,
          gboolean  busy)
{
  NcStudyPrivate *priv = nc_study_get_instance_private (self);

  if (priv->busy == busy)
    return;
  priv->busy = busy;
  sync_run_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
nc_study_set_status (NcStudy    *self,
                     const char *text)
{
  NcStudyPrivate *priv = nc_study_get_instance_private (self);

  gtk_label_set_text (GTK_LABEL (priv->status), text);
}

static void
work_free (gpointer data)
{
  Work *work = data;

  work->job_free (work->job);
  g_free (work);
}

static void
compute_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Work *work = task_data;
  NcStudy *self = work->study;
  GError *error = NULL;
  gpointer result;

  (void) source;
  result = NC_STUDY_GET_CLASS (self)->compute (self, work->job, cancellable, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, NC_STUDY_GET_CLASS (self)->result_free);
}

static void
compute_done (GObject      *source,
              GAsyncResult *res,
              gpointer      data)
{
  g_autoptr(NcStudy) self = data;  /* the reference taken in nc_study_run() */
  NcStudyPrivate *priv = nc_study_get_instance_private (self);
  Work *work = g_task_get_task_data (G_TASK (res));
  g_autoptr(GError) error = NULL;
  gpointer result = g_task_propagate_pointer (G_TASK (res), &error);

  (void) source;
  if (work->generation != priv->generation)
    {
      /* A newer run replaced this one. */
      if (result != NULL)
        NC_STUDY_GET_CLASS (self)->result_free (result);
      return;
    }
  g_clear_object (&priv->cancellable);
  set_busy (self, FALSE);
  if (result == NULL)
    {
      nc_study_set_status (self, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                                 ? _("Cancelled.") : error->message);
    }
  else
    {
      priv->has_result = TRUE;
      priv->stale = FALSE;
      nc_study_set_status (self, "");
      NC_STUDY_GET_CLASS (self)->show (self, result);
      if (priv->export_button != NULL)
        gtk_widget_set_sensitive (priv->export_button, TRUE);
    }
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0);
}

/**
 * nc_study_run:
 *
 * Starts the study on the current inputs, cancelling a run under way.
 */
void
nc_study_run (NcStudy *self)
{
  NcStudyPrivate *priv = nc_study_get_instance_private (self);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Work *work;
  gpointer job;

  if (priv->image == NULL)
    return;
  nc_study_cancel (self);
  job = NC_STUDY_GET_CLASS (self)->prepare (self, &error);
  if (job == NULL)
    {
      nc_study_set_status (self, error->message);
      g_signal_emit (self, signals[SIGNAL_FINISHED], 0);
      return;
    }
  work = g_new0 (Work, 1);
  work->study = self;
  work->job = job;
  work->job_free = NC_STUDY_GET_CLASS (self)->job_free;
  work->generation = ++priv->generation;
  priv->cancellable = g_cancellable_new ();
  /* The job is freed with the task, on whichever thread drops it last:
   * neither jobs nor the task hold widgets; the study is held by the
   * callback, which runs on the main context. */
  task = g_task_new (NULL, priv->cancellable, compute_done, g_object_ref (self));
  g_task_set_task_data (task, work, work_free);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (priv->progress), 0.0);
  nc_study_set_status (self, _("Measuring…"));
  set_busy (self, TRUE);
  g_task_run_in_thread (task, compute_thread);
}

void
nc_study_cancel (NcStudy *self)
{
  NcStudyPrivate *priv = nc_study_get_instance_private (self);

  if (priv->cancellable == NULL)
    return;
  g_cancellable_cancel (priv->cancellable);
  g_clear_object (&priv->cancellable);
  priv->generation++;
  set_busy (self, FALSE);
  nc_study_set_status (self, _("Cancelled."));
}

typedef struct {
  NcStudy *self;
  guint    generation, done, total;
} Progress;

static gboolean
progress_in_main (gpointer data)
{
  Progress *p = data;
  NcStudyPrivate *priv = nc_study_get_instance_private (p->self);
  g_autofree char *text = NULL;

  if (p->generation != priv->generation || !priv->busy)
    return G_SOURCE_REMOVE;
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (priv->progress),
                                 p->total > 0 ? (double) p->done / p->total : 0.0);
  text = g_strdup_printf (_("Measuring… %u of %u"), p->done, p->total);
  nc_study_set_status (p->self, text);
  return G_SOURCE_REMOVE;
}

static void
progress_free (gpointer data)
{
  Progress *p = data;

  g_object_unref (p->self);
  g_free (p);
}

/* Called from the worker thread. */
void
nc_study_report_progress (NcStudy *self,
                          guint    done,
                          guint    total)
{
  NcStudyPrivate *priv = nc_study_get_instance_private (self);
  Progress *p = g_new (Progress, 1);

  p->self = g_object_ref (self);
  p->generation = g_atomic_int_get (&priv->generation);
  p->done = done;
  p->total = total;
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, progress_in_main, p, progress_free);
}

/**
 * nc_study_export_figure:
 *
 * Writes the result shown as a figure, as Export Figure does.
 */
gboolean
nc_study_export_figure (NcStudy     *self,
                        const char  *path,
                        GError     **error)
{
  NcStudyPrivate *priv = nc_study_get_instance_private (self);

  if (!priv->has_result || NC_STUDY_GET_CLASS (self)->write_figure == NULL)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_INVALID, _("There is no figure to export yet"));
      return FALSE;
    }
  return NC_STUDY_GET_CLASS (self)->write_figure (self, path, error);
}

static void
on_export_chosen (GtkNativeDialog *dialog,
                  int              response,
                  NcStudy         *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;

      if (path == NULL)
        nc_study_set_status (self, _("Choose a file on this computer"));
      else if (!nc_study_export_figure (self, path, &error))
        nc_study_set_status (self, error->message);
      else
        {
          g_autofree char *done = g_strdup_printf (_("Figure saved to %s."), path);

          nc_study_set_status (self, done);
        }
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
on_export_clicked (GtkButton *button,
                   NcStudy   *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export Figure"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), NC_STUDY_GET_CLASS (self)->figure_name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_run_clicked (GtkButton *button,
                NcStudy   *self)
{
  (void) button;
  if (nc_study_get_busy (self))
    nc_study_cancel (self);
  else
    nc_study_run (self);
}

/**
 * nc_study_set_inputs:
 * @image: (nullable): the open image
 * @engine: (nullable): the model
 * @params: (nullable): its key, copied
 *
 * A result already shown is then said to be for the earlier inputs.
 */
void
nc_study_set_inputs (NcStudy        *self,
                     NcImage        *image,
                     const NcEngine *engine,
                     const NcParams *params)
{
  NcStudyPrivate *priv = nc_study_get_instance_private (self);

  if (image != priv->image)
    {
      g_clear_pointer (&priv->image, nc_image_unref);
      priv->image = image != NULL ? nc_image_ref (image) : NULL;
    }
  priv->engine = engine;
  g_clear_pointer (&priv->params, nc_params_free);
  priv->params = params != NULL ? nc_params_copy (params) : NULL;
  if (priv->has_result && !priv->busy && !priv->stale)
    {
      priv->stale = TRUE;
      nc_study_set_status (self, _("The image or the key has changed since this was measured: run it again."));
    }
  sync_run_button (self);
  if (NC_STUDY_GET_CLASS (self)->inputs_changed != NULL)
    NC_STUDY_GET_CLASS (self)->inputs_changed (self);
}

NcImage *
nc_study_get_image (NcStudy *self)
{
  NcStudyPrivate *priv = nc_study_get_instance_private (self);

  return priv->image;
}

const NcEngine *
nc_study_get_engine (NcStudy *self)
{
  NcStudyPrivate *priv = nc_study_get_instance_private (self);

  return priv->engine;
}

const NcParams *
nc_study_get_params (NcStudy *self)
{
  NcStudyPrivate *priv = nc_study_get_instance_private (self);

  return priv->params;
}

/* Adds a control before Run; the controls wrap onto more lines as the
 * window narrows. */
void
nc_study_add_control (NcStudy   *self,
                      GtkWidget *control)
{
  NcStudyPrivate *priv = nc_study_get_instance_private (self);

  gtk_widget_set_halign (control, GTK_ALIGN_START);
  gtk_flow_box_append (GTK_FLOW_BOX (priv->controls), control);
}

void
nc_study_set_content (NcStudy   *self,
                      GtkWidget *content)
{
  NcStudyPrivate *priv = nc_study_get_instance_private (self);

  if (priv->content != NULL)
    gtk_box_remove (GTK_BOX (self), priv->content);
  priv->content = content;
  gtk_widget_set_vexpand (content, TRUE);
  gtk_box_append (GTK_BOX (self), content);
}

GtkWidget *
nc_study_labelled (const char *mnemonic,
                   GtkWidget  *widget)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (mnemonic);

  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), widget);
  return box;
}

GtkWidget *
nc_study_empty_page (const char *icon,
                     const char *title,
                     const char *description)
{
  GtkWidget *page = adw_status_page_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), icon);
  adw_status_page_set_title (ADW_STATUS_PAGE (page), title);
  adw_status_page_set_description (ADW_STATUS_PAGE (page), description);
  return page;
}

/* A selectable label of a study's table; numbers in tabular figures. */
GtkWidget *
nc_study_cell (const char *text,
               gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, heading ? "heading" : "numeric");
  return label;
}

void
nc_study_set_run_label (NcStudy    *self,
                        const char *label)
{
  NcStudyPrivate *priv = nc_study_get_instance_private (self);

  g_free (priv->run_label);
  priv->run_label = g_strdup (label);
  sync_run_button (self);
}

gboolean
nc_study_get_busy (NcStudy *self)
{
  NcStudyPrivate *priv = nc_study_get_instance_private (self);

  return priv->busy;
}

gboolean
nc_study_get_has_result (NcStudy *self)
{
  NcStudyPrivate *priv = nc_study_get_instance_private (self);

  return priv->has_result;
}

static void
nc_study_dispose (GObject *object)
{
  NcStudy *self = NC_STUDY (object);
  NcStudyPrivate *priv = nc_study_get_instance_private (self);

  if (priv->cancellable != NULL)
    g_cancellable_cancel (priv->cancellable);
  g_clear_object (&priv->cancellable);
  priv->generation++;
  g_clear_pointer (&priv->image, nc_image_unref);
  g_clear_pointer (&priv->params, nc_params_free);
  G_OBJECT_CLASS (nc_study_parent_class)->dispose (object);
}

/* The Export Figure button, for a subclass that writes figures: known
 * once the instance has its final class. */
static void
nc_study_constructed (GObject *object)
{
  NcStudy *self = NC_STUDY (object);
  NcStudyPrivate *priv = nc_study_get_instance_private (self);

  G_OBJECT_CLASS (nc_study_parent_class)->constructed (object);
  if (NC_STUDY_GET_CLASS (self)->write_figure != NULL)
    {
      priv->export_button = gtk_button_new_with_mnemonic (_("_Export Figure…"));
      gtk_widget_set_valign (priv->export_button, GTK_ALIGN_START);
      gtk_widget_set_sensitive (priv->export_button, FALSE);
      g_signal_connect (priv->export_button, "clicked", G_CALLBACK (on_export_clicked), self);
      gtk_box_insert_child_after (GTK_BOX (priv->header), priv->export_button, priv->progress);
    }
}

static void
nc_study_finalize (GObject *object)
{
  NcStudyPrivate *priv = nc_study_get_instance_private (NC_STUDY (object));

  g_free (priv->run_label);
  G_OBJECT_CLASS (nc_study_parent_class)->finalize (object);
}

static void
nc_study_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, nc_study_get_busy (NC_STUDY (object)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nc_study_class_init (NcStudyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = nc_study_constructed;
  object_class->dispose = nc_study_dispose;
  object_class->finalize = nc_study_finalize;
  object_class->get_property = nc_study_get_property;

  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* After a run ends: shown, failed or refused. */
  signals[SIGNAL_FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
nc_study_init (NcStudy *self)
{
  NcStudyPrivate *priv = nc_study_get_instance_private (self);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 6);
  priv->run_label = g_strdup ("_Run");

  /* The controls wrap: the window may be narrow. */
  priv->controls = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (priv->controls), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (priv->controls), 12);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (priv->controls), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (priv->controls), 6);
  gtk_widget_set_hexpand (priv->controls, TRUE);
  priv->run_button = gtk_button_new_with_mnemonic (priv->run_label);
  gtk_widget_add_css_class (priv->run_button, "suggested-action");
  g_signal_connect (priv->run_button, "clicked", G_CALLBACK (on_run_clicked), self);
  priv->progress = gtk_progress_bar_new ();
  gtk_widget_set_valign (priv->progress, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (priv->progress, 120, -1);
  priv->status = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (priv->status), 0);
  gtk_label_set_wrap (GTK_LABEL (priv->status), TRUE);
  gtk_widget_add_css_class (priv->status, "dim-label");

  {
    GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

    gtk_widget_set_valign (priv->run_button, GTK_ALIGN_START);
    gtk_widget_set_valign (priv->progress, GTK_ALIGN_START);
    gtk_widget_set_margin_top (priv->progress, 12);
    gtk_box_append (GTK_BOX (row), priv->controls);
    gtk_box_append (GTK_BOX (row), priv->progress);
    priv->header = row;
    gtk_box_append (GTK_BOX (row), priv->run_button);
    gtk_box_append (GTK_BOX (self), row);
  }
  gtk_box_append (GTK_BOX (self), priv->status);
  sync_run_button (self);
}
