/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A view that paints one of the figures with the renderers of src/plot:
 * what the window shows is what Export writes. */
#include "nc-figure-view.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "nc-plot.h"

struct _NcFigureView {
  GtkWidget           parent_instance;
  NcFigureKind        kind;
  const NcFigureData *data;   /* owned by the window, replaced as a whole */
};

G_DEFINE_FINAL_TYPE (NcFigureView, nc_figure_view, GTK_TYPE_WIDGET)

static void
nc_figure_view_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  NcFigureView *self = NC_FIGURE_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (self->data == NULL || width <= 0 || height <= 0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  nc_screen_figure_begin (widget, cr);
  nc_figure_draw (self->kind, self->data, cr, width, height);
  nc_screen_figure_end ();
  cairo_destroy (cr);
}

/* On the main thread, where the widgets paint: the dark style's inks and
 * the screen's resolution from here to nc_screen_figure_end(), and the
 * ground painted. */
void
nc_screen_figure_begin (GtkWidget *widget,
                        cairo_t   *cr)
{
  nc_plot_set_dark (adw_style_manager_get_dark (adw_style_manager_get_default ()));
  nc_plot_set_screen_scale (gtk_widget_get_scale_factor (widget));
  nc_plot_paint_ground (cr);
}

void
nc_screen_figure_end (void)
{
  nc_plot_set_dark (FALSE);
  nc_plot_set_screen_scale (0);
}

void
nc_screen_figure_follow_style (GtkWidget *widget)
{
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), widget, G_CONNECT_SWAPPED);
}

static void
nc_figure_view_class_init (NcFigureViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->snapshot = nc_figure_view_snapshot;
  gtk_widget_class_set_css_name (widget_class, "figureview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
nc_figure_view_init (NcFigureView *self)
{
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self), 200, 160);
  nc_screen_figure_follow_style (GTK_WIDGET (self));
}

GtkWidget *
nc_figure_view_new (NcFigureKind kind)
{
  NcFigureView *self = g_object_new (NC_TYPE_FIGURE_VIEW, NULL);

  self->kind = kind;
  return GTK_WIDGET (self);
}

NcFigureKind
nc_figure_view_get_kind (NcFigureView *self)
{
  return self->kind;
}

/* What a screen reader says of the figure: the view, the model, and the
 * first measures with their verdicts. */
static void
describe (NcFigureView       *self,
          const NcFigureData *data)
{
  static const char *names[NC_N_FIGURES] = {
    "Panes", "Histograms", "Adjacent-pixel correlation", "Key flip", "Measures", "Attack lab",
  };
  g_autofree char *label = g_strdup_printf (_("%s figure%s%s"), names[self->kind],
                                            data != NULL && data->title != NULL ? " of " : "",
                                            data != NULL && data->title != NULL ? data->title : "");
  g_autoptr(GString) description = g_string_new (NULL);

  if (data != NULL && data->analysis != NULL)
    {
      g_autoptr(GPtrArray) cells = nc_figure_metrics_cells (data->analysis);

      for (guint i = 0; i + 2 < cells->len && i < 3 * 12; i += 3)
        g_string_append_printf (description, "%s: %s%s%s. ", (const char *) cells->pdata[i],
                                (const char *) cells->pdata[i + 1],
                                *(const char *) cells->pdata[i + 2] != '\0' ? ", " : "",
                                (const char *) cells->pdata[i + 2]);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str, -1);
}

/* @data: (nullable): must stay alive until the next call */
void
nc_figure_view_set_data (NcFigureView       *self,
                         const NcFigureData *data)
{
  self->data = data;
  describe (self, data);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
