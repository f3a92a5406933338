/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Compare view: every engine and variant on the open image, the
 * review's six aspects side by side with the attack results, sortable by
 * any column; below, the review's conclusions judged on the rows. A cell
 * opens the model of its row and the view that measured it. */
#include "nc-compare-view.h"

#include <glib/gi18n.h>

#include <math.h>

#include "nc-compare.h"

struct _NcCompareView {
  NcStudy       parent_instance;

  GtkWidget    *random_keys;
  GtkAdjustment *seed;
  GtkWidget    *stack;
  GtkWidget    *column_view;
  GListStore   *rows;
  GtkWidget    *claims;

  NcComparison *comparison;
  guint64       key_seed;     /* of the comparison shown */
};

G_DEFINE_FINAL_TYPE (NcCompareView, nc_compare_view, NC_TYPE_STUDY)

enum {
  SIGNAL_OPEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- A row of the table: an index into the comparison shown ---- */

#define NC_TYPE_COMPARE_ITEM (nc_compare_item_get_type ())
G_DECLARE_FINAL_TYPE (NcCompareItem, nc_compare_item, NC, COMPARE_ITEM, GObject)

struct _NcCompareItem {
  GObject             parent_instance;
  const NcCompareRow *row;
};

G_DEFINE_FINAL_TYPE (NcCompareItem, nc_compare_item, G_TYPE_OBJECT)

static void
nc_compare_item_class_init (NcCompareItemClass *klass)
{
  (void) klass;
}

static void
nc_compare_item_init (NcCompareItem *self)
{
  (void) self;
}

/* ---- Columns ---- */

typedef char  *(*CellText) (const NcCompareRow *row);
typedef double (*CellKey)  (const NcCompareRow *row);

static char *
text_label (const NcCompareRow *row)
{
  return g_strdup (row->label);
}

static double
key_label (const NcCompareRow *row)
{
  return (double) row->engine->family * 16 + (double) row->variant;
}

static double
effective_bits (const NcCompareRow *row)
{
  return row->analysis.has_key_space ? row->analysis.key_space.effective_bits : NAN;
}

static char *
text_bits (const NcCompareRow *row)
{
  double nominal = row->analysis.nominal_key_bits;

  return nominal >= 1e5 ? g_strdup_printf ("%.2g / %.0f", nominal, effective_bits (row))
                        : g_strdup_printf ("%.0f / %.0f", nominal, effective_bits (row));
}

static char *
text_npcr (const NcCompareRow *row)
{
  return g_strdup_printf ("%.2f %s", row->analysis.key.ciphers.npcr,
                          nc_outcome_to_symbol (row->analysis.key_verdicts.npcr[0].outcome));
}

static double
key_npcr (const NcCompareRow *row)
{
  return row->analysis.key.ciphers.npcr;
}

static char *
text_uaci (const NcCompareRow *row)
{
  return g_strdup_printf ("%.2f %s", row->analysis.key.ciphers.uaci,
                          nc_outcome_to_symbol (row->analysis.key_verdicts.uaci[0].outcome));
}

static double
key_uaci (const NcCompareRow *row)
{
  return row->analysis.key.ciphers.uaci;
}

static char *
text_correlation (const NcCompareRow *row)
{
  return g_strdup_printf ("%+.4f %+.4f %+.4f %s", row->correlation[0], row->correlation[1],
                          row->correlation[2], row->uncorrelated ? "✓" : "✗");
}

static double
key_correlation (const NcCompareRow *row)
{
  return MAX (fabs (row->correlation[0]), MAX (fabs (row->correlation[1]), fabs (row->correlation[2])));
}

static char *
text_noise (const NcCompareRow *row)
{
  return g_strdup_printf ("%.1f dB / %.3f", row->analysis.noise_psnr[NC_NOISE_SALT_AND_PEPPER][NC_SUITE_SHOWN_NOISE],
                          row->analysis.noise_ssim[NC_NOISE_SALT_AND_PEPPER][NC_SUITE_SHOWN_NOISE]);
}

static double
key_noise (const NcCompareRow *row)
{
  return row->analysis.noise_psnr[NC_NOISE_SALT_AND_PEPPER][NC_SUITE_SHOWN_NOISE];
}

static char *
text_occlusion (const NcCompareRow *row)
{
  return g_strdup_printf ("%.1f dB / %.3f", row->analysis.noise_psnr[NC_NOISE_OCCLUSION][NC_SUITE_SHOWN_NOISE],
                          row->analysis.noise_ssim[NC_NOISE_OCCLUSION][NC_SUITE_SHOWN_NOISE]);
}

static double
key_occlusion (const NcCompareRow *row)
{
  return row->analysis.noise_psnr[NC_NOISE_OCCLUSION][NC_SUITE_SHOWN_NOISE];
}

static char *
text_entropy (const NcCompareRow *row)
{
  const NcImageStats *c = &row->analysis.cipher;

  return c->local_entropy_valid ? g_strdup_printf ("%.4f / %.4f", c->entropy_all, c->local_entropy[0])
                                : g_strdup_printf ("%.4f / –", c->entropy_all);
}

static double
key_entropy (const NcCompareRow *row)
{
  return row->analysis.cipher.entropy_all;
}

static char *
text_distortion (const NcCompareRow *row)
{
  return g_strdup_printf ("%.3f / %.2f dB", row->analysis.distortion_ssim, row->analysis.distortion_psnr);
}

static double
key_distortion (const NcCompareRow *row)
{
  return row->analysis.distortion_ssim;
}

static char *
text_speed (const NcCompareRow *row)
{
  return g_strdup_printf ("%.1f ms", row->analysis.encrypt_ms);
}

static double
key_speed (const NcCompareRow *row)
{
  return row->analysis.encrypt_ms;
}

static char *
text_attacks (const NcCompareRow *row)
{
  return g_strdup (row->broken_by != NULL ? row->broken_by : _("none broke it"));
}

static double
key_attacks (const NcCompareRow *row)
{
  return row->n_broken;
}

static const struct {
  const char *title;
  const char *tooltip;
  const char *view;       /* what a click on the cell opens */
  CellText    text;
  CellKey     key;
} columns[] = {
  { N_("Model"), N_("The engine and variant"), "metrics", text_label, key_label },
  { N_("Key bits"), N_("Nominal (review eq. 1–4) / effective (measured)"), "metrics", text_bits, effective_bits },
  { N_("Key NPCR %"), N_("Flipping the lowest key bit: NPCR against Wu's critical value (α = 0.05)"), "keyflip",
    text_npcr, key_npcr },
  { N_("Key UACI %"), N_("Flipping the lowest key bit: UACI against Wu's interval (α = 0.05)"), "keyflip",
    text_uaci, key_uaci },
  { N_("Correlation H V D"), N_("Adjacent ciphertext pixels; ✓: none significant (α = 0.05, Bonferroni)"), "scatter",
    text_correlation, key_correlation },
  { N_("1 % salt and pepper"), N_("Decryption of the damaged ciphertext: PSNR / SSIM against the plaintext"), "noise",
    text_noise, key_noise },
  { N_("1/16 occluded"), N_("Decryption of the damaged ciphertext: PSNR / SSIM against the plaintext"), "noise",
    text_occlusion, key_occlusion },
  { N_("Entropy"), N_("Ciphertext: global / local (30 blocks)"), "histogram", text_entropy, key_entropy },
  { N_("Distortion"), N_("SSIM / PSNR of the ciphertext against the plaintext (eq. 14)"), "metrics",
    text_distortion, key_distortion },
  { N_("Encryption"), N_("Time to encrypt the image"), "metrics", text_speed, key_speed },
  { N_("Broken by"), N_("The attack lab's attacks that broke it (with their budget)"), "attacks",
    text_attacks, key_attacks },
};

static int
compare_cells (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  guint column = GPOINTER_TO_UINT (data);
  double x = columns[column].key (NC_COMPARE_ITEM ((gpointer) a)->row);
  double y = columns[column].key (NC_COMPARE_ITEM ((gpointer) b)->row);

  if (isnan (x) || isnan (y))
    return isnan (x) - isnan (y);
  return (x > y) - (x < y);
}

static void
on_cell_released (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  NcCompareView   *self)
{
  GtkWidget *label = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GtkListItem *item = g_object_get_data (G_OBJECT (label), "nc-list-item");
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (label), "nc-column"));
  NcCompareItem *row = gtk_list_item_get_item (item);
  g_autoptr(NcParams) key = NULL;

  (void) n_press;
  (void) x;
  (void) y;
  if (row == NULL)
    return;
  key = nc_compare_key (row->row->engine, row->row->variant, self->key_seed, NULL);
  if (key != NULL)
    g_signal_emit (self, signals[SIGNAL_OPEN], 0, row->row->engine->id, key, columns[column].view);
}

/* A cell is a label; a click on it opens its row's model and view. */
static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            NcCompareView            *self)
{
  GtkWidget *label = gtk_label_new (NULL);
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
  gtk_widget_set_margin_top (label, 3);
  gtk_widget_set_margin_bottom (label, 3);
  gtk_widget_set_cursor_from_name (label, "pointer");
  g_object_set_data (G_OBJECT (label), "nc-list-item", item);
  g_object_set_data (G_OBJECT (label), "nc-column", g_object_get_data (G_OBJECT (factory), "nc-column"));
  g_signal_connect (click, "released", G_CALLBACK (on_cell_released), self);
  gtk_widget_add_controller (label, GTK_EVENT_CONTROLLER (click));
  gtk_list_item_set_child (item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  data)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "nc-column"));
  NcCompareItem *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autofree char *text = columns[column].text (row->row);
  g_autofree char *tooltip = g_strdup_printf (_("%s. Click: open %s and this view."), _(columns[column].tooltip),
                                              row->row->label);

  (void) data;
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (label, tooltip);
}

/* ---- The study ---- */

typedef struct {
  NcCompareView *view;
  NcImage       *image;
  guint64        key_seed;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  nc_image_unref (job->image);
  g_free (job);
}

static gpointer
compare_prepare (NcStudy  *study,
                 GError  **error)
{
  NcCompareView *self = NC_COMPARE_VIEW (study);
  Job *job = g_new0 (Job, 1);

  (void) error;
  job->view = self;
  job->image = nc_image_ref (nc_study_get_image (study));
  job->key_seed = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->random_keys))
                  ? (guint64) gtk_adjustment_get_value (self->seed) : 0;
  return job;
}

static void
report (guint               done,
        guint               total,
        const NcCompareRow *row,
        gpointer            data)
{
  (void) row;
  nc_study_report_progress (NC_STUDY (data), done, total);
}

static gpointer
compare_compute (NcStudy       *study,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  Job *job = data;

  (void) study;
  return nc_compare_run (job->image, NULL, job->key_seed, report, job->view, cancellable, error);
}

static const char *
outcome_class (NcClaimOutcome outcome)
{
  switch (outcome)
    {
    case NC_CLAIM_SUPPORTED:
      return "success";
    case NC_CLAIM_CONTRADICTED:
      return "error";
    case NC_CLAIM_DEPENDS:
      return "warning";
    case NC_CLAIM_NOT_SHOWN:
    case NC_CLAIM_NOT_TESTED:
    default:
      return "dim-label";
    }
}

static void
show_claims (NcCompareView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->claims)) != NULL)
    gtk_box_remove (GTK_BOX (self->claims), child);
  for (guint i = 0; i < self->comparison->n_claims; i++)
    {
      const NcClaim *claim = &self->comparison->claims[i];
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *outcome = gtk_label_new (nc_claim_outcome_to_string (claim->outcome));
      g_autofree char *heading = g_strdup_printf (_("%s: %s"),
                                                  claim->family >= 0 ? nc_family_label ((NcFamily) claim->family)
                                                                     : _("All models"),
                                                  claim->claim);
      GtkWidget *title = gtk_label_new (heading);
      GtkWidget *reason = gtk_label_new (claim->reason);

      gtk_widget_add_css_class (outcome, "heading");
      gtk_widget_add_css_class (outcome, outcome_class (claim->outcome));
      gtk_widget_set_size_request (outcome, 110, -1);
      gtk_label_set_xalign (GTK_LABEL (outcome), 0);
      gtk_widget_set_valign (outcome, GTK_ALIGN_START);
      for (GtkWidget *label = title; label != NULL; label = label == title ? reason : NULL)
        {
          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_label_set_selectable (GTK_LABEL (label), TRUE);
        }
      gtk_widget_add_css_class (reason, "dim-label");
      gtk_box_append (GTK_BOX (text), title);
      gtk_box_append (GTK_BOX (text), reason);
      gtk_box_append (GTK_BOX (row), outcome);
      gtk_box_append (GTK_BOX (row), text);
      gtk_box_append (GTK_BOX (self->claims), row);
    }
}

static void
compare_show (NcStudy  *study,
              gpointer  result)
{
  NcCompareView *self = NC_COMPARE_VIEW (study);
  g_autofree char *status = NULL;

  /* The rows point into the comparison: emptied before it goes. */
  g_list_store_remove_all (self->rows);
  g_clear_pointer (&self->comparison, nc_comparison_free);
  self->comparison = result;
  self->key_seed = self->comparison->key_seed;
  for (guint i = 0; i < self->comparison->n_rows; i++)
    {
      NcCompareItem *item = g_object_new (NC_TYPE_COMPARE_ITEM, NULL);

      item->row = &self->comparison->rows[i];
      g_list_store_append (self->rows, item);
      g_object_unref (item);
    }
  show_claims (self);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "table");
  status = g_strdup_printf (_("%u rows in %.1f s, %s keys. “None broke it” means only: not the lab's "
                            "attacks with their budget. Click a cell to open its model and view."),
                            self->comparison->n_rows, self->comparison->seconds,
                            self->key_seed != 0 ? "random" : "default");
  nc_study_set_status (study, status);
}

const NcComparison *
nc_compare_view_get_comparison (NcCompareView *self)
{
  return self->comparison;
}

/* For the tests: clicks the cell in @column of the @row-th row shown. */
void
nc_compare_view_open_cell (NcCompareView *self,
                           guint          row,
                           guint          column)
{
  GtkSelectionModel *model = gtk_column_view_get_model (GTK_COLUMN_VIEW (self->column_view));
  g_autoptr(NcCompareItem) item = g_list_model_get_item (G_LIST_MODEL (model), row);
  g_autoptr(NcParams) key = NULL;

  g_return_if_fail (item != NULL && column < G_N_ELEMENTS (columns));
  key = nc_compare_key (item->row->engine, item->row->variant, self->key_seed, NULL);
  g_signal_emit (self, signals[SIGNAL_OPEN], 0, item->row->engine->id, key, columns[column].view);
}

/* For the tests: the rows as shown (sorted). */
GListModel *
nc_compare_view_get_shown (NcCompareView *self)
{
  return G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (self->column_view)));
}

const NcCompareRow *
nc_compare_view_get_shown_row (NcCompareView *self,
                               guint          position)
{
  g_autoptr(NcCompareItem) item = g_list_model_get_item (nc_compare_view_get_shown (self), position);

  return item != NULL ? item->row : NULL;
}

/* For the tests: sorts by @column. */
void
nc_compare_view_sort (NcCompareView   *self,
                      guint            column,
                      GtkSortType      direction)
{
  GListModel *columns_model = gtk_column_view_get_columns (GTK_COLUMN_VIEW (self->column_view));
  g_autoptr(GtkColumnViewColumn) c = g_list_model_get_item (columns_model, column);

  gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (self->column_view), c, direction);
}

static void
nc_compare_view_dispose (GObject *object)
{
  NcCompareView *self = NC_COMPARE_VIEW (object);

  if (self->rows != NULL)
    g_list_store_remove_all (self->rows);
  g_clear_object (&self->rows);
  g_clear_pointer (&self->comparison, nc_comparison_free);
  G_OBJECT_CLASS (nc_compare_view_parent_class)->dispose (object);
}

static void
nc_compare_view_class_init (NcCompareViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  NcStudyClass *study_class = NC_STUDY_CLASS (klass);

  object_class->dispose = nc_compare_view_dispose;
  study_class->prepare = compare_prepare;
  study_class->compute = compare_compute;
  study_class->show = compare_show;
  study_class->job_free = job_free;
  study_class->result_free = (GDestroyNotify) nc_comparison_free;

  /* open (engine id, key, view name): a cell asks for its model and view. */
  signals[SIGNAL_OPEN] = g_signal_new ("open", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                       NULL, NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_POINTER,
                                       G_TYPE_STRING);
}

static void
nc_compare_view_init (NcCompareView *self)
{
  NcStudy *study = NC_STUDY (self);
  GtkWidget *seed_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *scrolled, *table_box, *claims_title;
  g_autoptr(GtkSortListModel) sorted = NULL;

  self->random_keys = gtk_check_button_new_with_mnemonic (_("_Random keys, seed"));
  self->seed = gtk_adjustment_new (1, 1, G_MAXINT32, 1, 10, 0);
  gtk_box_append (GTK_BOX (seed_row), self->random_keys);
  gtk_box_append (GTK_BOX (seed_row), gtk_spin_button_new (self->seed, 1, 0));
  gtk_widget_set_tooltip_text (seed_row, _("Unchecked: each engine's default key"));
  nc_study_add_control (study, seed_row);
  nc_study_set_run_label (study, _("_Compare"));

  self->rows = g_list_store_new (NC_TYPE_COMPARE_ITEM);
  self->column_view = gtk_column_view_new (NULL);
  gtk_column_view_set_show_column_separators (GTK_COLUMN_VIEW (self->column_view), TRUE);
  gtk_column_view_set_show_row_separators (GTK_COLUMN_VIEW (self->column_view), TRUE);
  gtk_column_view_set_reorderable (GTK_COLUMN_VIEW (self->column_view), FALSE);
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_object_set_data (G_OBJECT (factory), "nc-column", GUINT_TO_POINTER (c));
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), self);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), self);
      column = gtk_column_view_column_new (_(columns[c].title), factory);
      gtk_column_view_column_set_sorter (column, GTK_SORTER (gtk_custom_sorter_new (compare_cells,
                                                                                     GUINT_TO_POINTER (c),
                                                                                     NULL)));
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (GTK_COLUMN_VIEW (self->column_view), column);
      g_object_unref (column);
    }
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->rows)),
                                    g_object_ref (gtk_column_view_get_sorter (GTK_COLUMN_VIEW (self->column_view))));
  gtk_column_view_set_model (GTK_COLUMN_VIEW (self->column_view),
                             GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_steal_pointer (&sorted)))));

  self->claims = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  claims_title = gtk_label_new (_("The review's conclusions, on these rows"));
  gtk_widget_add_css_class (claims_title, "heading");
  gtk_label_set_xalign (GTK_LABEL (claims_title), 0);

  table_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_box_append (GTK_BOX (table_box), self->column_view);
  gtk_box_append (GTK_BOX (table_box), claims_title);
  gtk_box_append (GTK_BOX (table_box), self->claims);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), table_box);

  self->stack = gtk_stack_new ();
  gtk_stack_add_named (GTK_STACK (self->stack),
                       nc_study_empty_page ("view-list-symbolic", _("Compare Every Model"),
                                            _("Measure every engine and variant on this image — key space, key "
                                            "sensitivity, correlation, noise resistance, entropy, distortion, "
                                            "speed and the attack lab — and judge the review's conclusions on "
                                            "the rows.")),
                       "empty");
  gtk_stack_add_named (GTK_STACK (self->stack), scrolled, "table");
  nc_study_set_content (study, self->stack);
}

GtkWidget *
nc_compare_view_new (void)
{
  return g_object_new (NC_TYPE_COMPARE_VIEW, NULL);
}
