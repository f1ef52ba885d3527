/* pd-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-application"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-application.h"
#include "pd-audit-log.h"
#include "pd-core.h"
#include "pd-store-private.h"
#include "pd-trust-store.h"
#include "pd-verifier.h"
#include "pd-demo.h"
#include "pd-portal-client.h"
#include "pd-portal-online-checker.h"
#include "pd-preferences-window.h"
#include "pd-rules-refresh.h"
#include "pd-scan-cli.h"
#include "pd-store.h"
#include "pd-sync-engine.h"
#include "pd-trust-refresh.h"
#include "pd-verify-cli.h"
#include "pd-window.h"

struct _PdApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  PdStore        *store;
  GError         *store_error;
  PdVerifier     *verifier;
  PdAuditLog     *audit_log;
  PdPortalClient *portal_client;
  PdSyncEngine   *sync_engine;
  PdTrustRefresh *trust_refresh;
  PdRules        *rules;
  GError         *rules_error;
  PdRulesRefresh *rules_refresh;
  GCancellable   *cancellable;
  guint           trust_refresh_id;
};

/* How often the trust list and the rule sets are fetched again while signed in. */
#define TRUST_REFRESH_INTERVAL (4 * 60 * 60)

G_DEFINE_FINAL_TYPE (PdApplication, pd_application, ADW_TYPE_APPLICATION)

static const GOptionEntry main_entries[] = {
  { "version", 'v', 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
  { "demo-data", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Fill an empty case database with demo data first"), NULL },
  { "decode", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Decode the codes in each image or PDF file, print them as JSON lines and exit"), NULL },
  { "verify", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Verify each code (a file, or the code’s text), print the verdicts as JSON and exit"), NULL },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL, NULL, N_("[FILE|TEXT…]") },
  { NULL }
};

/* Runs in the launching process, before any window, so a second launch with
 * --demo-data never touches the database of a running instance half-way. */
static gboolean
fill_demo_data (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) store = pd_store_open (NULL, &error);

  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }

  if (!pd_store_is_empty (store))
    return TRUE;

  if (!pd_demo_fill_store (store, &error))
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }

  return TRUE;
}

static gint
pd_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  g_autofree const char **inputs = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("permitdesk %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &inputs) &&
      !g_variant_dict_contains (options, "verify") && !g_variant_dict_contains (options, "decode"))
    {
      g_printerr (_("Files and codes are only taken with --decode or --verify.\n"));
      return 2;
    }

  if (g_variant_dict_contains (options, "decode"))
    {
      if (inputs == NULL || inputs[0] == NULL)
        {
          g_printerr (_("--decode needs at least one image or PDF file.\n"));
          return 2;
        }
      return pd_scan_cli_decode ((const char * const *) inputs, stdout);
    }

  if (g_variant_dict_contains (options, "verify"))
    {
      if (inputs == NULL || inputs[0] == NULL)
        {
          g_printerr (_("--verify needs at least one file or code.\n"));
          return 2;
        }
      return pd_verify_cli_run ((const char * const *) inputs, stdout);
    }

  if (g_variant_dict_contains (options, "demo-data"))
    return fill_demo_data () ? -1 : 1;

  return -1;
}

static void
pd_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (pd_window_new (PD_APPLICATION (app)));

  gtk_window_present (window);
}

/* ---- the portal ------------------------------------------------------------------ */

static void
on_trust_refreshed_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The trust data stays as it was; the verdicts say when it grows stale. */
  if (!pd_trust_refresh_run_finish (PD_TRUST_REFRESH (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Trust list not refreshed: %s", error->message);
}

static void
refresh_trust (PdApplication *self)
{
  if (self->trust_refresh == NULL)
    {
      PdTrustStore *store = pd_verifier_get_trust_store (pd_application_get_verifier (self));
      g_autofree char *directory = g_build_filename (pd_core_get_data_dir (), "trust", NULL);

      self->trust_refresh = pd_trust_refresh_new (self->portal_client, store, directory);
    }
  pd_trust_refresh_run_async (self->trust_refresh, self->cancellable, on_trust_refreshed_cb, NULL);
}

static void
on_rules_refreshed_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The rules in force stay; the Checklist view shows the version and any change. */
  if (!pd_rules_refresh_run_finish (PD_RULES_REFRESH (source), result, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Rules not refreshed: %s", error->message);
}

static void
refresh_rules (PdApplication *self)
{
  if (self->rules_refresh == NULL)
    {
      PdTrustStore *store = pd_verifier_get_trust_store (pd_application_get_verifier (self));
      g_autofree char *directory = g_build_filename (pd_core_get_data_dir (), "rules", NULL);

      self->rules_refresh = pd_rules_refresh_new (self->portal_client, pd_application_get_rules (self),
                                                  store, directory);
    }
  pd_rules_refresh_run_async (self->rules_refresh, self->cancellable, on_rules_refreshed_cb, NULL);
}

static gboolean
on_trust_refresh_due_cb (gpointer user_data)
{
  PdApplication *self = user_data;

  if (pd_portal_client_get_signed_in (self->portal_client))
    {
      refresh_trust (self);
      refresh_rules (self);
    }
  return G_SOURCE_CONTINUE;
}

/* The rule sets need a session: fetched each time one starts. */
static void
on_signed_in_for_rules_cb (PdApplication *self)
{
  if (pd_portal_client_get_signed_in (self->portal_client))
    refresh_rules (self);
}

static void
on_portal_signed_in_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!pd_portal_client_sign_in_finish (PD_PORTAL_CLIENT (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Not signed in to the portal: %s", error->message);
}

static void
on_portal_session_restored_cb (GObject      *source,
                               GAsyncResult *result,
                               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!pd_portal_client_restore_session_finish (PD_PORTAL_CLIENT (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Portal session not restored: %s", error->message);
}

/* The portal address and demo credentials from the environment, for build-aux/dev run
 * and the tests: only in development builds, so a deployed PermitDesk never takes a
 * password or a portal address from whatever started it. */
static const char *
dev_getenv (const char *name)
{
  if (!g_str_equal (PROFILE, "development"))
    return NULL;

  return g_getenv (name);
}

/* Development and tests only (build-aux/dev run): the session expired, sign in again. */
static char *
env_password (const char *portal_url,
              const char *user,
              gpointer    user_data)
{
  return g_strdup (dev_getenv ("PERMITDESK_PORTAL_PASSWORD"));
}

static void
apply_portal_settings (PdApplication *self)
{
  g_autofree char *url = g_settings_get_string (self->settings, "portal-url");
  g_autofree char *ca_file = g_settings_get_string (self->settings, "portal-ca-file");
  const char *env_url = dev_getenv ("PERMITDESK_PORTAL_URL");

  pd_portal_client_set_base_url (self->portal_client, env_url != NULL && *env_url != '\0' ? env_url : url);
  pd_portal_client_set_tls_ca_file (self->portal_client, *ca_file != '\0' ? ca_file : NULL);
}

static void
on_portal_setting_changed_cb (PdApplication *self,
                              const char    *key,
                              GSettings     *settings)
{
  apply_portal_settings (self);
}

static void
on_signed_in_changed_cb (PdApplication *self)
{
  gboolean signed_in = pd_portal_client_get_signed_in (self->portal_client);

  pd_sync_engine_set_automatic (self->sync_engine, signed_in);
  if (signed_in)
    pd_sync_engine_sync_async (self->sync_engine, self->cancellable, NULL, NULL);
}

/* PERMITDESK_PORTAL_URL overrides the portal-url setting, and PERMITDESK_PORTAL_USER
 * with PERMITDESK_PORTAL_PASSWORD sign in at start: both for demos and tests only, never
 * written to the settings. Otherwise the last signed-in user's session is restored. */
static void
start_portal (PdApplication *self)
{
  const char *env_user = dev_getenv ("PERMITDESK_PORTAL_USER");
  const char *env_password_value = dev_getenv ("PERMITDESK_PORTAL_PASSWORD");
  g_autoptr(PdCredentials) credentials = pd_credentials_new (TRUE);
  g_autoptr(PdPortalOnlineChecker) checker = NULL;
  g_autofree char *user = g_settings_get_string (self->settings, "portal-user");

  self->cancellable = g_cancellable_new ();
  self->portal_client = pd_portal_client_new ("http://127.0.0.1", credentials);
  apply_portal_settings (self);
  g_signal_connect_object (self->settings, "changed::portal-url",
                           G_CALLBACK (on_portal_setting_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::portal-ca-file",
                           G_CALLBACK (on_portal_setting_changed_cb), self, G_CONNECT_SWAPPED);

  checker = pd_portal_online_checker_new (self->portal_client);
  pd_verifier_set_online_checker (pd_application_get_verifier (self), PD_ONLINE_CHECKER (checker));

  if (env_user != NULL && *env_user != '\0' && env_password_value != NULL)
    {
      pd_portal_client_set_password_func (self->portal_client, env_password, NULL, NULL);
      pd_portal_client_sign_in_async (self->portal_client, env_user, env_password_value,
                                      self->cancellable, on_portal_signed_in_cb, NULL);
    }
  else if (*user != '\0')
    pd_portal_client_restore_session_async (self->portal_client, user, self->cancellable,
                                            on_portal_session_restored_cb, NULL);

  /* Automatic sync runs while signed in; edits made meanwhile wait in the outbox. */
  if (self->store != NULL)
    {
      self->sync_engine = pd_sync_engine_new (self->store, self->portal_client);
      g_signal_connect_object (self->portal_client, "notify::signed-in",
                               G_CALLBACK (on_signed_in_changed_cb), self, G_CONNECT_SWAPPED);
    }

  g_signal_connect_object (self->portal_client, "notify::signed-in",
                           G_CALLBACK (on_signed_in_for_rules_cb), self, G_CONNECT_SWAPPED);
  refresh_trust (self);
  self->trust_refresh_id = g_timeout_add_seconds (TRUST_REFRESH_INTERVAL, on_trust_refresh_due_cb, self);
}

static void
pd_application_startup (GApplication *app)
{
  PdApplication *self = PD_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *prefs_accels[] = { "<Control>comma", NULL };
  static const char *help_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (pd_application_parent_class)->startup (app);

  self->settings = g_settings_new ("org.example.PermitDesk");

  /* A database that cannot be opened is reported in the Cases view; it is never
   * replaced by an empty one. */
  self->store = pd_store_open (NULL, &self->store_error);
  if (self->store == NULL)
    g_message ("Cannot open the case database: %s", self->store_error->message);
  else
    self->audit_log = pd_audit_log_new (pd_store_get_db (self->store));

  start_portal (self);

  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", prefs_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay", help_accels);
}

static void
pd_application_dispose (GObject *object)
{
  PdApplication *self = PD_APPLICATION (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->trust_refresh_id, g_source_remove);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->trust_refresh);
  g_clear_object (&self->rules_refresh);
  g_clear_object (&self->rules);
  g_clear_error (&self->rules_error);
  g_clear_object (&self->sync_engine);
  g_clear_object (&self->portal_client);
  g_clear_object (&self->settings);
  g_clear_object (&self->verifier);
  g_clear_object (&self->audit_log);
  g_clear_object (&self->store);
  g_clear_error (&self->store_error);

  G_OBJECT_CLASS (pd_application_parent_class)->dispose (object);
}

static void
on_quit_activated_cb (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  PdApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Close windows first so they save their state. */
  while (windows != NULL)
    {
      GList *next = windows->next;
      gtk_window_close (windows->data);
      windows = next;
    }

  g_application_quit (G_APPLICATION (self));
}

static void
on_preferences_activated_cb (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  PdApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  PdPreferencesWindow *preferences = pd_preferences_window_new (window, self->settings);

  pd_preferences_window_set_portal_client (preferences, self->portal_client);

  gtk_window_present (GTK_WINDOW (preferences));
}

/* The main window, whichever window (Preferences, a dialog) is active. */
static PdWindow *
present_window (PdApplication *self)
{
  g_application_activate (G_APPLICATION (self));

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (PD_IS_WINDOW (l->data))
      return l->data;

  g_return_val_if_reached (NULL);
}

/* From a deadline notification. */
static void
on_show_case_activated_cb (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  PdWindow *window = present_window (user_data);

  if (window != NULL)
    pd_window_show_case (window, g_variant_get_string (parameter, NULL));
}

static void
on_show_view_activated_cb (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  PdWindow *window = present_window (user_data);

  if (window != NULL)
    pd_window_set_visible_view (window, g_variant_get_string (parameter, NULL));
}

/**
 * pd_application_export_audit_log:
 * @path: the CSV file to write (owner-only)
 * @warning: (out) (optional): a translated warning when the log fails its check; the
 *   export is made all the same, so what is there can be examined
 *
 * Returns: whether the file was written
 */
gboolean
pd_application_export_audit_log (PdApplication  *self,
                                 const char     *path,
                                 char          **warning,
                                 GError        **error)
{
  g_autoptr(GError) check_error = NULL;

  g_return_val_if_fail (PD_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->audit_log == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("There is no audit log: the database could not be opened."));
      return FALSE;
    }

  if (warning != NULL)
    *warning = NULL;
  if (!pd_audit_log_check (self->audit_log, &check_error) && warning != NULL)
    *warning = g_strdup_printf (_("The audit log fails its check: %s"), check_error->message);

  return pd_audit_log_export_csv (self->audit_log, path, error);
}

static void
on_audit_log_chosen_cb (GtkNativeDialog *dialog,
                        int              response,
                        gpointer         user_data)
{
  PdApplication *self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *warning = NULL;
  g_autofree char *message = NULL;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      path = g_file_get_path (file);
    }
  g_object_unref (dialog);
  if (path == NULL)
    return;

  if (!pd_application_export_audit_log (self, path, &warning, &error))
    message = g_strdup_printf (_("The audit log was not exported: %s"), error->message);
  else if (warning != NULL)
    message = g_strdup_printf (_("Exported, but beware: %s"), warning);
  else
    message = g_strdup (_("The audit log was exported and passes its check"));

  if (PD_IS_WINDOW (window))
    pd_window_add_toast (PD_WINDOW (window), adw_toast_new (message));
}

static void
on_export_audit_log_activated_cb (GSimpleAction *action,
                                  GVariant      *parameter,
                                  gpointer       user_data)
{
  PdApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Export the Audit Log"), window,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), "audit-log.csv");
  g_signal_connect (dialog, "response", G_CALLBACK (on_audit_log_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
on_about_activated_cb (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  PdApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { "The PermitDesk developers", NULL };

  adw_show_about_window (window,
                         "application-name", _("PermitDesk"),
                         "application-icon", APPLICATION_ID,
                         "developer-name", _("The PermitDesk developers"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Verify, track and prepare China work permits"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "developers", developers,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
pd_application_class_init (PdApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = pd_application_dispose;

  app_class->activate = pd_application_activate;
  app_class->startup = pd_application_startup;
  app_class->handle_local_options = pd_application_handle_local_options;
}

static void
pd_application_init (PdApplication *self)
{
  static const GActionEntry app_actions[] = {
    { "quit", on_quit_activated_cb },
    { "about", on_about_activated_cb },
    { "preferences", on_preferences_activated_cb },
    { "export-audit-log", on_export_audit_log_activated_cb },
    { "show-case", on_show_case_activated_cb, "s" },
    { "show-view", on_show_view_activated_cb, "s" },
  };

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  g_application_add_main_option_entries (G_APPLICATION (self), main_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Verify, track and prepare China work permits."));
}

PdApplication *
pd_application_new (const char *application_id)
{
  g_return_val_if_fail (application_id != NULL, NULL);

  return g_object_new (PD_TYPE_APPLICATION,
                       "application-id", application_id,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/org/example/PermitDesk",
                       NULL);
}

/* The case database, or NULL when it could not be opened (see get_store_error). */
PdStore *
pd_application_get_store (PdApplication *self)
{
  g_return_val_if_fail (PD_IS_APPLICATION (self), NULL);

  return self->store;
}

const GError *
pd_application_get_store_error (PdApplication *self)
{
  g_return_val_if_fail (PD_IS_APPLICATION (self), NULL);

  return self->store_error;
}

/* The verifier over the shipped and the user's trust data (pd_trust_store_new_default). */
PdVerifier *
pd_application_get_verifier (PdApplication *self)
{
  g_return_val_if_fail (PD_IS_APPLICATION (self), NULL);

  if (self->verifier == NULL)
    {
      g_autoptr(PdTrustStore) trust = pd_trust_store_new_default ();

      self->verifier = pd_verifier_new (trust);
    }

  return self->verifier;
}

/**
 * pd_application_get_rules:
 *
 * The one set of rules of the application, shared by the Checklist and Cases views:
 * the shipped rule files, overlaid with the newer sets accepted from the portal and
 * saved in `rules/` of the data folder (each verified again with the trust store).
 *
 * Returns: (transfer none): the rules; not loaded when the rule files are broken
 *   (see pd_application_get_rules_error())
 */
PdRules *
pd_application_get_rules (PdApplication *self)
{
  g_return_val_if_fail (PD_IS_APPLICATION (self), NULL);

  if (self->rules == NULL)
    {
      PdTrustStore *store = pd_verifier_get_trust_store (pd_application_get_verifier (self));
      g_autofree char *saved = g_build_filename (pd_core_get_data_dir (), "rules", NULL);

      self->rules = pd_rules_new (pd_rules_get_default_dir ());
      pd_rules_use_saved_sets (self->rules, store, saved);
      if (!pd_rules_reload (self->rules, &self->rules_error))
        g_message ("The rules cannot be loaded: %s", self->rules_error->message);
    }

  return self->rules;
}

/* Why the rules are not loaded, or NULL. */
const GError *
pd_application_get_rules_error (PdApplication *self)
{
  g_return_val_if_fail (PD_IS_APPLICATION (self), NULL);

  pd_application_get_rules (self);
  return self->rules_error;
}

/**
 * pd_application_dup_default_rules:
 * @error: set when the rules could not be loaded
 *
 * For views: the rules of the running #PdApplication; outside one (tests, demos) rules
 * loaded from the shipped files.
 *
 * Returns: (transfer full): the rules, loaded unless @error is set
 */
PdRules *
pd_application_dup_default_rules (GError **error)
{
  GApplication *app = g_application_get_default ();
  PdRules *rules;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (PD_IS_APPLICATION (app))
    {
      const GError *load_error = pd_application_get_rules_error (PD_APPLICATION (app));

      if (load_error != NULL)
        g_propagate_error (error, g_error_copy (load_error));
      return g_object_ref (pd_application_get_rules (PD_APPLICATION (app)));
    }

  rules = pd_rules_new (pd_rules_get_default_dir ());
  pd_rules_reload (rules, error);
  return rules;
}

/* NULL when the database could not be opened. */
PdSyncEngine *
pd_application_get_sync_engine (PdApplication *self)
{
  g_return_val_if_fail (PD_IS_APPLICATION (self), NULL);

  return self->sync_engine;
}

/* The one portal client of the application: its address and certificate follow the
 * settings, its session is restored at start. */
PdPortalClient *
pd_application_get_portal_client (PdApplication *self)
{
  g_return_val_if_fail (PD_IS_APPLICATION (self), NULL);

  return self->portal_client;
}

/* NULL when the database could not be opened. */
PdAuditLog *
pd_application_get_audit_log (PdApplication *self)
{
  g_return_val_if_fail (PD_IS_APPLICATION (self), NULL);

  return self->audit_log;
}

GSettings *
pd_application_get_settings (PdApplication *self)
{
  g_return_val_if_fail (PD_IS_APPLICATION (self), NULL);

  return self->settings;
}
