/* pd-portal-test.c: a real permitdesk-portal on loopback for the portal tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <signal.h>
#include <sys/prctl.h>

#include "pd-portal-test.h"
#include "pd-test-util.h"

static char *
portal_binary (void)
{
  return g_build_filename (g_getenv ("PD_BUILD_ROOT"), "src", "portal-server", "permitdesk-portal", NULL);
}

/* A test that aborts must not leave a server behind holding the test's stderr. */
static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static void
spawn (PdTestPortal *portal)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  GInputStream *stdout_pipe;

  g_ptr_array_add (argv, portal_binary ());
  g_ptr_array_add (argv, g_strdup ("--listen"));
  g_ptr_array_add (argv, g_strdup (portal->listen != NULL ? portal->listen : "127.0.0.1:0"));
  g_ptr_array_add (argv, g_strdup ("--data"));
  g_ptr_array_add (argv, g_strdup (portal->data_dir));
  g_ptr_array_add (argv, g_strdup ("--seed"));
  g_ptr_array_add (argv, g_strdup ("demo"));
  for (guint i = 0; portal->extra_args != NULL && portal->extra_args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (portal->extra_args[i]));
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  portal->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  stdout_pipe = g_subprocess_get_stdout_pipe (portal->process);
  out = g_data_input_stream_new (stdout_pipe);
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "listening on "));
  g_free (portal->url);
  portal->url = g_strdup (line + strlen ("listening on "));
  if (portal->listen == NULL)
    portal->listen = g_strdup (strstr (portal->url, "://") + 3);
}

/* Starts permitdesk-portal --seed demo on 127.0.0.1 with a fresh data folder. */
PdTestPortal *
pd_test_portal_start (const char * const *extra_args)
{
  PdTestPortal *portal = g_new0 (PdTestPortal, 1);

  portal->data_dir = pd_test_make_tmpdir ("pd-portal-XXXXXX");
  portal->extra_args = g_strdupv ((char **) extra_args);
  spawn (portal);
  return portal;
}

/* Kills it hard, as a crash or a power cut would. */
void
pd_test_portal_kill (PdTestPortal *portal)
{
  if (portal->process == NULL)
    return;
  g_subprocess_send_signal (portal->process, SIGKILL);
  g_subprocess_wait (portal->process, NULL, NULL);
  g_clear_object (&portal->process);
}

/* Starts it again on the same address and data. */
void
pd_test_portal_restart (PdTestPortal *portal)
{
  pd_test_portal_kill (portal);
  spawn (portal);
}

void
pd_test_portal_free (PdTestPortal *portal)
{
  if (portal->process != NULL)
    {
      g_subprocess_send_signal (portal->process, SIGTERM);
      g_subprocess_wait (portal->process, NULL, NULL);
      g_clear_object (&portal->process);
    }
  pd_test_rm_rf (portal->data_dir);
  g_free (portal->data_dir);
  g_free (portal->url);
  g_free (portal->listen);
  g_strfreev (portal->extra_args);
  g_free (portal);
}

void
pd_test_store_result_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Iterates the default main context until @slot is set; the caller owns the result. */
GAsyncResult *
pd_test_wait (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

/* Tokens go to the private file in the test's data folder, never the keyring. */
PdPortalClient *
pd_test_client_new (const char *url)
{
  g_autoptr(PdCredentials) credentials = pd_credentials_new (FALSE);

  return pd_portal_client_new (url, credentials);
}

PdPortalClient *
pd_test_client_signed_in (const char *url,
                          const char *user,
                          const char *password)
{
  PdPortalClient *client = pd_test_client_new (url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = PD_TEST_RUN (pd_portal_client_sign_in_async, client, user, password, NULL);
  g_assert_true (pd_portal_client_sign_in_finish (client, result, &error));
  g_assert_no_error (error);
  return client;
}

JsonObject *
pd_test_get_case (PdPortalClient  *client,
                  const char      *id,
                  GError         **error)
{
  g_autoptr(GAsyncResult) result = PD_TEST_RUN (pd_portal_client_get_async, client,
                                                PD_PORTAL_KIND_CASE, id, NULL);

  return pd_portal_client_get_finish (client, result, error);
}

GPtrArray *
pd_test_list (PdPortalClient  *client,
              PdPortalKind     kind,
              const char      *since,
              guint            page_size,
              char           **sync_token,
              GError         **error)
{
  g_autoptr(GAsyncResult) result = PD_TEST_RUN (pd_portal_client_list_async, client, kind,
                                                since, page_size, NULL);

  return pd_portal_client_list_finish (client, result, sync_token, error);
}

/* A new-permit case for a person of the demo HR user's employer. */
JsonObject *
pd_test_new_case_fields (const char *person_id,
                         const char *position)
{
  JsonObject *fields = json_object_new ();

  json_object_set_string_member (fields, "employer_id", "emp-shanghai-orbit");
  json_object_set_string_member (fields, "person_id", person_id);
  json_object_set_string_member (fields, "kind", "new-permit");
  json_object_set_string_member (fields, "category", "b");
  json_object_set_string_member (fields, "city", "Shanghai");
  json_object_set_string_member (fields, "position", position);
  return fields;
}

typedef struct {
  guint next;
  guint n;
  guint pending;
} Creating;

static void create_next (PdPortalClient *client, Creating *creating);

static void
on_case_created_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Creating *creating = user_data;
  g_autoptr(JsonObject) created = NULL;
  g_autoptr(GError) error = NULL;

  created = pd_portal_client_create_finish (PD_PORTAL_CLIENT (source), result, &error);
  g_assert_no_error (error);
  creating->pending--;
  create_next (PD_PORTAL_CLIENT (source), creating);
}

static void
create_next (PdPortalClient *client,
             Creating       *creating)
{
  g_autofree char *position = NULL;
  g_autofree char *key = NULL;
  g_autoptr(JsonObject) fields = NULL;

  if (creating->next >= creating->n)
    return;
  position = g_strdup_printf ("Engineer %u", creating->next);
  key = g_strdup_printf ("bench-%u", creating->next);
  fields = pd_test_new_case_fields ("per-lucas-martin", position);
  creating->next++;
  creating->pending++;
  pd_portal_client_create_async (client, PD_PORTAL_KIND_CASE, fields, key, NULL, on_case_created_cb, creating);
}

void
pd_test_create_cases (PdPortalClient *client,
                      guint           n,
                      guint           in_flight)
{
  Creating creating = { 0, n, 0 };

  for (guint i = 0; i < in_flight; i++)
    create_next (client, &creating);
  while (creating.pending > 0)
    g_main_context_iteration (NULL, TRUE);
}

double
pd_test_get_each (PdPortalClient *client,
                  GPtrArray      *items)
{
  double start = pd_test_now_ms ();

  for (guint i = 0; i < items->len; i++)
    {
      const char *id = json_object_get_string_member (g_ptr_array_index (items, i), "id");
      g_autoptr(JsonObject) one = NULL;
      g_autoptr(GError) error = NULL;

      one = pd_test_get_case (client, id, &error);
      g_assert_no_error (error);
    }
  return pd_test_now_ms () - start;
}
