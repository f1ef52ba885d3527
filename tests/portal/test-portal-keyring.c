/* test-portal-keyring.c: a keyring that answers but refuses (locked) is reported, and the
 * token is not quietly written to the private file instead
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "pd-core.h"
#include "pd-credentials.h"
#include "pd-portal-test.h"
#include "pd-test-util.h"

/* Runs on GDBus's worker thread: every method call to the service gets IsLocked, as a
 * locked keyring whose unlock prompt was dismissed would answer. */
static GDBusMessage *
refuse_everything_cb (GDBusConnection *connection,
                      GDBusMessage    *message,
                      gboolean         incoming,
                      gpointer         user_data)
{
  g_autoptr(GDBusMessage) reply = NULL;

  if (!incoming || g_dbus_message_get_message_type (message) != G_DBUS_MESSAGE_TYPE_METHOD_CALL)
    return message;
  reply = g_dbus_message_new_method_error (message, "org.freedesktop.Secret.Error.IsLocked",
                                           "The collection is locked");
  g_dbus_connection_send_message (connection, reply, G_DBUS_SEND_MESSAGE_FLAGS_NONE, NULL, NULL);
  g_object_unref (message);
  return NULL;
}

static void
test_locked_keyring_is_reported (void)
{
  g_autoptr(GTestDBus) bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_autoptr(GDBusConnection) service = NULL;
  g_autoptr(PdCredentials) credentials = NULL;
  g_autoptr(GAsyncResult) stored = NULL;
  g_autoptr(GVariant) owned = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  g_test_dbus_up (bus);
  service = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (bus),
                                                    G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                    G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                    NULL, NULL, &error);
  g_assert_no_error (error);
  owned = g_dbus_connection_call_sync (service, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", "org.freedesktop.secrets", 0),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_add_filter (service, refuse_everything_cb, NULL, NULL);

  credentials = pd_credentials_new (TRUE);
  path = pd_credentials_get_fallback_path (credentials);
  stored = PD_TEST_RUN (pd_credentials_store_async, credentials, "https://portal.example", "hr",
                        "secret-token-123456", NULL);
  g_assert_false (pd_credentials_store_finish (credentials, stored, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "Unlock the keyring"));
  g_assert_false (pd_credentials_get_using_fallback (credentials));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  g_dbus_connection_close_sync (service, NULL, NULL);
  g_test_dbus_down (bus);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_dir = pd_test_make_tmpdir ("pd-portal-keyring-XXXXXX");
  int ret;

  g_setenv ("PERMITDESK_DATA_DIR", data_dir, TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/portal/locked-keyring-is-reported", test_locked_keyring_is_reported);
  ret = g_test_run ();
  pd_test_rm_rf (data_dir);
  return ret;
}
