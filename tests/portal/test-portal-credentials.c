/* test-portal-credentials.c: the session token without a keyring goes to a private file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "pd-core.h"
#include "pd-credentials.h"
#include "pd-portal-test.h"
#include "pd-test-util.h"

static void
test_no_keyring_falls_back_to_private_file (void)
{
  g_autoptr(PdCredentials) credentials = pd_credentials_new (TRUE);
  g_autofree char *path = pd_credentials_get_fallback_path (credentials);
  g_autoptr(GAsyncResult) stored = NULL;
  g_autoptr(GAsyncResult) found = NULL;
  g_autoptr(GAsyncResult) cleared = NULL;
  g_autoptr(GAsyncResult) gone = NULL;
  g_autofree char *token = NULL;
  g_autofree char *none = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  stored = PD_TEST_RUN (pd_credentials_store_async, credentials, "https://portal.example", "hr",
                        "secret-token-123456", NULL);
  g_assert_true (pd_credentials_store_finish (credentials, stored, &error));
  g_assert_no_error (error);
  g_assert_true (pd_credentials_get_using_fallback (credentials));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "secret-token-123456"));

  found = PD_TEST_RUN (pd_credentials_lookup_async, credentials, "https://portal.example", "hr", NULL);
  token = pd_credentials_lookup_finish (credentials, found, &error);
  g_assert_cmpstr (token, ==, "secret-token-123456");

  cleared = PD_TEST_RUN (pd_credentials_clear_async, credentials, "https://portal.example", "hr", NULL);
  g_assert_true (pd_credentials_clear_finish (credentials, cleared, &error));
  gone = PD_TEST_RUN (pd_credentials_lookup_async, credentials, "https://portal.example", "hr", NULL);
  none = pd_credentials_lookup_finish (credentials, gone, &error);
  g_assert_no_error (error);
  g_assert_null (none);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_dir = pd_test_make_tmpdir ("pd-portal-cred-XXXXXX");
  int ret;

  /* No session bus, so no Secret Service: the fallback must take over. */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/permitdesk-test-bus", TRUE);
  g_setenv ("PERMITDESK_DATA_DIR", data_dir, TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/portal/no-keyring-falls-back-to-private-file", test_no_keyring_falls_back_to_private_file);
  ret = g_test_run ();
  pd_test_rm_rf (data_dir);
  return ret;
}
