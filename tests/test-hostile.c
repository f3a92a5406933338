/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Hostile input through the command line: every class of broken image,
 * ciphertext and key file gets exit status 1 and one line naming the
 * file, writes nothing, and never shows a secret; a full disk and a
 * read-only folder leave the old file as it was. (The window opens the
 * same catalogue in test-window.) */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include "nc-engine.h"
#include "nc-image-io.h"
#include "nc-test-hostile.h"
#include "nc-test-util.h"

static void
run_cli (NcTestRun *run,
         const char * const *args)
{
  nc_test_run_cli (run, args);
}

/* The outcome the case asks for: a refusal is status 1 and one line
 * naming the file (and its words). */
static void
check (const NcHostileCase *c,
       const NcTestRun           *run,
       const char          *command)
{
  g_autofree char *name = g_path_get_basename (c->path);
  gboolean refused = run->status == 1 && strstr (run->err, name) != NULL &&
                     (c->words == NULL || strstr (run->err, c->words) != NULL);
  const char *newline = strchr (run->err, '\n');

  if (c->outcome == NC_HOSTILE_LOADS && run->status != 0)
    g_error ("%s, %s: wanted it to work; got %d, “%s”", c->what, command, run->status, run->err);
  if (c->outcome == NC_HOSTILE_REFUSED && !refused)
    g_error ("%s, %s: wanted status 1 and “%s” naming %s; got %d, “%s”", c->what, command,
             c->words != NULL ? c->words : "", name, run->status, run->err);
  if (c->outcome == NC_HOSTILE_EITHER && run->status != 0 && !refused)
    g_error ("%s, %s: wanted success or a refusal naming %s; got %d, “%s”", c->what, command, name,
             run->status, run->err);
  if (run->status == 1)
    g_assert_true (newline == NULL || newline[1] == '\0');
  g_test_message ("%-44s %-8s %s", c->what, command, run->status == 0 ? "works" : run->err);
}

static void
test_images (void)
{
  g_autofree char *dir = nc_test_tmpdir_new ();
  g_autoptr(GPtrArray) cases = nc_test_hostile_images (dir);
  g_autofree char *out = g_build_filename (dir, "out.png", NULL);

  for (guint i = 0; i < cases->len; i++)
    {
      const NcHostileCase *c = cases->pdata[i];
      const char *info[] = { "info", c->path, NULL };
      const char *analyze[] = { "analyze", "-e", "chacha20", c->path, NULL };
      const char *encrypt[] = { "encrypt", "-e", "chacha20", "--force", c->path, out, NULL };
      g_auto(NcTestRun) a = { 0 };
      g_auto(NcTestRun) b = { 0 };
      g_auto(NcTestRun) e = { 0 };

      run_cli (&a, info);
      check (c, &a, "info");
      run_cli (&b, analyze);
      check (c, &b, "analyze");
      run_cli (&e, encrypt);
      check (c, &e, "encrypt");
      /* Nothing written for a refused input, not even a key. */
      if (e.status != 0)
        {
          g_autofree char *key = g_build_filename (dir, "out.nckey", NULL);

          g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
          g_assert_false (g_file_test (key, G_FILE_TEST_EXISTS));
        }
      g_unlink (out);
      {
        g_autofree char *key = g_build_filename (dir, "out.nckey", NULL);

        g_unlink (key);
      }
    }
  nc_test_tmpdir_remove (dir);
}

/* A ciphertext records its engine and public parameters, never a key
 * parameter. */
static void
assert_no_secret_metadata (const char *cipher_path)
{
  g_autoptr(NcLoadInfo) info = NULL;
  g_autoptr(NcImage) image = nc_image_load (cipher_path, &info, NULL);
  const NcEngine *engine = nc_engine_find ("hopfield", NULL);

  g_assert_nonnull (image);
  g_assert_cmpstr (g_hash_table_lookup (info->text, "neurocipher:engine"), ==, "hopfield");
  for (guint i = 0; i < engine->schema.n_specs; i++)
    if (engine->schema.specs[i].in_key)
      {
        g_autofree char *name = g_strconcat ("neurocipher:", engine->schema.specs[i].id, NULL);

        g_assert_false (g_hash_table_contains (info->text, name));
      }
}

static void
test_ciphertexts (void)
{
  g_autofree char *dir = nc_test_tmpdir_new ();
  g_autofree char *key = NULL;
  g_autoptr(GPtrArray) cases = nc_test_hostile_ciphertexts (dir, &key);
  g_autofree char *out = g_build_filename (dir, "plain.png", NULL);

  for (guint i = 0; i < cases->len; i++)
    {
      const NcHostileCase *c = cases->pdata[i];
      const char *decrypt[] = { "decrypt", "-k", key, "--force", c->path, out, NULL };
      g_auto(NcTestRun) run = { 0 };

      run_cli (&run, decrypt);
      check (c, &run, "decrypt");
      if (c->outcome == NC_HOSTILE_LOADS)
        assert_no_secret_metadata (c->path);
      if (run.status != 0)
        g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
      g_unlink (out);
    }
  nc_test_tmpdir_remove (dir);
}

static void
test_keys (void)
{
  g_autofree char *dir = nc_test_tmpdir_new ();
  g_autoptr(GPtrArray) cases = nc_test_hostile_keys (dir);
  g_autofree char *image = nc_test_sample_path ("camera.png");
  g_autofree char *out = g_build_filename (dir, "c.png", NULL);

  for (guint i = 0; i < cases->len; i++)
    {
      const NcHostileCase *c = cases->pdata[i];
      const char *encrypt[] = { "encrypt", "-e", "hopfield", "-k", c->path, image, out, NULL };
      g_auto(NcTestRun) run = { 0 };

      run_cli (&run, encrypt);
      check (c, &run, "encrypt");
      /* A secret value never appears in a message. */
      g_assert_null (strstr (run.err, "=7"));
      g_assert_null (strstr (run.err, "abc"));
      g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
    }
  nc_test_tmpdir_remove (dir);
}

/* Mounts a small tmpfs at @dir; FALSE (the test skipped) where this
 * machine does not allow it. */
static gboolean
mount_small (const char *dir,
             const char *size)
{
  g_autofree char *options = g_strdup_printf ("size=%s,mode=0755", size);

  if (mount ("nc-test", dir, "tmpfs", 0, options) != 0)
    {
      g_autofree char *why = g_strdup_printf ("cannot mount a tmpfs here (%s)", g_strerror (errno));

      g_test_skip (why);
      return FALSE;
    }
  return TRUE;
}

/* No temporary file is left behind by a failed write. */
static void
assert_only_old_files (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (!g_str_equal (name, "old.png") && !g_str_equal (name, "old.nckey") && !g_str_equal (name, "filler"))
      g_error ("a failed write left %s behind", name);
}

/* A file replaced with --force on a full disk or in a read-only folder:
 * an error naming it, and the old file intact. */
static void
check_old_kept (const char *dir,
                const char *what)
{
  g_autofree char *image = nc_test_sample_path ("astronaut.png");
  g_autofree char *old = g_build_filename (dir, "old.png", NULL);
  g_autofree char *key = g_build_filename (dir, "old.nckey", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *key_before = NULL;
  g_autofree char *key_after = NULL;
  const char *encrypt[] = { "encrypt", "-e", "chacha20", "--force", image, old, NULL };
  const char *keygen[] = { "keygen", "hopfield", "--force", "-o", key, NULL };
  g_auto(NcTestRun) run = { 0 };
  g_auto(NcTestRun) keys = { 0 };

  g_assert_true (g_file_get_contents (old, &before, NULL, NULL));
  g_assert_true (g_file_get_contents (key, &key_before, NULL, NULL));
  run_cli (&run, encrypt);
  g_test_message ("%s, encrypt: %s", what, run.err);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "old"));
  g_assert_true (g_file_get_contents (old, &after, NULL, NULL));
  g_assert_cmpstr (before, ==, after);
  run_cli (&keys, keygen);
  g_test_message ("%s, keygen: %s", what, keys.err);
  g_assert_cmpint (keys.status, ==, 1);
  g_assert_nonnull (strstr (keys.err, "old.nckey"));
  g_assert_true (g_file_get_contents (key, &key_after, NULL, NULL));
  g_assert_cmpstr (key_before, ==, key_after);
  assert_only_old_files (dir);
}

static void
fill_old_files (const char *dir)
{
  g_autofree char *old = g_build_filename (dir, "old.png", NULL);
  g_autofree char *key = g_build_filename (dir, "old.nckey", NULL);

  nc_test_write_file (old, "the old file\n", 13);
  nc_test_write_file (key, "the old key\n", 12);
}

/* Room for a key file but not for a ciphertext: encrypt --force over an
 * older pair leaves both as they were. */
static void
check_pair_kept (const char *dir,
                 const char *filler)
{
  g_autofree char *image = nc_test_sample_path ("astronaut.png");
  g_autofree char *old = g_build_filename (dir, "old.png", NULL);
  g_autofree char *key = g_build_filename (dir, "old.nckey", NULL);
  g_autofree char *image_after = NULL;
  g_autofree char *key_after = NULL;
  const char *encrypt[] = { "encrypt", "-e", "chacha20", "--force", image, old, NULL };
  g_auto(NcTestRun) run = { 0 };
  GStatBuf st;

  /* 64 KiB free. */
  g_assert_cmpint (g_stat (filler, &st), ==, 0);
  g_assert_cmpint (truncate (filler, MAX (st.st_size - 65536, 0)), ==, 0);
  run_cli (&run, encrypt);
  g_test_message ("full disk after the key, encrypt: %s", run.err);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "old.png"));
  g_assert_true (g_file_get_contents (old, &image_after, NULL, NULL));
  g_assert_cmpstr (image_after, ==, "the old file\n");
  g_assert_true (g_file_get_contents (key, &key_after, NULL, NULL));
  g_assert_cmpstr (key_after, ==, "the old key\n");
  assert_only_old_files (dir);
}

static void
test_full_disk (void)
{
  g_autofree char *dir = nc_test_tmpdir_new ();
  g_autofree char *filler = g_build_filename (dir, "filler", NULL);
  g_autofree char *zeros = g_malloc0 (16384);
  FILE *f;

  if (!mount_small (dir, "512k"))
    {
      nc_test_tmpdir_remove (dir);
      return;
    }
  fill_old_files (dir);
  /* Fill what is left. */
  f = fopen (filler, "wb");
  g_assert_nonnull (f);
  while (fwrite (zeros, 1, 16384, f) == 16384 && fflush (f) == 0)
    ;
  fclose (f);
  check_old_kept (dir, "full disk");
  check_pair_kept (dir, filler);
  g_assert_cmpint (umount (dir), ==, 0);
  nc_test_tmpdir_remove (dir);
}

static void
test_read_only_folder (void)
{
  g_autofree char *dir = nc_test_tmpdir_new ();

  if (!mount_small (dir, "1m"))
    {
      nc_test_tmpdir_remove (dir);
      return;
    }
  fill_old_files (dir);
  g_assert_cmpint (mount ("nc-test", dir, "tmpfs", MS_REMOUNT | MS_RDONLY, NULL), ==, 0);
  check_old_kept (dir, "read-only folder");
  g_assert_cmpint (umount (dir), ==, 0);
  nc_test_tmpdir_remove (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/hostile/images", test_images);
  g_test_add_func ("/hostile/ciphertexts", test_ciphertexts);
  g_test_add_func ("/hostile/keys", test_keys);
  g_test_add_func ("/hostile/full-disk", test_full_disk);
  g_test_add_func ("/hostile/read-only-folder", test_read_only_folder);
  return g_test_run ();
}
