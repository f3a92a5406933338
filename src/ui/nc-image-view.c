/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shows one image scaled to fit, nearest-neighbour, through the same
 * renderer that writes figures (src/plot). Scrolling zooms (up to 64×,
 * so single pixels show as squares), dragging pans, a double click fits
 * again; "zoom", "center-x" and "center-y" can be bound between views so
 * that they move together. */
#include "nc-image-view.h"

#include <glib/gi18n.h>

#include "nc-plot-image.h"

#include <math.h>

struct _NcImageView {
  GtkWidget        parent_instance;
  NcImage         *image;
  cairo_surface_t *surface;
  double           zoom;           /* 1 = the whole image fits */
  double           center_x;       /* the image point at the view's centre, 0 … 1 */
  double           center_y;
  double           drag_x, drag_y; /* the centre when a drag began */
};

G_DEFINE_FINAL_TYPE (NcImageView, nc_image_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_IMAGE,
  PROP_ZOOM,
  PROP_CENTER_X,
  PROP_CENTER_Y,
  N_PROPS
};

#define MAX_ZOOM 64.0

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
  if (self->zoom <= 1.0)
    nc_plot_image_fit (cr, self->surface, 0, 0, width, height);
  else
    {
      double fit = MIN ((double) width / self->image->width, (double) height / self->image->height);
      double scale = fit * self->zoom;

      cairo_rectangle (cr, 0, 0, width, height);
      cairo_clip (cr);
      cairo_translate (cr, width / 2.0 - self->center_x * self->image->width * scale,
                       height / 2.0 - self->center_y * self->image->height * scale);
      cairo_scale (cr, scale, scale);
      cairo_set_source_surface (cr, self->surface, 0, 0);
      cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
      cairo_rectangle (cr, 0, 0, self->image->width, self->image->height);
      cairo_fill (cr);
    }
  cairo_destroy (cr);
}

static void
set_view (NcImageView *self,
          double       zoom,
          double       center_x,
          double       center_y)
{
  zoom = CLAMP (zoom, 1.0, MAX_ZOOM);
  center_x = CLAMP (center_x, 0.0, 1.0);
  center_y = CLAMP (center_y, 0.0, 1.0);
  if (zoom != self->zoom)
    {
      self->zoom = zoom;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
    }
  if (center_x != self->center_x)
    {
      self->center_x = center_x;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CENTER_X]);
    }
  if (center_y != self->center_y)
    {
      self->center_y = center_y;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CENTER_Y]);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           NcImageView              *self)
{
  (void) controller;
  (void) dx;
  set_view (self, self->zoom * pow (1.25, -dy), self->center_x, self->center_y);
  return TRUE;
}

static double
view_scale (NcImageView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->image == NULL || width <= 0 || height <= 0)
    return 1.0;
  return MIN ((double) width / self->image->width, (double) height / self->image->height) * self->zoom;
}

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               NcImageView    *self)
{
  (void) gesture;
  (void) x;
  (void) y;
  self->drag_x = self->center_x;
  self->drag_y = self->center_y;
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          offset_x,
                double          offset_y,
                NcImageView    *self)
{
  double scale = view_scale (self);

  (void) gesture;
  if (self->image == NULL || self->zoom <= 1.0)
    return;
  set_view (self, self->zoom, self->drag_x - offset_x / (scale * self->image->width),
            self->drag_y - offset_y / (scale * self->image->height));
}

/* The keyboard: + and − zoom, 0 fits, the arrows pan by a tenth of the
 * view. */
static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                NcImageView           *self)
{
  double step = 0.1 / self->zoom;

  (void) controller;
  (void) keycode;
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_plus:
    case GDK_KEY_equal:
    case GDK_KEY_KP_Add:
      set_view (self, self->zoom * 1.25, self->center_x, self->center_y);
      return TRUE;
    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
      set_view (self, self->zoom / 1.25, self->center_x, self->center_y);
      return TRUE;
    case GDK_KEY_0:
    case GDK_KEY_KP_0:
      set_view (self, 1.0, 0.5, 0.5);
      return TRUE;
    case GDK_KEY_Left:
      set_view (self, self->zoom, self->center_x - step, self->center_y);
      return TRUE;
    case GDK_KEY_Right:
      set_view (self, self->zoom, self->center_x + step, self->center_y);
      return TRUE;
    case GDK_KEY_Up:
      set_view (self, self->zoom, self->center_x, self->center_y - step);
      return TRUE;
    case GDK_KEY_Down:
      set_view (self, self->zoom, self->center_x, self->center_y + step);
      return TRUE;
    default:
      return FALSE;
    }
}

/* For the tests: what a key press would do. */
gboolean
nc_image_view_press_key (NcImageView *self,
                         guint        keyval)
{
  return on_key_pressed (NULL, keyval, 0, 0, self);
}

static void
on_double_click (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 NcImageView     *self)
{
  (void) gesture;
  (void) x;
  (void) y;
  if (n_press == 2)
    set_view (self, 1.0, 0.5, 0.5);
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
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_CENTER_X:
      g_value_set_double (value, self->center_x);
      break;
    case PROP_CENTER_Y:
      g_value_set_double (value, self->center_y);
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
    case PROP_ZOOM:
      set_view (self, g_value_get_double (value), self->center_x, self->center_y);
      break;
    case PROP_CENTER_X:
      set_view (self, self->zoom, g_value_get_double (value), self->center_y);
      break;
    case PROP_CENTER_Y:
      set_view (self, self->zoom, self->center_x, g_value_get_double (value));
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
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, 1.0, MAX_ZOOM, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CENTER_X] =
    g_param_spec_double ("center-x", NULL, NULL, 0.0, 1.0, 0.5,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CENTER_Y] =
    g_param_spec_double ("center-y", NULL, NULL, 0.0, 1.0, 0.5,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "imageview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
nc_image_view_init (NcImageView *self)
{
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->zoom = 1.0;
  self->center_x = self->center_y = 0.5;
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self),
                               _("Scroll or + and − to zoom, drag or the arrows to pan, double-click or 0 to fit"));
  /* In the tab order, for the keyboard. */
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll), self);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (click, "pressed", G_CALLBACK (on_double_click), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
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
  nc_image_view_set_image_surface (self, image, NULL);
}

/**
 * nc_image_view_set_image_surface:
 * @image: (nullable): the image
 * @surface: (nullable): @image already made a surface by
 *   nc_plot_image_surface() (on a worker, off the main loop), or %NULL
 *   to make it here
 */
void
nc_image_view_set_image_surface (NcImageView     *self,
                                 NcImage         *image,
                                 cairo_surface_t *surface)
{
  g_return_if_fail (NC_IS_IMAGE_VIEW (self));
  g_return_if_fail (surface == NULL ||
                    (image != NULL && cairo_image_surface_get_width (surface) == (int) image->width &&
                     cairo_image_surface_get_height (surface) == (int) image->height));

  if (self->image == image)
    return;
  if (image != NULL)
    {
      g_autofree char *description = g_strdup_printf (_("%u × %u pixels, %s"), image->width, image->height,
                                                      image->channels == 1 ? "gray" : "RGB");

      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      description, -1);
    }
  g_clear_pointer (&self->image, nc_image_unref);
  g_clear_pointer (&self->surface, cairo_surface_destroy);
  if (image != NULL)
    {
      self->image = nc_image_ref (image);
      self->surface = surface != NULL ? cairo_surface_reference (surface) : nc_plot_image_surface (image);
      if (cairo_surface_status (self->surface) != CAIRO_STATUS_SUCCESS)
        g_clear_pointer (&self->surface, cairo_surface_destroy);
    }
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMAGE]);
}
