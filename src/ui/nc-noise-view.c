/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Noise view: damage the ciphertext (salt and pepper, Gaussian noise,
 * an occluded block, a cropped corner) with a strength and a seed; see
 * the damaged ciphertext, its decryption and their PSNR and SSIM against
 * the plaintext; and the curves over strengths for the current engine
 * and, overlaid, the engines picked. neurocipher-cli noise's twin. */
#include "nc-noise-view.h"

#include <glib/gi18n.h>

#include "nc-figure-view.h"

#include "nc-figures.h"

struct _NcNoiseView {
  NcStudy        parent_instance;

  GtkWidget     *damage_choice;
  GtkAdjustment *strength;
  GtkWidget     *strength_spin;
  GtkAdjustment *seed;
  GtkWidget     *overlay_box;     /* a check button per engine */
  GtkWidget     *stack;
  GtkWidget     *area;

  NcNoiseStudy  *study;
  char          *title;
};

G_DEFINE_FINAL_TYPE (NcNoiseView, nc_noise_view, NC_TYPE_STUDY)

typedef struct {
  NcNoiseView    *view;
  const NcEngine *engine;
  NcParams       *key;
  NcImage        *image;
  NcNoise         damage;
  double          strength;
  guint64         seed;
  GStrv           overlay;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  nc_params_free (job->key);
  nc_image_unref (job->image);
  g_strfreev (job->overlay);
  g_free (job);
}

static gpointer
noise_prepare (NcStudy  *study,
               GError  **error)
{
  NcNoiseView *self = NC_NOISE_VIEW (study);
  g_autoptr(GStrvBuilder) overlay = g_strv_builder_new ();
  Job *job;

  if (nc_study_get_engine (study) == NULL)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_INVALID, _("Choose a model first"));
      return NULL;
    }
  for (GtkWidget *check = gtk_widget_get_first_child (self->overlay_box); check != NULL;
       check = gtk_widget_get_next_sibling (check))
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
      g_strv_builder_add (overlay, g_object_get_data (G_OBJECT (check), "nc-engine-id"));
  job = g_new0 (Job, 1);
  job->view = self;
  job->engine = nc_study_get_engine (study);
  job->key = nc_params_copy (nc_study_get_params (study));
  job->image = nc_image_ref (nc_study_get_image (study));
  job->damage = (NcNoise) gtk_drop_down_get_selected (GTK_DROP_DOWN (self->damage_choice));
  job->strength = gtk_adjustment_get_value (self->strength);
  job->seed = (guint64) gtk_adjustment_get_value (self->seed);
  job->overlay = g_strv_builder_end (overlay);
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
noise_compute (NcStudy       *study,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  Job *job = data;

  (void) study;
  return nc_noise_study_run (job->engine, job->key, job->image, job->damage, job->strength, job->seed,
                             (const char * const *) job->overlay, report, job->view, cancellable, error);
}

static void
noise_show (NcStudy  *study,
            gpointer  result)
{
  NcNoiseView *self = NC_NOISE_VIEW (study);

  g_clear_pointer (&self->study, nc_noise_study_free);
  self->study = result;
  g_free (self->title);
  self->title = g_strdup_printf ("%s: %s", self->study->curves[0].label, nc_noise_label (self->study->damage));
  gtk_stack_set_visible_child (GTK_STACK (self->stack), self->area);
  gtk_widget_queue_draw (self->area);
}

static gboolean
noise_write_figure (NcStudy     *study,
                    const char  *path,
                    GError     **error)
{
  NcNoiseView *self = NC_NOISE_VIEW (study);
  g_autoptr(GPtrArray) metadata = nc_engine_public_metadata (nc_study_get_params (study));

  g_ptr_array_add (metadata, NULL);
  return nc_figure_write_noise (self->study, self->title, path, 0, 0, 300,
                                (const char * const *) metadata->pdata, error);
}

static void
draw (GtkDrawingArea *area,
      cairo_t        *cr,
      int             width,
      int             height,
      gpointer        data)
{
  NcNoiseView *self = data;

  if (self->study == NULL)
    return;
  nc_screen_figure_begin (GTK_WIDGET (area), cr);
  nc_figure_draw_noise (self->study, self->title, cr, width, height);
  nc_screen_figure_end ();
}

/* The strength's range and steps follow the damage. */
static void
on_damage_selected (GtkDropDown *drop_down,
                    GParamSpec  *pspec,
                    NcNoiseView *self)
{
  NcNoise damage = (NcNoise) gtk_drop_down_get_selected (drop_down);
  double max = damage == NC_NOISE_GAUSSIAN ? 100.0 : 1.0;
  double step = damage == NC_NOISE_GAUSSIAN ? 0.5 : 0.001;

  (void) pspec;
  gtk_adjustment_configure (self->strength, nc_noise_default_max (damage) / 8, 0, max, step, step * 10, 0);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (self->strength_spin), damage == NC_NOISE_GAUSSIAN ? 1 : 4);
}

const NcNoiseStudy *
nc_noise_view_get_study (NcNoiseView *self)
{
  return self->study;
}

/* For the tests: the damage, its strength, and an engine to overlay. */
void
nc_noise_view_choose (NcNoiseView *self,
                      NcNoise      damage,
                      double       strength,
                      const char  *overlay_engine)
{
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->damage_choice), damage);
  gtk_adjustment_set_value (self->strength, strength);
  for (GtkWidget *check = gtk_widget_get_first_child (self->overlay_box); check != NULL;
       check = gtk_widget_get_next_sibling (check))
    gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                 g_strcmp0 (g_object_get_data (G_OBJECT (check), "nc-engine-id"),
                                            overlay_engine) == 0);
}

static void
nc_noise_view_dispose (GObject *object)
{
  NcNoiseView *self = NC_NOISE_VIEW (object);

  g_clear_pointer (&self->study, nc_noise_study_free);
  g_clear_pointer (&self->title, g_free);
  G_OBJECT_CLASS (nc_noise_view_parent_class)->dispose (object);
}

static void
nc_noise_view_class_init (NcNoiseViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  NcStudyClass *study_class = NC_STUDY_CLASS (klass);

  object_class->dispose = nc_noise_view_dispose;
  study_class->prepare = noise_prepare;
  study_class->compute = noise_compute;
  study_class->show = noise_show;
  study_class->write_figure = noise_write_figure;
  study_class->figure_name = "noise.pdf";
  study_class->job_free = job_free;
  study_class->result_free = (GDestroyNotify) nc_noise_study_free;
}

static void
nc_noise_view_init (NcNoiseView *self)
{
  NcStudy *study = NC_STUDY (self);
  g_autoptr(GtkStringList) damages = gtk_string_list_new (NULL);
  GtkWidget *overlay_button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *empty_page;
  guint n_engines;
  const NcEngine * const *engines = nc_engines_list (&n_engines);

  static const char *short_names[NC_N_NOISES] = { N_("Salt and pepper"), N_("Gaussian"), N_("Occlusion"), N_("Cropping") };

  for (guint d = 0; d < NC_N_NOISES; d++)
    gtk_string_list_append (damages, _(short_names[d]));
  self->damage_choice = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (damages)), NULL);
  gtk_widget_set_tooltip_text (self->damage_choice,
                               _("Salt and pepper: a share of the pixels set black or white. Gaussian: noise "
                               "of σ grey levels. Occlusion: a centred block of a share of the area set "
                               "black. Cropping: the same share cut from the top left corner."));
  self->strength = gtk_adjustment_new (0, 0, 1, 0.001, 0.01, 0);
  self->strength_spin = gtk_spin_button_new (self->strength, 0.001, 4);
  self->seed = gtk_adjustment_new (1, 1, G_MAXINT32, 1, 10, 0);
  g_signal_connect (self->damage_choice, "notify::selected", G_CALLBACK (on_damage_selected), self);
  on_damage_selected (GTK_DROP_DOWN (self->damage_choice), NULL, self);

  self->overlay_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  for (guint e = 0; e < n_engines; e++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (nc_tr (engines[e]->name));

      g_object_set_data (G_OBJECT (check), "nc-engine-id", (gpointer) engines[e]->id);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), g_str_equal (engines[e]->id, "chacha20"));
      gtk_box_append (GTK_BOX (self->overlay_box), check);
    }
  gtk_popover_set_child (GTK_POPOVER (popover), self->overlay_box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (overlay_button), popover);
  gtk_menu_button_set_label (GTK_MENU_BUTTON (overlay_button), _("Overlay"));
  gtk_widget_set_tooltip_text (overlay_button, _("Curves of other engines beside this one, each with its default key"));

  nc_study_add_control (study, nc_study_labelled (_("_Damage"), self->damage_choice));
  nc_study_add_control (study, nc_study_labelled (_("S_trength"), self->strength_spin));
  nc_study_add_control (study, nc_study_labelled (_("S_eed"), gtk_spin_button_new (self->seed, 1, 0)));
  nc_study_add_control (study, overlay_button);
  nc_study_set_run_label (study, _("_Damage and Decrypt"));

  self->area = gtk_drawing_area_new ();
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->area), draw, self, NULL);
  nc_screen_figure_follow_style (self->area);
  empty_page = nc_study_empty_page ("dialog-warning-symbolic", _("Noise Resistance"),
                                    _("Damage the ciphertext, decrypt it and see how much of the image "
                                    "survives. Diffusion, which a good cipher needs, also spreads the "
                                    "damage over the whole decryption."));
  self->stack = gtk_stack_new ();
  gtk_stack_add_child (GTK_STACK (self->stack), empty_page);
  gtk_stack_add_child (GTK_STACK (self->stack), self->area);
  nc_study_set_content (study, self->stack);
}

GtkWidget *
nc_noise_view_new (void)
{
  return g_object_new (NC_TYPE_NOISE_VIEW, NULL);
}
