/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Sweep view: one parameter of the current key over a range against a
 * metric, in the background; for the chaotic engines the bifurcation
 * diagram and Lyapunov exponent over the same range beside it, the key's
 * value marked. What neurocipher-cli sweep computes and draws. */
#include "nc-sweep-view.h"

#include <glib/gi18n.h>
#include <math.h>

#include "nc-figure-view.h"
#include "nc-figures.h"
#include "nc-sweep.h"

#define DEFAULT_STEPS 64

struct _NcSweepView {
  NcStudy     parent_instance;

  GtkWidget  *param_choice;
  GtkWidget  *metric_choice;
  GtkAdjustment *steps;
  GtkAdjustment *from;
  GtkAdjustment *to;
  GtkWidget  *from_spin;
  GtkWidget  *to_spin;
  GtkWidget  *stack;
  GtkWidget  *area;

  GPtrArray  *param_ids;     /* of the dropdown's rows */
  NcSweep    *sweep;
  char       *title;
};

G_DEFINE_FINAL_TYPE (NcSweepView, nc_sweep_view, NC_TYPE_STUDY)

/* The metrics offered: the Lyapunov exponent is drawn beside every sweep
 * of a chaotic engine. */
static const NcSweepMetric offered[] = {
  NC_SWEEP_ENTROPY, NC_SWEEP_CORRELATION_H, NC_SWEEP_CORRELATION_V, NC_SWEEP_CORRELATION_D,
  NC_SWEEP_NPCR, NC_SWEEP_UACI, NC_SWEEP_CHI_SQUARE, NC_SWEEP_SSIM, NC_SWEEP_TIME,
};

typedef struct {
  NcSweepView    *view;       /* for progress only; the task keeps it alive */
  const NcEngine *engine;
  NcParams       *key;
  NcImage        *image;
  char           *param;
  double          from, to;
  guint           steps;
  guint           metrics;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  nc_params_free (job->key);
  nc_image_unref (job->image);
  g_free (job->param);
  g_free (job);
}

static const char *
selected_param (NcSweepView *self)
{
  guint i = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->param_choice));

  return i < self->param_ids->len ? self->param_ids->pdata[i] : NULL;
}

static gpointer
sweep_prepare (NcStudy  *study,
               GError  **error)
{
  NcSweepView *self = NC_SWEEP_VIEW (study);
  const char *param = selected_param (self);
  Job *job;

  if (nc_study_get_engine (study) == NULL || param == NULL)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_INVALID, _("This model has no parameter to sweep"));
      return NULL;
    }
  job = g_new0 (Job, 1);
  job->view = self;
  job->engine = nc_study_get_engine (study);
  job->key = nc_params_copy (nc_study_get_params (study));
  job->image = nc_image_ref (nc_study_get_image (study));
  job->param = g_strdup (param);
  job->from = gtk_adjustment_get_value (self->from);
  job->to = gtk_adjustment_get_value (self->to);
  job->steps = (guint) gtk_adjustment_get_value (self->steps);
  job->metrics = (1u << offered[gtk_drop_down_get_selected (GTK_DROP_DOWN (self->metric_choice))])
                 | (1u << NC_SWEEP_LYAPUNOV);
  return job;
}

static void
report (guint    done,
        guint    total,
        gpointer data)
{
  nc_study_report_progress (NC_STUDY (data), done, total);
}

static gpointer
sweep_compute (NcStudy       *study,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  Job *job = data;

  (void) study;
  return nc_sweep_run (job->engine, job->key, job->image, job->param, job->from, job->to, job->steps,
                       job->metrics, report, job->view, cancellable, error);
}

static void
sweep_show (NcStudy  *study,
            gpointer  result)
{
  NcSweepView *self = NC_SWEEP_VIEW (study);
  g_autofree char *variant = NULL;

  g_clear_pointer (&self->sweep, nc_sweep_free);
  self->sweep = result;
  variant = nc_engine_describe_variant (self->sweep->engine, nc_params_get_variant (nc_study_get_params (study)));
  g_free (self->title);
  self->title = g_strdup_printf (_("%s: %s swept"), variant, self->sweep->param_label);
  gtk_stack_set_visible_child (GTK_STACK (self->stack), self->area);
  gtk_widget_queue_draw (self->area);
}

static void
draw (GtkDrawingArea *area,
      cairo_t        *cr,
      int             width,
      int             height,
      gpointer        data)
{
  NcSweepView *self = data;

  if (self->sweep == NULL)
    return;
  nc_screen_figure_begin (GTK_WIDGET (area), cr);
  nc_figure_draw_sweep (self->sweep, self->title, cr, width, height);
  nc_screen_figure_end ();
}

/* The range follows the chosen parameter. */
static void
on_param_selected (GtkDropDown *drop_down,
                   GParamSpec  *pspec,
                   NcSweepView *self)
{
  const NcParams *params = nc_study_get_params (NC_STUDY (self));
  const char *id = selected_param (self);
  const NcParamSpec *spec;
  int digits;

  (void) drop_down;
  (void) pspec;
  if (params == NULL || id == NULL)
    return;
  spec = &nc_params_get_schema (params)->specs[nc_params_find (params, id)];
  digits = spec->kind == NC_PARAM_INT ? 0 : CLAMP ((int) ceil (-log10 (spec->step)), 0, 10);
  gtk_adjustment_configure (self->from, spec->min, spec->min, spec->max, spec->step, spec->step * 10, 0);
  gtk_adjustment_configure (self->to, spec->max, spec->min, spec->max, spec->step, spec->step * 10, 0);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (self->from_spin), (guint) digits);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (self->to_spin), (guint) digits);
}

/* The parameters a sweep can move: the real and integer ones that act in
 * the key's variant (the nonce words excepted). */
static void
sweep_inputs_changed (NcStudy *study)
{
  NcSweepView *self = NC_SWEEP_VIEW (study);
  const NcParams *params = nc_study_get_params (study);
  const NcParamSchema *schema;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  const char *previous = selected_param (self);
  guint keep = 0;
  gboolean same = TRUE;

  if (params == NULL)
    return;
  schema = nc_params_get_schema (params);
  for (guint i = 0; i < schema->n_specs; i++)
    {
      const NcParamSpec *spec = &schema->specs[i];

      if ((spec->kind != NC_PARAM_REAL && spec->kind != NC_PARAM_INT) || spec->fresh ||
          !nc_params_is_active (params, i))
        continue;
      if (g_strcmp0 (previous, spec->id) == 0)
        keep = ids->len;
      g_ptr_array_add (ids, g_strdup (spec->id));
      gtk_string_list_append (labels, nc_tr (spec->label));
    }
  /* Rebuilt only when the parameters differ (a new model or variant):
   * a slider's move keeps the choice and the range. */
  same = ids->len == self->param_ids->len;
  for (guint i = 0; same && i < ids->len; i++)
    same = g_str_equal (ids->pdata[i], self->param_ids->pdata[i]);
  if (same)
    return;
  g_ptr_array_unref (self->param_ids);
  self->param_ids = g_steal_pointer (&ids);
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->param_choice), G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->param_choice), keep);
  on_param_selected (NULL, NULL, self);
}

static gboolean
sweep_write_figure (NcStudy     *study,
                    const char  *path,
                    GError     **error)
{
  NcSweepView *self = NC_SWEEP_VIEW (study);
  g_autoptr(GPtrArray) metadata = nc_engine_public_metadata (nc_study_get_params (study));

  g_ptr_array_add (metadata, NULL);
  return nc_figure_write_sweep (self->sweep, self->title, path, 0, 0, 300,
                                (const char * const *) metadata->pdata, error);
}

/* For the tests: the sweep shown, or NULL. */
const NcSweep *
nc_sweep_view_get_sweep (NcSweepView *self)
{
  return self->sweep;
}

gboolean
nc_sweep_view_select (NcSweepView *self,
                      const char  *param,
                      const char  *metric,
                      guint        steps)
{
  for (guint i = 0; i < self->param_ids->len; i++)
    if (g_str_equal (self->param_ids->pdata[i], param))
      {
        gtk_drop_down_set_selected (GTK_DROP_DOWN (self->param_choice), i);
        for (guint m = 0; m < G_N_ELEMENTS (offered); m++)
          if (g_str_equal (nc_sweep_metric_id (offered[m]), metric))
            gtk_drop_down_set_selected (GTK_DROP_DOWN (self->metric_choice), m);
        gtk_adjustment_set_value (self->steps, steps);
        return TRUE;
      }
  return FALSE;
}

static void
nc_sweep_view_dispose (GObject *object)
{
  NcSweepView *self = NC_SWEEP_VIEW (object);

  g_clear_pointer (&self->sweep, nc_sweep_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->param_ids, g_ptr_array_unref);
  G_OBJECT_CLASS (nc_sweep_view_parent_class)->dispose (object);
}

static void
nc_sweep_view_class_init (NcSweepViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  NcStudyClass *study_class = NC_STUDY_CLASS (klass);

  object_class->dispose = nc_sweep_view_dispose;
  study_class->prepare = sweep_prepare;
  study_class->compute = sweep_compute;
  study_class->show = sweep_show;
  study_class->inputs_changed = sweep_inputs_changed;
  study_class->write_figure = sweep_write_figure;
  study_class->figure_name = "sweep.pdf";
  study_class->job_free = job_free;
  study_class->result_free = (GDestroyNotify) nc_sweep_free;
}

static void
nc_sweep_view_init (NcSweepView *self)
{
  NcStudy *study = NC_STUDY (self);
  g_autoptr(GtkStringList) metrics = gtk_string_list_new (NULL);
  GtkWidget *steps_spin, *empty_page;

  self->param_ids = g_ptr_array_new_with_free_func (g_free);
  for (guint m = 0; m < G_N_ELEMENTS (offered); m++)
    gtk_string_list_append (metrics, nc_sweep_metric_label (offered[m]));

  self->param_choice = gtk_drop_down_new (G_LIST_MODEL (gtk_string_list_new (NULL)), NULL);
  g_signal_connect (self->param_choice, "notify::selected", G_CALLBACK (on_param_selected), self);
  self->metric_choice = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (metrics)), NULL);
  self->from = gtk_adjustment_new (0, 0, 1, 0.1, 1, 0);
  self->to = gtk_adjustment_new (1, 0, 1, 0.1, 1, 0);
  self->steps = gtk_adjustment_new (DEFAULT_STEPS, 2, 512, 1, 16, 0);
  self->from_spin = gtk_spin_button_new (self->from, 0, 4);
  self->to_spin = gtk_spin_button_new (self->to, 0, 4);
  steps_spin = gtk_spin_button_new (self->steps, 1, 0);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->from_spin), 12);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->to_spin), 12);

  nc_study_add_control (study, nc_study_labelled (_("_Parameter"), self->param_choice));
  nc_study_add_control (study, nc_study_labelled (_("_From"), self->from_spin));
  nc_study_add_control (study, nc_study_labelled (_("_To"), self->to_spin));
  nc_study_add_control (study, nc_study_labelled (_("_Steps"), steps_spin));
  nc_study_add_control (study, nc_study_labelled (_("_Metric"), self->metric_choice));
  nc_study_set_run_label (NC_STUDY (self), _("_Sweep"));

  self->area = gtk_drawing_area_new ();
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->area), draw, self, NULL);
  nc_screen_figure_follow_style (self->area);
  empty_page = nc_study_empty_page ("media-playlist-shuffle-symbolic", _("Sweep a Parameter"),
                                    _("Move one parameter of the key over a range and watch a metric. "
                                    "For a chaotic engine the bifurcation diagram and the Lyapunov "
                                    "exponent show where the dynamics turn periodic: weak keys."));
  self->stack = gtk_stack_new ();
  gtk_stack_add_child (GTK_STACK (self->stack), empty_page);
  gtk_stack_add_child (GTK_STACK (self->stack), self->area);
  nc_study_set_content (NC_STUDY (self), self->stack);
}

GtkWidget *
nc_sweep_view_new (void)
{
  return g_object_new (NC_TYPE_SWEEP_VIEW, NULL);
}
