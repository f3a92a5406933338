/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Measure view: a second image, opened from anywhere (a ciphertext
 * from another program, another key's ciphertext), measured against the
 * window's plaintext, ciphertext or decryption: MSE, PSNR, SSIM, their
 * correlation, NPCR and UACI with Wu's critical values. What
 * neurocipher-cli measure prints. */
#include "nc-measure-view.h"

#include <glib/gi18n.h>

#include <math.h>

#include "nc-image-io.h"

struct _NcMeasureView {
  NcStudy         parent_instance;

  GtkWidget      *file_button;
  GtkWidget      *against_choice;
  GtkWidget      *stack;
  GtkWidget      *grid;

  GFile          *second;
  NcPairMeasures  measures;
  gboolean        has_measures;
};

G_DEFINE_FINAL_TYPE (NcMeasureView, nc_measure_view, NC_TYPE_STUDY)

typedef struct {
  char             *path;
  NcImage          *plain;
  const NcEngine   *engine;
  NcParams         *key;
  NcMeasureAgainst  against;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->path);
  nc_image_unref (job->plain);
  g_clear_pointer (&job->key, nc_params_free);
  g_free (job);
}

static gpointer
measure_prepare (NcStudy  *study,
                 GError  **error)
{
  NcMeasureView *self = NC_MEASURE_VIEW (study);
  Job *job;

  if (self->second == NULL || g_file_peek_path (self->second) == NULL)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_INVALID, _("Choose the second image first"));
      return NULL;
    }
  job = g_new0 (Job, 1);
  job->path = g_file_get_path (self->second);
  job->plain = nc_image_ref (nc_study_get_image (study));
  job->engine = nc_study_get_engine (study);
  job->key = nc_study_get_params (study) != NULL ? nc_params_copy (nc_study_get_params (study)) : NULL;
  job->against = (NcMeasureAgainst) gtk_drop_down_get_selected (GTK_DROP_DOWN (self->against_choice));
  if (job->against != NC_MEASURE_AGAINST_PLAIN && job->key == NULL)
    {
      job_free (job);
      g_set_error (error, NC_ERROR, NC_ERROR_INVALID, _("Choose a model first"));
      return NULL;
    }
  return job;
}

static gpointer
measure_compute (NcStudy       *study,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  Job *job = data;
  g_autoptr(NcImage) second = nc_image_load (job->path, NULL, error);
  g_autoptr(NcImage) cipher = NULL;
  g_autoptr(NcImage) decrypted = NULL;
  const NcImage *mine = job->plain;
  NcPairMeasures *out;

  (void) study;
  if (second == NULL)
    return NULL;
  if (job->against != NC_MEASURE_AGAINST_PLAIN)
    {
      if ((cipher = nc_image_new_like (job->plain, error)) == NULL ||
          !nc_engine_encrypt (job->engine, job->key, job->plain, cipher, cancellable, error))
        return NULL;
      mine = cipher;
    }
  if (job->against == NC_MEASURE_AGAINST_DECRYPTED)
    {
      if ((decrypted = nc_image_new_like (cipher, error)) == NULL ||
          !nc_engine_decrypt (job->engine, job->key, cipher, decrypted, cancellable, error))
        return NULL;
      mine = decrypted;
    }
  if (!nc_image_same_shape (mine, second))
    {
      nc_set_file_error (error, NC_ERROR_INVALID, job->path,
                         "is %u × %u × %u, but the open image is %u × %u × %u: measures need one shape",
                         second->width, second->height, second->channels, mine->width, mine->height,
                         mine->channels);
      return NULL;
    }
  out = g_new (NcPairMeasures, 1);
  if (!nc_metric_pair (mine, second, out, error))
    {
      g_free (out);
      return NULL;
    }
  return out;
}

static void
add_line (NcMeasureView *self,
          int            y,
          const char    *name,
          const char    *value,
          const char    *verdict)
{
  gtk_grid_attach (GTK_GRID (self->grid), nc_study_cell (name, FALSE), 0, y, 1, 1);
  gtk_grid_attach (GTK_GRID (self->grid), nc_study_cell (value, FALSE), 1, y, 1, 1);
  if (verdict != NULL)
    {
      GtkWidget *v = nc_study_cell (verdict, FALSE);

      gtk_widget_add_css_class (v, g_str_has_prefix (verdict, "pass") ? "success" : "error");
      gtk_grid_attach (GTK_GRID (self->grid), v, 2, y, 1, 1);
    }
}

static int
add_differential (NcMeasureView                *self,
                  int                           y,
                  const char                   *what,
                  const NcDifferential         *d,
                  const NcDifferentialVerdicts *v)
{
  g_autofree char *npcr_name = g_strdup_printf ("NPCR, %s", what);
  g_autofree char *uaci_name = g_strdup_printf ("UACI, %s", what);
  g_autofree char *npcr = g_strdup_printf (_("%.4f %% (critical %.4f %%)"), d->npcr, v->npcr[0].low);
  g_autofree char *uaci = g_strdup_printf (_("%.4f %% (%.4f … %.4f %%)"), d->uaci, v->uaci[0].low, v->uaci[0].high);

  add_line (self, y++, npcr_name, npcr, nc_outcome_to_string (v->npcr[0].outcome));
  add_line (self, y++, uaci_name, uaci, nc_outcome_to_string (v->uaci[0].outcome));
  return y;
}

static void
measure_show (NcStudy  *study,
              gpointer  result)
{
  NcMeasureView *self = NC_MEASURE_VIEW (study);
  NcPairMeasures *m = result;
  GtkWidget *child;
  g_autofree char *mse = g_strdup_printf ("%.4f", m->mse);
  g_autofree char *psnr = isfinite (m->psnr) ? g_strdup_printf ("%.2f dB", m->psnr) : g_strdup ("∞ (identical)");
  g_autofree char *ssim = g_strdup_printf ("%.6f", m->ssim);
  g_autofree char *corr = g_strdup_printf ("%+.6f", m->correlation);
  static const char *channels[] = { N_("red"), N_("green"), N_("blue") };
  int y = 1;

  self->measures = *m;
  self->has_measures = TRUE;
  g_free (m);
  while ((child = gtk_widget_get_first_child (self->grid)) != NULL)
    gtk_grid_remove (GTK_GRID (self->grid), child);
  gtk_grid_attach (GTK_GRID (self->grid), nc_study_cell (_("Measure"), TRUE), 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (self->grid), nc_study_cell (_("Value"), TRUE), 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (self->grid), nc_study_cell ("α = 0.05", TRUE), 2, 0, 1, 1);
  add_line (self, y++, "MSE", mse, NULL);
  add_line (self, y++, "PSNR", psnr, NULL);
  add_line (self, y++, "SSIM", ssim, NULL);
  add_line (self, y++, _("Correlation between the two"), corr, NULL);
  y = add_differential (self, y, _("all samples"), &self->measures.all, &self->measures.verdicts);
  for (guint c = 0; c < self->measures.channels && self->measures.channels > 1; c++)
    y = add_differential (self, y, _(channels[c]), &self->measures.channel[c], &self->measures.channel_verdicts[c]);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "table");
}

void
nc_measure_view_set_second (NcMeasureView *self,
                            GFile         *file)
{
  g_autofree char *name = file != NULL ? g_file_get_basename (file) : NULL;

  g_set_object (&self->second, file);
  gtk_button_set_label (GTK_BUTTON (self->file_button), name != NULL ? name : _("Choose…"));
}

void
nc_measure_view_set_against (NcMeasureView    *self,
                             NcMeasureAgainst  against)
{
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->against_choice), against);
}

const NcPairMeasures *
nc_measure_view_get_measures (NcMeasureView *self)
{
  return self->has_measures ? &self->measures : NULL;
}

static void
on_second_chosen (GtkNativeDialog *dialog,
                  int              response,
                  NcMeasureView   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      nc_measure_view_set_second (self, file);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
on_file_clicked (GtkButton     *button,
                 NcMeasureView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Choose the Second Image"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  g_signal_connect (chooser, "response", G_CALLBACK (on_second_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
nc_measure_view_dispose (GObject *object)
{
  g_clear_object (&NC_MEASURE_VIEW (object)->second);
  G_OBJECT_CLASS (nc_measure_view_parent_class)->dispose (object);
}

static void
nc_measure_view_class_init (NcMeasureViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  NcStudyClass *study_class = NC_STUDY_CLASS (klass);

  object_class->dispose = nc_measure_view_dispose;
  study_class->prepare = measure_prepare;
  study_class->compute = measure_compute;
  study_class->show = measure_show;
  study_class->job_free = job_free;
  study_class->result_free = g_free;
}

static void
nc_measure_view_init (NcMeasureView *self)
{
  NcStudy *study = NC_STUDY (self);
  const char *against[] = { _("the plaintext"), _("the ciphertext"), _("the decrypted image"), NULL };
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("_Second image"));
  GtkWidget *against_label = gtk_label_new_with_mnemonic (_("a_gainst"));
  GtkWidget *empty_page, *scrolled;

  self->file_button = gtk_button_new_with_label (_("Choose…"));
  g_signal_connect (self->file_button, "clicked", G_CALLBACK (on_file_clicked), self);
  self->against_choice = gtk_drop_down_new_from_strings (against);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->against_choice), NC_MEASURE_AGAINST_CIPHER);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), self->file_button);
  gtk_label_set_mnemonic_widget (GTK_LABEL (against_label), self->against_choice);
  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (GTK_BOX (row), self->file_button);
  gtk_box_append (GTK_BOX (row), against_label);
  gtk_box_append (GTK_BOX (row), self->against_choice);
  nc_study_add_control (study, row);
  nc_study_set_run_label (study, _("_Measure"));

  self->grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (self->grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (self->grid), 4);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->grid);
  empty_page = nc_study_empty_page ("edit-copy-symbolic", _("Measure Two Images"),
                                    _("Open a second image — a ciphertext from another program, or of a "
                                    "plaintext one pixel apart — and measure it against this one: MSE, "
                                    "PSNR, SSIM, correlation, and NPCR and UACI with Wu's critical values."));
  self->stack = gtk_stack_new ();
  gtk_stack_add_named (GTK_STACK (self->stack), empty_page, "empty");
  gtk_stack_add_named (GTK_STACK (self->stack), scrolled, "table");
  nc_study_set_content (study, self->stack);
}

GtkWidget *
nc_measure_view_new (void)
{
  return g_object_new (NC_TYPE_MEASURE_VIEW, NULL);
}
