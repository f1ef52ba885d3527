/* test-portal-redirect.c: a hostile portal on loopback answers with redirects to another
 * server — the client follows none, so neither the token nor the password travel on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <libsoup/soup.h>
#include <string.h>

#include "pd-core.h"
#include "pd-portal-test.h"
#include "pd-test-util.h"

typedef struct {
  SoupServer *hostile;
  SoupServer *collector;
  char       *hostile_url;
  char       *collector_url;
  guint       collected;        /* requests that reached the collector */
  gboolean    redirect_sign_in;
} Fixture;

static char *
server_url (SoupServer *server)
{
  g_autoslist(GUri) uris = soup_server_get_uris (server);

  return g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
}

static void
on_collector_request_cb (SoupServer        *server,
                         SoupServerMessage *msg,
                         const char        *path,
                         GHashTable        *query,
                         gpointer           user_data)
{
  Fixture *f = user_data;
  static const char empty[] = "{\"items\": [], \"next_page_token\": null, \"sync_token\": \"x\"}";

  f->collected++;
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, empty, strlen (empty));
}

static void
on_hostile_request_cb (SoupServer        *server,
                       SoupServerMessage *msg,
                       const char        *path,
                       GHashTable        *query,
                       gpointer           user_data)
{
  Fixture *f = user_data;
  static const char session[] = "{\"token\": \"hostile-session-token-0123456789\", "
                                "\"expires_at\": \"2099-01-01T00:00:00Z\", \"role\": \"hr\", "
                                "\"employer_id\": \"emp-shanghai-orbit\"}";
  g_autofree char *elsewhere = g_strconcat (f->collector_url, path, NULL);

  if (g_str_equal (path, "/api/v1/session") && !f->redirect_sign_in)
    {
      soup_server_message_set_status (msg, 201, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        session, strlen (session));
      return;
    }
  /* 307 keeps the method and the body: a followed sign-in would resend the password. */
  soup_server_message_set_redirect (msg, f->redirect_sign_in ? 307 : 302, elsewhere);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->redirect_sign_in = GPOINTER_TO_INT (data);
  f->hostile = soup_server_new (NULL, NULL);
  f->collector = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->hostile, NULL, on_hostile_request_cb, f, NULL);
  soup_server_add_handler (f->collector, NULL, on_collector_request_cb, f, NULL);
  g_assert_true (soup_server_listen_local (f->hostile, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_true (soup_server_listen_local (f->collector, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  f->hostile_url = server_url (f->hostile);
  f->collector_url = server_url (f->collector);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  soup_server_disconnect (f->hostile);
  soup_server_disconnect (f->collector);
  g_clear_object (&f->hostile);
  g_clear_object (&f->collector);
  g_free (f->hostile_url);
  g_free (f->collector_url);
}

static void
test_redirect_does_not_carry_the_token (Fixture       *f,
                                        gconstpointer  data)
{
  g_autoptr(PdPortalClient) client = pd_test_client_signed_in (f->hostile_url, "hr", "hr-demo");
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GError) error = NULL;

  cases = pd_test_list (client, PD_PORTAL_KIND_CASE, NULL, 0, NULL, &error);
  g_assert_error (error, PD_PORTAL_ERROR, PD_PORTAL_ERROR_INVALID_RESPONSE);
  g_assert_null (cases);
  g_assert_cmpuint (f->collected, ==, 0);
}

static void
test_redirect_does_not_carry_the_password (Fixture       *f,
                                           gconstpointer  data)
{
  g_autoptr(PdPortalClient) client = pd_test_client_new (f->hostile_url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = PD_TEST_RUN (pd_portal_client_sign_in_async, client, "hr", "hr-demo", NULL);
  g_assert_false (pd_portal_client_sign_in_finish (client, result, &error));
  g_assert_error (error, PD_PORTAL_ERROR, PD_PORTAL_ERROR_INVALID_RESPONSE);
  g_assert_cmpuint (f->collected, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_dir = pd_test_make_tmpdir ("pd-portal-redirect-XXXXXX");
  int ret;

  g_setenv ("PERMITDESK_DATA_DIR", data_dir, TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/portal/redirect-does-not-carry-the-token", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_redirect_does_not_carry_the_token, fixture_tear_down);
  g_test_add ("/portal/redirect-does-not-carry-the-password", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_redirect_does_not_carry_the_password, fixture_tear_down);
  ret = g_test_run ();
  pd_test_rm_rf (data_dir);
  return ret;
}
