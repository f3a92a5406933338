/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The adversarial engine's training, live: start and stop a training run
 * on the bundled samples and the open image in the background; the loss
 * curves, the discriminators' accuracy, the perturbation generator's
 * output and its histogram follow it; the engine uses every new set of
 * weights at once ("weights-changed" tells the window to re-encrypt). */
#include "nc-training-view.h"

#include <glib/gi18n.h>

#include <math.h>

#include "nc-adversarial.h"
#include "nc-engine.h"
#include "nc-figure-view.h"
#include "nc-plot.h"

#define SEED 1
#define STEPS_PER_REPORT 4
#define PREVIEW_SIZE 96

struct _NcTrainingView {
  GtkBox        parent_instance;

  GtkWidget    *start_button;
  GtkWidget    *shipped_button;
  GtkWidget    *status_label;
  GtkWidget    *area;

  NcImage      *image;          /* the open image, trained on with the samples */
  NcGanTrainer *trainer;        /* kept between runs: Start continues */
  NcGanWeights *weights;        /* the newest trained; NULL: the shipped ones */
  GThread      *thread;
  GCancellable *cancellable;
  guint         epoch_limit;    /* stop after so many epochs; 0: when asked */
  gboolean      disposed;

  GArray       *g_loss[NC_GAN_N_VARIANTS];
  GArray       *d_loss[NC_GAN_N_VARIANTS];
  GArray       *d_accuracy[NC_GAN_N_VARIANTS];
  guint         steps;
  NcImage      *preview;        /* G(z) of the perturbation variant */
  NcHistogram   preview_histogram;
};

G_DEFINE_FINAL_TYPE (NcTrainingView, nc_training_view, GTK_TYPE_BOX)

enum {
  SIGNAL_WEIGHTS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct {
  NcTrainingView *view;
  NcGanStats      mean[NC_GAN_N_VARIANTS];
  NcGanWeights   *weights;
  guint           steps;
  guint           epoch;
  guint           steps_per_epoch;
} Report;

static void
report_free (gpointer data)
{
  Report *report = data;

  g_object_unref (report->view);
  nc_gan_weights_unref (report->weights);
  g_free (report);
}

/* The generator's output: the perturbation variant's ciphertext of a
 * black image is the perturbation itself. */
static void
update_preview (NcTrainingView *self)
{
  const NcEngine *engine = nc_engine_find ("adversarial", NULL);
  g_autoptr(NcParams) key = nc_engine_new_params (engine);
  g_autoptr(NcImage) black = nc_image_new (PREVIEW_SIZE, PREVIEW_SIZE, 1, NULL);
  g_autoptr(NcImage) out = nc_image_new_like (black, NULL);

  nc_params_set (key, NC_PARAM_VARIANT_ID, NC_GAN_PERTURBATION, NULL);
  nc_gan_weights_attach (key, self->weights);
  if (nc_engine_encrypt (engine, key, black, out, NULL, NULL))
    {
      g_clear_pointer (&self->preview, nc_image_unref);
      self->preview = g_steal_pointer (&out);
      nc_metric_histogram (self->preview, &self->preview_histogram);
    }
}

static void
update_status (NcTrainingView *self,
               const char     *text)
{
  gtk_label_set_text (GTK_LABEL (self->status_label), text);
}

static gboolean
report_in_main (gpointer data)
{
  Report *report = data;
  NcTrainingView *self = report->view;
  g_autofree char *status = NULL;

  if (self->disposed)
    return G_SOURCE_REMOVE;
  for (guint v = 0; v < NC_GAN_N_VARIANTS; v++)
    {
      g_array_append_val (self->g_loss[v], report->mean[v].g_loss);
      g_array_append_val (self->d_loss[v], report->mean[v].d_loss);
      g_array_append_val (self->d_accuracy[v], report->mean[v].d_accuracy);
    }
  self->steps = report->steps;
  g_clear_pointer (&self->weights, nc_gan_weights_unref);
  self->weights = nc_gan_weights_ref (report->weights);
  update_preview (self);
  status = g_strdup_printf (_("Step %u (epoch %.1f) · D accuracy %.0f / %.0f / %.0f %%"),
                            report->steps,
                            (double) report->steps / report->steps_per_epoch,
                            100 * report->mean[0].d_accuracy, 100 * report->mean[1].d_accuracy,
                            100 * report->mean[2].d_accuracy);
  update_status (self, status);
  gtk_widget_queue_draw (self->area);
  if (self->epoch_limit > 0 && report->steps >= self->epoch_limit * report->steps_per_epoch)
    {
      self->epoch_limit = 0;
      nc_training_view_stop (self);
    }
  g_signal_emit (self, signals[SIGNAL_WEIGHTS_CHANGED], 0);
  return G_SOURCE_REMOVE;
}

typedef struct {
  NcTrainingView *view;
  NcGanTrainer   *trainer;
  GCancellable   *cancellable;
  guint           steps;
} Run;

static gpointer
train_thread (gpointer data)
{
  Run *run = data;

  while (!g_cancellable_is_cancelled (run->cancellable))
    {
      Report *report = g_new0 (Report, 1);
      NcGanStats sum[NC_GAN_N_VARIANTS] = { { 0 } };
      guint done = 0;

      for (; done < STEPS_PER_REPORT && !g_cancellable_is_cancelled (run->cancellable); done++)
        {
          NcGanStats stats[NC_GAN_N_VARIANTS];

          nc_gan_trainer_step (run->trainer, stats);
          run->steps++;
          for (guint v = 0; v < NC_GAN_N_VARIANTS; v++)
            {
              sum[v].g_loss += stats[v].g_loss;
              sum[v].d_loss += stats[v].d_loss;
              sum[v].d_accuracy += stats[v].d_accuracy;
            }
        }
      /* A run stopped part-way through a report reports nothing more. */
      if (done < STEPS_PER_REPORT)
        {
          g_free (report);
          break;
        }
      for (guint v = 0; v < NC_GAN_N_VARIANTS; v++)
        {
          report->mean[v].g_loss = sum[v].g_loss / done;
          report->mean[v].d_loss = sum[v].d_loss / done;
          report->mean[v].d_accuracy = sum[v].d_accuracy / done;
        }
      report->view = g_object_ref (run->view);
      report->weights = nc_gan_trainer_dup_weights (run->trainer);
      report->steps = run->steps;
      report->steps_per_epoch = nc_gan_trainer_get_steps_per_epoch (run->trainer);
      g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, report_in_main, report, report_free);
    }
  return run;
}

static void
sync_buttons (NcTrainingView *self)
{
  gboolean running = self->thread != NULL;

  gtk_button_set_label (GTK_BUTTON (self->start_button),
                        running ? _("_Stop Training") : (self->trainer != NULL ? _("_Continue Training")
                                                                             : _("_Train")));
  gtk_widget_set_sensitive (self->shipped_button, self->trainer != NULL || running);
}

void
nc_training_view_start (NcTrainingView *self)
{
  Run *run;

  if (self->thread != NULL)
    return;
  if (self->trainer == NULL)
    {
      g_autofree char *samples = nc_samples_dir ();
      const char *paths[] = { samples, NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) images = nc_gan_load_training_images (paths, &error);

      if (images != NULL && self->image != NULL)
        g_ptr_array_add (images, nc_image_ref (self->image));
      if (images != NULL)
        self->trainer = nc_gan_trainer_new (SEED, images, &error);
      if (self->trainer == NULL)
        {
          update_status (self, error->message);
          return;
        }
      self->steps = 0;
    }
  self->cancellable = g_cancellable_new ();
  run = g_new0 (Run, 1);
  run->view = self;
  run->trainer = self->trainer;
  run->cancellable = self->cancellable;
  run->steps = self->steps;
  self->thread = g_thread_new ("nc-training", train_thread, run);
  update_status (self, self->steps == 0
                       ? _("Training from scratch: the generators start faint, and the ciphertext "
                           "shows the image until they learn")
                       : _("Training continues"));
  sync_buttons (self);
}

void
nc_training_view_stop (NcTrainingView *self)
{
  if (self->thread == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_free (g_thread_join (self->thread));
  self->thread = NULL;
  g_clear_object (&self->cancellable);
  if (!self->disposed)
    sync_buttons (self);
}

/* Trains from scratch and stops after @epochs epochs. */
void
nc_training_view_train_epochs (NcTrainingView *self,
                               guint           epochs)
{
  nc_training_view_use_shipped (self);
  self->epoch_limit = epochs;
  nc_training_view_start (self);
}

/* The discriminator's accuracy for @variant over the newest report, in
 * %: NAN before any. */
double
nc_training_view_get_accuracy (NcTrainingView *self,
                               guint           variant)
{
  GArray *accuracy = self->d_accuracy[MIN (variant, NC_GAN_N_VARIANTS - 1)];

  return accuracy->len > 0 ? 100.0 * g_array_index (accuracy, double, accuracy->len - 1) : NAN;
}

gboolean
nc_training_view_get_running (NcTrainingView *self)
{
  return self->thread != NULL;
}

guint
nc_training_view_get_n_reports (NcTrainingView *self)
{
  return self->g_loss[0]->len;
}

static void
on_start_clicked (NcTrainingView *self)
{
  if (self->thread != NULL)
    nc_training_view_stop (self);
  else
    nc_training_view_start (self);
}

/* Stops, forgets the training run and goes back to the shipped weights. */
void
nc_training_view_use_shipped (NcTrainingView *self)
{
  nc_training_view_stop (self);
  self->epoch_limit = 0;
  g_clear_pointer (&self->trainer, nc_gan_trainer_free);
  for (guint v = 0; v < NC_GAN_N_VARIANTS; v++)
    {
      g_array_set_size (self->g_loss[v], 0);
      g_array_set_size (self->d_loss[v], 0);
      g_array_set_size (self->d_accuracy[v], 0);
    }
  self->steps = 0;
  g_clear_pointer (&self->weights, nc_gan_weights_unref);
  update_preview (self);
  update_status (self, _("Using the shipped weights"));
  sync_buttons (self);
  gtk_widget_queue_draw (self->area);
  g_signal_emit (self, signals[SIGNAL_WEIGHTS_CHANGED], 0);
}

void
nc_training_view_draw (NcTrainingView *self,
                       cairo_t        *cr,
                       double          width,
                       double          height)
{
  static const char *short_names[] = { "perturbation", "transformation", "direct" };
  NcPlotSeries losses[2 * NC_GAN_N_VARIANTS];
  NcPlotSeries accuracy[NC_GAN_N_VARIANTS];
  char *labels[2 * NC_GAN_N_VARIANTS];
  double half_w = width / 2, half_h = height / 2;
  g_autofree char *caption = NULL;

  for (guint v = 0; v < NC_GAN_N_VARIANTS; v++)
    {
      labels[2 * v] = g_strdup_printf ("G %s", short_names[v]);
      labels[2 * v + 1] = g_strdup_printf ("D %s", short_names[v]);
      losses[2 * v] = (NcPlotSeries) { (const double *) self->g_loss[v]->data, self->g_loss[v]->len,
                                       labels[2 * v], nc_plot_channel_colors[v], FALSE };
      losses[2 * v + 1] = (NcPlotSeries) { (const double *) self->d_loss[v]->data, self->d_loss[v]->len,
                                           labels[2 * v + 1], nc_plot_channel_colors[v], TRUE };
      accuracy[v] = (NcPlotSeries) { (const double *) self->d_accuracy[v]->data,
                                     self->d_accuracy[v]->len, short_names[v],
                                     nc_plot_channel_colors[v], FALSE };
    }
  nc_plot_curves (cr, (NcRect) { 0, 0, half_w, half_h }, losses, G_N_ELEMENTS (losses), 0,
                  "report (" G_STRINGIFY (STEPS_PER_REPORT) " steps)", "loss",
                  _("Generator (solid) and discriminator (dashed) loss"), NULL);
  nc_plot_curves (cr, (NcRect) { half_w, 0, half_w, half_h }, accuracy, G_N_ELEMENTS (accuracy), 1,
                  "report (" G_STRINGIFY (STEPS_PER_REPORT) " steps)", "accuracy",
                  _("Discriminator accuracy (0.5: fooled)"), NULL);
  if (self->preview != NULL)
    {
      caption = g_strdup_printf (_("G(z) on a black %u × %u image, default key"), PREVIEW_SIZE, PREVIEW_SIZE);
      nc_plot_pane (cr, (NcRect) { 0, half_h, half_w, half_h }, self->preview,
                    _("Perturbation generator output"), caption);
      nc_plot_histogram (cr, (NcRect) { half_w, half_h, half_w, half_h }, &self->preview_histogram,
                         _("Its histogram"), NULL, NULL);
    }
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    g_free (labels[i]);
}

static void
draw_area (GtkDrawingArea *area,
           cairo_t        *cr,
           int             width,
           int             height,
           gpointer        user_data)
{
  nc_screen_figure_begin (GTK_WIDGET (area), cr);
  nc_training_view_draw (user_data, cr, width, height);
  nc_screen_figure_end ();
}

static void
nc_training_view_dispose (GObject *object)
{
  NcTrainingView *self = NC_TRAINING_VIEW (object);

  self->disposed = TRUE;
  nc_training_view_stop (self);
  G_OBJECT_CLASS (nc_training_view_parent_class)->dispose (object);
}

static void
nc_training_view_finalize (GObject *object)
{
  NcTrainingView *self = NC_TRAINING_VIEW (object);

  g_clear_pointer (&self->trainer, nc_gan_trainer_free);
  g_clear_pointer (&self->weights, nc_gan_weights_unref);
  g_clear_pointer (&self->image, nc_image_unref);
  g_clear_pointer (&self->preview, nc_image_unref);
  for (guint v = 0; v < NC_GAN_N_VARIANTS; v++)
    {
      g_array_unref (self->g_loss[v]);
      g_array_unref (self->d_loss[v]);
      g_array_unref (self->d_accuracy[v]);
    }
  G_OBJECT_CLASS (nc_training_view_parent_class)->finalize (object);
}

static void
nc_training_view_class_init (NcTrainingViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = nc_training_view_dispose;
  object_class->finalize = nc_training_view_finalize;

  /**
   * NcTrainingView::weights-changed:
   *
   * The weights changed (nc_training_view_get_weights()): new training
   * results, or back to the shipped ones.
   */
  signals[SIGNAL_WEIGHTS_CHANGED] =
    g_signal_new ("weights-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
nc_training_view_init (NcTrainingView *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 6);

  self->start_button = gtk_button_new_with_mnemonic (_("_Train"));
  gtk_widget_add_css_class (self->start_button, "suggested-action");
  gtk_widget_set_tooltip_text (self->start_button,
                               _("Train the adversarial engine's three generators against their "
                               "discriminators on the bundled samples and the open image; the "
                               "engine uses the newest weights at once"));
  self->shipped_button = gtk_button_new_with_mnemonic (_("Use _Shipped Weights"));
  gtk_widget_set_tooltip_text (self->shipped_button,
                               _("Stop, forget this training run and go back to the weights "
                               "built into Neurocipher"));
  self->status_label = gtk_label_new (_("The adversarial engine uses the shipped weights"));
  gtk_label_set_xalign (GTK_LABEL (self->status_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->status_label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (self->status_label, TRUE);
  gtk_widget_add_css_class (self->status_label, "dim-label");
  gtk_box_append (GTK_BOX (row), self->start_button);
  gtk_box_append (GTK_BOX (row), self->shipped_button);
  gtk_box_append (GTK_BOX (row), self->status_label);
  gtk_box_append (GTK_BOX (self), row);

  self->area = gtk_drawing_area_new ();
  gtk_widget_set_hexpand (self->area, TRUE);
  gtk_widget_set_vexpand (self->area, TRUE);
  gtk_widget_set_size_request (self->area, 200, 160);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->area), draw_area, self, NULL);
  nc_screen_figure_follow_style (self->area);
  gtk_box_append (GTK_BOX (self), self->area);

  g_signal_connect_swapped (self->start_button, "clicked", G_CALLBACK (on_start_clicked), self);
  g_signal_connect_swapped (self->shipped_button, "clicked", G_CALLBACK (nc_training_view_use_shipped), self);

  for (guint v = 0; v < NC_GAN_N_VARIANTS; v++)
    {
      self->g_loss[v] = g_array_new (FALSE, FALSE, sizeof (double));
      self->d_loss[v] = g_array_new (FALSE, FALSE, sizeof (double));
      self->d_accuracy[v] = g_array_new (FALSE, FALSE, sizeof (double));
    }
  update_preview (self);
  sync_buttons (self);
}

GtkWidget *
nc_training_view_new (void)
{
  return g_object_new (NC_TYPE_TRAINING_VIEW, NULL);
}

/* @image: (nullable): trained on, with the samples, by the next new run */
void
nc_training_view_set_image (NcTrainingView *self,
                            NcImage        *image)
{
  g_clear_pointer (&self->image, nc_image_unref);
  self->image = image != NULL ? nc_image_ref (image) : NULL;
}

/* Returns: (transfer none) (nullable): the newest trained weights, or
 * %NULL for the shipped ones */
NcGanWeights *
nc_training_view_get_weights (NcTrainingView *self)
{
  return self->weights;
}
