/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Lessons, read from their key files and run: each step's key is the
 * lesson's setup with the steps so far applied; its expectations are
 * checked against the full analysis of the image (the attack lab
 * included), so what a lesson claims is what the image shows. */
#include "nc-lesson.h"
#include "nc-i18n.h"

#include <math.h>
#include <string.h>

#include "nc-adversarial.h"
#include "nc-compare.h"
#include "nc-file.h"
#include "nc-randomness.h"

#define LESSON_GROUP "Lesson"
#define MAX_TRAIN_EPOCHS 100
#define NC_LESSON_MAX_BYTES (1 << 20)
#define TRAIN_SEED 1
#define NIST_BITS 1000000
#define LESSONS_RESOURCE "/io/github/neurocipher/Neurocipher/lessons"

GResource *nc_library_get_resource (void);

static void
expectation_clear (NcExpectation *e)
{
  g_free (e->measure);
  g_free (e->op);
  g_free (e->text);
}

void
nc_lesson_free (NcLesson *lesson)
{
  if (lesson == NULL)
    return;
  for (guint s = 0; s < lesson->n_steps; s++)
    {
      NcLessonStep *step = &lesson->steps[s];

      g_free (step->title);
      g_free (step->text);
      g_free (step->engine);
      g_strfreev (step->assignments);
      for (guint e = 0; e < step->n_expectations; e++)
        expectation_clear (&step->expectations[e]);
      g_free (step->expectations);
    }
  g_free (lesson->steps);
  g_free (lesson->id);
  g_free (lesson->title);
  g_free (lesson->text);
  g_free (lesson->engine);
  g_free (lesson->variant);
  g_strfreev (lesson->assignments);
  g_free (lesson->view);
  g_free (lesson);
}

static gboolean
parse_expectation (const char     *text,
                   NcExpectation  *out,
                   const char     *name,
                   GError        **error)
{
  g_auto(GStrv) parts = g_strsplit_set (text, " \t", -1);
  g_autoptr(GPtrArray) words = g_ptr_array_new ();
  static const char *ops[] = { "<", "<=", ">", ">=", "=", "!=" };
  char *end = NULL;

  for (gsize i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      g_ptr_array_add (words, parts[i]);
  if (words->len != 3 || !g_strv_contains (ops, words->pdata[1]))
    {
      g_set_error (error, NC_ERROR, NC_ERROR_CORRUPT,
                   _("%s: “%s” is not an expectation (MEASURE OP VALUE, OP one of < <= > >= = !=)"), name, text);
      return FALSE;
    }
  out->measure = g_strdup (words->pdata[0]);
  out->op = g_strdup (words->pdata[1]);
  out->text = g_strdup (text);
  if (g_str_equal (words->pdata[2], "true"))
    out->value = 1.0;
  else if (g_str_equal (words->pdata[2], "false"))
    out->value = 0.0;
  else
    {
      out->value = g_ascii_strtod (words->pdata[2], &end);
      if (end == words->pdata[2] || *end != '\0')
        {
          g_set_error (error, NC_ERROR, NC_ERROR_CORRUPT, _("%s: “%s” is not a number, true or false"), name,
                       (const char *) words->pdata[2]);
          return FALSE;
        }
    }
  return TRUE;
}

static char **
get_list (GKeyFile   *file,
          const char *group,
          const char *key)
{
  g_auto(GStrv) raw = g_key_file_get_string_list (file, group, key, NULL, NULL);
  GStrvBuilder *builder = g_strv_builder_new ();
  char **list;

  for (gsize i = 0; raw != NULL && raw[i] != NULL; i++)
    {
      g_strstrip (raw[i]);
      if (*raw[i] != '\0')
        g_strv_builder_add (builder, raw[i]);
    }
  list = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return list;
}

/**
 * nc_lesson_parse:
 * @name: the file's name, for messages
 *
 * A lesson file: a [Lesson] group (Id, Title, Text, Engine, Variant, Set,
 * View) and groups [Step 1], [Step 2] … (Title, Text, Engine, Set,
 * Train, Weights, Expect), lists separated by semicolons. Train=N trains
 * the adversarial generators from scratch for N epochs on the image;
 * Weights=shipped goes back to the shipped ones.
 */
NcLesson *
nc_lesson_parse (const char  *data,
                 gsize        length,
                 const char  *name,
                 GError     **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(NcLesson) lesson = g_new0 (NcLesson, 1);
  g_autoptr(GError) local = NULL;
  GArray *steps;

  if (!g_key_file_load_from_data (file, data, length, G_KEY_FILE_NONE, &local))
    {
      g_set_error (error, NC_ERROR, NC_ERROR_CORRUPT, _("%s: not a lesson file (%s)"), name, local->message);
      return NULL;
    }
  lesson->id = g_key_file_get_string (file, LESSON_GROUP, "Id", NULL);
  lesson->title = g_key_file_get_locale_string (file, LESSON_GROUP, "Title", NULL, NULL);
  lesson->text = g_key_file_get_locale_string (file, LESSON_GROUP, "Text", NULL, NULL);
  lesson->engine = g_key_file_get_string (file, LESSON_GROUP, "Engine", NULL);
  lesson->variant = g_key_file_get_string (file, LESSON_GROUP, "Variant", NULL);
  lesson->view = g_key_file_get_string (file, LESSON_GROUP, "View", NULL);
  lesson->assignments = get_list (file, LESSON_GROUP, "Set");
  if (lesson->id == NULL || lesson->title == NULL || lesson->text == NULL || lesson->engine == NULL ||
      nc_engine_find (lesson->engine, NULL) == NULL)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_CORRUPT,
                   _("%s: a lesson needs an Id, a Title, a Text and a known Engine"), name);
      return NULL;
    }

  steps = g_array_new (FALSE, TRUE, sizeof (NcLessonStep));
  for (guint s = 1; ; s++)
    {
      g_autofree char *group = g_strdup_printf ("Step %u", s);
      g_auto(GStrv) expect = NULL;
      g_autofree char *weights = NULL;
      NcLessonStep step = { 0 };

      if (!g_key_file_has_group (file, group))
        break;
      step.title = g_key_file_get_locale_string (file, group, "Title", NULL, NULL);
      step.text = g_key_file_get_locale_string (file, group, "Text", NULL, NULL);
      step.engine = g_key_file_get_string (file, group, "Engine", NULL);
      step.assignments = get_list (file, group, "Set");
      step.train_epochs = (guint) CLAMP (g_key_file_get_integer (file, group, "Train", NULL), 0, MAX_TRAIN_EPOCHS);
      weights = g_key_file_get_string (file, group, "Weights", NULL);
      step.shipped = g_strcmp0 (weights, "shipped") == 0;
      expect = get_list (file, group, "Expect");
      step.n_expectations = g_strv_length (expect);
      step.expectations = g_new0 (NcExpectation, MAX (step.n_expectations, 1));
      g_array_append_val (steps, step);
      for (guint e = 0; e < step.n_expectations; e++)
        if (!parse_expectation (expect[e], &g_array_index (steps, NcLessonStep, steps->len - 1).expectations[e],
                                name, error))
          {
            lesson->n_steps = steps->len;
            lesson->steps = (NcLessonStep *) (gpointer) g_array_free (steps, FALSE);
            return NULL;
          }
      if (weights != NULL && !step.shipped)
        {
          g_set_error (error, NC_ERROR, NC_ERROR_CORRUPT, _("%s: [%s] Weights can only be “shipped”"), name, group);
          lesson->n_steps = steps->len;
          lesson->steps = (NcLessonStep *) (gpointer) g_array_free (steps, FALSE);
          return NULL;
        }
      if (step.title == NULL || (step.engine != NULL && nc_engine_find (step.engine, NULL) == NULL))
        {
          g_set_error (error, NC_ERROR, NC_ERROR_CORRUPT, _("%s: [%s] needs a Title and a known Engine"), name, group);
          lesson->n_steps = steps->len;
          lesson->steps = (NcLessonStep *) (gpointer) g_array_free (steps, FALSE);
          return NULL;
        }
    }
  lesson->n_steps = steps->len;
  lesson->steps = (NcLessonStep *) (gpointer) g_array_free (steps, FALSE);
  if (lesson->n_steps == 0)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_CORRUPT, _("%s: a lesson needs at least one step"), name);
      return NULL;
    }
  return g_steal_pointer (&lesson);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Adds the lessons of @folder (*.lesson, by name); a file that cannot be
 * read or parsed, or whose id is taken, is left out and said in @problems. */
static void
load_folder (GPtrArray  *lessons,
             const char *folder,
             GPtrArray  *problems)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".lesson"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (folder, names->pdata[i], NULL);
      g_autoptr(GError) error = NULL;
      NcLesson *lesson = nc_lesson_load_file (path, &error);

      if (lesson == NULL)
        g_ptr_array_add (problems, g_strdup (error->message));
      else if (nc_lesson_find (lessons, lesson->id) != NULL)
        {
          g_ptr_array_add (problems, g_strdup_printf (_("%s: a lesson with the id “%s” exists already; left out"),
                                                      path, lesson->id));
          nc_lesson_free (lesson);
        }
      else
        g_ptr_array_add (lessons, lesson);
    }
}

/**
 * nc_lesson_load_file:
 *
 * Reads one lesson file (a lecturer's own), its errors naming the file.
 */
NcLesson *
nc_lesson_load_file (const char  *path,
                     GError     **error)
{
  g_autoptr(GMappedFile) mapped = nc_file_map (path, error);

  if (mapped == NULL)
    return NULL;
  if (g_mapped_file_get_length (mapped) > NC_LESSON_MAX_BYTES)
    {
      nc_set_file_error (error, NC_ERROR_TOO_LARGE, path, _("is %llu bytes, too large for a lesson"),
                         (unsigned long long) g_mapped_file_get_length (mapped));
      return NULL;
    }
  return nc_lesson_parse (g_mapped_file_get_contents (mapped), g_mapped_file_get_length (mapped), path, error);
}

/**
 * nc_lessons_load:
 * @problems: (out) (optional) (transfer full): what was left out of the
 *   lecturers' own lessons, one message each naming the file
 *
 * Returns: (transfer full): the built-in lessons, ordered by file name
 * (01-…, 02-…), then the lecturers' own: the .lesson files of
 * $XDG_DATA_HOME/neurocipher/lessons, by name
 */
GPtrArray *
nc_lessons_load (GPtrArray **problems,
                 GError    **error)
{
  g_auto(GStrv) names = g_resource_enumerate_children (nc_library_get_resource (), LESSONS_RESOURCE,
                                                        G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  g_autoptr(GPtrArray) said = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *own = g_build_filename (g_get_user_data_dir (), "neurocipher", "lessons", NULL);
  GPtrArray *lessons;

  if (names == NULL)
    return NULL;
  qsort (names, g_strv_length (names), sizeof (char *), compare_names);
  lessons = g_ptr_array_new_with_free_func ((GDestroyNotify) nc_lesson_free);
  for (gsize i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (LESSONS_RESOURCE "/", names[i], NULL);
      g_autoptr(GBytes) bytes = g_resource_lookup_data (nc_library_get_resource (), path,
                                                        G_RESOURCE_LOOKUP_FLAGS_NONE, error);
      NcLesson *lesson;
      gsize length;
      const char *data;

      if (bytes == NULL)
        {
          g_ptr_array_unref (lessons);
          return NULL;
        }
      data = g_bytes_get_data (bytes, &length);
      lesson = nc_lesson_parse (data, length, names[i], error);
      if (lesson == NULL)
        {
          g_ptr_array_unref (lessons);
          return NULL;
        }
      g_ptr_array_add (lessons, lesson);
    }
  load_folder (lessons, own, said);
  if (problems != NULL)
    *problems = g_steal_pointer (&said);
  return lessons;
}

NcLesson *
nc_lesson_find (GPtrArray  *lessons,
                const char *id)
{
  for (guint i = 0; i < lessons->len; i++)
    if (g_str_equal (((NcLesson *) lessons->pdata[i])->id, id))
      return lessons->pdata[i];
  return NULL;
}

static gboolean
apply (NcParams    *key,
       char       **assignments,
       GError     **error)
{
  for (gsize i = 0; assignments != NULL && assignments[i] != NULL; i++)
    if (!nc_params_set_from_string (key, assignments[i], error))
      return FALSE;
  return TRUE;
}

NcParams *
nc_lesson_key (const NcLesson  *lesson,
               guint            n_steps,
               GError         **error)
{
  const NcEngine *engine = nc_engine_find (lesson->engine, error);
  g_autoptr(NcParams) key = NULL;

  if (engine == NULL)
    return NULL;
  key = nc_engine_new_params (engine);
  if (lesson->variant != NULL)
    {
      g_autofree char *assignment = g_strdup_printf ("%s=%s", NC_PARAM_VARIANT_ID, lesson->variant);

      if (!nc_params_set_from_string (key, assignment, error))
        return NULL;
    }
  if (!apply (key, lesson->assignments, error))
    return NULL;
  for (guint s = 0; s < MIN (n_steps, lesson->n_steps); s++)
    {
      const NcLessonStep *step = &lesson->steps[s];

      if (step->engine != NULL && !g_str_equal (step->engine, nc_engine_for_params (key)->id))
        {
          g_clear_pointer (&key, nc_params_free);
          key = nc_engine_new_params (nc_engine_find (step->engine, NULL));
        }
      if (!apply (key, step->assignments, error))
        return NULL;
    }
  return g_steal_pointer (&key);
}

static double
flag (gboolean value)
{
  return value ? 1.0 : 0.0;
}

/**
 * nc_lesson_measure:
 *
 * The measures lessons name: key.npcr, key.uaci, key.npcr.pass,
 * key.uaci.pass, plaintext.npcr, plaintext.uaci, correlation.max,
 * correlation.pass, entropy, chi2.pass, distortion.ssim, distortion.psnr,
 * bits.nominal, bits.effective, noise.psnr, noise.ssim, occlusion.ssim,
 * exact, weak, lyapunov, attack.ID.broken; from @extras gan.accuracy and
 * nist.failed. A measure the analysis did not make (a live one leaves
 * the noise, the weak-key check, the plaintext sensitivity, SSIM(P, C),
 * the key space, outside the Attacks view the attacks, and outside the
 * views that show it the key flip to the full one) is NAN.
 */
double
nc_lesson_measure (const NcAnalysis     *a,
                   const NcEngine       *engine,
                   const NcParams       *key,
                   const NcLessonExtras *extras,
                   const char           *measure)
{
  if (g_str_equal (measure, "gan.accuracy"))
    return extras != NULL ? extras->gan_accuracy : NAN;
  if (g_str_equal (measure, "nist.failed"))
    return extras != NULL ? extras->nist_failed : NAN;
  if (g_str_has_prefix (measure, "key.") && !a->has_key_flip)
    return NAN;
  if (g_str_equal (measure, "key.npcr"))
    return a->key.ciphers.npcr;
  if (g_str_equal (measure, "key.uaci"))
    return a->key.ciphers.uaci;
  if (g_str_equal (measure, "key.npcr.pass"))
    return flag (a->key_verdicts.npcr[0].outcome == NC_OUTCOME_PASS);
  if (g_str_equal (measure, "key.uaci.pass"))
    return flag (a->key_verdicts.uaci[0].outcome == NC_OUTCOME_PASS);
  if (g_str_equal (measure, "plaintext.npcr"))
    return a->plaintext.npcr;
  if (g_str_equal (measure, "plaintext.uaci"))
    return a->plaintext.uaci;
  if (g_str_equal (measure, "correlation.max"))
    {
      double max = 0.0;

      for (guint c = 0; c < a->cipher.channels; c++)
        for (guint d = 0; d < 3; d++)
          max = MAX (max, fabs (a->cipher.correlation[c][d]));
      return max;
    }
  if (g_str_equal (measure, "correlation.pass"))
    return flag (nc_analysis_uncorrelated (a));
  if (g_str_equal (measure, "entropy"))
    return a->cipher.entropy_all;
  if (g_str_equal (measure, "chi2.pass"))
    {
      gboolean pass = TRUE;

      for (guint c = 0; c < a->cipher.channels; c++)
        pass &= a->cipher.chi_square_verdict[c].outcome == NC_OUTCOME_PASS;
      return flag (pass);
    }
  if (g_str_equal (measure, "distortion.ssim"))
    return a->distortion_ssim;
  if (g_str_equal (measure, "distortion.psnr"))
    return a->distortion_psnr;
  if (g_str_equal (measure, "bits.nominal"))
    return a->nominal_key_bits;
  if (g_str_equal (measure, "bits.effective"))
    return a->has_key_space ? a->key_space.effective_bits : NAN;
  /* The noise and the weak-key check are the full analysis's: NAN in a
   * live one, never a value it did not measure. */
  if (g_str_equal (measure, "noise.psnr"))
    return a->full ? a->noise_psnr[NC_NOISE_SALT_AND_PEPPER][NC_SUITE_SHOWN_NOISE] : NAN;
  if (g_str_equal (measure, "noise.ssim"))
    return a->full ? a->noise_ssim[NC_NOISE_SALT_AND_PEPPER][NC_SUITE_SHOWN_NOISE] : NAN;
  if (g_str_equal (measure, "occlusion.ssim"))
    return a->full ? a->noise_ssim[NC_NOISE_OCCLUSION][NC_SUITE_SHOWN_NOISE] : NAN;
  if (g_str_equal (measure, "exact"))
    return flag (a->exact);
  if (g_str_equal (measure, "weak"))
    return a->full ? flag (a->warning != NULL) : NAN;
  if (g_str_equal (measure, "lyapunov"))
    {
      NcChaos chaos;

      return nc_engine_chaos (engine, key, &chaos) ? chaos.lyapunov : NAN;
    }
  if (g_str_has_prefix (measure, "attack.") && g_str_has_suffix (measure, ".broken"))
    {
      g_autofree char *id = g_strndup (measure + 7, strlen (measure) - 7 - strlen (".broken"));

      for (guint i = 0; i < a->n_attacks; i++)
        if (g_str_equal (a->attacks[i].attack, id))
          return flag (a->attacks[i].broken);
    }
  return NAN;
}

static const struct {
  const char *measure;
  const char *label;
  gboolean    flag;
} measure_labels[] = {
  { "key.npcr", N_("Key-flip NPCR (%)"), FALSE },
  { "key.uaci", N_("Key-flip UACI (%)"), FALSE },
  { "key.npcr.pass", N_("Key-flip NPCR passes its critical value"), TRUE },
  { "key.uaci.pass", N_("Key-flip UACI within its critical interval"), TRUE },
  { "plaintext.npcr", N_("One-pixel NPCR (%)"), FALSE },
  { "plaintext.uaci", N_("One-pixel UACI (%)"), FALSE },
  { "correlation.max", N_("Largest adjacent-pixel |correlation|"), FALSE },
  { "correlation.pass", N_("Adjacent pixels uncorrelated"), TRUE },
  { "entropy", N_("Ciphertext entropy (bits)"), FALSE },
  { "chi2.pass", N_("χ² test of uniformity passes"), TRUE },
  { "distortion.ssim", N_("SSIM(plaintext, ciphertext)"), FALSE },
  { "distortion.psnr", N_("PSNR(plaintext, ciphertext) (dB)"), FALSE },
  { "bits.nominal", N_("Nominal key bits"), FALSE },
  { "bits.effective", N_("Measured effective key bits"), FALSE },
  { "noise.psnr", N_("PSNR after 1 % salt-and-pepper (dB)"), FALSE },
  { "noise.ssim", N_("SSIM after 1 % salt-and-pepper"), FALSE },
  { "occlusion.ssim", N_("SSIM after a 1/16 occlusion"), FALSE },
  { "exact", N_("Decrypts exactly"), TRUE },
  { "weak", N_("Flagged as a weak key"), TRUE },
  { "lyapunov", N_("Largest Lyapunov exponent"), FALSE },
  { "gan.accuracy", N_("Discriminator accuracy, last epoch (%)"), FALSE },
  { "nist.failed", N_("NIST SP 800-22 rows failed (of 188)"), FALSE },
};

static void
describe_measure (const char  *measure,
                  const char **label,
                  gboolean    *is_flag,
                  char       **owned)
{
  *owned = NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (measure_labels); i++)
    if (g_str_equal (measure, measure_labels[i].measure))
      {
        *label = nc_tr (measure_labels[i].label);
        *is_flag = measure_labels[i].flag;
        return;
      }
  *is_flag = TRUE;
  if (g_str_has_prefix (measure, "attack.") && g_str_has_suffix (measure, ".broken"))
    {
      g_autofree char *id = g_strndup (measure + 7, strlen (measure) - 7 - strlen (".broken"));
      const NcAttack *attack = nc_attack_find (id, NULL);

      *owned = g_strdup_printf (_("Broken by the %s attack"), attack != NULL ? nc_tr (attack->name) : id);
      *label = *owned;
      return;
    }
  *is_flag = FALSE;
  *label = measure;
}

static char *
format_value (double   value,
              gboolean is_flag)
{
  if (isnan (value))
    return g_strdup (_("not measured"));
  if (is_flag)
    return g_strdup (value != 0.0 ? _("yes") : _("no"));
  return g_strdup_printf ("%.6g", value);
}

/**
 * nc_expectation_describe:
 * @measured: NAN when not measured yet
 *
 * Returns: (transfer full): the expectation in words with its measured
 * value: "Key-flip NPCR (%): 99.61 (expected > 99)", "Broken by the
 * Keystream reuse attack: yes (expected yes)".
 */
char *
nc_expectation_describe (const NcExpectation *x,
                         double               measured)
{
  g_autofree char *owned = NULL, *got = NULL, *want = NULL;
  const char *label;
  gboolean is_flag;

  describe_measure (x->measure, &label, &is_flag, &owned);
  got = format_value (measured, is_flag);
  want = format_value (x->value, is_flag);
  if (is_flag && (g_str_equal (x->op, "=") || g_str_equal (x->op, "!=")))
    return g_strdup_printf ("%s: %s (expected %s%s)", label, got, g_str_equal (x->op, "!=") ? "not " : "", want);
  return g_strdup_printf ("%s: %s (expected %s %s)", label, got, x->op, want);
}

static gboolean holds (double measured, const char *op, double value);

gboolean
nc_lesson_expectation_holds (const NcExpectation *x,
                             double               measured)
{
  return holds (measured, x->op, x->value);
}

static gboolean
holds (double      measured,
       const char *op,
       double      value)
{
  if (isnan (measured))
    return FALSE;
  if (g_str_equal (op, "<"))
    return measured < value;
  if (g_str_equal (op, "<="))
    return measured <= value;
  if (g_str_equal (op, ">"))
    return measured > value;
  if (g_str_equal (op, ">="))
    return measured >= value;
  if (g_str_equal (op, "="))
    return measured == value;
  return measured != value;
}

gboolean
nc_lesson_step_needs (const NcLessonStep *step,
                      const char         *prefix)
{
  for (guint e = 0; e < step->n_expectations; e++)
    if (g_str_has_prefix (step->expectations[e].measure, prefix))
      return TRUE;
  return FALSE;
}

int
nc_lesson_training_step (const NcLesson *lesson,
                         guint           n_steps)
{
  for (guint s = MIN (n_steps, lesson->n_steps); s > 0; s--)
    {
      if (lesson->steps[s - 1].train_epochs > 0)
        return (int) s - 1;
      if (lesson->steps[s - 1].shipped)
        return -1;
    }
  return -1;
}

double
nc_lesson_nist_failed (const NcEngine  *engine,
                       const NcParams  *key,
                       GCancellable    *cancellable,
                       GError         **error)
{
  g_autofree guint8 *bits = nc_engine_zero_stream_bits (engine, key, NIST_BITS, cancellable, error);
  g_autoptr(NcNistReport) report = NULL;

  if (bits == NULL)
    return NAN;
  report = nc_nist_run (bits, NIST_BITS, 1, NULL, NULL, cancellable, error);
  return report != NULL ? nc_nist_report_count_failed (report) : NAN;
}

struct _NcLessonRun {
  const NcLesson *lesson;
  NcImage        *image;
  int             trained_step;  /* the step whose training @weights holds, -1 none */
  NcGanWeights   *weights;
  double          accuracy[NC_GAN_N_VARIANTS];
};

NcLessonRun *
nc_lesson_run_new (const NcLesson *lesson,
                   const NcImage  *image)
{
  NcLessonRun *run = g_new0 (NcLessonRun, 1);

  run->lesson = lesson;
  run->image = nc_image_ref ((NcImage *) image);
  run->trained_step = -1;
  return run;
}

void
nc_lesson_run_free (NcLessonRun *run)
{
  if (run == NULL)
    return;
  nc_image_unref (run->image);
  g_clear_pointer (&run->weights, nc_gan_weights_unref);
  g_free (run);
}

/* Trains the generators from scratch on the run's image, as step @step asks. */
static gboolean
train (NcLessonRun   *run,
       int            step,
       GCancellable  *cancellable,
       GError       **error)
{
  g_autoptr(GPtrArray) images = g_ptr_array_new_with_free_func ((GDestroyNotify) nc_image_unref);
  g_autoptr(NcGanTrainer) trainer = NULL;
  NcGanStats mean[NC_GAN_N_VARIANTS];

  if (run->trained_step == step)
    return TRUE;
  g_ptr_array_add (images, nc_image_ref (run->image));
  trainer = nc_gan_trainer_new (TRAIN_SEED, images, error);
  if (trainer == NULL)
    return FALSE;
  for (guint epoch = 0; epoch < run->lesson->steps[step].train_epochs; epoch++)
    if (!nc_gan_trainer_run_epoch (trainer, mean, cancellable))
      return !g_cancellable_set_error_if_cancelled (cancellable, error);
  g_clear_pointer (&run->weights, nc_gan_weights_unref);
  run->weights = nc_gan_trainer_dup_weights (trainer);
  for (guint v = 0; v < NC_GAN_N_VARIANTS; v++)
    run->accuracy[v] = 100.0 * mean[v].d_accuracy;
  run->trained_step = step;
  return TRUE;
}

/**
 * nc_lesson_run_step:
 * @step: 0-based
 * @results: (array): room for the step's expectations
 * @out_analysis: (out caller-allocates) (optional): the analysis, to
 *   clear with nc_analysis_clear()
 *
 * Applies the lesson up to @step (training the generators where a step
 * asks), analyses the image fully and measures each of the step's
 * expectations.
 */
gboolean
nc_lesson_run_step (NcLessonRun         *run,
                    guint                step,
                    NcExpectationResult *results,
                    NcAnalysis          *out_analysis,
                    GCancellable        *cancellable,
                    GError             **error)
{
  g_autoptr(NcParams) key = nc_lesson_key (run->lesson, step + 1, error);
  const NcLessonStep *s = &run->lesson->steps[step];
  int training = nc_lesson_training_step (run->lesson, step + 1);
  NcLessonExtras extras = { NAN, NAN };
  const NcEngine *engine;
  NcAnalysis analysis;

  if (key == NULL)
    return FALSE;
  engine = nc_engine_for_params (key);
  if (training >= 0 && engine->family == NC_FAMILY_ADVERSARIAL)
    {
      if (!train (run, training, cancellable, error))
        return FALSE;
      nc_gan_weights_attach (key, run->weights);
      extras.gan_accuracy = run->accuracy[MIN (nc_params_get_variant (key), NC_GAN_N_VARIANTS - 1)];
    }
  if (nc_lesson_step_needs (s, "nist."))
    {
      extras.nist_failed = nc_lesson_nist_failed (engine, key, cancellable, error);
      if (isnan (extras.nist_failed))
        return FALSE;
    }
  if (!nc_analysis_run (run->image, NULL, engine, key, 0, NC_ANALYSIS_FULL, &analysis, cancellable, error))
    {
      nc_analysis_clear (&analysis);
      return FALSE;
    }
  for (guint e = 0; e < s->n_expectations; e++)
    {
      const NcExpectation *x = &s->expectations[e];

      results[e].expectation = x;
      results[e].measured = nc_lesson_measure (&analysis, engine, key, &extras, x->measure);
      results[e].holds = holds (results[e].measured, x->op, x->value);
    }
  if (out_analysis != NULL)
    *out_analysis = analysis;
  else
    nc_analysis_clear (&analysis);
  return TRUE;
}
