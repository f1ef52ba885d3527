/* pd-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-core.h"
#include "pd-preferences-window.h"
#include "pd-sign-in-dialog.h"

struct _PdPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  PdPortalClient       *portal_client;
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;

  AdwComboRow          *role_row;
  AdwEntryRow          *portal_row;
  AdwEntryRow          *operator_row;
  AdwActionRow         *data_dir_row;
  AdwActionRow         *account_row;
  AdwActionRow         *token_file_row;
  AdwActionRow         *ca_file_row;
};

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_PORTAL_CLIENT,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PdPreferencesWindow, pd_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static GParamSpec *properties[N_PROPS];

/* The role enum is stored by nick; the combo row works with positions. */
static const char *role_nicks[] = { "officer", "hr", "applicant" };

static gboolean
role_get_mapping (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (role_nicks); i++)
    {
      if (g_str_equal (nick, role_nicks[i]))
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }

  return FALSE;
}

static GVariant *
role_set_mapping (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  guint position = g_value_get_uint (value);

  if (position >= G_N_ELEMENTS (role_nicks))
    return NULL;

  return g_variant_new_string (role_nicks[position]);
}

static gboolean
is_loopback_host (const char *host)
{
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string (host);

  if (address != NULL)
    return g_inet_address_get_is_loopback (address);
  return g_ascii_strcasecmp (host, "localhost") == 0;
}

/* NULL when @text is a usable portal address, else what is wrong with it. Plain http
 * would carry the password and the session token in clear, so it is only for a portal
 * on this computer (a test or development portal). */
static const char *
check_portal_url (const char *text)
{
  g_autoptr(GUri) uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  const char *scheme;

  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return _("The portal address must start with https:// and name a host");
  scheme = g_uri_get_scheme (uri);
  if (g_strcmp0 (scheme, "https") == 0)
    return NULL;
  if (g_strcmp0 (scheme, "http") != 0)
    return _("The portal address must start with https:// and name a host");
  if (!is_loopback_host (g_uri_get_host (uri)))
    return _("Use https:// for this portal: over http:// the password and session would travel unprotected");
  return NULL;
}

static void
on_portal_row_applied_cb (PdPreferencesWindow *self,
                          AdwEntryRow         *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  const char *problem = check_portal_url (text);

  if (problem != NULL)
    {
      AdwToast *toast = adw_toast_new (problem);

      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  g_settings_set_string (self->settings, "portal-url", text);
}

static const char *
role_label (const char *role)
{
  if (g_strcmp0 (role, "officer") == 0)
    return _("Immigration officer");
  if (g_strcmp0 (role, "hr") == 0)
    return _("HR clerk");
  if (g_strcmp0 (role, "applicant") == 0)
    return _("Applicant");
  return role;
}

static void
update_account (PdPreferencesWindow *self)
{
  gboolean has_client = self->portal_client != NULL;
  gboolean signed_in = has_client && pd_portal_client_get_signed_in (self->portal_client);
  g_autofree char *subtitle = NULL;

  if (!has_client)
    subtitle = g_strdup (_("Not available"));
  else if (signed_in)
    /* Translators: the user name on the portal, then the role */
    subtitle = g_strdup_printf (_("Signed in as “%s”, %s"), pd_portal_client_get_user (self->portal_client),
                                role_label (pd_portal_client_get_role (self->portal_client)));
  else
    subtitle = g_strdup (_("Not signed in"));
  adw_action_row_set_subtitle (self->account_row, subtitle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.sign-in", has_client && !signed_in);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.sign-out", signed_in);
  gtk_widget_set_visible (GTK_WIDGET (self->token_file_row),
                          signed_in && pd_portal_client_get_token_in_file (self->portal_client));
}

static void
update_ca_file (PdPreferencesWindow *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "portal-ca-file");

  adw_action_row_set_subtitle (self->ca_file_row,
                               *path != '\0' ? path : _("None: only the system's certificates are trusted"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.clear-ca-file", *path != '\0');
}

static void
show_error (PdPreferencesWindow *self,
            const char          *message)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
}

static void
on_client_changed_cb (PdPreferencesWindow *self)
{
  update_account (self);
}

static void
sign_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PdPreferencesWindow *self = PD_PREFERENCES_WINDOW (widget);
  PdSignInDialog *dialog = pd_sign_in_dialog_new (GTK_WINDOW (self), self->portal_client);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_signed_out_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(PdPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!pd_portal_client_sign_out_finish (PD_PORTAL_CLIENT (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }
  g_settings_set_string (self->settings, "portal-user", "");
}

static void
sign_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PdPreferencesWindow *self = PD_PREFERENCES_WINDOW (widget);

  pd_portal_client_sign_out_async (self->portal_client, self->cancellable, on_signed_out_cb,
                                   g_object_ref (self));
}

static void
on_ca_file_chosen_cb (PdPreferencesWindow  *self,
                      int                   response,
                      GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autolist(GTlsCertificate) certificates = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL &&
      (path = g_file_get_path (file)) != NULL)
    {
      certificates = g_tls_certificate_list_new_from_file (path, &error);
      if (certificates != NULL)
        g_settings_set_string (self->settings, "portal-ca-file", path);
      else
        {
          message = g_strdup_printf (_("This file holds no certificate in PEM form: %s"),
                                     error != NULL ? error->message : path);
          show_error (self, message);
        }
    }
  g_clear_object (&self->chooser);
}

static void
choose_ca_file_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PdPreferencesWindow *self = PD_PREFERENCES_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Certificates (PEM)"));
  gtk_file_filter_add_pattern (filter, "*.pem");
  gtk_file_filter_add_pattern (filter, "*.crt");
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Certificate for a Private Portal"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_ca_file_chosen_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
clear_ca_file_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PdPreferencesWindow *self = PD_PREFERENCES_WINDOW (widget);

  g_settings_set_string (self->settings, "portal-ca-file", "");
}

/**
 * pd_preferences_window_set_portal_client:
 * @self: the preferences window
 * @client: (nullable): the application's portal client, for signing in and out
 */
void
pd_preferences_window_set_portal_client (PdPreferencesWindow *self,
                                         PdPortalClient      *client)
{
  g_return_if_fail (PD_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (client == NULL || PD_IS_PORTAL_CLIENT (client));

  if (self->portal_client == client)
    return;
  if (self->portal_client != NULL)
    g_signal_handlers_disconnect_by_data (self->portal_client, self);
  g_set_object (&self->portal_client, client);
  if (client != NULL)
    {
      g_signal_connect_object (client, "notify::signed-in", G_CALLBACK (on_client_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (client, "notify::user", G_CALLBACK (on_client_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (client, "notify::role", G_CALLBACK (on_client_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (client, "notify::token-in-file", G_CALLBACK (on_client_changed_cb), self, G_CONNECT_SWAPPED);
    }
  update_account (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORTAL_CLIENT]);
}

static void
pd_preferences_window_constructed (GObject *object)
{
  PdPreferencesWindow *self = PD_PREFERENCES_WINDOW (object);
  g_autofree char *portal_url = NULL;

  G_OBJECT_CLASS (pd_preferences_window_parent_class)->constructed (object);

  g_settings_bind_with_mapping (self->settings, "role",
                                self->role_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                role_get_mapping, role_set_mapping, NULL, NULL);

  g_settings_bind (self->settings, "operator", self->operator_row, "text", G_SETTINGS_BIND_DEFAULT);

  portal_url = g_settings_get_string (self->settings, "portal-url");
  gtk_editable_set_text (GTK_EDITABLE (self->portal_row), portal_url);

  adw_action_row_set_subtitle (self->data_dir_row, pd_core_get_data_dir ());

  g_signal_connect_object (self->settings, "changed::portal-ca-file",
                           G_CALLBACK (update_ca_file), self, G_CONNECT_SWAPPED);
  update_ca_file (self);
  update_account (self);
}

static void
pd_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  PdPreferencesWindow *self = PD_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_PORTAL_CLIENT:
      pd_preferences_window_set_portal_client (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_preferences_window_dispose (GObject *object)
{
  PdPreferencesWindow *self = PD_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->portal_client);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (pd_preferences_window_parent_class)->dispose (object);
}

static void
pd_preferences_window_class_init (PdPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pd_preferences_window_constructed;
  object_class->set_property = pd_preferences_window_set_property;
  object_class->dispose = pd_preferences_window_dispose;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PORTAL_CLIENT] =
    g_param_spec_object ("portal-client", NULL, NULL,
                         PD_TYPE_PORTAL_CLIENT,
                         (G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/PermitDesk/pd-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PdPreferencesWindow, role_row);
  gtk_widget_class_bind_template_child (widget_class, PdPreferencesWindow, portal_row);
  gtk_widget_class_bind_template_child (widget_class, PdPreferencesWindow, operator_row);
  gtk_widget_class_bind_template_child (widget_class, PdPreferencesWindow, data_dir_row);
  gtk_widget_class_bind_template_child (widget_class, PdPreferencesWindow, account_row);
  gtk_widget_class_bind_template_child (widget_class, PdPreferencesWindow, token_file_row);
  gtk_widget_class_bind_template_child (widget_class, PdPreferencesWindow, ca_file_row);
  gtk_widget_class_bind_template_callback (widget_class, on_portal_row_applied_cb);
  gtk_widget_class_install_action (widget_class, "prefs.sign-in", NULL, sign_in_action);
  gtk_widget_class_install_action (widget_class, "prefs.sign-out", NULL, sign_out_action);
  gtk_widget_class_install_action (widget_class, "prefs.choose-ca-file", NULL, choose_ca_file_action);
  gtk_widget_class_install_action (widget_class, "prefs.clear-ca-file", NULL, clear_ca_file_action);
}

static void
pd_preferences_window_init (PdPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

PdPreferencesWindow *
pd_preferences_window_new (GtkWindow *parent,
                           GSettings *settings)
{
  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (PD_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", TRUE,
                       "settings", settings,
                       NULL);
}
