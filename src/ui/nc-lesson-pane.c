/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The lesson pane, beside the workbench: the lesson's text, its steps
 * (a button each applies one: "apply-step"), and under the step applied
 * its expectations with the value measured on the window's image, ✓ or
 * ✗; a value the live analysis does not make yet (the attacks, the key
 * space, the noise, the NIST battery) fills in when the sliders rest. "close" asks the
 * window to leave the lesson and restore the user's own settings. */
#include "nc-lesson-pane.h"

#include <glib/gi18n.h>

#include <math.h>
#include <string.h>

#define MAX_EXPECTATIONS 16

struct _NcLessonPane {
  GtkBox          parent_instance;

  GtkWidget      *title;
  GtkWidget      *text;
  GtkWidget      *steps;        /* a row per step */
  const NcLesson *lesson;
  guint           step;         /* the step applied; n_steps: none yet */
  GtkWidget      *checks[MAX_EXPECTATIONS];
  double          measured[MAX_EXPECTATIONS];
  gboolean        holds[MAX_EXPECTATIONS];
};

G_DEFINE_FINAL_TYPE (NcLessonPane, nc_lesson_pane, GTK_TYPE_BOX)

enum {
  SIGNAL_APPLY_STEP,
  SIGNAL_CLOSE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_step_clicked (GtkButton    *button,
                 NcLessonPane *self)
{
  guint step = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "nc-step"));

  g_signal_emit (self, signals[SIGNAL_APPLY_STEP], 0, step);
}

static void
rebuild_steps (NcLessonPane *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->steps)) != NULL)
    gtk_box_remove (GTK_BOX (self->steps), child);
  memset (self->checks, 0, sizeof self->checks);
  if (self->lesson == NULL)
    return;
  for (guint s = 0; s < self->lesson->n_steps; s++)
    {
      const NcLessonStep *step = &self->lesson->steps[s];
      g_autofree char *label = g_strdup_printf ("_%u. %s", s + 1, step->title);
      GtkWidget *button = gtk_button_new_with_mnemonic (label);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

      gtk_label_set_wrap (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), TRUE);
      gtk_label_set_xalign (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), 0);
      if (s == self->step)
        gtk_widget_add_css_class (button, "suggested-action");
      g_object_set_data (G_OBJECT (button), "nc-step", GUINT_TO_POINTER (s));
      g_signal_connect (button, "clicked", G_CALLBACK (on_step_clicked), self);
      gtk_box_append (GTK_BOX (box), button);
      if (s == self->step)
        {
          if (step->text != NULL)
            {
              g_autofree char *text = g_strcompress (step->text);
              GtkWidget *what = gtk_label_new (text);

              gtk_label_set_wrap (GTK_LABEL (what), TRUE);
              gtk_label_set_xalign (GTK_LABEL (what), 0);
              gtk_box_append (GTK_BOX (box), what);
            }
          for (guint e = 0; e < MIN (step->n_expectations, MAX_EXPECTATIONS); e++)
            {
              self->checks[e] = gtk_label_new (NULL);
              gtk_label_set_xalign (GTK_LABEL (self->checks[e]), 0);
              gtk_label_set_wrap (GTK_LABEL (self->checks[e]), TRUE);
              gtk_widget_add_css_class (self->checks[e], "numeric");
              gtk_box_append (GTK_BOX (box), self->checks[e]);
              self->measured[e] = NAN;
              self->holds[e] = FALSE;
            }
        }
      gtk_box_append (GTK_BOX (self->steps), box);
    }
}

static void
show_checks (NcLessonPane *self)
{
  const NcLessonStep *step;

  if (self->lesson == NULL || self->step >= self->lesson->n_steps)
    return;
  step = &self->lesson->steps[self->step];
  for (guint e = 0; e < MIN (step->n_expectations, MAX_EXPECTATIONS); e++)
    {
      g_autofree char *said = nc_expectation_describe (&step->expectations[e], self->measured[e]);
      g_autofree char *text = isnan (self->measured[e])
        ? g_strdup_printf (_("… %s, when the sliders rest"), said)
        : g_strdup_printf ("%s %s", self->holds[e] ? "✓" : "✗", said);

      gtk_label_set_text (GTK_LABEL (self->checks[e]), text);
      gtk_widget_remove_css_class (self->checks[e], "success");
      gtk_widget_remove_css_class (self->checks[e], "error");
      if (!isnan (self->measured[e]))
        gtk_widget_add_css_class (self->checks[e], self->holds[e] ? "success" : "error");
    }
}

void
nc_lesson_pane_set_lesson (NcLessonPane   *self,
                           const NcLesson *lesson)
{
  g_autofree char *text = lesson != NULL ? g_strcompress (lesson->text) : NULL;

  self->lesson = lesson;
  self->step = lesson != NULL ? lesson->n_steps : 0;
  gtk_label_set_text (GTK_LABEL (self->title), lesson != NULL ? lesson->title : "");
  gtk_label_set_text (GTK_LABEL (self->text), text != NULL ? text : "");
  rebuild_steps (self);
}

const NcLesson *
nc_lesson_pane_get_lesson (NcLessonPane *self)
{
  return self->lesson;
}

guint
nc_lesson_pane_get_step (NcLessonPane *self)
{
  return self->step;
}

/* Shows @step as the one applied, its expectations waiting to be measured. */
void
nc_lesson_pane_set_step (NcLessonPane *self,
                         guint         step)
{
  self->step = step;
  rebuild_steps (self);
  show_checks (self);
}

/* Measures the step's expectations on a result of the window's analysis. */
void
nc_lesson_pane_update (NcLessonPane         *self,
                       const NcAnalysis     *analysis,
                       const NcEngine       *engine,
                       const NcParams       *key,
                       const NcLessonExtras *extras)
{
  const NcLessonStep *step;

  if (self->lesson == NULL || self->step >= self->lesson->n_steps || analysis == NULL)
    return;
  step = &self->lesson->steps[self->step];
  for (guint e = 0; e < MIN (step->n_expectations, MAX_EXPECTATIONS); e++)
    {
      const NcExpectation *x = &step->expectations[e];
      /* NAN for what a live analysis leaves to the full one: shown as
       * waiting, never as a false ✗. */
      double value = nc_lesson_measure (analysis, engine, key, extras, x->measure);

      self->measured[e] = value;
      self->holds[e] = !isnan (value) && nc_lesson_expectation_holds (x, value);
    }
  show_checks (self);
}

gboolean
nc_lesson_pane_get_result (NcLessonPane *self,
                           guint         index,
                           double       *measured,
                           gboolean     *holds)
{
  if (self->lesson == NULL || self->step >= self->lesson->n_steps ||
      index >= MIN (self->lesson->steps[self->step].n_expectations, MAX_EXPECTATIONS))
    return FALSE;
  *measured = self->measured[index];
  *holds = self->holds[index];
  return TRUE;
}

static void
on_close_clicked (GtkButton    *button,
                  NcLessonPane *self)
{
  (void) button;
  g_signal_emit (self, signals[SIGNAL_CLOSE], 0);
}

static void
nc_lesson_pane_class_init (NcLessonPaneClass *klass)
{
  /* apply-step (guint step): a step's button was pressed. */
  signals[SIGNAL_APPLY_STEP] = g_signal_new ("apply-step", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                             NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  /* close: leave the lesson. */
  signals[SIGNAL_CLOSE] = g_signal_new ("close", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                        NULL, NULL, G_TYPE_NONE, 0);
}

static void
nc_lesson_pane_init (NcLessonPane *self)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *close = gtk_button_new_from_icon_name ("window-close-symbolic");
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  self->title = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->title), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->title), 0);
  gtk_widget_set_hexpand (self->title, TRUE);
  gtk_widget_add_css_class (self->title, "title-3");
  gtk_widget_set_tooltip_text (close, _("Leave the lesson: your own model and key come back"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (close), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Leave the lesson"), -1);
  gtk_widget_add_css_class (close, "flat");
  g_signal_connect (close, "clicked", G_CALLBACK (on_close_clicked), self);
  gtk_box_append (GTK_BOX (header), self->title);
  gtk_box_append (GTK_BOX (header), close);

  self->text = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->text), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->text), 0);
  gtk_label_set_selectable (GTK_LABEL (self->text), TRUE);
  self->steps = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);

  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  gtk_widget_set_margin_top (content, 12);
  gtk_widget_set_margin_bottom (content, 12);
  gtk_box_append (GTK_BOX (content), header);
  gtk_box_append (GTK_BOX (content), self->text);
  gtk_box_append (GTK_BOX (content), self->steps);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), content);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (self), scrolled);
}

GtkWidget *
nc_lesson_pane_new (void)
{
  return g_object_new (NC_TYPE_LESSON_PANE, NULL);
}
