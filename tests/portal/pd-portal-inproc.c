/* pd-portal-inproc.c: the reference portal running in the test's process, on a thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pd-portal-inproc.h"
#include "pd-test-util.h"

struct _PdTestInProcess
{
  GMutex             lock;
  GCond              ready;
  GMainContext      *context;
  GMainLoop         *loop;
  GThread           *thread;
  char              *data_dir;
  char              *url;
  PdTestServerSetup  setup;
  gpointer           user_data;
};

static gpointer
server_thread (gpointer data)
{
  PdTestInProcess *self = data;
  g_autoptr(PdPortalServer) server = NULL;
  g_autoptr(GError) error = NULL;

  g_main_context_push_thread_default (self->context);
  server = pd_portal_server_new (self->data_dir, &error);
  g_assert_no_error (error);
  g_assert_true (pd_portal_server_seed_demo (server, &error));
  g_assert_no_error (error);
  self->setup (server, self->user_data);
  g_assert_true (pd_portal_server_listen (server, "127.0.0.1:0", NULL, &error));
  g_assert_no_error (error);

  g_mutex_lock (&self->lock);
  self->url = pd_portal_server_get_url (server);
  g_cond_signal (&self->ready);
  g_mutex_unlock (&self->lock);

  g_main_loop_run (self->loop);
  g_clear_object (&server);
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

/* A freshly seeded demo portal; returns once it listens on loopback. */
PdTestInProcess *
pd_test_in_process_start (PdTestServerSetup setup,
                          gpointer          user_data)
{
  PdTestInProcess *self = g_new0 (PdTestInProcess, 1);

  g_mutex_init (&self->lock);
  g_cond_init (&self->ready);
  self->setup = setup;
  self->user_data = user_data;
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->data_dir = pd_test_make_tmpdir ("pd-portal-inproc-XXXXXX");
  g_mutex_lock (&self->lock);
  self->thread = g_thread_new ("portal", server_thread, self);
  while (self->url == NULL)
    g_cond_wait (&self->ready, &self->lock);
  g_mutex_unlock (&self->lock);
  return self;
}

const char *
pd_test_in_process_get_url (PdTestInProcess *self)
{
  return self->url;
}

void
pd_test_in_process_stop (PdTestInProcess *self)
{
  g_main_loop_quit (self->loop);
  g_thread_join (self->thread);
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  pd_test_rm_rf (self->data_dir);
  g_free (self->data_dir);
  g_free (self->url);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->ready);
  g_free (self);
}
