/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The model menu: every engine and variant, by family. */
#include "config.h"

#include "nc-window-private.h"

static GMenuModel *
build_family_section (NcFamily family)
{
  GMenu *section = g_menu_new ();
  const NcEngine * const *engines;
  guint n;

  engines = nc_engines_list (&n);
  for (guint e = 0; e < n; e++)
    {
      const NcParamSpec *variants = nc_engine_get_variant_spec (engines[e]);
      guint64 n_variants = nc_engine_get_n_variants (engines[e]);

      if (engines[e]->family != family)
        continue;
      for (guint64 v = 0; v < n_variants; v++)
        {
          g_autofree char *label = nc_engine_describe_variant (engines[e], v);
          g_autofree char *target = g_strdup_printf ("%s:%s", engines[e]->id,
                                                     variants != NULL ? variants->choices[v].id : "");
          g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

          g_menu_item_set_action_and_target (item, "win.model", "s", target);
          g_menu_append_item (section, item);
        }
    }
  return G_MENU_MODEL (section);
}

/* Returns: (transfer full): the model menu, a section per family */
GMenuModel *
_nc_window_build_model_menu (void)
{
  GMenu *menu = g_menu_new ();

  for (int family = NC_FAMILY_CHAOTIC; family <= NC_FAMILY_REFERENCE; family++)
    {
      g_autoptr(GMenuModel) section = build_family_section ((NcFamily) family);

      if (g_menu_model_get_n_items (section) > 0)
        g_menu_append_section (menu, nc_family_label ((NcFamily) family), section);
    }
  return G_MENU_MODEL (menu);
}

/* The model button names the engine and variant in use. */
void
_nc_window_sync_model_label (NcWindow *self)
{
  g_autofree char *label = nc_engine_describe_variant (self->engine, nc_params_get_variant (self->params));

  gtk_menu_button_set_label (self->model_button, label);
}
