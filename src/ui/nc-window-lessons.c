/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Lessons in the window: the Lessons menu lists them; opening one keeps
 * the user's own model, key and view, applies the lesson's setup and
 * shows its pane beside the workbench, in the sidebar (a switch leads
 * back to the key's sliders); a step's button applies that
 * step; every result the window shows is measured against the step's
 * expectations; leaving restores what the user had. */
#include "config.h"

#include <glib/gi18n.h>

#include "nc-window-private.h"

#include <math.h>

static void
lesson_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_autoptr(GError) error = NULL;

  NcWindow *self = NC_WINDOW (widget);
  const char *id = g_variant_get_string (parameter, NULL);

  (void) action_name;
  if (self->image == NULL && self->lessons != NULL && nc_lesson_find (self->lessons, id) != NULL)
    {
      /* From the start page: the lesson opens on the bundled camera image. */
      g_free (self->pending_lesson);
      self->pending_lesson = g_strdup (id);
      _nc_window_open_sample (self, "camera.png");
      return;
    }
  if (!nc_window_open_lesson (self, id, &error))
    _nc_window_toast (self, error->message);
}

/* A load ended (@shown: its image is shown): a lesson chosen on the start
 * page opens now. */
void
_nc_window_image_shown_lessons (NcWindow *self,
                                gboolean  shown)
{
  g_autofree char *id = g_steal_pointer (&self->pending_lesson);
  g_autoptr(GError) error = NULL;

  if (id != NULL && shown && !nc_window_open_lesson (self, id, &error))
    _nc_window_toast (self, error->message);
}

static void
apply_key (NcWindow  *self,
           guint      n_steps)
{
  const NcLesson *lesson = nc_lesson_pane_get_lesson (self->lesson_pane);
  g_autoptr(GError) error = NULL;
  NcParams *key = nc_lesson_key (lesson, n_steps, &error);

  if (key == NULL)
    {
      _nc_window_toast (self, error->message);
      return;
    }
  if (n_steps > 0 && lesson->steps[n_steps - 1].train_epochs > 0)
    {
      /* Train from scratch; the window re-encrypts with each new set. */
      if (nc_training_view_get_n_reports (self->training_view) > 0 && !self->lesson_trained)
        _nc_window_toast (self, _("The lesson's training replaces your own training run"));
      nc_training_view_train_epochs (self->training_view, lesson->steps[n_steps - 1].train_epochs);
      self->lesson_trained = TRUE;
    }
  else if (n_steps > 0 && lesson->steps[n_steps - 1].shipped)
    nc_training_view_use_shipped (self->training_view);
  _nc_window_use_params (self, nc_engine_for_params (key), key);
  if (lesson->view != NULL)
    nc_window_show_view (self, lesson->view);
}

/**
 * nc_window_open_lesson:
 *
 * Opens the lesson @id: the user's own model, key and view are kept to
 * come back to, the lesson's setup applied, its pane shown.
 */
gboolean
nc_window_open_lesson (NcWindow    *self,
                       const char  *id,
                       GError     **error)
{
  const NcLesson *lesson = self->lessons != NULL ? nc_lesson_find (self->lessons, id) : NULL;

  if (lesson == NULL)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_NOT_FOUND, _("no lesson “%s”"), id);
      return FALSE;
    }
  if (self->image == NULL)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_INVALID, _("open an image first: a lesson measures it"));
      return FALSE;
    }
  if (nc_lesson_pane_get_lesson (self->lesson_pane) == NULL && self->params != NULL)
    {
      self->saved_engine = self->engine;
      self->saved_params = nc_params_copy (self->params);
      self->saved_view = g_strdup (adw_view_stack_get_visible_child_name (self->views));
      self->saved_key_bit = (guint) gtk_adjustment_get_value (self->key_bit_adjustment);
    }
  /* The lessons' key-flip measures are of the lowest key bit, as
   * neurocipher-cli lesson run measures them. */
  gtk_adjustment_set_value (self->key_bit_adjustment, 0);
  nc_lesson_pane_set_lesson (self->lesson_pane, lesson);
  _nc_window_sync_live_needs (self);
  gtk_widget_set_visible (self->sidebar_switcher, TRUE);
  gtk_stack_set_visible_child_name (self->sidebar_stack, "lesson");
  apply_key (self, 0);
  return TRUE;
}

void
nc_window_apply_lesson_step (NcWindow *self,
                             guint     step)
{
  const NcLesson *lesson = nc_lesson_pane_get_lesson (self->lesson_pane);

  if (lesson == NULL || step >= lesson->n_steps)
    return;
  nc_lesson_pane_set_step (self->lesson_pane, step);
  _nc_window_sync_live_needs (self);
  apply_key (self, step + 1);
}

static void
on_apply_step (NcLessonPane *pane,
               guint         step,
               NcWindow     *self)
{
  (void) pane;
  nc_window_apply_lesson_step (self, step);
}

/* Leaves the lesson: the user's own model, key and view come back. */
void
nc_window_close_lesson (NcWindow *self)
{
  if (nc_lesson_pane_get_lesson (self->lesson_pane) == NULL)
    return;
  nc_lesson_pane_set_lesson (self->lesson_pane, NULL);
  _nc_window_sync_live_needs (self);
  gtk_stack_set_visible_child_name (self->sidebar_stack, "key");
  gtk_widget_set_visible (self->sidebar_switcher, FALSE);
  if (self->saved_params != NULL)
    {
      _nc_window_use_params (self, self->saved_engine, g_steal_pointer (&self->saved_params));
      gtk_adjustment_set_value (self->key_bit_adjustment, self->saved_key_bit);
    }
  if (self->saved_view != NULL)
    adw_view_stack_set_visible_child_name (self->views, self->saved_view);
  g_clear_pointer (&self->saved_view, g_free);
  g_cancellable_cancel (self->lesson_cancellable);
  g_clear_object (&self->lesson_cancellable);
  if (self->lesson_trained)
    nc_training_view_use_shipped (self->training_view);
  self->lesson_trained = FALSE;
}

static void
on_close (NcLessonPane *pane,
          NcWindow     *self)
{
  (void) pane;
  nc_window_close_lesson (self);
}

/* The task's data holds no widget (the worker may free it); the
 * callback's data is the window's reference. */
typedef struct {
  const NcEngine *engine;
  NcParams       *key;
  guint           serial;    /* the result measured */
} NistJob;

static void
nist_job_free (gpointer data)
{
  NistJob *job = data;

  nc_params_free (job->key);
  g_free (job);
}

static void
nist_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  NistJob *job = data;
  GError *error = NULL;
  double *failed = g_new (double, 1);

  (void) source;
  *failed = nc_lesson_nist_failed (job->engine, job->key, cancellable, &error);
  if (isnan (*failed))
    {
      g_free (failed);
      g_task_return_error (task, error);
    }
  else
    g_task_return_pointer (task, failed, g_free);
}

static void
nist_done (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(NcWindow) self = data;
  const NistJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree double *failed = g_task_propagate_pointer (G_TASK (result), &error);

  (void) source;
  if (failed != NULL && self->result_serial == job->serial)
    {
      self->lesson_nist = *failed;
      self->lesson_nist_for = job->serial;
      _nc_window_update_lesson (self);
    }
  else if (failed == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _nc_window_toast (self, error->message);
}

/* The NIST battery over the result's keystream, on a worker: its
 * callback measures the step again. */
static void
run_nist (NcWindow *self)
{
  NistJob *job = g_new0 (NistJob, 1);
  g_autoptr(GTask) task = NULL;

  g_cancellable_cancel (self->lesson_cancellable);
  g_clear_object (&self->lesson_cancellable);
  self->lesson_cancellable = g_cancellable_new ();
  job->engine = self->result->engine;
  job->key = nc_params_copy (self->result->params);
  job->serial = self->result_serial;
  task = g_task_new (NULL, self->lesson_cancellable, nist_done, g_object_ref (self));
  g_task_set_task_data (task, job, nist_job_free);
  g_task_run_in_thread (task, nist_thread);
}

/* Measures the step shown against the result the window shows. */
void
_nc_window_update_lesson (NcWindow *self)
{
  const NcLesson *lesson = nc_lesson_pane_get_lesson (self->lesson_pane);
  guint step = nc_lesson_pane_get_step (self->lesson_pane);
  NcLessonExtras extras = { NAN, NAN };

  if (self->result == NULL || lesson == NULL || step >= lesson->n_steps)
    return;
  if (self->result->engine->family == NC_FAMILY_ADVERSARIAL)
    extras.gan_accuracy = nc_training_view_get_accuracy (self->training_view,
                                                         nc_params_get_variant (self->result->params));
  if (nc_lesson_step_needs (&lesson->steps[step], "nist.") && self->result->analysis.full)
    {
      if (self->lesson_nist_for == self->result_serial)
        extras.nist_failed = self->lesson_nist;
      else
        run_nist (self);
    }
  nc_lesson_pane_update (self->lesson_pane, &self->result->analysis, self->result->engine,
                         self->result->params, &extras);
}

void
_nc_window_init_lessons (NcWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GMenu) menu = g_menu_new ();

  self->lesson_pane = NC_LESSON_PANE (nc_lesson_pane_new ());
  self->lesson_nist = NAN;
  gtk_stack_add_titled (self->sidebar_stack, GTK_WIDGET (self->lesson_pane), "lesson", _("Lesson"));
  g_signal_connect (self->lesson_pane, "apply-step", G_CALLBACK (on_apply_step), self);
  g_signal_connect (self->lesson_pane, "close", G_CALLBACK (on_close), self);
  self->lessons = nc_lessons_load (&problems, &error);
  if (problems != NULL && problems->len > 0)
    {
      g_autofree char *said = g_strdup_printf (_("A lesson of your own was left out: %s"),
                                               (const char *) problems->pdata[0]);

      _nc_window_toast (self, said);
    }
  if (self->lessons == NULL)
    {
      g_warning ("The lessons could not be read: %s", error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->lessons_button), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->start_lessons_button), FALSE);
      return;
    }
  for (guint i = 0; i < self->lessons->len; i++)
    {
      const NcLesson *lesson = self->lessons->pdata[i];
      g_autofree char *action = g_strdup_printf ("win.lesson('%s')", lesson->id);

      g_menu_append (menu, lesson->title, action);
    }
  gtk_menu_button_set_menu_model (self->lessons_button, G_MENU_MODEL (menu));
  gtk_menu_button_set_menu_model (self->start_lessons_button, G_MENU_MODEL (menu));
}

void
_nc_window_dispose_lessons (NcWindow *self)
{
  g_clear_pointer (&self->lessons, g_ptr_array_unref);
  g_clear_pointer (&self->saved_params, nc_params_free);
  g_clear_pointer (&self->saved_view, g_free);
  g_clear_pointer (&self->pending_lesson, g_free);
  g_cancellable_cancel (self->lesson_cancellable);
  g_clear_object (&self->lesson_cancellable);
}

void
_nc_window_class_init_lessons (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.lesson", "s", lesson_action);
}
