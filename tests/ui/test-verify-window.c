/* test-verify-window.c: the Verify page of the real window, from a typed code to a
 * verdict on screen and a row in the audit log
 *
 * The trust data is a PKI made for this run with tools/permitdesk-sign.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pd-test-widgets.h"
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "pd-application.h"
#include "pd-store.h"
#include "pd-store-private.h"
#include "pd-scanner.h"
#include "pd-test-app.h"
#include "pd-test-util.h"
#include "pd-verify-view.h"
#include "pd-window.h"

typedef struct {
  char          *dir;
  char          *code;
  PdApplication *app;
  PdWindow      *window;
  PdVerifyView  *view;
} Fixture;

static void
spin_until_verdict (Fixture   *f,
                    PdVerdict *previous)
{
  gint64 until = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < until)
    {
      PdVerdict *verdict = pd_verify_view_get_verdict (f->view);

      if (verdict != NULL && verdict != previous)
        return;
      g_main_context_iteration (NULL, FALSE);
    }
  g_assert_not_reached ();
}

static void
run_tool (const char *dir,
          const char *args,
          const char *input,
          char      **output)
{
  g_autofree char *tool = g_build_filename (g_getenv ("PD_BUILD_ROOT"), "tools", "permitdesk-sign", NULL);
  g_autofree char *command = g_strdup_printf ("%s %s", tool, args);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) argv = NULL;

  g_shell_parse_argv (command, NULL, &argv, &error);
  g_assert_no_error (error);
  g_subprocess_launcher_set_cwd (launcher, dir);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, output, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));
}

static void
type_code (Fixture    *f,
           const char *text)
{
  GtkWidget *entry = pd_test_find_row (GTK_WIDGET (f->view), "Type or paste a code or 18-digit permit number");

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "entry-activated");
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *trust = NULL;
  g_autofree char *keys = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = NULL;

  f->dir = pd_test_make_tmpdir ("pd-verify-window-XXXXXX");
  trust = g_build_filename (f->dir, "trust", NULL);
  keys = g_build_filename (f->dir, "keys", NULL);
  data_dir = g_build_filename (f->dir, "data", NULL);
  g_mkdir (trust, 0700);
  g_mkdir (keys, 0700);
  run_tool (f->dir, "make-ca --cert trust/ca.pem --key keys/ca.key", NULL, NULL);
  run_tool (f->dir, "make-signer --ca-cert trust/ca.pem --ca-key keys/ca.key --cert trust/signer.pem --key keys/signer.key", NULL, NULL);
  run_tool (f->dir, "make-crl --ca-cert trust/ca.pem --ca-key keys/ca.key --out trust/ca.crl", NULL, NULL);
  run_tool (f->dir, "sign --cert trust/signer.pem --key keys/signer.key",
            "{\"no\":\"110000202600000001\",\"name_latin\":\"WANG XIAOMING\",\"name_zh\":\"王小明\","
            "\"nationality\":\"CAN\",\"dob\":\"1988-08-08\",\"employer\":\"示例科技\",\"category\":\"B\","
            "\"valid_from\":\"2026-01-01\",\"valid_until\":\"2036-12-31\",\"issued\":\"2025-12-15\"}",
            &f->code);
  g_strstrip (f->code);

  g_setenv ("PERMITDESK_TRUST_DIR", trust, TRUE);
  g_setenv ("PERMITDESK_DATA_DIR", data_dir, TRUE);
  g_setenv ("PERMITDESK_CAMERA_PIPELINE", "videotestsrc pattern=black is-live=true ! video/x-raw,width=320,height=240,framerate=10/1", TRUE);

  f->app = pd_test_app_start (&f->window);
  pd_window_set_visible_view (f->window, "verify");
  f->view = PD_VERIFY_VIEW (gtk_widget_get_ancestor (pd_test_find_row (GTK_WIDGET (f->window), "Type or paste a code or 18-digit permit number"),
                                                     PD_TYPE_VERIFY_VIEW));
  g_assert_nonnull (f->view);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->app);
  pd_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->code);
}

static gint64
audit_rows (Fixture *f)
{
  g_autoptr(GDateTime) epoch = g_date_time_new_from_unix_utc (0);
  g_autoptr(GError) error = NULL;
  gint64 n = pd_audit_log_count_since (pd_application_get_audit_log (f->app), epoch, &error);

  g_assert_no_error (error);
  return n;
}

/* The officer's export: one line per verification, no code text, owner-only; a log
 * that was tampered with is still exported, with a warning. */
static void
check_export (Fixture *f)
{
  g_autofree char *path = g_build_filename (f->dir, "audit.csv", NULL);
  g_autofree char *warning = NULL;
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = pd_store_get_db (pd_application_get_store (f->app));
  struct stat st;

  g_assert_true (pd_application_export_audit_log (f->app, path, &warning, &error));
  g_assert_no_error (error);
  g_assert_null (warning);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (path, &csv, NULL, NULL));
  lines = g_strsplit (g_strstrip (csv), "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_null (strstr (csv, "XIAOMING"));

  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER audit_log_no_update;"
                                     "UPDATE audit_log SET verdict = 'valid' WHERE id = 2;", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (pd_application_export_audit_log (f->app, path, &warning, &error));
  g_assert_no_error (error);
  g_assert_nonnull (warning);
}

static void
test_verify_window_typed_code_gets_verdict_and_audit_row (Fixture       *f,
                                                          gconstpointer  data)
{
  g_autofree char *tampered = NULL;
  g_autoptr(GError) error = NULL;
  PdVerdict *first;

  type_code (f, f->code);
  spin_until_verdict (f, NULL);
  first = pd_verify_view_get_verdict (f->view);
  g_assert_cmpint (pd_verdict_get_result (first), ==, PD_VERDICT_RESULT_VALID);
  g_assert_cmpint (audit_rows (f), ==, 1);

  /* One changed letter in the holder's name: the signature no longer matches. */
  tampered = g_strdup (f->code);
  *strstr (tampered, "XIAOMING") = 'Y';
  type_code (f, tampered);
  spin_until_verdict (f, first);
  g_assert_cmpint (pd_verdict_get_result (pd_verify_view_get_verdict (f->view)), ==, PD_VERDICT_RESULT_INVALID);
  g_assert_cmpint (audit_rows (f), ==, 2);

  g_assert_true (pd_audit_log_check (pd_application_get_audit_log (f->app), &error));
  g_assert_no_error (error);

  check_export (f);
}

static gboolean
shows_label_starting (GtkWidget  *root,
                      const char *prefix)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_visible (root) &&
      g_str_has_prefix (gtk_label_get_text (GTK_LABEL (root)), prefix))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    if (shows_label_starting (child, prefix))
      return TRUE;
  return FALSE;
}

/* A pasted image beyond the scanner's limit is refused, with its size, before its
 * pixels are copied out of the texture. */
static void
test_verify_window_oversized_paste_is_refused (Fixture       *f,
                                               gconstpointer  data)
{
  const int width = PD_SCANNER_MAX_SIZE + 1, height = 4;
  g_autoptr(GBytes) pixels = g_bytes_new_take (g_malloc0 ((gsize) width * height * 4),
                                               (gsize) width * height * 4);
  g_autoptr(GdkTexture) texture = gdk_memory_texture_new (width, height, GDK_MEMORY_B8G8R8A8_PREMULTIPLIED,
                                                          pixels, (gsize) width * 4);
  g_autofree char *expected = g_strdup_printf ("The pasted image is %d × %d pixels, too large to scan.",
                                               width, height);
  gint64 until = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  gdk_clipboard_set_texture (gtk_widget_get_clipboard (GTK_WIDGET (f->view)), texture);
  gtk_widget_activate_action (GTK_WIDGET (f->view), "verify.paste", NULL);
  while (!shows_label_starting (GTK_WIDGET (f->view), expected))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, until);
      g_main_context_iteration (NULL, FALSE);
    }
  g_assert_null (pd_verify_view_get_verdict (f->view));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/ui/verify-window/typed-code-gets-verdict-and-audit-row", Fixture, NULL,
              fixture_setup, test_verify_window_typed_code_gets_verdict_and_audit_row, fixture_teardown);
  g_test_add ("/ui/verify-window/oversized-paste-is-refused", Fixture, NULL,
              fixture_setup, test_verify_window_oversized_paste_is_refused, fixture_teardown);

  return g_test_run ();
}
