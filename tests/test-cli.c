/* SPDX-License-Identifier: GPL-3.0-or-later */
/* neurocipher-cli as a user meets it: exit statuses (0 success, 1 bad
 * input, 2 bad usage) and one clear line on stderr naming the file. */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "nc-randomness.h"
#include "nc-test-util.h"

/* neurocipher-cli with the arguments up to a NULL. */
static void
run_cli (NcTestRun *run, ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  va_start (ap, run);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  nc_test_run_cli (run, (const char * const *) args->pdata);
}

static void
assert_error_line (const NcTestRun  *run,
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
  g_auto(NcTestRun) none = { 0 };
  g_auto(NcTestRun) help = { 0 };
  g_auto(NcTestRun) unknown = { 0 };
  g_auto(NcTestRun) bad_option = { 0 };
  g_auto(NcTestRun) sub_help = { 0 };

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
  g_auto(NcTestRun) text = { 0 };
  g_auto(NcTestRun) json = { 0 };
  g_auto(NcTestRun) two = { 0 };
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
  g_assert_cmpint (json_object_get_int_member (object, "format"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (object, "file_format"), ==, "PNG");
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
      g_auto(NcTestRun) run = { 0 };

      run_cli (&run, "info", cases[i].path, NULL);
      assert_error_line (&run, 1, cases[i].words);
      /* One line, no crash report. */
      g_assert_true (g_str_has_suffix (run.err, "\n"));
      g_assert_true (strchr (run.err, '\n') == run.err + strlen (run.err) - 1);
    }

  {
    g_auto(NcTestRun) capped = { 0 };

    run_cli (&capped, "info", "--max-pixels", "1000", camera, NULL);
    assert_error_line (&capped, 1, "over the limit");
  }
  nc_test_tmpdir_remove (dir);
}

static void
test_engines (void)
{
  g_auto(NcTestRun) text = { 0 };
  g_auto(NcTestRun) json = { 0 };
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
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (json_parser_get_root (parser)), "format"), ==, 1);
  engines = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "engines");
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
  g_auto(NcTestRun) first = { 0 };
  g_auto(NcTestRun) again = { 0 };
  g_auto(NcTestRun) same_seed = { 0 };
  g_auto(NcTestRun) other_seed = { 0 };
  g_auto(NcTestRun) to_file = { 0 };
  g_auto(NcTestRun) exists = { 0 };
  g_auto(NcTestRun) forced = { 0 };
  g_auto(NcTestRun) unknown = { 0 };
  g_auto(NcTestRun) bad_set = { 0 };
  g_auto(NcTestRun) bad_seed = { 0 };
  g_auto(NcTestRun) with_set = { 0 };
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

static void
test_encrypt_decrypt (void)
{
  g_autofree char *dir = nc_test_tmpdir_new ();
  g_autofree char *camera = nc_test_sample_path ("camera.png");
  g_autofree char *cipher = g_build_filename (dir, "c.png", NULL);
  g_autofree char *key = g_build_filename (dir, "c.nckey", NULL);
  g_autofree char *back = g_build_filename (dir, "back.png", NULL);
  g_autofree char *again = g_build_filename (dir, "again.png", NULL);
  g_autoptr(NcImage) original = nc_image_load (camera, NULL, NULL);
  g_autoptr(NcImage) decrypted = NULL;
  g_autoptr(NcImage) first = NULL;
  g_autoptr(NcImage) second = NULL;
  g_autoptr(NcLoadInfo) info = NULL;
  g_auto(NcTestRun) enc = { 0 };
  g_auto(NcTestRun) dec = { 0 };
  g_auto(NcTestRun) with_key = { 0 };

  run_cli (&enc, "encrypt", "-e", "hopfield", "--seed", "3", "--set", "variant=hybrid",
           camera, cipher, NULL);
  g_assert_cmpint (enc.status, ==, 0);
  g_assert_true (g_file_test (key, G_FILE_TEST_EXISTS));

  first = nc_image_load (cipher, &info, NULL);
  g_assert_nonnull (first);
  g_assert_false (nc_image_equal (first, original));
  g_assert_cmpstr (g_hash_table_lookup (info->text, "neurocipher:engine"), ==, "hopfield");
  g_assert_cmpstr (g_hash_table_lookup (info->text, "neurocipher:variant"), ==, "hybrid");
  g_assert_null (g_hash_table_lookup (info->text, "neurocipher:x0"));

  run_cli (&dec, "decrypt", "-k", key, cipher, back, NULL);
  g_assert_cmpint (dec.status, ==, 0);
  decrypted = nc_image_load (back, NULL, NULL);
  g_assert_true (nc_image_equal (decrypted, original));

  /* The same key file encrypts to the same bytes. */
  run_cli (&with_key, "encrypt", "-k", key, camera, again, NULL);
  g_assert_cmpint (with_key.status, ==, 0);
  second = nc_image_load (again, NULL, NULL);
  g_assert_true (nc_image_equal (first, second));
  nc_test_tmpdir_remove (dir);
}

/* ChaCha20 draws a fresh nonce for every image and records it: one key
 * file, two images, two keystreams, both decrypt; a ciphertext whose
 * nonce is gone is refused. */
static void
test_fresh_nonce (void)
{
  g_autofree char *dir = nc_test_tmpdir_new ();
  g_autofree char *camera = nc_test_sample_path ("camera.png");
  g_autofree char *key = g_build_filename (dir, "k.nckey", NULL);
  g_autofree char *first = g_build_filename (dir, "first.png", NULL);
  g_autofree char *second = g_build_filename (dir, "second.png", NULL);
  g_autofree char *stripped = g_build_filename (dir, "stripped.png", NULL);
  g_autofree char *back = g_build_filename (dir, "back.png", NULL);
  g_autoptr(NcImage) original = nc_image_load (camera, NULL, NULL);
  g_autoptr(NcLoadInfo) info_first = NULL;
  g_autoptr(NcLoadInfo) info_second = NULL;
  g_autoptr(NcImage) c1 = NULL;
  g_autoptr(NcImage) c2 = NULL;
  g_auto(NcTestRun) keygen = { 0 };
  g_auto(NcTestRun) enc1 = { 0 };
  g_auto(NcTestRun) enc2 = { 0 };

  run_cli (&keygen, "keygen", "chacha20", "-o", key, NULL);
  g_assert_cmpint (keygen.status, ==, 0);
  /* A key is a secret: its owner's alone. */
  {
    GStatBuf st;

    g_assert_cmpint (g_stat (key, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }
  run_cli (&enc1, "encrypt", "-k", key, camera, first, NULL);
  run_cli (&enc2, "encrypt", "-k", key, camera, second, NULL);
  g_assert_cmpint (enc1.status, ==, 0);
  g_assert_cmpint (enc2.status, ==, 0);
  c1 = nc_image_load (first, &info_first, NULL);
  c2 = nc_image_load (second, &info_second, NULL);
  g_assert_false (nc_image_equal (c1, c2));
  g_assert_cmpstr (g_hash_table_lookup (info_first->text, "neurocipher:nonce"), ==, "true");
  g_assert_nonnull (g_hash_table_lookup (info_first->text, "neurocipher:nonce0"));
  g_assert_cmpstr (g_hash_table_lookup (info_first->text, "neurocipher:nonce0"), !=,
                   g_hash_table_lookup (info_second->text, "neurocipher:nonce0"));
  for (int i = 0; i < 2; i++)
    {
      g_auto(NcTestRun) dec = { 0 };
      g_autoptr(NcImage) decrypted = NULL;

      run_cli (&dec, "decrypt", "-k", key, i == 0 ? first : second, back, "--force", NULL);
      g_assert_cmpint (dec.status, ==, 0);
      decrypted = nc_image_load (back, NULL, NULL);
      g_assert_true (nc_image_equal (decrypted, original));
    }

  /* An existing output is replaced only with --force. */
  {
    g_auto(NcTestRun) again = { 0 };
    g_auto(NcTestRun) forced = { 0 };
    g_autoptr(NcImage) still = NULL;

    run_cli (&again, "encrypt", "-k", key, camera, first, NULL);
    assert_error_line (&again, 1, "already exists; an output file is only replaced with --force");
    still = nc_image_load (first, NULL, NULL);
    g_assert_true (nc_image_equal (still, c1));
    run_cli (&forced, "encrypt", "-k", key, camera, first, "--force", NULL);
    g_assert_cmpint (forced.status, ==, 0);
  }

  /* The same ciphertext with its nonce words taken out. */
  {
    const char *text[] = { "neurocipher:engine", "chacha20", "neurocipher:nonce", "true", NULL };
    g_auto(NcTestRun) dec = { 0 };

    g_assert_true (nc_image_save_png (c1, stripped, text, NC_SAVE_FAST, NULL));
    run_cli (&dec, "decrypt", "-k", key, stripped, back, "--force", NULL);
    assert_error_line (&dec, 1, "does not record a valid nonce0");
  }
  nc_test_tmpdir_remove (dir);
}

/* neurocipher-cli attack: JSON per attack, the recovered image written. */
static void
test_attack (void)
{
  g_autofree char *dir = nc_test_tmpdir_new ();
  g_autofree char *camera = nc_test_sample_path ("camera.png");
  g_autofree char *recovered = g_build_filename (dir, "r.png", NULL);
  g_autofree char *recovered_keystream = g_build_filename (dir, "r-keystream.png", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(NcImage) original = nc_image_load (camera, NULL, NULL);
  g_autoptr(NcImage) read_back = NULL;
  g_auto(NcTestRun) broken = { 0 };
  g_auto(NcTestRun) unknown = { 0 };
  g_auto(NcTestRun) no_engine = { 0 };
  JsonArray *attacks;

  run_cli (&broken, "attack", "all", "-e", "adversarial", "--set", "variant=perturbation",
           "--json", "-o", recovered, camera, NULL);
  g_assert_cmpint (broken.status, ==, 0);
  json_parser_load_from_data (parser, broken.out, -1, &error);
  g_assert_no_error (error);
  attacks = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                          "attacks");
  g_assert_cmpuint (json_array_get_length (attacks), ==, 5);
  /* The first four read the target (no budget here: the differential
   * tables too); brute force estimates. */
  for (guint i = 0; i < 4; i++)
    {
      JsonObject *attack = json_array_get_object_element (attacks, i);

      g_assert_true (json_object_get_boolean_member (attack, "broken"));
      g_assert_cmpfloat (json_object_get_double_member (attack, "recovered_share"), ==, 1.0);
      g_assert_cmpint (json_object_get_int_member (attack, "chosen_images"), >=, 2);
    }
  read_back = nc_image_load (recovered_keystream, NULL, NULL);
  g_assert_nonnull (read_back);
  g_assert_true (nc_image_equal (read_back, original));

  run_cli (&unknown, "attack", "telepathy", "-e", "hopfield", camera, NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "no attack “telepathy”"));
  run_cli (&no_engine, "attack", "keystream", camera, NULL);
  g_assert_cmpint (no_engine.status, ==, 2);
  nc_test_tmpdir_remove (dir);
}

/* measure A B agrees with the oracle: scikit-image and numpy values in
 * tests/oracle/expected-metrics.json (made by tests/oracle/metrics.py);
 * the correlation with numpy.corrcoef over all samples, 0.987330640128488
 * for camera and camera-noisy. */
static void
test_measure (void)
{
  g_autofree char *camera = nc_test_sample_path ("camera.png");
  g_autofree char *noisy = g_test_build_filename (G_TEST_DIST, "data", "camera-noisy.png", NULL);
  g_autofree char *astronaut = nc_test_sample_path ("astronaut.png");
  g_autofree char *oracle_path = g_test_build_filename (G_TEST_DIST, "oracle", "expected-metrics.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) oracle = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(NcTestRun) run = { 0 };
  g_auto(NcTestRun) mismatch = { 0 };
  JsonObject *root, *want, *differential;

  run_cli (&run, "measure", "--json", camera, noisy, NULL);
  g_assert_cmpint (run.status, ==, 0);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  json_parser_load_from_file (oracle, oracle_path, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  want = json_object_get_object_member (json_object_get_object_member (
           json_node_get_object (json_parser_get_root (oracle)), "pair"), "camera.png|camera-noisy.png");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (root, "mse"),
                                  json_object_get_double_member (want, "mse"), 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (root, "psnr"),
                                  json_object_get_double_member (want, "psnr"), 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (root, "ssim"),
                                  json_object_get_double_member (want, "ssim"), 1e-6);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (root, "correlation"),
                                  0.987330640128488, 1e-9);
  differential = json_object_get_object_member (root, "differential");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (differential, "npcr"),
                                  json_object_get_double_member (want, "npcr_all"), 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (differential, "uaci"),
                                  json_object_get_double_member (want, "uaci_all"), 1e-9);

  run_cli (&mismatch, "measure", camera, astronaut, NULL);
  assert_error_line (&mismatch, 1, "measures need one shape");
}

static void
test_encrypt_decrypt_refusals (void)
{
  g_autofree char *dir = nc_test_tmpdir_new ();
  g_autofree char *camera = nc_test_sample_path ("camera.png");
  g_autofree char *input = g_build_filename (dir, "in.png", NULL);
  g_autofree char *cipher = g_build_filename (dir, "c.png", NULL);
  g_autofree char *key = g_build_filename (dir, "c.nckey", NULL);
  g_autofree char *chacha_key = g_build_filename (dir, "chacha.nckey", NULL);
  g_autofree char *other_key = g_build_filename (dir, "other.nckey", NULL);
  g_autofree char *jpeg = g_build_filename (dir, "c.jpg", NULL);
  g_autofree char *fresh = g_build_filename (dir, "fresh.png", NULL);
  g_autofree char *cut = g_build_filename (dir, "cut.png", NULL);
  g_autofree char *out = g_build_filename (dir, "out.png", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *input_before = NULL;
  g_autofree char *input_after = NULL;
  gsize length;
  const struct {
    const char *argv[12];
    int status;
    const char *words;
  } cases[] = {
    { { "encrypt", "-e", "hopfield", input, jpeg }, 1, "lossy" },
    { { "encrypt", "-e", "hopfield", input, input }, 1, "is the input file" },
    { { "encrypt", input, fresh }, 2, "give an engine" },
    { { "encrypt", "-e", "hopfield", "--seed", "1", "-k", key, input, fresh }, 2, "--seed" },
    { { "encrypt", "-e", "hopfield", "--set", "x0=3", input, fresh }, 1, "outside its range" },
    { { "encrypt", "-e", "hopfield", "--key-out", key, input, fresh }, 1, "already exists" },
    { { "encrypt", "-e", "chacha20", "-k", key, input, fresh }, 1, "not for chacha20" },
    { { "decrypt", cipher, out }, 2, "key file (-k) is required" },
    { { "decrypt", "-k", chacha_key, cipher, out }, 1, "encrypted with engine hopfield" },
    { { "decrypt", "-k", other_key, cipher, out }, 1, "variant = weight-perturbation" },
    { { "decrypt", "-k", key, cut, out }, 1, "cut.png: PNG data ends early" },
    { { "decrypt", "-k", input, cipher, out }, 1, "in.png: not a key file" },
  };

  g_assert_true (g_file_get_contents (camera, &contents, &length, NULL));
  nc_test_write_file (input, contents, length);
  {
    g_auto(NcTestRun) setup = { 0 };
    g_auto(NcTestRun) chacha = { 0 };
    g_auto(NcTestRun) other = { 0 };

    run_cli (&setup, "encrypt", "-e", "hopfield", "--set", "variant=input-perturbation",
             input, cipher, NULL);
    g_assert_cmpint (setup.status, ==, 0);
    run_cli (&chacha, "keygen", "chacha20", "-o", chacha_key, NULL);
    run_cli (&other, "keygen", "hopfield", "-o", other_key, NULL);
  }
  g_assert_true (g_file_get_contents (cipher, &input_before, &length, NULL));
  nc_test_write_file (cut, input_before, length / 3);
  g_clear_pointer (&input_before, g_free);
  g_assert_true (g_file_get_contents (input, &input_before, NULL, NULL));

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(NcTestRun) run = { 0 };
      const char * const *a = cases[i].argv;

      run_cli (&run, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], NULL);
      assert_error_line (&run, cases[i].status, cases[i].words);
    }

  /* Nothing was written where a command failed, and the input is intact. */
  g_assert_false (g_file_test (jpeg, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_get_contents (input, &input_after, NULL, NULL));
  g_assert_cmpstr (input_after, ==, input_before);
  nc_test_tmpdir_remove (dir);
}

/* The benchmark runs and reports exact decryption for every engine and
 * variant; its timings are not judged here. */
/* train-gan on a small image (one step an epoch), then its weights in
 * use: encrypt and decrypt with --weights; and the refusals. */
/* randomness on NIST's own data: the ASCII bits of e (Appendix B), and
 * keystream's bytes are the zero image's ciphertext under the key. */
static void
test_randomness (void)
{
  g_autofree char *packed_path = g_test_build_filename (G_TEST_DIST, "data", "e-bits.bin", NULL);
  g_autofree char *dir = g_dir_make_tmp ("nc-cli-bits-XXXXXX", NULL);
  g_autofree char *ascii = g_build_filename (dir, "data.e", NULL);
  g_autofree char *packed = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(NcTestRun) run = { 0 };
  g_auto(NcTestRun) both = { 0 };
  g_auto(NcTestRun) short_file = { 0 };
  g_auto(NcTestRun) text_run = { 0 };
  JsonArray *tests;
  gsize length;

  g_assert_true (g_file_get_contents (packed_path, &packed, &length, NULL));
  for (gsize i = 0; i < length; i++)
    {
      for (guint k = 0; k < 8; k++)
        g_string_append_c (text, (packed[i] >> (7 - k)) & 1 ? '1' : '0');
      if (i % 16 == 15)
        g_string_append_c (text, '\n');
    }
  g_assert_true (g_file_set_contents (ascii, text->str, (gssize) text->len, NULL));

  run_cli (&run, "randomness", "--json", "--bits-file", ascii, NULL);
  g_assert_cmpint (run.status, ==, 0);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  tests = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "tests");
  g_assert_cmpuint (json_array_get_length (tests), ==, NC_NIST_N_TESTS);
  {
    JsonObject *frequency = json_array_get_object_element (tests, NC_NIST_FREQUENCY);
    JsonObject *templates = json_array_get_object_element (tests, NC_NIST_NON_OVERLAPPING_TEMPLATE);
    JsonObject *first = json_array_get_object_element (json_object_get_array_member (templates, "rows"), 0);
    JsonObject *row = json_array_get_object_element (json_object_get_array_member (frequency, "rows"), 0);

    g_assert_cmpstr (json_object_get_string_member (frequency, "id"), ==, "frequency");
    g_assert_cmpfloat_with_epsilon (json_array_get_double_element (json_object_get_array_member (row, "p_values"), 0),
                                    0.953749, 1e-6);
    g_assert_cmpstr (json_object_get_string_member (first, "variant"), ==, "000000001");
    g_assert_cmpfloat_with_epsilon (json_array_get_double_element (json_object_get_array_member (first, "p_values"), 0),
                                    0.078790, 1e-6);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (templates, "rows")), ==, 148);
  }

  run_cli (&text_run, "randomness", "--bits-file", ascii, "--bits", "100000", "--sequences", "10", NULL);
  g_assert_cmpint (text_run.status, ==, 0);
  g_assert_nonnull (strstr (text_run.out, "10 sequences of 100000 bits"));
  g_assert_nonnull (strstr (text_run.out, "Maurer's universal"));
  g_assert_nonnull (strstr (text_run.out, "not applicable: needs at least 387 840 bits"));

  run_cli (&both, "randomness", "-e", "chacha20", "--bits-file", ascii, NULL);
  assert_error_line (&both, 2, "either an engine");
  run_cli (&short_file, "randomness", "--bits-file", ascii, "--sequences", "2", NULL);
  assert_error_line (&short_file, 1, "data.e");

  g_unlink (ascii);
  g_rmdir (dir);
}

static void
test_keystream (void)
{
  const char *cli = g_getenv ("NEUROCIPHER_CLI");
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NcParams) key = nc_engine_new_params (nc_engine_find ("hopfield", NULL));
  g_autofree guint8 *expected = NULL;
  g_auto(NcTestRun) missing = { 0 };

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                              cli, "keystream", "-e", "hopfield", "--bytes", "5000", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  expected = nc_engine_zero_stream (nc_engine_for_params (key), key, 5000, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (out, NULL), g_bytes_get_size (out), expected, 5000);

  run_cli (&missing, "keystream", "-e", "hopfield", NULL);
  assert_error_line (&missing, 2, "--bytes");
}

/* A keystream made with every lane in one vector (in this process, where
 * the processor has AVX-512) is the one made four lanes at a time (the
 * CLI with NC_WIDE_LANES=0), for lengths on one thread and on two. */
static void
test_keystream_lanes (void)
{
  const char *cli = g_getenv ("NEUROCIPHER_CLI");
  const char *engines[][2] = { { "hopfield", "weight-perturbation" }, { "hopfield", "hybrid" },
                               { "cellular", "continuous" }, { "cellular", "adaptive" } };
  const char *lengths[] = { "777", "70001", "1000003" };

  for (gsize e = 0; e < G_N_ELEMENTS (engines); e++)
    for (gsize n = 0; n < G_N_ELEMENTS (lengths); n++)
      {
        g_autoptr(GSubprocessLauncher) launcher =
          g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
        g_autoptr(GSubprocess) process = NULL;
        g_autoptr(GBytes) out = NULL;
        g_autoptr(GError) error = NULL;
        g_autoptr(NcParams) key = nc_engine_new_params (nc_engine_find (engines[e][0], NULL));
        g_autofree char *variant = g_strdup_printf ("variant=%s", engines[e][1]);
        g_autofree guint8 *expected = NULL;
        gsize length = g_ascii_strtoull (lengths[n], NULL, 10);

        g_subprocess_launcher_setenv (launcher, "NC_WIDE_LANES", "0", TRUE);
        process = g_subprocess_launcher_spawn (launcher, &error, cli, "keystream", "-e", engines[e][0],
                                               "--set", variant, "--bytes", lengths[n], NULL);
        g_assert_no_error (error);
        g_subprocess_communicate (process, NULL, NULL, &out, NULL, &error);
        g_assert_no_error (error);
        g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
        g_assert_true (nc_params_set_from_string (key, variant, NULL));
        expected = nc_engine_zero_stream (nc_engine_for_params (key), key, length, NULL, &error);
        g_assert_no_error (error);
        g_assert_cmpmem (g_bytes_get_data (out, NULL), g_bytes_get_size (out), expected, length);
      }
}

/* compare: a row per engine and variant asked for, in JSON and CSV. */
static void
test_compare (void)
{
  g_autofree char *image = g_test_build_filename (G_TEST_DIST, "data", "noise-rgb.png", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(NcTestRun) json = { 0 };
  g_auto(NcTestRun) csv = { 0 };
  g_auto(NcTestRun) bad = { 0 };
  g_auto(GStrv) lines = NULL;
  JsonObject *root;
  JsonArray *rows;

  run_cli (&json, "compare", "--json", "--engines", "chacha20,cellular", image, NULL);
  g_assert_cmpint (json.status, ==, 0);
  json_parser_load_from_data (parser, json.out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  rows = json_object_get_array_member (root, "rows");
  g_assert_cmpuint (json_array_get_length (rows), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rows, 0), "engine"), ==, "chacha20");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rows, 1), "variant"), ==, "continuous");
  g_assert_true (json_object_has_member (json_array_get_object_element (rows, 1), "effective_key_bits"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "claims")), ==, 5);

  run_cli (&csv, "compare", "--csv", "--engines", "convolutional", image, NULL);
  g_assert_cmpint (csv.status, ==, 0);
  lines = g_strsplit (csv.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);          /* header, 3 rows, "" */
  g_assert_true (g_str_has_prefix (lines[0], "engine,variant,family,nominal_key_bits"));
  g_assert_true (g_str_has_prefix (lines[1], "convolutional,"));

  run_cli (&bad, "compare", "--engines", "nope", image, NULL);
  assert_error_line (&bad, 2, "nope");
}

/* sweep: JSON with the values, the metrics and the chaotic system; the
 * figure written; what cannot be swept refused. */
static void
test_sweep (void)
{
  g_autofree char *image = g_test_build_filename (G_TEST_DIST, "data", "noise-gray.png", NULL);
  g_autofree char *dir = nc_test_tmpdir_new ();
  g_autofree char *figure = g_build_filename (dir, "sweep.pdf", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(NcTestRun) json = { 0 };
  g_auto(NcTestRun) csv = { 0 };
  g_auto(NcTestRun) choice = { 0 };
  g_auto(NcTestRun) metric = { 0 };
  g_autofree char *contents = NULL;
  JsonObject *root, *chaos;
  g_auto(GStrv) lines = NULL;

  run_cli (&json, "sweep", "--json", "-e", "hopfield", "--param", "w22", "--steps", "4",
           "--metric", "entropy,lyapunov", "-o", figure, image, NULL);
  g_assert_cmpint (json.status, ==, 0);
  json_parser_load_from_data (parser, json.out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "param"), ==, "w22");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "values")), ==, 4);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_object_get_object_member (root, "metrics"), "entropy")), ==, 4);
  chaos = json_object_get_object_member (root, "chaos");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (chaos, "peaks")), ==, 4);
  g_assert_true (g_file_get_contents (figure, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF"));

  run_cli (&csv, "sweep", "--csv", "-e", "chacha20", "--param", "k0", "--steps", "3", image, NULL);
  g_assert_cmpint (csv.status, ==, 0);
  lines = g_strsplit (csv.out, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "k0,entropy");
  g_assert_true (g_str_has_prefix (lines[1], "0,"));
  g_assert_cmpuint (g_strv_length (lines), ==, 5);

  run_cli (&choice, "sweep", "-e", "hopfield", "--param", "source", image, NULL);
  assert_error_line (&choice, 1, "only real and integer parameters");
  run_cli (&metric, "sweep", "-e", "hopfield", "--param", "w11", "--metric", "speed", image, NULL);
  assert_error_line (&metric, 2, "the metrics are");
  nc_test_tmpdir_remove (dir);
}

/* report: a PDF and an HTML file; the wrong extension or an existing
 * file refused, nothing written. */
static void
test_report (void)
{
  g_autofree char *image = g_test_build_filename (G_TEST_DIST, "data", "noise-rgb.png", NULL);
  g_autofree char *dir = nc_test_tmpdir_new ();
  g_autofree char *pdf = g_build_filename (dir, "r.pdf", NULL);
  g_autofree char *txt = g_build_filename (dir, "r.txt", NULL);
  g_autofree char *contents = NULL;
  g_auto(NcTestRun) run = { 0 };
  g_auto(NcTestRun) again = { 0 };
  g_auto(NcTestRun) wrong = { 0 };

  run_cli (&run, "report", "-e", "cellular", image, "-o", pdf, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (pdf, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  run_cli (&again, "report", "-e", "cellular", image, "-o", pdf, NULL);
  assert_error_line (&again, 1, "--force");
  run_cli (&wrong, "report", "-e", "cellular", image, "-o", txt, NULL);
  assert_error_line (&wrong, 2, ".pdf or .html");
  g_assert_false (g_file_test (txt, G_FILE_TEST_EXISTS));
  nc_test_tmpdir_remove (dir);
}

/* report --lesson: a handout of the lesson's title page and a page per
 * step; a lesson with an engine of its own, an unknown lesson or another
 * format refused, nothing written. */
static void
test_handout (void)
{
  g_autofree char *image = g_test_build_filename (G_TEST_DIST, "data", "noise-rgb.png", NULL);
  g_autofree char *dir = nc_test_tmpdir_new ();
  g_autofree char *pdf = g_build_filename (dir, "h.pdf", NULL);
  g_autofree char *html = g_build_filename (dir, "h.html", NULL);
  g_autofree char *other = g_build_filename (dir, "other.pdf", NULL);
  g_autofree char *contents = NULL;
  gsize length;
  g_auto(NcTestRun) run = { 0 };
  g_auto(NcTestRun) keyed = { 0 };
  g_auto(NcTestRun) unknown = { 0 };
  g_auto(NcTestRun) wrong = { 0 };

  run_cli (&run, "report", "--lesson", "nonce-reuse", image, "-o", pdf, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_cmpuint (nc_test_pdf_pages (contents, length), ==, 3);   /* the title page and two steps */
  run_cli (&keyed, "report", "--lesson", "nonce-reuse", "-e", "hopfield", image, "-o", other, NULL);
  assert_error_line (&keyed, 2, "sets its own engine");
  run_cli (&unknown, "report", "--lesson", "no-such-lesson", image, "-o", other, NULL);
  assert_error_line (&unknown, 2, "no lesson");
  run_cli (&wrong, "report", "--lesson", "nonce-reuse", image, "-o", html, NULL);
  assert_error_line (&wrong, 2, ".pdf");
  g_assert_false (g_file_test (html, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
  nc_test_tmpdir_remove (dir);
}

/* A lecturer's own lessons: listed after the built-in ones and run by id
 * or by path; a broken file or a taken id left out with a warning naming
 * the file, the rest still usable. */
static void
test_own_lessons (void)
{
  g_autofree char *image = g_test_build_filename (G_TEST_DIST, "data", "noise-rgb.png", NULL);
  g_autofree char *home = nc_test_tmpdir_new ();
  g_autofree char *folder = g_build_filename (home, "neurocipher", "lessons", NULL);
  g_autofree char *mine = g_build_filename (folder, "mine.lesson", NULL);
  g_autofree char *broken = g_build_filename (folder, "broken.lesson", NULL);
  g_autofree char *taken = g_build_filename (folder, "taken.lesson", NULL);
  g_autofree char *old_home = g_strdup (g_getenv ("XDG_DATA_HOME"));
  static const char lesson[] =
    "[Lesson]\nId=my-own\nTitle=My own lesson\nText=ChaCha20 with a reused nonce.\nEngine=chacha20\n"
    "[Step 1]\nTitle=Reuse it\nSet=nonce=false\nExpect=attack.keystream.broken = true\n";
  g_auto(NcTestRun) listing = { 0 };
  g_auto(NcTestRun) by_id = { 0 };
  g_auto(NcTestRun) by_path = { 0 };
  g_auto(NcTestRun) missing = { 0 };

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (mine, lesson, -1, NULL));
  g_assert_true (g_file_set_contents (broken, "[Lesson]\nId=broken\n", -1, NULL));
  g_assert_true (g_file_set_contents (taken, "[Lesson]\nId=nonce-reuse\nTitle=T\nText=t\nEngine=chacha20\n"
                                             "[Step 1]\nTitle=s\nExpect=exact = true\n", -1, NULL));
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  run_cli (&listing, "lesson", "list", NULL);
  run_cli (&by_id, "lesson", "run", "my-own", image, NULL);
  run_cli (&missing, "lesson", "run", "no-such.lesson", image, NULL);
  g_unsetenv ("XDG_DATA_HOME");
  run_cli (&by_path, "lesson", "run", mine, image, NULL);
  if (old_home != NULL)
    g_setenv ("XDG_DATA_HOME", old_home, TRUE);

  g_assert_cmpint (listing.status, ==, 0);
  g_assert_nonnull (strstr (listing.out, "my-own"));
  g_assert_nonnull (strstr (listing.out, "nonce-reuse"));
  g_assert_nonnull (strstr (listing.err, "broken.lesson: a lesson needs"));
  g_assert_nonnull (strstr (listing.err, "taken.lesson: a lesson with the id “nonce-reuse” exists already"));
  g_assert_cmpint (by_id.status, ==, 0);
  g_assert_nonnull (strstr (by_id.out, "1 of 1 expectations confirmed"));
  g_assert_cmpint (by_path.status, ==, 0);
  g_assert_nonnull (strstr (by_path.out, "1 of 1 expectations confirmed"));
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_nonnull (strstr (missing.err, "no-such.lesson: cannot be opened"));
  nc_test_tmpdir_remove (home);
}

/* lesson list and run: each step's expectations measured, in JSON. */
static void
test_lesson (void)
{
  g_autofree char *image = g_test_build_filename (G_TEST_DIST, "data", "noise-rgb.png", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(NcTestRun) listing = { 0 };
  g_auto(NcTestRun) run = { 0 };
  g_auto(NcTestRun) missing = { 0 };
  JsonObject *root;

  run_cli (&listing, "lesson", "list", NULL);
  g_assert_cmpint (listing.status, ==, 0);
  g_assert_nonnull (strstr (listing.out, "nonce-reuse"));
  run_cli (&run, "lesson", "run", "nonce-reuse", image, "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "format"), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "steps")), ==, 2);
  g_assert_cmpint (json_object_get_int_member (root, "confirmed"), ==, json_object_get_int_member (root, "expectations"));
  run_cli (&missing, "lesson", "run", "no-such-lesson", NULL);
  assert_error_line (&missing, 2, "no lesson");
}

static void
test_train_gan (void)
{
  g_autofree char *dir = nc_test_tmpdir_new ();
  g_autofree char *image = g_build_filename (dir, "small.png", NULL);
  g_autofree char *weights = g_build_filename (dir, "w.ncw", NULL);
  g_autofree char *broken = g_build_filename (dir, "broken.ncw", NULL);
  g_autofree char *cipher = g_build_filename (dir, "c.png", NULL);
  g_autofree char *shipped = g_build_filename (dir, "shipped.png", NULL);
  g_autofree char *key = g_build_filename (dir, "c.nckey", NULL);
  g_autofree char *back = g_build_filename (dir, "back.png", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty", NULL);
  g_autoptr(NcImage) pattern = nc_test_pattern_image (64, 48, 3, 5);
  g_autoptr(NcImage) first = NULL;
  g_autoptr(NcImage) second = NULL;
  g_autoptr(NcImage) decrypted = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_auto(NcTestRun) train = { 0 };
  g_auto(NcTestRun) no_output = { 0 };
  g_auto(NcTestRun) no_images = { 0 };
  g_auto(NcTestRun) enc = { 0 };
  g_auto(NcTestRun) enc_shipped = { 0 };
  g_auto(NcTestRun) dec = { 0 };
  g_auto(NcTestRun) bad_weights = { 0 };
  g_auto(NcTestRun) dec_shipped = { 0 };

  g_assert_true (nc_image_save_png (pattern, image, NULL, NC_SAVE_DEFAULT, NULL));
  run_cli (&train, "train-gan", "--epochs", "2", "--seed", "9", "-o", weights, image, NULL);
  g_assert_cmpint (train.status, ==, 0);
  g_assert_nonnull (strstr (train.out, "direct ciphertext generation"));
  g_assert_nonnull (strstr (train.out, "wrote"));

  run_cli (&enc, "encrypt", "-e", "adversarial", "--seed", "1", "--set", "variant=direct",
           "--weights", weights, image, cipher, NULL);
  g_assert_cmpint (enc.status, ==, 0);
  run_cli (&dec, "decrypt", "-k", key, "--weights", weights, cipher, back, NULL);
  g_assert_cmpint (dec.status, ==, 0);
  decrypted = nc_image_load (back, NULL, NULL);
  g_assert_true (nc_image_equal (decrypted, pattern));

  /* The weights are part of the cipher: the shipped ones give another
   * ciphertext for the same key. */
  run_cli (&enc_shipped, "encrypt", "-k", key, image, shipped, NULL);
  g_assert_cmpint (enc_shipped.status, ==, 0);
  first = nc_image_load (cipher, NULL, NULL);
  second = nc_image_load (shipped, NULL, NULL);
  g_assert_false (nc_image_equal (first, second));

  run_cli (&dec_shipped, "decrypt", "-k", key, cipher, back, "--force", NULL);
  assert_error_line (&dec_shipped, 1, "c.png: was encrypted with other generator weights");

  run_cli (&no_output, "train-gan", image, NULL);
  assert_error_line (&no_output, 2, "-o FILE");
  g_assert_cmpint (g_mkdir (empty, 0700), ==, 0);
  run_cli (&no_images, "train-gan", "-o", weights, empty, NULL);
  assert_error_line (&no_images, 1, "empty: holds no image to train on");

  /* A damaged weights file: one line naming it, exit 1. */
  bytes = g_bytes_new_static ("NCGANW\r\n\1\0\0\0", 12);
  nc_test_write_file (broken, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  run_cli (&bad_weights, "encrypt", "-e", "adversarial", "--weights", broken, image, cipher,
           "--force", NULL);
  assert_error_line (&bad_weights, 1, "broken.ncw: weights file is truncated");
  nc_test_tmpdir_remove (dir);
}

static void
test_bench_smoke (void)
{
  g_auto(NcTestRun) run = { 0 };
  g_auto(NcTestRun) bad = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *rows;

  run_cli (&run, "bench", "--size", "17x9x3", "--size", "5x3x1", "--repeat", "1", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (json_parser_get_root (parser)), "format"), ==, 1);
  rows = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "results");
  g_assert_cmpuint (json_array_get_length (rows), >=, 2 * 10);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    g_assert_true (json_object_get_boolean_member (json_array_get_object_element (rows, i), "exact"));

  run_cli (&bad, "bench", "--size", "17x9x4", NULL);
  assert_error_line (&bad, 2, "--size");
}

static void
test_analyze (void)
{
  g_autofree char *camera = nc_test_sample_path ("camera.png");
  g_autofree char *astronaut = nc_test_sample_path ("astronaut.png");
  g_auto(NcTestRun) plain_only = { 0 };
  g_auto(NcTestRun) with_engine = { 0 };
  g_auto(NcTestRun) mismatch = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *key;

  run_cli (&plain_only, "analyze", camera, NULL);
  g_assert_cmpint (plain_only.status, ==, 0);
  g_assert_nonnull (strstr (plain_only.out, "entropy 7.2317"));

  run_cli (&with_engine, "analyze", "-e", "hopfield", "--json", camera, NULL);
  g_assert_cmpint (with_engine.status, ==, 0);
  json_parser_load_from_data (parser, with_engine.out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_get_boolean_member (root, "decrypts_exactly"));
  key = json_object_get_object_member (root, "key_sensitivity");
  g_assert_cmpfloat (json_object_get_double_member (key, "npcr"), >, 99.0);
  g_assert_true (json_object_has_member (root, "ciphertext"));

  run_cli (&mismatch, "analyze", "--cipher", astronaut, camera, NULL);
  assert_error_line (&mismatch, 1, "differ in shape");
}

static void
test_figure (void)
{
  g_autofree char *dir = nc_test_tmpdir_new ();
  g_autofree char *camera = nc_test_sample_path ("camera.png");
  g_autofree char *svg = g_build_filename (dir, "h.svg", NULL);
  g_autofree char *jpg = g_build_filename (dir, "h.jpg", NULL);
  g_auto(NcTestRun) ok = { 0 };
  g_auto(NcTestRun) bad_kind = { 0 };
  g_auto(NcTestRun) bad_format = { 0 };
  g_auto(NcTestRun) no_output = { 0 };

  run_cli (&ok, "figure", "histogram", camera, "-e", "hopfield", "-o", svg, NULL);
  g_assert_cmpint (ok.status, ==, 0);
  g_assert_true (g_file_test (svg, G_FILE_TEST_EXISTS));
  run_cli (&bad_kind, "figure", "pie", camera, "-o", svg, NULL);
  assert_error_line (&bad_kind, 2, "no figure “pie”");
  run_cli (&bad_format, "figure", "panes", camera, "-o", jpg, NULL);
  assert_error_line (&bad_format, 1, "h.jpg: figures are written as");
  run_cli (&no_output, "figure", "panes", camera, NULL);
  assert_error_line (&no_output, 2, "-o");
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
  g_test_add_func ("/cli/encrypt-decrypt", test_encrypt_decrypt);
  g_test_add_func ("/cli/encrypt-decrypt-refusals", test_encrypt_decrypt_refusals);
  g_test_add_func ("/cli/fresh-nonce", test_fresh_nonce);
  g_test_add_func ("/cli/attack", test_attack);
  g_test_add_func ("/cli/measure", test_measure);
  g_test_add_func ("/cli/randomness", test_randomness);
  g_test_add_func ("/cli/compare", test_compare);
  g_test_add_func ("/cli/sweep", test_sweep);
  g_test_add_func ("/cli/report", test_report);
  g_test_add_func ("/cli/handout", test_handout);
  g_test_add_func ("/cli/own-lessons", test_own_lessons);
  g_test_add_func ("/cli/lesson", test_lesson);
  g_test_add_func ("/cli/keystream", test_keystream);
  g_test_add_func ("/cli/keystream-lanes", test_keystream_lanes);
  g_test_add_func ("/cli/train-gan", test_train_gan);
  g_test_add_func ("/cli/bench-smoke", test_bench_smoke);
  g_test_add_func ("/cli/analyze", test_analyze);
  g_test_add_func ("/cli/figure", test_figure);

  return g_test_run ();
}
