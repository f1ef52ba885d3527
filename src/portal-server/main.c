/* main.c: permitdesk-portal, the reference portal server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-portal-server"

#include "config.h"

#include <glib-unix.h>
#include <locale.h>
#include <stdio.h>

#include "pd-portal-server.h"

static char *listen_address = NULL;
static char *data_dir = NULL;
static char *tls_cert = NULL;
static char *tls_key = NULL;
static char *seed = NULL;
static char *faults = NULL;
static int token_lifetime = 0;
static int online_token_lifetime = 0;

static const GOptionEntry entries[] = {
  { "listen", 'l', 0, G_OPTION_ARG_STRING, &listen_address, "Address to listen on (default 127.0.0.1:8080; port 0 picks one)", "ADDR:PORT" },
  { "data", 'd', 0, G_OPTION_ARG_FILENAME, &data_dir, "Folder of the portal database (required)", "DIR" },
  { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &tls_cert, "PEM certificate (chain) for HTTPS", "FILE" },
  { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &tls_key, "PEM private key for HTTPS", "FILE" },
  { "seed", 0, 0, G_OPTION_ARG_STRING, &seed, "Fill an empty database with demo data", "demo" },
  { "faults", 0, 0, G_OPTION_ARG_STRING, &faults, "Fault injection for tests (also PERMITDESK_PORTAL_FAULTS)", "SPEC" },
  { "token-lifetime", 0, 0, G_OPTION_ARG_INT, &token_lifetime, "Session token lifetime (default 28800)", "SECONDS" },
  { "online-token-lifetime", 0, 0, G_OPTION_ARG_INT, &online_token_lifetime, "Online token lifetime (default 60)", "SECONDS" },
  { NULL }
};

static gboolean
on_signal_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static gboolean
configure (PdPortalServer  *server,
           GError         **error)
{
  const char *env_faults = g_getenv ("PERMITDESK_PORTAL_FAULTS");

  if (seed != NULL && !g_str_equal (seed, "demo"))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "--seed knows only “demo”");
      return FALSE;
    }
  if (token_lifetime < 0 || online_token_lifetime < 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "lifetimes are positive");
      return FALSE;
    }
  if (token_lifetime > 0)
    pd_portal_server_set_token_lifetime (server, (guint) token_lifetime);
  if (online_token_lifetime > 0)
    pd_portal_server_set_online_token_lifetime (server, (guint) online_token_lifetime);
  if (!pd_portal_server_set_faults (server, faults != NULL ? faults : env_faults, error))
    return FALSE;
  return seed == NULL || pd_portal_server_seed_demo (server, error);
}

static int
run (void)
{
  g_autoptr(PdPortalServer) server = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  if ((tls_cert == NULL) != (tls_key == NULL))
    {
      g_printerr ("permitdesk-portal: --tls-cert and --tls-key go together\n");
      return 2;
    }
  if (tls_cert != NULL && (certificate = g_tls_certificate_new_from_files (tls_cert, tls_key, &error)) == NULL)
    goto failed;
  server = pd_portal_server_new (data_dir, &error);
  if (server == NULL || !configure (server, &error))
    goto failed;
  if (!pd_portal_server_listen (server, listen_address != NULL ? listen_address : "127.0.0.1:8080",
                                certificate, &error))
    goto failed;

  url = pd_portal_server_get_url (server);
  /* Tests and build-aux/dev read this line to learn the port. */
  printf ("listening on %s\n", url);
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, on_signal_cb, loop);
  g_unix_signal_add (SIGTERM, on_signal_cb, loop);
  g_main_loop_run (loop);
  return 0;

failed:
  g_printerr ("permitdesk-portal: %s\n", error->message);
  return 1;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— the PermitDesk reference portal");
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("permitdesk-portal: %s\n", error->message);
      return 2;
    }
  if (data_dir == NULL)
    {
      g_printerr ("permitdesk-portal: --data DIR is required\n");
      return 2;
    }
  return run ();
}
