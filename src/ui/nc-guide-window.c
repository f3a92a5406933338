/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The user guide: docs/guide.md, compiled into the resources, read as
 * the little Markdown it uses (“# ” and “## ” headings, “- ” bullets,
 * paragraphs between blank lines, `code` and **bold** inline) and shown
 * as labels, which a screen reader reads in order. A translation
 * is guide.LL.md beside it, chosen by the user's languages. */
#include "config.h"

#include "nc-guide-window.h"

#include <glib/gi18n.h>

#define GUIDE_PATH "/io/github/neurocipher/Neurocipher/guide/"

struct _NcGuideWindow {
  AdwWindow  parent_instance;
  GtkBox    *blocks;
  guint      n_blocks;
};

G_DEFINE_FINAL_TYPE (NcGuideWindow, nc_guide_window, ADW_TYPE_WINDOW)

/* The guide in the first of the user's languages it exists in. */
static GBytes *
load_guide (void)
{
  const char * const *languages = g_get_language_names ();

  for (guint i = 0; languages[i] != NULL; i++)
    {
      g_autofree char *path = g_str_equal (languages[i], "C")
                              ? g_strdup (GUIDE_PATH "guide.md")
                              : g_strdup_printf (GUIDE_PATH "guide.%s.md", languages[i]);
      GBytes *bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

      if (bytes != NULL)
        return bytes;
    }
  return g_resources_lookup_data (GUIDE_PATH "guide.md", G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
}

/**
 * nc_guide_markup_inline:
 * @text: one block of the guide
 *
 * Returns: (transfer full): @text as Pango markup: `code` in a fixed
 * font, **bold** in bold, everything else escaped; a span left open at
 * the end is closed
 */
char *
nc_guide_markup_inline (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean code = FALSE, bold = FALSE;

  for (const char *p = text; *p != '\0';)
    if (*p == '`')
      {
        g_string_append (out, code ? "</tt>" : "<tt>");
        code = !code;
        p++;
      }
    else if (!code && p[0] == '*' && p[1] == '*')
      {
        g_string_append (out, bold ? "</b>" : "<b>");
        bold = !bold;
        p += 2;
      }
    else
      {
        const char *next = g_utf8_next_char (p);
        g_autofree char *escaped = g_markup_escape_text (p, next - p);

        g_string_append (out, escaped);
        p = next;
      }
  if (code)
    g_string_append (out, "</tt>");
  if (bold)
    g_string_append (out, "</b>");
  return g_string_free (out, FALSE);
}

static void
add_block (NcGuideWindow *self,
           const char    *text,
           const char    *style,
           const char    *prefix)
{
  g_autofree char *markup = nc_guide_markup_inline (text);
  g_autofree char *full = g_strconcat (prefix, markup, NULL);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_markup (GTK_LABEL (label), full);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  if (*prefix != '\0')
    gtk_widget_set_margin_start (label, 12);
  if (g_str_equal (style != NULL ? style : "", "title-3"))
    gtk_widget_set_margin_top (label, 12);
  gtk_box_append (self->blocks, label);
  self->n_blocks++;
}

static void
flush_paragraph (NcGuideWindow *self,
                 GString       *paragraph)
{
  if (paragraph->len > 0)
    add_block (self, paragraph->str, NULL, "");
  g_string_truncate (paragraph, 0);
}

static void
render (NcGuideWindow *self,
        const char    *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GString) paragraph = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = g_strchomp (lines[i]);

      if (*line == '\0')
        flush_paragraph (self, paragraph);
      else if (g_str_has_prefix (line, "# "))
        {
          flush_paragraph (self, paragraph);
          add_block (self, line + 2, "title-1", "");
        }
      else if (g_str_has_prefix (line, "## "))
        {
          flush_paragraph (self, paragraph);
          add_block (self, line + 3, "title-3", "");
        }
      else if (g_str_has_prefix (line, "- "))
        {
          flush_paragraph (self, paragraph);
          add_block (self, line + 2, NULL, "•  ");
        }
      else
        {
          if (paragraph->len > 0)
            g_string_append_c (paragraph, ' ');
          g_string_append (paragraph, line);
        }
    }
  flush_paragraph (self, paragraph);
}

static void
nc_guide_window_class_init (NcGuideWindowClass *klass)
{
  (void) klass;
}

static void
nc_guide_window_init (NcGuideWindow *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  g_autoptr(GBytes) guide = load_guide ();
  g_autofree char *text = NULL;
  gconstpointer data;
  gsize size;

  gtk_window_set_title (GTK_WINDOW (self), _("Neurocipher Guide"));
  gtk_window_set_default_size (GTK_WINDOW (self), 760, 720);
  gtk_box_append (GTK_BOX (content), adw_header_bar_new ());
  self->blocks = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 10));
  gtk_widget_set_margin_top (GTK_WIDGET (self->blocks), 18);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->blocks), 24);
  gtk_widget_set_margin_start (GTK_WIDGET (self->blocks), 18);
  gtk_widget_set_margin_end (GTK_WIDGET (self->blocks), 18);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 720);
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (self->blocks));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (content), scrolled);
  adw_window_set_content (ADW_WINDOW (self), content);
  /* The resources are built in: the guide is always there. */
  g_assert (guide != NULL);
  data = g_bytes_get_data (guide, &size);
  text = g_strndup (data, size);
  render (self, text);
}

NcGuideWindow *
nc_guide_window_new (GtkWindow *parent)
{
  return g_object_new (NC_TYPE_GUIDE_WINDOW, "transient-for", parent, NULL);
}

/* How many headings, paragraphs and bullets it shows. */
guint
nc_guide_window_get_n_blocks (NcGuideWindow *self)
{
  return self->n_blocks;
}
