/* SPDX-License-Identifier: GPL-3.0-or-later */
/* neurocipher-cli as a user meets it: exit statuses (0 success, 1 bad
 * input, 2 bad usage) and one clear line on stderr naming the file. */
#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "nc-test-util.h"

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_cli (Run *run, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("NEUROCIPHER_CLI");
  const char *arg;
  va_list args;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  va_start (args, run);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
}

static void
assert_error_line (const Run  *run,
                   int         status,
                   const char *words)
{
  if (run->status != status || strstr (run->err, words) == NULL)
    g_error ("wanted status %d and “%s” on stderr; got %d, stderr “%s”", status, words,
             run->status, run->err);
  g_assert_cmpstr (run->out, ==, "");
}

static void
test_usage (void)
{
  g_auto(Run) none = { 0 };
  g_auto(Run) help = { 0 };
  g_auto(Run) unknown = { 0 };
  g_auto(Run) bad_option = { 0 };
  g_auto(Run) sub_help = { 0 };

  run_cli (&none, NULL);
  g_assert_cmpint (none.status, ==, 2);
  run_cli (&help, "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "keygen"));
  run_cli (&unknown, "frobnicate", NULL);
  assert_error_line (&unknown, 2, "unknown command");
  run_cli (&bad_option, "info", "--no-such-option", "x.png", NULL);
  assert_error_line (&bad_option, 2, "no-such-option");
  run_cli (&sub_help, "keygen", "--help", NULL);
  g_assert_cmpint (sub_help.status, ==, 0);
  g_assert_nonnull (strstr (sub_help.out, "--seed"));
}

static void
test_info (void)
{
  g_autofree char *camera = nc_test_sample_path ("camera.png");
  g_autofree char *astronaut = nc_test_sample_path ("astronaut.png");
  g_auto(Run) text = { 0 };
  g_auto(Run) json = { 0 };
  g_auto(Run) two = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  run_cli (&text, "info", camera, NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "512 × 512 pixels, 1 channel (gray)"));
  g_assert_nonnull (strstr (text.out, "Converted:  nothing"));

  run_cli (&json, "info", "--json", astronaut, NULL);
  g_assert_cmpint (json.status, ==, 0);
  json_parser_load_from_data (parser, json.out, -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (object, "channels"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (object, "width"), ==, 512);

  run_cli (&two, "info", camera, astronaut, NULL);
  assert_error_line (&two, 2, "expected one IMAGE");
}

static void
test_info_broken_files (void)
{
  g_autofree char *dir = nc_test_tmpdir_new ();
  g_autofree char *empty = g_build_filename (dir, "empty.png", NULL);
  g_autofree char *text = g_build_filename (dir, "notes.png", NULL);
  g_autofree char *bomb = g_build_filename (dir, "bomb.png", NULL);
  g_autofree char *cut = g_build_filename (dir, "cut.png", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.png", NULL);
  g_autofree char *camera = nc_test_sample_path ("camera.png");
  g_autoptr(GBytes) header = nc_test_png_header_only (100000, 100000);
  g_autofree char *contents = NULL;
  gsize length;
  static const char notes[] = "Meeting notes, saved with the wrong name.\n";
  const struct {
    const char *path;
    const char *words;
  } cases[] = {
    { empty, "empty.png: the file is empty" },
    { text, "notes.png: not an image" },
    { bomb, "bomb.png: image size 100000 × 100000" },
    { cut, "cut.png: PNG data ends early" },
    { missing, "missing.png: cannot be opened" },
    { dir, "is a folder" },
  };

  g_assert_true (g_file_get_contents (camera, &contents, &length, NULL));
  nc_test_write_file (empty, "", 0);
  nc_test_write_file (text, notes, sizeof notes - 1);
  nc_test_write_file (bomb, g_bytes_get_data (header, NULL), g_bytes_get_size (header));
  nc_test_write_file (cut, contents, length / 2);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };

      run_cli (&run, "info", cases[i].path, NULL);
      assert_error_line (&run, 1, cases[i].words);
      /* One line, no crash report. */
      g_assert_true (g_str_has_suffix (run.err, "\n"));
      g_assert_true (strchr (run.err, '\n') == run.err + strlen (run.err) - 1);
    }

  {
    g_auto(Run) capped = { 0 };

    run_cli (&capped, "info", "--max-pixels", "1000", camera, NULL);
    assert_error_line (&capped, 1, "over the limit");
  }
  nc_test_tmpdir_remove (dir);
}

static void
test_engines (void)
{
  g_auto(Run) text = { 0 };
  g_auto(Run) json = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *engines;
  gboolean found = FALSE;

  run_cli (&text, "engines", NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "chacha20"));

  run_cli (&json, "engines", "--json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  json_parser_load_from_data (parser, json.out, -1, &error);
  g_assert_no_error (error);
  engines = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (engines); i++)
    {
      JsonObject *engine = json_array_get_object_element (engines, i);

      if (g_str_equal (json_object_get_string_member (engine, "id"), "chacha20"))
        {
          found = TRUE;
          g_assert_cmpint (json_object_get_int_member (engine, "key_bits"), ==, 256);
          g_assert_cmpfloat (json_object_get_double_member (engine, "nominal_key_bits"), ==, 256);
        }
    }
  g_assert_true (found);
}

static void
test_keygen (void)
{
  g_autofree char *dir = nc_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "a.nckey", NULL);
  g_auto(Run) first = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) same_seed = { 0 };
  g_auto(Run) other_seed = { 0 };
  g_auto(Run) to_file = { 0 };
  g_auto(Run) exists = { 0 };
  g_auto(Run) forced = { 0 };
  g_auto(Run) unknown = { 0 };
  g_auto(Run) bad_set = { 0 };
  g_auto(Run) bad_seed = { 0 };
  g_auto(Run) with_set = { 0 };
  g_autofree char *saved = NULL;

  run_cli (&first, "keygen", "chacha20", "--seed", "7", NULL);
  run_cli (&same_seed, "keygen", "chacha20", "--seed", "7", NULL);
  run_cli (&other_seed, "keygen", "chacha20", "--seed", "8", NULL);
  g_assert_cmpint (first.status, ==, 0);
  g_assert_cmpstr (first.out, ==, same_seed.out);
  g_assert_cmpstr (first.out, !=, other_seed.out);
  g_assert_nonnull (strstr (first.out, "Engine=chacha20"));

  run_cli (&again, "keygen", "chacha20", NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_cmpstr (again.out, !=, first.out);

  run_cli (&to_file, "keygen", "chacha20", "--seed", "7", "-o", path, NULL);
  g_assert_cmpint (to_file.status, ==, 0);
  g_assert_true (g_file_get_contents (path, &saved, NULL, NULL));
  g_assert_cmpstr (saved, ==, first.out);

  run_cli (&exists, "keygen", "chacha20", "-o", path, NULL);
  assert_error_line (&exists, 1, "a.nckey: already exists");
  g_clear_pointer (&saved, g_free);
  g_assert_true (g_file_get_contents (path, &saved, NULL, NULL));
  g_assert_cmpstr (saved, ==, first.out);

  run_cli (&forced, "keygen", "chacha20", "--seed", "8", "-o", path, "--force", NULL);
  g_assert_cmpint (forced.status, ==, 0);

  run_cli (&unknown, "keygen", "enigma", NULL);
  assert_error_line (&unknown, 1, "no engine “enigma”");
  run_cli (&bad_set, "keygen", "chacha20", "--set", "k0=-1", NULL);
  assert_error_line (&bad_set, 1, "outside its range");
  run_cli (&bad_seed, "keygen", "chacha20", "--seed", "minus one", NULL);
  assert_error_line (&bad_seed, 2, "--seed");

  run_cli (&with_set, "keygen", "chacha20", "--set", "k3=12345", "--set", "nonce1=9", NULL);
  g_assert_cmpint (with_set.status, ==, 0);
  g_assert_nonnull (strstr (with_set.out, "k3=12345\n"));
  g_assert_nonnull (strstr (with_set.out, "nonce1=9\n"));
  nc_test_tmpdir_remove (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/usage", test_usage);
  g_test_add_func ("/cli/info", test_info);
  g_test_add_func ("/cli/info-broken-files", test_info_broken_files);
  g_test_add_func ("/cli/engines", test_engines);
  g_test_add_func ("/cli/keygen", test_keygen);

  return g_test_run ();
}
