/* SPDX-License-Identifier: GPL-3.0-or-later */
/* neurocipher-cli lesson list | run NAME [IMAGE]: the lessons, headless:
 * each step applied in turn and each expectation measured on the image,
 * confirmed or not. */
#include "nc-cli.h"

#include <math.h>
#include <stdio.h>

#include "nc-lesson.h"

static gboolean as_json = FALSE;

static const GOptionEntry entries[] = {
  { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print JSON"), NULL },
  { NULL }
};

static int
list (GPtrArray *lessons)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  for (guint i = 0; i < lessons->len; i++)
    {
      const NcLesson *lesson = lessons->pdata[i];

      if (!as_json)
        {
          printf ("%-26s %s (%u step%s)\n", lesson->id, lesson->title, lesson->n_steps,
                  lesson->n_steps == 1 ? "" : "s");
          continue;
        }
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, lesson->id);
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, lesson->title);
      json_builder_set_member_name (b, "engine");
      json_builder_add_string_value (b, lesson->engine);
      json_builder_set_member_name (b, "view");
      json_builder_add_string_value (b, lesson->view != NULL ? lesson->view : "");
      json_builder_set_member_name (b, "steps");
      json_builder_add_int_value (b, lesson->n_steps);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  if (as_json)
    nc_cli_print_json_list (b, "lessons");
  return NC_EXIT_OK;
}

static int
run (const NcLesson *lesson,
     const char     *image_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NcImage) image = nc_image_load (image_path, NULL, &error);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(NcLessonRun) lesson_run = NULL;
  guint confirmed = 0, total = 0;

  if (image == NULL)
    return nc_cli_fail (error);
  lesson_run = nc_lesson_run_new (lesson, image);
  if (!as_json)
    {
      g_autofree char *text = g_strcompress (lesson->text);

      printf ("%s\n\n%s\n", lesson->title, text);
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, lesson->id);
  json_builder_set_member_name (b, "image");
  json_builder_add_string_value (b, image_path);
  json_builder_set_member_name (b, "steps");
  json_builder_begin_array (b);
  for (guint s = 0; s < lesson->n_steps; s++)
    {
      const NcLessonStep *step = &lesson->steps[s];
      g_autofree NcExpectationResult *results = g_new0 (NcExpectationResult, MAX (step->n_expectations, 1));

      if (!nc_lesson_run_step (lesson_run, s, results, NULL, NULL, &error))
        return nc_cli_fail (error);
      if (!as_json)
        {
          g_autofree char *text = step->text != NULL ? g_strcompress (step->text) : NULL;

          printf (_("\nStep %u: %s\n"), s + 1, step->title);
          if (text != NULL)
            printf ("%s\n", text);
        }
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, step->title);
      json_builder_set_member_name (b, "expectations");
      json_builder_begin_array (b);
      for (guint e = 0; e < step->n_expectations; e++)
        {
          total++;
          confirmed += results[e].holds;
          if (!as_json)
            {
              g_autofree char *said = nc_expectation_describe (results[e].expectation, results[e].measured);

              printf ("  %s %s\n", results[e].holds ? "✓" : "✗", said);
            }
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "expect");
          json_builder_add_string_value (b, results[e].expectation->text);
          nc_cli_add_number (b, "measured", results[e].measured);
          json_builder_set_member_name (b, "holds");
          json_builder_add_boolean_value (b, results[e].holds);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "confirmed");
  json_builder_add_int_value (b, confirmed);
  json_builder_set_member_name (b, "expectations");
  json_builder_add_int_value (b, total);
  json_builder_end_object (b);
  if (as_json)
    nc_cli_print_json (b);
  else
    printf (_("\n%u of %u expectations confirmed on %s.\n"), confirmed, total, image_path);
  return NC_EXIT_OK;
}

const NcLesson *
nc_cli_find_lesson (const char  *name,
                    GPtrArray  **out_lessons,
                    GError     **error)
{
  g_autoptr(GPtrArray) problems = NULL;
  GPtrArray *lessons = nc_lessons_load (&problems, error);
  NcLesson *lesson;

  if (lessons == NULL)
    return NULL;
  *out_lessons = lessons;
  for (guint i = 0; i < problems->len; i++)
    fprintf (stderr, "%s: warning: %s\n", g_get_prgname (), (const char *) problems->pdata[i]);
  if (name == NULL)
    return NULL;
  if (g_str_has_suffix (name, ".lesson"))
    {
      if ((lesson = nc_lesson_load_file (name, error)) == NULL)
        return NULL;
      g_ptr_array_add (lessons, lesson);
      return lesson;
    }
  if ((lesson = nc_lesson_find (lessons, name)) == NULL)
    g_set_error (error, NC_ERROR, NC_ERROR_NOT_FOUND,
                 _("no lesson “%s” (see “neurocipher-cli lesson list”, or give a .lesson file)"), name);
  return lesson;
}

char *
nc_cli_lesson_image (const char *given)
{
  g_autofree char *dir = NULL;

  if (given != NULL)
    return g_strdup (given);
  dir = nc_samples_dir ();
  return g_build_filename (dir, "camera.png", NULL);
}

int
nc_cli_lesson (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lessons = NULL;
  g_autofree char *sample = NULL;
  const NcLesson *lesson;
  int status;

  context = nc_cli_context_new ("lesson", "list | run NAME [IMAGE]",
                                N_("The lessons: a worked setup, a short text and steps whose claims are "
                                "measured on the image. “run” applies each step and prints each "
                                "expectation's measured value, confirmed or not. IMAGE defaults "
                                "to the bundled camera.png. NAME is a lesson's id or the path of a "
                                ".lesson file; a lecturer's own lessons in "
                                "$XDG_DATA_HOME/neurocipher/lessons (~/.local/share/neurocipher/lessons) "
                                "are listed after the built-in ones."),
                                entries);
  g_option_context_add_main_entries (context, nc_cli_image_entries, NULL);
  if (!nc_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc < 2 || (!g_str_equal (argv[1], "list") && !g_str_equal (argv[1], "run")))
    return nc_cli_usage (context, _("expected “list” or “run NAME [IMAGE]”"));
  if (g_str_equal (argv[1], "list"))
    {
      if (argc != 2)
        return nc_cli_usage (context, _("“list” takes no argument"));
      nc_cli_find_lesson (NULL, &lessons, &error);
      return lessons != NULL ? list (lessons) : nc_cli_fail (error);
    }
  if (argc < 3 || argc > 4)
    return nc_cli_usage (context, _("expected “run NAME [IMAGE]”"));
  if ((lesson = nc_cli_find_lesson (argv[2], &lessons, &error)) == NULL)
    return g_error_matches (error, NC_ERROR, NC_ERROR_NOT_FOUND) ? nc_cli_usage (context, "%s", error->message)
                                                                 : nc_cli_fail (error);
  sample = nc_cli_lesson_image (argc == 4 ? argv[3] : NULL);
  return run (lesson, sample);
}
