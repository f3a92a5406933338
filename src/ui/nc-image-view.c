/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shows one image scaled to fit, nearest-neighbour, through the same
 * renderer that writes figures (src/plot). */
#include "nc-image-view.h"

#include "nc-plot-image.h"

struct _NcImageView {
  GtkWidget        parent_instance;
  NcImage         *image;
  cairo_surface_t *surface;
};

G_DEFINE_FINAL_TYPE (NcImageView, nc_image_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_IMAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
nc_image_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  NcImageView *self = NC_IMAGE_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (self->surface == NULL || width <= 0 || height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  nc_plot_image_fit (cr, self->surface, 0, 0, width, height);
  cairo_destroy (cr);
}

static void
nc_image_view_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  NcImageView *self = NC_IMAGE_VIEW (widget);
  int side = 0;

  (void) for_size;
  if (self->image != NULL)
    side = (int) MIN (orientation == GTK_ORIENTATION_HORIZONTAL ? self->image->width
                                                                 : self->image->height, 240);
  *minimum = 32;
  *natural = MAX (side, 32);
  *minimum_baseline = *natural_baseline = -1;
}

static void
nc_image_view_dispose (GObject *object)
{
  NcImageView *self = NC_IMAGE_VIEW (object);

  g_clear_pointer (&self->image, nc_image_unref);
  g_clear_pointer (&self->surface, cairo_surface_destroy);
  G_OBJECT_CLASS (nc_image_view_parent_class)->dispose (object);
}

static void
nc_image_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  NcImageView *self = NC_IMAGE_VIEW (object);

  switch (prop_id)
    {
    case PROP_IMAGE:
      g_value_set_boxed (value, self->image);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nc_image_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  NcImageView *self = NC_IMAGE_VIEW (object);

  switch (prop_id)
    {
    case PROP_IMAGE:
      nc_image_view_set_image (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nc_image_view_class_init (NcImageViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nc_image_view_dispose;
  object_class->get_property = nc_image_view_get_property;
  object_class->set_property = nc_image_view_set_property;
  widget_class->snapshot = nc_image_view_snapshot;
  widget_class->measure = nc_image_view_measure;

  properties[PROP_IMAGE] =
    g_param_spec_boxed ("image", NULL, NULL, NC_TYPE_IMAGE,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "imageview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
nc_image_view_init (NcImageView *self)
{
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
}

GtkWidget *
nc_image_view_new (void)
{
  return g_object_new (NC_TYPE_IMAGE_VIEW, NULL);
}

/* Returns: (transfer none) (nullable): the image shown */
NcImage *
nc_image_view_get_image (NcImageView *self)
{
  g_return_val_if_fail (NC_IS_IMAGE_VIEW (self), NULL);
  return self->image;
}

void
nc_image_view_set_image (NcImageView *self,
                         NcImage     *image)
{
  g_return_if_fail (NC_IS_IMAGE_VIEW (self));

  if (self->image == image)
    return;
  g_clear_pointer (&self->image, nc_image_unref);
  g_clear_pointer (&self->surface, cairo_surface_destroy);
  if (image != NULL)
    {
      self->image = nc_image_ref (image);
      self->surface = nc_plot_image_surface (image);
      if (cairo_surface_status (self->surface) != CAIRO_STATUS_SUCCESS)
        g_clear_pointer (&self->surface, cairo_surface_destroy);
    }
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMAGE]);
}
