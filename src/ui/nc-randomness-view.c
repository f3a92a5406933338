/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Randomness view: NIST SP 800-22 Rev. 1a over the current key's
 * keystream (the ciphertext of an all-zero image), with NIST's default
 * parameters: each test's p-value, the proportion of sequences passing
 * against NIST's interval, the uniformity of the p-values. What
 * neurocipher-cli randomness prints. */
#include "nc-randomness-view.h"

#include <glib/gi18n.h>

#include <math.h>

static const guint64 bit_choices[] = { 100000, 1000000 };

struct _NcRandomnessView {
  NcStudy        parent_instance;

  GtkWidget     *bits_choice;
  GtkAdjustment *sequences;
  GtkWidget     *stack;
  GtkWidget     *grid;
  GtkWidget     *summary;

  NcNistReport  *report;
};

G_DEFINE_FINAL_TYPE (NcRandomnessView, nc_randomness_view, NC_TYPE_STUDY)

typedef struct {
  NcRandomnessView *view;
  const NcEngine   *engine;
  NcParams         *key;
  guint64           bits;
  guint             sequences;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  nc_params_free (job->key);
  g_free (job);
}

static gpointer
randomness_prepare (NcStudy  *study,
                    GError  **error)
{
  NcRandomnessView *self = NC_RANDOMNESS_VIEW (study);
  Job *job;

  if (nc_study_get_engine (study) == NULL)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_INVALID, _("Choose a model first"));
      return NULL;
    }
  job = g_new0 (Job, 1);
  job->view = self;
  job->engine = nc_study_get_engine (study);
  job->key = nc_params_copy (nc_study_get_params (study));
  job->bits = bit_choices[gtk_drop_down_get_selected (GTK_DROP_DOWN (self->bits_choice))];
  job->sequences = (guint) gtk_adjustment_get_value (self->sequences);
  return job;
}

static void
report_progress (guint    done,
                 guint    total,
                 gpointer data)
{
  nc_study_report_progress (NC_STUDY (data), done, total);
}

static gpointer
randomness_compute (NcStudy       *study,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  Job *job = data;
  g_autofree guint8 *bits = NULL;

  (void) study;
  bits = nc_engine_zero_stream_bits (job->engine, job->key, job->bits * job->sequences, cancellable, error);
  if (bits == NULL)
    return NULL;
  return nc_nist_run (bits, job->bits, job->sequences, report_progress, job->view, cancellable, error);
}

static void
add_row (NcRandomnessView *self,
         int               y,
         const NcNistRow  *row,
         const char       *note)
{
  const NcNistReport *report = self->report;
  g_autofree char *name = row->variant[0] != '\0'
    ? g_strdup_printf ("%s (%s)", nc_nist_test_name (row->test), row->variant)
    : g_strdup (nc_nist_test_name (row->test));
  g_autofree char *p = report->n_sequences == 1 && !isnan (row->p[0]) ? g_strdup_printf ("%.6f", row->p[0])
                                                                      : g_strdup ("");
  g_autofree char *proportion = g_strdup_printf ("%u/%u", row->passed, row->applicable);
  g_autofree char *uniformity = isnan (row->uniformity_p) ? g_strdup ("–") : g_strdup_printf ("%.6f", row->uniformity_p);
  GtkWidget *result = nc_study_cell (nc_nist_row_passes (row) ? "pass" : "FAIL", FALSE);

  gtk_widget_add_css_class (result, nc_nist_row_passes (row) ? "success" : "error");
  gtk_grid_attach (GTK_GRID (self->grid), nc_study_cell (name, FALSE), 0, y, 1, 1);
  gtk_grid_attach (GTK_GRID (self->grid), nc_study_cell (p, FALSE), 1, y, 1, 1);
  gtk_grid_attach (GTK_GRID (self->grid), nc_study_cell (proportion, FALSE), 2, y, 1, 1);
  gtk_grid_attach (GTK_GRID (self->grid), nc_study_cell (uniformity, FALSE), 3, y, 1, 1);
  gtk_grid_attach (GTK_GRID (self->grid), result, 4, y, 1, 1);
  if (note != NULL)
    gtk_grid_attach (GTK_GRID (self->grid), nc_study_cell (note, FALSE), 5, y, 1, 1);
}

static void
randomness_show (NcStudy  *study,
                 gpointer  result)
{
  NcRandomnessView *self = NC_RANDOMNESS_VIEW (study);
  static const char *headings[] = { N_("Test"), N_("P-value"), N_("Proportion"), N_("Uniformity"), N_("Result"), "" };
  g_autofree char *summary = NULL;
  GtkWidget *child;
  int y = 1;

  g_clear_pointer (&self->report, nc_nist_report_free);
  self->report = result;
  while ((child = gtk_widget_get_first_child (self->grid)) != NULL)
    gtk_grid_remove (GTK_GRID (self->grid), child);
  for (guint c = 0; c < G_N_ELEMENTS (headings); c++)
    gtk_grid_attach (GTK_GRID (self->grid), nc_study_cell (*headings[c] != '\0' ? _(headings[c]) : "", TRUE), (int) c, 0, 1, 1);

  for (guint t = 0; t < NC_NIST_N_TESTS; t++)
    {
      guint n_rows, n_ok;
      const NcNistRow *rows = nc_nist_report_first_row (self->report, (NcNistTest) t, &n_rows, &n_ok);

      if (rows[0].applicable == 0 && self->report->not_applicable[t] != NULL)
        {
          g_autofree char *why = g_strdup_printf (_("not applicable: %s"), self->report->not_applicable[t]);

          gtk_grid_attach (GTK_GRID (self->grid), nc_study_cell (nc_nist_test_name ((NcNistTest) t), FALSE), 0, y, 1, 1);
          gtk_grid_attach (GTK_GRID (self->grid), nc_study_cell (why, FALSE), 1, y++, 5, 1);
        }
      else if (n_rows <= 2)
        for (guint r = 0; r < n_rows; r++)
          add_row (self, y++, &rows[r], NULL);
      else
        {
          g_autofree char *note = g_strdup_printf (_("worst of %u; %u pass"), n_rows, n_ok);

          add_row (self, y++, nc_nist_report_worst_row (self->report, (NcNistTest) t), note);
        }
    }
  summary = g_strdup_printf (ngettext ("%u sequence of %u bits of %s's keystream (the ciphertext "
                                       "of an all-zero image under this key). %u of %d rows failed. At α = 0.01 about "
                                       "one row in a hundred fails for a good generator; NIST judges a generator over "
                                       "many sequences (at least 55 for the uniformity test), never by one p-value. "
                                       "Passing shows only that these tests found no pattern: it is no proof of "
                                       "security — the attack lab can still break what passes here.",
                                       "%u sequences of %u bits of %s's keystream (the ciphertext "
                                       "of an all-zero image under this key). %u of %d rows failed. At α = 0.01 about "
                                       "one row in a hundred fails for a good generator; NIST judges a generator over "
                                       "many sequences (at least 55 for the uniformity test), never by one p-value. "
                                       "Passing shows only that these tests found no pattern: it is no proof of "
                                       "security — the attack lab can still break what passes here.",
                                       self->report->n_sequences),
                             self->report->n_sequences, (guint) self->report->n_bits,
                             nc_study_get_engine (study)->name, nc_nist_report_count_failed (self->report),
                             NC_NIST_N_ROWS);
  gtk_label_set_text (GTK_LABEL (self->summary), summary);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "table");
}

const NcNistReport *
nc_randomness_view_get_report (NcRandomnessView *self)
{
  return self->report;
}

void
nc_randomness_view_choose (NcRandomnessView *self,
                           guint64           bits,
                           guint             sequences)
{
  for (guint i = 0; i < G_N_ELEMENTS (bit_choices); i++)
    if (bit_choices[i] == bits)
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->bits_choice), i);
  gtk_adjustment_set_value (self->sequences, sequences);
}

static void
nc_randomness_view_dispose (GObject *object)
{
  NcRandomnessView *self = NC_RANDOMNESS_VIEW (object);

  g_clear_pointer (&self->report, nc_nist_report_free);
  G_OBJECT_CLASS (nc_randomness_view_parent_class)->dispose (object);
}

static void
nc_randomness_view_class_init (NcRandomnessViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  NcStudyClass *study_class = NC_STUDY_CLASS (klass);

  object_class->dispose = nc_randomness_view_dispose;
  study_class->prepare = randomness_prepare;
  study_class->compute = randomness_compute;
  study_class->show = randomness_show;
  study_class->job_free = job_free;
  study_class->result_free = (GDestroyNotify) nc_nist_report_free;
}

static void
nc_randomness_view_init (NcRandomnessView *self)
{
  NcStudy *study = NC_STUDY (self);
  const char *bit_labels[] = { _("100 000 bits"), _("1 000 000 bits"), NULL };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("_Sequences of"));
  GtkWidget *spin, *empty_page, *scrolled, *content;

  self->sequences = gtk_adjustment_new (1, 1, 100, 1, 10, 0);
  spin = gtk_spin_button_new (self->sequences, 1, 0);
  self->bits_choice = gtk_drop_down_new_from_strings (bit_labels);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->bits_choice), 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), spin);
  gtk_box_append (GTK_BOX (box), spin);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), self->bits_choice);
  gtk_widget_set_tooltip_text (box, _("NIST asks for at least 55 sequences to judge the uniformity of the p-values"));
  nc_study_add_control (study, box);
  nc_study_set_run_label (study, _("_Run NIST Tests"));

  self->grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (self->grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (self->grid), 4);
  self->summary = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->summary), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->summary), 0);
  gtk_widget_add_css_class (self->summary, "dim-label");
  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_box_append (GTK_BOX (content), self->grid);
  gtk_box_append (GTK_BOX (content), self->summary);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), content);

  empty_page = nc_study_empty_page ("view-reveal-symbolic", _("NIST SP 800-22"),
                                    _("Run NIST's fifteen statistical tests over this key's keystream, as "
                                    "papers in the field report them. A necessary check, never a "
                                    "sufficient one."));
  self->stack = gtk_stack_new ();
  gtk_stack_add_named (GTK_STACK (self->stack), empty_page, "empty");
  gtk_stack_add_named (GTK_STACK (self->stack), scrolled, "table");
  nc_study_set_content (study, self->stack);
}

GtkWidget *
nc_randomness_view_new (void)
{
  return g_object_new (NC_TYPE_RANDOMNESS_VIEW, NULL);
}
