/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Every lesson loads, applies its steps and reaches each of its
 * expectations on both sample images: a lesson whose claim stops holding
 * after a change fails here. And malformed lessons are refused. */
#include <math.h>
#include <string.h>

#include "nc-lesson.h"
#include "nc-test-util.h"

static GPtrArray *lessons;

static void
test_lesson (gconstpointer data)
{
  const NcLesson *lesson = data;
  static const char *samples[] = { "camera.png", "astronaut.png" };

  for (gsize i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *path = nc_test_sample_path (samples[i]);
      g_autoptr(NcImage) image = nc_image_load (path, NULL, NULL);
      g_autoptr(NcLessonRun) run = NULL;

      g_assert_nonnull (image);
      run = nc_lesson_run_new (lesson, image);
      for (guint s = 0; s < lesson->n_steps; s++)
        {
          const NcLessonStep *step = &lesson->steps[s];
          g_autofree NcExpectationResult *results = g_new0 (NcExpectationResult, MAX (step->n_expectations, 1));
          g_autoptr(GError) error = NULL;

          g_assert_true (nc_lesson_run_step (run, s, results, NULL, NULL, &error));
          g_assert_no_error (error);
          g_assert_cmpuint (step->n_expectations, >, 0);
          for (guint e = 0; e < step->n_expectations; e++)
            if (!results[e].holds)
              g_error ("%s, %s, step %u: “%s” measured %g", lesson->id, samples[i], s + 1,
                       results[e].expectation->text, results[e].measured);
        }
    }
}

static void
test_refusals (void)
{
  static const struct {
    const char *text, *words;
  } cases[] = {
    { "not a key file", "not a lesson file" },
    { "[Lesson]\nId=x\nTitle=T\nText=t\nEngine=nope\n[Step 1]\nTitle=s\n", "known Engine" },
    { "[Lesson]\nId=x\nTitle=T\nText=t\nEngine=hopfield\n", "at least one step" },
    { "[Lesson]\nId=x\nTitle=T\nText=t\nEngine=hopfield\n[Step 1]\nTitle=s\nExpect=key.npcr is big\n",
      "not an expectation" },
    { "[Lesson]\nId=x\nTitle=T\nText=t\nEngine=hopfield\n[Step 1]\nTitle=s\nExpect=key.npcr > lots\n",
      "not a number" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (nc_lesson_parse (cases[i].text, strlen (cases[i].text), "bad.lesson", &error));
      g_assert_nonnull (error);
      if (strstr (error->message, cases[i].words) == NULL || !g_str_has_prefix (error->message, "bad.lesson: "))
        g_error ("case %" G_GSIZE_FORMAT ": “%s” lacks “%s”", i, error->message, cases[i].words);
    }
}

/* Each lesson's key is its setup with the steps so far; an unknown
 * measure is never taken to hold. */
static void
test_keys_and_measures (void)
{
  const NcLesson *lesson = nc_lesson_find (lessons, "permutation-alone");
  g_autoptr(NcParams) setup = NULL;
  g_autoptr(NcParams) first = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (lesson);
  setup = nc_lesson_key (lesson, 0, &error);
  first = nc_lesson_key (lesson, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (nc_params_get (setup, "diffuse"), ==, 1.0);
  g_assert_cmpfloat (nc_params_get (first, "diffuse"), ==, 0.0);
  {
    NcAnalysis empty = { 0 };

    g_assert_true (isnan (nc_lesson_measure (&empty, nc_engine_for_params (setup), setup, NULL, "no.such.measure")));
  }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;

  g_test_init (&argc, &argv, NULL);
  lessons = nc_lessons_load (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lessons->len, >=, 10);
  for (guint i = 0; i < lessons->len; i++)
    {
      const NcLesson *lesson = lessons->pdata[i];
      g_autofree char *path = g_strdup_printf ("/lessons/%s", lesson->id);

      g_test_add_data_func (path, lesson, test_lesson);
    }
  g_test_add_func ("/lessons/refusals", test_refusals);
  g_test_add_func ("/lessons/keys-and-measures", test_keys_and_measures);
  return g_test_run ();
}
