/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "nc-i18n.h"

#include "nc-file.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <unistd.h>

/**
 * nc_set_file_error:
 * @error: return location for an error
 * @code: an #NcErrorCode
 * @path: the file the problem is in
 * @format: printf-style description of the problem
 *
 * Sets an error of the form "PATH: problem", the way every message about a
 * file is worded, so a person always learns which file is at fault.
 */
void
nc_set_file_error (GError      **error,
                   NcErrorCode   code,
                   const char   *path,
                   const char   *format,
                   ...)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *problem = NULL;
  va_list args;

  if (error == NULL)
    return;

  va_start (args, format);
  problem = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, NC_ERROR, code, _("%s: %s"), display, problem);
}

/**
 * nc_prefix_file_error:
 * @error: an error that may not name a file yet
 * @path: the file it is about
 *
 * Puts "PATH: " before the message of an error raised below a layer that
 * did not know the file's name (parsers working on bytes, for example).
 */
void
nc_prefix_file_error (GError     **error,
                      const char  *path)
{
  g_autofree char *display = NULL;

  if (error == NULL || *error == NULL)
    return;
  display = g_filename_display_name (path);
  g_prefix_error (error, "%s: ", display);
}

/**
 * nc_file_map:
 * @path: a file to read
 * @error: return location for an error
 *
 * Maps a file read-only. An empty file, a directory or an unreadable file
 * is an error naming the file.
 *
 * Returns: (transfer full) (nullable): the mapping
 */
GMappedFile *
nc_file_map (const char  *path,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  GMappedFile *mapped;
  struct stat st;
  int fd;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      nc_set_file_error (error, NC_ERROR_IO, path, _("is a folder, not a file"));
      return NULL;
    }

  /* Not blocking: a FIFO opened to read would wait for a writer. */
  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK, 0);
  if (fd < 0)
    {
      int saved_errno = errno;
      nc_set_file_error (error, NC_ERROR_IO, path, _("cannot be opened (%s)"),
                         g_strerror (saved_errno));
      return NULL;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_close (fd, NULL);
      nc_set_file_error (error, NC_ERROR_IO, path,
                         _("is not a regular file (a pipe, a socket or a device cannot be read as an image)"));
      return NULL;
    }

  mapped = g_mapped_file_new_from_fd (fd, FALSE, &local_error);
  g_close (fd, NULL);
  if (mapped == NULL)
    {
      nc_set_file_error (error, NC_ERROR_IO, path, _("cannot be read (%s)"),
                         local_error->message);
      return NULL;
    }

  if (g_mapped_file_get_length (mapped) == 0)
    {
      g_mapped_file_unref (mapped);
      nc_set_file_error (error, NC_ERROR_EMPTY, path, _("the file is empty (0 bytes)"));
      return NULL;
    }

  return mapped;
}

/* The temporary file is created with @mode (less the umask). */
static gboolean
write_atomic_mode (const char  *path,
                   const void  *data,
                   gsize        length,
                   int          mode,
                   GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!g_file_set_contents_full (path, data, (gssize) length,
                                 G_FILE_SET_CONTENTS_CONSISTENT, mode,
                                 &local_error))
    {
      nc_set_file_error (error, NC_ERROR_IO, path, _("cannot be written (%s)"),
                         local_error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * nc_file_write_atomic:
 * @path: where to write
 * @data: the bytes
 * @length: how many
 * @error: return location for an error
 *
 * Writes to a temporary file beside @path and renames it over @path, so a
 * reader sees the old file or the whole new one, never a part.
 */
gboolean
nc_file_write_atomic (const char  *path,
                      const void  *data,
                      gsize        length,
                      GError     **error)
{
  return write_atomic_mode (path, data, length, 0666, error);
}

/**
 * nc_file_write_secret:
 *
 * nc_file_write_atomic() for a secret (a key file): created readable and
 * writable by its owner alone (mode 0600), whatever the umask.
 */
gboolean
nc_file_write_secret (const char  *path,
                      const void  *data,
                      gsize        length,
                      GError     **error)
{
  return write_atomic_mode (path, data, length, 0600, error);
}

/**
 * nc_file_stage:
 * @path: where the file is to go
 * @mode: its permissions (less the umask)
 *
 * Writes @data beside @path under a temporary name, flushed to disk, for
 * nc_file_commit() to rename over @path once everything it goes with is
 * written, or nc_file_discard() to remove: two files replaced together
 * (a ciphertext and its key) are never left half old, half new.
 *
 * Returns: (transfer full) (nullable): the temporary file's path
 */
char *
nc_file_stage (const char  *path,
               const void  *data,
               gsize        length,
               int          mode,
               GError     **error)
{
  g_autofree char *temp = g_strconcat (path, ".XXXXXX", NULL);
  const guint8 *p = data;
  gsize done = 0;
  int fd = g_mkstemp_full (temp, O_WRONLY | O_CLOEXEC, mode);

  if (fd < 0)
    {
      int saved_errno = errno;

      nc_set_file_error (error, NC_ERROR_IO, path, _("cannot be written (%s)"), g_strerror (saved_errno));
      return NULL;
    }
  while (done < length)
    {
      gssize n = write (fd, p + done, length - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      done += (gsize) n;
    }
  if (done < length || fsync (fd) != 0)
    {
      int saved_errno = errno;

      g_close (fd, NULL);
      g_unlink (temp);
      nc_set_file_error (error, NC_ERROR_IO, path, _("cannot be written (%s)"), g_strerror (saved_errno));
      return NULL;
    }
  if (!g_close (fd, NULL))
    {
      g_unlink (temp);
      nc_set_file_error (error, NC_ERROR_IO, path, _("cannot be written (closing it failed)"));
      return NULL;
    }
  return g_steal_pointer (&temp);
}

/* Puts a staged file in place. */
gboolean
nc_file_commit (const char  *temp,
                const char  *path,
                GError     **error)
{
  if (g_rename (temp, path) != 0)
    {
      int saved_errno = errno;

      nc_set_file_error (error, NC_ERROR_IO, path, _("cannot be put in place (%s); it is in %s"),
                         g_strerror (saved_errno), temp);
      return FALSE;
    }
  return TRUE;
}

void
nc_file_discard (const char *temp)
{
  if (temp != NULL)
    g_unlink (temp);
}

/**
 * nc_file_check_not_input:
 * @output: a path about to be written
 * @input: a path that was read
 * @error: return location for an error
 *
 * Refuses an output path that names the input file (by device and inode,
 * so links and other spellings of the path are caught too).
 */
gboolean
nc_file_check_not_input (const char  *output,
                         const char  *input,
                         GError     **error)
{
  GStatBuf out_stat, in_stat;

  if (g_stat (output, &out_stat) != 0 || g_stat (input, &in_stat) != 0)
    return TRUE;

  if (out_stat.st_dev == in_stat.st_dev && out_stat.st_ino == in_stat.st_ino)
    {
      nc_set_file_error (error, NC_ERROR_INVALID, output,
                         _("is the input file; refusing to overwrite it"));
      return FALSE;
    }
  return TRUE;
}

/**
 * nc_samples_dir:
 *
 * Returns: (transfer full): the folder of bundled sample images: the
 *   installed one, or the source tree's when running from the build tree
 */
char *
nc_samples_dir (void)
{
  const char *override = g_getenv ("NEUROCIPHER_SAMPLES_DIR");
  g_autofree char *installed = g_build_filename (PKGDATADIR, "samples", NULL);

  if (override != NULL && *override != '\0')
    return g_strdup (override);
  if (g_file_test (installed, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&installed);
  return g_strdup (SOURCE_SAMPLES_DIR);
}
