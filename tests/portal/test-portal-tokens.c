/* test-portal-tokens.c: single-use online tokens in the portal's SQLite file, used at the
 * same moment through two connections
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pd-portal-db.h"
#include "pd-portal-server.h"
#include "pd-test-util.h"

#define N_TOKENS 400

typedef struct {
  char         *path;
  GPtrArray    *hashes;          /* GBytes */
  gint64        now;
  gint          waiting;       /* threads not yet at the start line */
  guint         ok[N_TOKENS];    /* per token, how many verifiers were told "valid" */
  GMutex        lock;
} Race;

/* The database only stores and compares the hash; any distinct bytes will do here. */
static GBytes *
token_hash (guint i)
{
  char *token = g_strdup_printf ("token-hash-%u", i);

  return g_bytes_new_take (token, strlen (token));
}

static gpointer
verifier_thread (gpointer data)
{
  Race *race = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PdPortalDb) db = pd_portal_db_open (race->path, &error);

  g_assert_no_error (error);
  /* Both start together, so each token is tried by both at nearly the same moment. */
  g_atomic_int_dec_and_test (&race->waiting);
  while (g_atomic_int_get (&race->waiting) > 0)
    g_thread_yield ();
  for (guint i = 0; i < race->hashes->len; i++)
    {
      g_autofree char *number = NULL;
      PdPortalTokenState state;

      state = pd_portal_db_use_online_token (db, g_ptr_array_index (race->hashes, i),
                                             race->now, &number, &error);
      g_assert_no_error (error);
      if (state == PD_PORTAL_TOKEN_OK)
        {
          g_assert_cmpstr (number, ==, "WP-1");
          g_mutex_lock (&race->lock);
          race->ok[i]++;
          g_mutex_unlock (&race->lock);
        }
      else
        g_assert_cmpint (state, ==, PD_PORTAL_TOKEN_USED);
    }
  return NULL;
}

static void
test_token_used_once_under_race (void)
{
  g_autofree char *dir = pd_test_make_tmpdir ("pd-portal-tokens-XXXXXX");
  g_autoptr(GError) error = NULL;
  g_autoptr(PdPortalDb) db = NULL;
  Race race = { 0 };
  GThread *threads[2];

  race.path = g_build_filename (dir, "portal.db", NULL);
  race.hashes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  race.now = g_get_real_time () / G_USEC_PER_SEC;
  race.waiting = G_N_ELEMENTS (threads);
  g_mutex_init (&race.lock);

  db = pd_portal_db_open (race.path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < N_TOKENS; i++)
    {
      g_ptr_array_add (race.hashes, token_hash (i));
      g_assert_true (pd_portal_db_add_online_token (db, g_ptr_array_index (race.hashes, i),
                                                    "WP-1", race.now + 600, &error));
    }

  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    threads[t] = g_thread_new ("verifier", verifier_thread, &race);
  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    g_thread_join (threads[t]);

  for (guint i = 0; i < N_TOKENS; i++)
    g_assert_cmpuint (race.ok[i], ==, 1);

  g_mutex_clear (&race.lock);
  g_ptr_array_unref (race.hashes);
  g_clear_pointer (&db, pd_portal_db_free);
  g_free (race.path);
  pd_test_rm_rf (dir);
}

static void
test_token_miss_says_why (void)
{
  g_autofree char *dir = pd_test_make_tmpdir ("pd-portal-tokens-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "portal.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PdPortalDb) db = pd_portal_db_open (path, &error);
  g_autoptr(GBytes) fresh = token_hash (1);
  g_autoptr(GBytes) stale = token_hash (2);
  g_autoptr(GBytes) never = token_hash (3);
  g_autofree char *number = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_assert_no_error (error);
  g_assert_true (pd_portal_db_add_online_token (db, fresh, "WP-1", now + 60, &error));
  g_assert_true (pd_portal_db_add_online_token (db, stale, "WP-2", now - 1, &error));

  g_assert_cmpint (pd_portal_db_use_online_token (db, fresh, now, &number, &error), ==,
                   PD_PORTAL_TOKEN_OK);
  g_assert_cmpstr (number, ==, "WP-1");
  g_clear_pointer (&number, g_free);
  g_assert_cmpint (pd_portal_db_use_online_token (db, fresh, now, &number, &error), ==,
                   PD_PORTAL_TOKEN_USED);
  g_assert_cmpint (pd_portal_db_use_online_token (db, stale, now, &number, &error), ==,
                   PD_PORTAL_TOKEN_EXPIRED);
  g_assert_cmpint (pd_portal_db_use_online_token (db, never, now, &number, &error), ==,
                   PD_PORTAL_TOKEN_UNKNOWN);
  g_assert_null (number);
  g_assert_no_error (error);

  g_clear_pointer (&db, pd_portal_db_free);
  pd_test_rm_rf (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/portal/online-token-used-once-under-race", test_token_used_once_under_race);
  g_test_add_func ("/portal/online-token-miss-says-why", test_token_miss_says_why);
  return g_test_run ();
}
