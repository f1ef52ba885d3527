/* test-portal-throttle.c: sign-in throttling — guesses sent in parallel, a flood of
 * invented user names, and what the client tells the user
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <libsoup/soup.h>
#include <stdlib.h>
#include <string.h>

#include "pd-portal-server-private.h"
#include "pd-portal-test.h"
#include "pd-test-util.h"

#define N_GUESSES 6

typedef struct {
  guint  unauthorized;
  guint  too_many;
  guint  pending;
  char  *retry_after;
  char  *problem_type;
} Guesses;

static void
on_guess_answered_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  Guesses *guesses = user_data;
  SoupMessage *message = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  guint status = soup_message_get_status (message);

  g_assert_nonnull (body);
  if (status == 401)
    guesses->unauthorized++;
  else
    {
      g_assert_cmpuint (status, ==, 429);
      guesses->too_many++;
      g_free (guesses->retry_after);
      guesses->retry_after = g_strdup (soup_message_headers_get_one (
        soup_message_get_response_headers (message), "Retry-After"));
      g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                                 (gssize) g_bytes_get_size (body), NULL));
      g_free (guesses->problem_type);
      guesses->problem_type = g_strdup (json_object_get_string_member (
        json_node_get_object (json_parser_get_root (parser)), "type"));
    }
  guesses->pending--;
}

/* The first guess is checked; the others, sent before it failed, are refused. */
static void
test_parallel_guesses_are_refused (void)
{
  g_autoptr(PdTestPortal) portal = pd_test_portal_start (NULL);
  g_autoptr(SoupSession) session = soup_session_new_with_options ("max-conns-per-host", N_GUESSES, NULL);
  g_autofree char *url = g_strconcat (portal->url, "/api/v1/session", NULL);
  static const char guess[] = "{\"user\":\"hr\",\"password\":\"wrong-guess\"}";
  g_autoptr(PdPortalClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Guesses guesses = { 0 };

  for (guint i = 0; i < N_GUESSES; i++)
    {
      g_autoptr(SoupMessage) message = soup_message_new ("POST", url);
      g_autoptr(GBytes) body = g_bytes_new_static (guess, sizeof guess - 1);

      soup_message_set_request_body_from_bytes (message, "application/json", body);
      guesses.pending++;
      soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL,
                                        on_guess_answered_cb, &guesses);
    }
  while (guesses.pending > 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (guesses.unauthorized, ==, 1);
  g_assert_cmpuint (guesses.too_many, ==, N_GUESSES - 1);
  g_assert_cmpstr (guesses.problem_type, ==, PD_PROBLEM_TOO_MANY_ATTEMPTS);
  g_assert_nonnull (guesses.retry_after);
  g_assert_cmpint (atoi (guesses.retry_after), >=, 1);

  /* Once nothing is in flight, the right password still works (after the back-off). */
  client = pd_test_client_signed_in (portal->url, "hr", "hr-demo");
  g_assert_cmpstr (pd_portal_client_get_role (client), ==, "hr");
  g_free (guesses.retry_after);
  g_free (guesses.problem_type);
}

/* A second attempt while one is in flight is told to wait, in words a user can follow. */
static void
test_client_explains_too_many_attempts (void)
{
  g_autoptr(PdTestPortal) portal = pd_test_portal_start (NULL);
  g_autoptr(PdPortalClient) first = pd_test_client_new (portal->url);
  g_autoptr(PdPortalClient) second = pd_test_client_new (portal->url);
  GAsyncResult *first_result = NULL, *second_result = NULL;
  g_autoptr(GError) first_error = NULL;
  g_autoptr(GError) second_error = NULL;

  pd_portal_client_sign_in_async (first, "hr", "wrong-guess", NULL, pd_test_store_result_cb, &first_result);
  pd_portal_client_sign_in_async (second, "hr", "wrong-guess", NULL, pd_test_store_result_cb, &second_result);
  pd_test_wait (&first_result);
  pd_test_wait (&second_result);
  g_assert_false (pd_portal_client_sign_in_finish (first, first_result, &first_error));
  g_assert_false (pd_portal_client_sign_in_finish (second, second_result, &second_error));
  g_object_unref (first_result);
  g_object_unref (second_result);

  /* Which request reaches the portal first is not fixed; one of each answer. */
  if (g_error_matches (first_error, PD_PORTAL_ERROR, PD_PORTAL_ERROR_REJECTED))
    {
      GError *swap = first_error;

      first_error = second_error;
      second_error = swap;
    }
  g_assert_error (first_error, PD_PORTAL_ERROR, PD_PORTAL_ERROR_UNAUTHORIZED);
  g_assert_error (second_error, PD_PORTAL_ERROR, PD_PORTAL_ERROR_REJECTED);
  g_assert_cmpstr (second_error->message, ==,
                   "The portal is still checking another sign-in for this user. "
                   "Wait a few seconds and sign in again.");
}

/* A flood of invented user names, more than the table holds, pushes out its own
 * records, not the victim's back-off. */
static void
test_flood_keeps_victim_back_off (void)
{
  g_autofree char *dir = pd_test_make_tmpdir ("pd-portal-throttle-XXXXXX");
  g_autoptr(GError) error = NULL;
  g_autoptr(PdPortalServer) server = pd_portal_server_new (dir, &error);
  guint delay = 0, retry_after = 0;

  g_assert_no_error (error);
  g_assert_true (pd_portal_server_sign_in_begin (server, "someone", "192.0.2.9", &delay, &retry_after));
  pd_portal_server_sign_in_end (server, "someone", "192.0.2.9", FALSE);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_true (pd_portal_server_sign_in_begin (server, "victim", "192.0.2.1", &delay, &retry_after));
      pd_portal_server_sign_in_end (server, "victim", "192.0.2.1", FALSE);
    }

  for (guint i = 0; i < 2 * PD_PORTAL_SIGN_IN_RECORDS; i++)
    {
      g_autofree char *invented = g_strdup_printf ("invented-%u", i);

      g_assert_true (pd_portal_server_sign_in_begin (server, invented, "198.51.100.7", &delay, &retry_after));
      pd_portal_server_sign_in_end (server, invented, "198.51.100.7", FALSE);
    }

  g_assert_true (pd_portal_server_sign_in_begin (server, "victim", "192.0.2.1", &delay, &retry_after));
  g_assert_cmpuint (delay, ==, 1000);
  /* While that attempt is in flight, the next one is refused. */
  g_assert_false (pd_portal_server_sign_in_begin (server, "victim", "192.0.2.1", &delay, &retry_after));
  g_assert_cmpuint (retry_after, >=, 1);
  pd_portal_server_sign_in_end (server, "victim", "192.0.2.1", TRUE);

  g_clear_object (&server);
  pd_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_dir = pd_test_make_tmpdir ("pd-portal-throttle-XXXXXX");
  int ret;

  g_setenv ("PERMITDESK_DATA_DIR", data_dir, TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/portal/parallel-guesses-are-refused", test_parallel_guesses_are_refused);
  g_test_add_func ("/portal/client-explains-too-many-attempts", test_client_explains_too_many_attempts);
  g_test_add_func ("/portal/flood-keeps-victim-back-off", test_flood_keeps_victim_back_off);
  ret = g_test_run ();
  pd_test_rm_rf (data_dir);
  return ret;
}
