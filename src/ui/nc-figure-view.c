/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A view that paints one of the figures with the renderers of src/plot:
 * what the window shows is what Export writes. */
#include "nc-figure-view.h"

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
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  nc_figure_draw (self->kind, self->data, cr, width, height);
  cairo_destroy (cr);
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

/* @data: (nullable): must stay alive until the next call */
void
nc_figure_view_set_data (NcFigureView       *self,
                         const NcFigureData *data)
{
  self->data = data;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
